// Package lessons holds the default course's lessons, embedded in the binary
// so the tutor works offline.
package lessons

import "embed"

// FS holds NN-slug.md lessons and translation folders such as th/.
//
//go:embed *.md th/*.md
var FS embed.FS
