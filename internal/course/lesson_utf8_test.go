package course

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestALessonThatIsNotUTF8IsOneProblem(t *testing.T) {
	l, ps := ParseLesson("l.md", []byte("---\nid: a\ntitle: A\n---\nIt\x92s the loop.\n"))
	assert.Nil(t, l)
	require.Equal(t, []string{"l.md:5:3 not-utf8"}, brief(ps))
	assert.Contains(t, ps[0].Message, "byte 0x92 is not UTF-8 (in Windows-1252, ’): saved as Windows-1252? save the file as UTF-8")

	lessons := fstest.MapFS{
		"01-limits.md": file("---\nid: limits\ntitle: Limits\nquiz: limits-quiz\n---\n\x93Semaphores\x94\n"),
		"02-more.md":   file("---\nid: more\ntitle: More\n---\n"),
	}
	quizzes := fstest.MapFS{"01-limits.yaml": file(limitsQuiz)}
	assert.Equal(t, []string{"lessons/01-limits.md:6:1 not-utf8"}, loadCourse(t, lessons, quizzes), "its quiz is not reported unused")
}
