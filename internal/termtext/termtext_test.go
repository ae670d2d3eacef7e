package termtext

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClean(t *testing.T) {
	cases := map[string]string{
		"plain text":                       "plain text",
		"keeps\nnewline\tand tab":          "keeps\nnewline\tand tab",
		"bell\a and esc\x1b]52;c;aGk=\a":   "bell and esc",
		"carriage\rreturn":                 "carriagereturn",
		"del\x7f":                          "del",
		"c1 \u009b31m csi":                 "c1 31m csi",
		"bad \xff\xfe utf8":                "bad  utf8",
		"ไทย ใช้ได้ ✓":                     "ไทย ใช้ได้ ✓",
		"literal replacement \uFFFD stays": "literal replacement \uFFFD stays",
	}
	for in, want := range cases {
		assert.Equal(t, want, Clean(in), "%q", in)
	}
}

func TestLine(t *testing.T) {
	assert.Equal(t, "a b c", Line("a\nb\tc\x1b"))
	assert.Equal(t, "red", Clean("\x1b[31mred\x1b[0m"), "Clean keeps no style either")
}

func TestCleanDoesNotAllocateForCleanText(t *testing.T) {
	s := "The event loop hands the turn to one coroutine at a time. ไทย"
	allocs := testing.AllocsPerRun(100, func() { _ = Clean(s) })
	assert.Zero(t, allocs)
}
