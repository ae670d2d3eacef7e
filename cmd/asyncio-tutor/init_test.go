package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

func TestInitWritesACourseThatCheckPasses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-course")
	r := runCLI(t, "", "init", dir)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "lessons/th/01-first.md")
	assert.Contains(t, r.stdout, "next: asyncio-tutor check "+dir)

	checked := runCLI(t, "", "check", dir, "--format", "json")
	require.Equal(t, exitOK, checked.code, checked.stdout+checked.stderr)
	var report struct {
		Problems []course.Problem `json:"problems"`
		Skips    []course.Problem `json:"skips"`
		Files    int              `json:"files"`
	}
	require.NoError(t, json.Unmarshal([]byte(checked.stdout), &report))
	assert.Empty(t, report.Problems, "no error and no warning")
	assert.Empty(t, report.Skips, "model: loop proves the output key exactly, everywhere")
	assert.Equal(t, 5, report.Files)

	c, problems := course.Load(context.Background(), course.Dir(dir))
	require.Empty(t, problems)
	assert.Equal(t, "My asyncio course", c.Title())
	assert.Equal(t, []string{"th"}, c.Langs())
	require.Len(t, c.Quizzes, 1)
	var types []course.QuestionType
	for _, q := range c.Quizzes[0].Questions {
		types = append(types, q.Type)
		if q.Type == course.Output {
			assert.Equal(t, "loop", string(q.Model))
		}
	}
	assert.ElementsMatch(t, course.QuestionTypes, types, "one question of every type")
	require.Len(t, c.Lessons, 1)
	assert.Equal(t, "sequential", c.Lessons[0].Examples()[0].Name)

	schema, err := os.ReadFile(filepath.Join(dir, "quizzes", "schema.json"))
	require.NoError(t, err)
	assert.Equal(t, course.QuizSchema(), schema)
}

func TestInitNeverWritesIntoAFolderThatHoldsSomething(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "notes.txt"), "mine")
	r := runCLI(t, "", "init", dir)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "exists and is not empty")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "nothing written")

	file := filepath.Join(dir, "notes.txt")
	r = runCLI(t, "", "init", file)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "is a file")

	empty := t.TempDir()
	assert.Equal(t, exitOK, runCLI(t, "", "init", empty).code, "an empty folder is fine")
	assert.Equal(t, exitUsage, runCLI(t, "", "init").code, "init needs DIR")
}

func TestTheCourseTitleIsShown(t *testing.T) {
	stateHome(t)
	dir := filepath.Join(t.TempDir(), "c")
	require.Equal(t, exitOK, runCLI(t, "", "init", dir).code)
	writeFile(t, filepath.Join(dir, "course.yaml"), "title: \"Async\u202e live\"\nsummary: One loop\n")

	list := runCLI(t, "", "list", "--course", dir)
	require.Equal(t, exitOK, list.code, list.stderr)
	assert.True(t, strings.HasPrefix(list.stdout, "Async<U+202E> live\n\n#"), list.stdout)

	asJSON := runCLI(t, "", "list", "--course", dir, "--format", "json")
	require.Equal(t, exitOK, asJSON.code, asJSON.stderr)
	var listed struct {
		Course struct{ Title, Summary string } `json:"course"`
	}
	require.NoError(t, json.Unmarshal([]byte(asJSON.stdout), &listed))
	assert.Equal(t, "Async\u202e live", listed.Course.Title, "JSON carries the text itself")
	assert.Equal(t, "One loop", listed.Course.Summary)

	plain := runCLI(t, "q\n", "--plain", "--course", dir)
	require.Equal(t, exitOK, plain.code, plain.stderr)
	assert.True(t, strings.HasPrefix(plain.stdout, "Async<U+202E> live: One loop\n"), plain.stdout)
}

func TestCheckExplainsEveryRule(t *testing.T) {
	r := runCLI(t, "", "check", "--explain", "unknown-key")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "unknown-key (error)\n"), r.stdout)
	assert.Contains(t, r.stdout, "How to fix: ")

	near := runCLI(t, "", "check", "--explain", "unkown-key")
	assert.Equal(t, exitUsage, near.code)
	assert.Contains(t, near.stderr, `did you mean "unknown-key"?`)

	far := runCLI(t, "", "check", "--explain", "zzzzzzzz")
	assert.Equal(t, exitUsage, far.code)
	assert.Contains(t, far.stderr, "the rules are bad-file-name, bad-id,")

	assert.Equal(t, exitUsage, runCLI(t, "", "check", "--explain", "").code)
}

func TestTheTextReportSaysWhereRulesLead(t *testing.T) {
	bad := runCLI(t, "", "check", badCourse)
	require.Equal(t, exitFail, bad.code)
	assert.Equal(t, 1, strings.Count(bad.stdout, "asyncio-tutor check --explain RULE"))
	lines := strings.Split(strings.TrimSpace(bad.stdout), "\n")
	assert.True(t, slices.Contains(lines[len(lines)-3:], "asyncio-tutor check --explain RULE explains a rule"), "just above the summary")

	good := runCLI(t, "", "check")
	require.Equal(t, exitOK, good.code, good.stdout)
	assert.NotContains(t, good.stdout, "--explain")
}

func TestSchemaOfCourseYAML(t *testing.T) {
	r := runCLI(t, "", "schema", "course")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, string(course.CourseSchema()), r.stdout)
	assert.Equal(t, string(course.QuizSchema()), runCLI(t, "", "schema", "quiz").stdout)
	bad := runCLI(t, "", "schema", "lesson")
	assert.Equal(t, exitUsage, bad.code)
	assert.Contains(t, bad.stderr, "use quiz or course")
}
