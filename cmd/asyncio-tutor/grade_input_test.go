package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func gradeGood(t *testing.T, answers string) result {
	t.Helper()
	return runCLI(t, answers, "grade", "--course", goodCourse, "--quiz", "waits", "--answers", "-")
}

func TestGradeRefusesAnswersThatAreNotItems(t *testing.T) {
	r := gradeGood(t, "steps: [start, sleep, print]\n")
	assert.Equal(t, exitUsage, r.code, r.stdout)
	assert.Contains(t, r.stderr, `-:1:16: error: question "steps" (order): "sleep" is not one of its items; answer with a list of its items, each once, in your order:`)
	assert.Empty(t, r.stdout, "nothing is graded")
}

func TestGradeRefusesBlanksGivenAsOneString(t *testing.T) {
	r := gradeGood(t, "total: 2\nkeywords: async await\n")
	assert.Equal(t, exitUsage, r.code, r.stdout)
	assert.Contains(t, r.stderr, `-:2:11: error: question "keywords" (text): the prompt has 2 blanks, so answer with a list of 2 words`)
}

func TestGradeRefusesAnEmptyAnswersFile(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "answers.yaml")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	r := runCLI(t, "", "grade", "--course", goodCourse, "--quiz", "waits", "--answers", empty)
	assert.Equal(t, exitUsage, r.code, r.stdout)
	assert.Contains(t, r.stderr, empty+`:1:1: error: the answers file has no answers; write one question-id: answer line per question of quiz "waits", e.g. total: 2`)
	assert.NotContains(t, r.stderr, "no documents in stream")
}

// courseWithBrokenQuiz is the good course plus a quiz file with an error.
func courseWithBrokenQuiz(t *testing.T, broken string) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(goodCourse)))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "quizzes", "02-broken.yaml"), []byte(broken), 0o644))
	return dir
}

func TestGradeAQuizWhenOnlyOtherQuizzesHaveErrors(t *testing.T) {
	for name, broken := range map[string]string{
		"syntax":      "id: broken\ntitle: [Broken\n",
		"unknown key": "id: broken\ntitle: Broken\nquestons: []\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := courseWithBrokenQuiz(t, broken)
			r := runCLI(t, "total: 2\nio-bound: [1, 2]\nkeywords: [async, await]\nseconds: 2 s\nsteps: [start, wait, print]\n",
				"grade", "--course", dir, "--quiz", "waits", "--answers", "-")
			assert.Equal(t, exitOK, r.code, r.stderr)
			assert.Contains(t, r.stdout, "score 100%")
		})
	}
}

func TestGradeRefusesAQuizWithErrorsOfItsOwn(t *testing.T) {
	dir := courseWithBrokenQuiz(t, "id: broken\ntitle: Broken\nquestons: []\n")
	r := runCLI(t, "x: 1\n", "grade", "--course", dir, "--quiz", "broken", "--answers", "-")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "the course has errors, the first: ")
	assert.Contains(t, r.stderr, "02-broken.yaml:3:1")

	unreadable := courseWithBrokenQuiz(t, "id: broken\ntitle: [Broken\n")
	r = runCLI(t, "x: 1\n", "grade", "--course", unreadable, "--quiz", "broken", "--answers", "-")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, `has no quiz "broken", or it is in a file with errors`)
	assert.Contains(t, r.stderr, "02-broken.yaml:")
}

// The example in `grade --help` is run as written against the built-in
// course: a user copies it first, so it must be graded, not refused.
func TestGradeHelpExampleWorksOnTheBuiltInCourse(t *testing.T) {
	example := newGradeCmd().Example
	command, file, found := strings.Cut(example, "# answers.yaml\n")
	require.True(t, found, "the example shows an answers.yaml:\n%s", example)
	var answers strings.Builder
	for _, line := range strings.Split(file, "\n") {
		answers.WriteString(strings.TrimPrefix(line, "  ") + "\n")
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "answers.yaml"), []byte(answers.String()), 0o644))
	t.Chdir(dir)

	args := strings.Fields(strings.TrimSpace(command))
	require.Equal(t, "asyncio-tutor", args[0])
	r := runCLI(t, "", args[1:]...)
	require.Contains(t, []int{exitOK, exitFail}, r.code, "graded, not refused: %s", r.stderr)
	assert.Empty(t, r.stderr)
	answered := 0
	for _, line := range strings.Split(answers.String(), "\n") {
		id, _, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(id) == "" {
			continue
		}
		answered++
		assert.Regexp(t, `\d+\. `+id+`\s+right\n`, r.stdout, "the example's answer to %s is right", id)
	}
	assert.GreaterOrEqual(t, answered, 3)
}

// grade refuses a quiz for errors in its own file only, so the file named
// in its message is the quiz's: a hostile name there is shown, not obeyed.
func TestGradeShowsAHostileQuizFileNameSafely(t *testing.T) {
	dir := twoLessonCourse(t)
	writeFile(t, filepath.Join(dir, "quizzes", "02-x\n::error file=README.md,line=1::forged.yaml"), "id: forged\ntitle: F\nquestons: []\n")
	r := runCLI(t, "x: 1\n", "grade", "--course", dir, "--quiz", "forged", "--answers", "-")
	assert.Equal(t, exitUsage, r.code, r.stdout)
	noWorkflowCommand(t, "grade", r.stdout+r.stderr)
	assert.Contains(t, r.stderr, "02-x<U+000A>::error file=README.md,line=1::forged.yaml:")
}
