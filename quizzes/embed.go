// Package quizzes holds the default course's quizzes, embedded in the binary.
package quizzes

import "embed"

// FS holds NN-slug.yaml quizzes and translation folders such as th/.
//
//go:embed *.yaml th/*.yaml
var FS embed.FS
