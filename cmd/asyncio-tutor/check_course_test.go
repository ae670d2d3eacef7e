package main

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// warningsOnlyCourse writes a course whose one problem is a warning: a
// multi question with every choice correct.
func warningsOnlyCourse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"lessons/01-a.md": "---\nid: a\ntitle: A\nquiz: q\n---\nText.\n",
		"quizzes/01-q.yaml": `id: q
title: Q
questions:
  - id: m
    type: multi
    prompt: Which are true?
    choices:
      - text: One
        correct: true
      - text: Two
        correct: true
    explanation: Both.
`,
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	}
	return dir
}

func firstLine(s string) string { return strings.SplitN(s, "\n", 2)[0] }

// A bare `check` in a course folder checks that folder: a CI step written
// `asyncio-tutor check` must not pass on the built-in course instead.
func TestCheckWithoutDirChecksTheCourseInTheCurrentFolder(t *testing.T) {
	bad, err := filepath.Abs(badCourse)
	require.NoError(t, err)
	t.Chdir(bad)
	r := runCLI(t, "", "check")
	assert.Equal(t, exitFail, r.code, r.stdout)
	assert.Equal(t, "checking the course in ./", firstLine(r.stdout))
	assert.Contains(t, r.stdout, "lessons/01-unknown-key.md:4:1: error:")
}

func TestCheckWithoutDirFindsAnyPartOfACourse(t *testing.T) {
	for _, part := range []string{"course.yaml", "lessons", "quizzes"} {
		t.Run(part, func(t *testing.T) {
			dir := t.TempDir()
			if part == "course.yaml" {
				require.NoError(t, os.WriteFile(filepath.Join(dir, part), nil, 0o644))
			} else {
				require.NoError(t, os.Mkdir(filepath.Join(dir, part), 0o755))
			}
			t.Chdir(dir)
			r := runCLI(t, "", "check")
			assert.Equal(t, "checking the course in ./", firstLine(r.stdout))
			assert.Equal(t, exitFail, r.code, "a course folder with nothing in it fails: %s", r.stdout)
		})
	}
}

func TestCheckWithoutDirOutsideACourseChecksTheBuiltInOne(t *testing.T) {
	t.Chdir(t.TempDir())
	r := runCLI(t, "", "check")
	assert.Equal(t, exitOK, r.code, r.stdout)
	assert.Equal(t, "checking the built-in course", firstLine(r.stdout))
}

func TestCheckTakesCourseFlag(t *testing.T) {
	flag := runCLI(t, "", "check", "--course", badCourse)
	assert.Equal(t, exitFail, flag.code, flag.stdout+flag.stderr)
	assert.Equal(t, "checking the course in "+badCourse, firstLine(flag.stdout))
	positional := runCLI(t, "", "check", badCourse)
	assert.Equal(t, positional.stdout, flag.stdout, "--course DIR is the same as DIR")

	same := runCLI(t, "", "check", goodCourse, "--course", goodCourse+"/")
	assert.Equal(t, exitOK, same.code, same.stderr)

	both := runCLI(t, "", "check", goodCourse, "--course", badCourse)
	assert.Equal(t, exitUsage, both.code)
	assert.Contains(t, both.stderr, "two course folders")

	missing := runCLI(t, "", "check", "--course", filepath.Join(t.TempDir(), "nope"))
	assert.Equal(t, exitUsage, missing.code)
	assert.Contains(t, missing.stderr, "cannot open course folder")
}

// Machine formats keep standard output to the report alone; which course
// was checked goes to standard error.
func TestCheckMachineFormatsSayWhichCourseOnStderr(t *testing.T) {
	j := runCLI(t, "", "check", goodCourse, "--format", "json")
	require.Equal(t, exitOK, j.code, j.stderr)
	var report map[string]any
	require.NoError(t, json.Unmarshal([]byte(j.stdout), &report), "stdout is one JSON document")
	assert.Equal(t, "checking the course in "+goodCourse+"\n", j.stderr)

	x := runCLI(t, "", "check", goodCourse, "--format", "junit")
	require.Equal(t, exitOK, x.code, x.stderr)
	assert.NoError(t, xml.Unmarshal([]byte(x.stdout), new(struct{})), "stdout is one XML document")
	assert.Contains(t, x.stderr, "checking the course in ")

	gh := runCLI(t, "", "check", goodCourse, "--format", "github")
	assert.NotContains(t, gh.stdout, "checking the course")
	assert.Contains(t, gh.stderr, "checking the course in ")
}

func TestCheckStrictFailsOnWarnings(t *testing.T) {
	dir := warningsOnlyCourse(t)
	lenient := runCLI(t, "", "check", dir)
	assert.Equal(t, exitOK, lenient.code, lenient.stdout)
	assert.Contains(t, lenient.stdout, "warning:")

	strict := runCLI(t, "", "check", dir, "--strict")
	assert.Equal(t, exitFail, strict.code, strict.stdout)
	assert.Contains(t, strict.stdout, "quizzes/01-q.yaml:8:7: error:")
	assert.Contains(t, strict.stdout, "[multi-all-correct]")
	assert.Contains(t, strict.stdout, "1 passed, 1 failed", "the quiz file fails, the lesson passes")

	clean := runCLI(t, "", "check", goodCourse, "--strict")
	assert.Equal(t, exitOK, clean.code, "a course without warnings passes --strict: %s", clean.stdout)
}
