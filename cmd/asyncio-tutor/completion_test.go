package main

import (
	"context"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/check"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
)

// complete runs cobra's hidden __complete command in-process, as a shell's
// completion script does, and returns the candidates (descriptions cut)
// and the directive line.
func complete(t *testing.T, args ...string) (candidates []string, directive string) {
	t.Helper()
	r := runCLI(t, "", append([]string{"__complete"}, args...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.NotEmpty(t, lines)
	for _, line := range lines[:len(lines)-1] {
		word, _, _ := strings.Cut(line, "\t")
		candidates = append(candidates, word)
	}
	return candidates, lines[len(lines)-1]
}

func TestCompletionOffersFixedChoices(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"check", "--format", ""}, check.Formats},
		{[]string{"list", "--format", ""}, []string{"text", "json"}},
		{[]string{"progress", "--format", ""}, []string{"text", "json"}},
		{[]string{"run", "gather", "--format", ""}, []string{"text", "json", "chrome"}},
		{[]string{"run", "gather", "--model", ""}, []string{"goroutines", "loop", "python"}},
		{[]string{"run", ""}, examples.Names()},
		{[]string{"run", "gather", "--param", ""}, []string{"delay1=", "delay2=", "delay3=", "fail="}},
	} {
		got, directive := complete(t, tc.args...)
		assert.Equal(t, tc.want, got, "%q", tc.args)
		assert.NotEqual(t, ":0", directive, "%q: offering file names too", tc.args)
	}
}

func TestCompletionReadsTheCourseTheFlagsName(t *testing.T) {
	langs, _ := complete(t, "--lang", "")
	assert.Equal(t, []string{"en", "th"}, langs)
	langs, _ = complete(t, "list", "--course", goodCourse, "--lang", "")
	assert.Equal(t, []string{"en", "th"}, langs)

	builtIn, _ := complete(t, "grade", "--quiz", "")
	assert.Contains(t, builtIn, "event-loop")
	quizzes, _ := complete(t, "grade", "--course", goodCourse, "--quiz", "")
	assert.Equal(t, []string{"waits"}, quizzes)

	lessons, _ := complete(t, "progress", "reset", "")
	assert.Contains(t, lessons, "gathering-results")
	lessons, _ = complete(t, "progress", "reset", "--course", goodCourse, "")
	assert.Equal(t, []string{"waits"}, lessons)
	none, _ := complete(t, "progress", "reset", "waits", "")
	assert.Empty(t, none, "reset takes one lesson")
}

func TestCompletionOfAMissingCourseOffersNothing(t *testing.T) {
	got, directive := complete(t, "grade", "--course", t.TempDir()+"/nope", "--quiz", "")
	assert.Empty(t, got)
	assert.Equal(t, ":4", directive, "no file names either")
}

// A course that cannot be read before the shell's user gives up offers
// nothing: the load stops with its context.
func TestCompletionCourseStopsWithItsContext(t *testing.T) {
	cmd := &cobra.Command{}
	cmd.Flags().String("course", "", "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cmd.SetContext(ctx)
	assert.Nil(t, completionCourse(cmd, nil))
	cmd.SetContext(context.Background())
	assert.NotNil(t, completionCourse(cmd, nil))
}

func TestCompletionLeavesOutIdsTheShellCannotTake(t *testing.T) {
	got := appendCompletion(nil, "two words", "t")
	got = appendCompletion(got, "tab\there", "t")
	got = appendCompletion(got, "ok", "a title\nwith a break")
	assert.Equal(t, []cobra.Completion{"ok\ta title with a break"}, got)
}

func BenchmarkCompleteQuizIDs(b *testing.B) {
	for b.Loop() {
		run(context.Background(), []string{"__complete", "grade", "--quiz", ""}, strings.NewReader(""), &strings.Builder{}, &strings.Builder{})
	}
}
