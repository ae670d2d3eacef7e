// Package asynciotutor holds the built-in course's course.yaml, embedded
// like its lessons/ and quizzes/, which sit beside it.
package asynciotutor

import "embed"

// CourseFS holds course.yaml, the built-in course's title and languages.
//
//go:embed course.yaml
var CourseFS embed.FS
