package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
)

func TestPlainSession(t *testing.T) {
	path := stateHome(t)
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("COLUMNS", "60")
	t.Setenv("LANG", "C.UTF-8")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	// Lesson 1, no run, the quiz: a bad number re-asked, then every answer
	// up to the order question, where input ends.
	r := runCLI(t, "1\nn\nt\n7\n2\n1 2\nasync\nawait\n2 s\n", "--plain", "--course", goodCourse)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.NotContains(t, r.stdout, "\x1b")
	for _, want := range []string{
		"asyncio-tutor: the course in " + goodCourse + "\n1 lesson.\n",
		" 1. Waits (new)\n",
		"Lesson 1 of 1: Waits\nTwo waits.\n",
		"Run example sequential now? [y/N] ",
		"End of lesson 1: Waits.\nt take the quiz, m menu, q quit [t]: ",
		"There is no 7: the numbers go from 1 to 3. Try again, or q\nto quit.\n", // wrapped at $COLUMNS
		"Question 5 of 5, put in order:\nOrder the steps.\n",
	} {
		assert.Contains(t, r.stdout, want)
	}
	assert.True(t, strings.HasSuffix(r.stdout, "separated by spaces: \n"), r.stdout)

	// Read, but no attempt: the quiz was not finished.
	store, err := progress.Open(path)
	require.NoError(t, err)
	defer store.Close()
	p := store.Snapshot().Courses[progress.CourseKey(goodCourse)]
	require.NotNil(t, p)
	assert.True(t, p.Lessons["waits"].Read())
	assert.Empty(t, p.Lessons["waits"].QuizAttempts)
}

func TestPlainInThai(t *testing.T) {
	stateHome(t)
	r := runCLI(t, "q\n", "--plain", "--lang", "th", "--course", goodCourse)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, " 1. การรอ (new)\n")
	assert.True(t, strings.HasSuffix(r.stdout, "q to quit: Goodbye.\n"), r.stdout)
}

func TestDumbTerminalPlaysPlain(t *testing.T) {
	stateHome(t)
	t.Setenv("TERM", "dumb")
	// Without --plain and without a terminal: TERM=dumb still plays, line by line.
	r := runCLI(t, "", "--course", goodCourse)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "1 lesson.\n")
	assert.Contains(t, r.stdout, "Lesson number, c to continue (lesson 1), q to quit: \n")
	assert.NotContains(t, r.stdout, "\x1b")
	assert.NotContains(t, r.stderr, "not one")
}

func TestPlainRefusesWatch(t *testing.T) {
	stateHome(t)
	r := runCLI(t, "", "--plain", "--watch", "--course", goodCourse)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "--watch needs the full-screen player")
}
