package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// forgedName is a lesson file name that, printed raw, ends one line and
// starts another that GitHub Actions obeys.
const forgedName = "03-x\n::error file=README.md,line=1::forged.md"

// courseWithLesson is twoLessonCourse plus a third lesson in a file named
// name, whose front matter adds extra.
func courseWithLesson(t *testing.T, name, extra string) string {
	t.Helper()
	dir := twoLessonCourse(t)
	writeFile(t, filepath.Join(dir, "lessons", name), "---\nid: third\ntitle: Third\n"+extra+"---\n\nText.\n")
	return dir
}

// noWorkflowCommand fails when a line of out would be read by a GitHub
// runner as a command: the runner trims leading space before it looks.
func noWorkflowCommand(t *testing.T, what, out string) {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		assert.False(t, strings.HasPrefix(strings.TrimSpace(line), "::"), "%s printed a workflow command: %q", what, line)
	}
}

func TestAFileNameCannotForgeAWorkflowCommand(t *testing.T) {
	stateHome(t)
	dir := courseWithLesson(t, forgedName, "")
	for _, args := range [][]string{
		{"list", "--course", dir},
		{"progress", "--course", dir},
		{"--plain", "--course", dir},
	} {
		r := runCLI(t, "total: 2\n", args...)
		assert.Equal(t, exitUsage, r.code, "%v refuses a course with errors", args)
		noWorkflowCommand(t, args[0], r.stdout+r.stderr)
		assert.Contains(t, r.stderr, "03-x<U+000A>::error file=README.md,line=1::forged.md:", "%v shows the newline in the name", args)
	}

	// With an order: key the name is allowed, and the course is usable.
	dir = courseWithLesson(t, forgedName, "order: 3\n")
	for _, args := range [][]string{
		{"list", "--course", dir},
		{"grade", "--course", dir, "--quiz", "waits", "--answers", "-"},
		{"progress", "--course", dir},
	} {
		r := runCLI(t, "total: 2\n", args...)
		assert.NotEqual(t, exitUsage, r.code, "%v: %s", args, r.stderr)
		noWorkflowCommand(t, args[0], r.stdout+r.stderr)
	}
}

func TestAnErrorPrintsNoLineOfItsOwnForQuotedText(t *testing.T) {
	var b strings.Builder
	writeLogError(&b, "cannot open x\n::error file=a::forged\nsecond line")
	assert.Equal(t, "asyncio-tutor: cannot open x\nasyncio-tutor: ::error file=a::forged\nasyncio-tutor: second line\n", b.String())
}

func TestSpoofingCharactersInATitleAreShown(t *testing.T) {
	stateHome(t)
	dir := twoLessonCourse(t)
	writeFile(t, filepath.Join(dir, "lessons", "02-gathers.md"),
		"---\nid: gathers\ntitle: \"Gath\u202eers\u200b\"\nsummary: Together.\n---\n\nText.\n")
	const shown = "Gath<U+202E>ers<U+200B>"

	list := runCLI(t, "", "list", "--course", dir)
	require.Equal(t, exitOK, list.code, list.stderr)
	assert.Contains(t, list.stdout, shown)
	assert.NotContains(t, list.stdout, "\u202e")

	plain := runCLI(t, "q\n", "--plain", "--course", dir)
	require.Equal(t, exitOK, plain.code, plain.stderr)
	assert.Contains(t, plain.stdout, " 2. "+shown+" (new)")
	assert.NotContains(t, plain.stdout, "\u202e")
	assert.NotContains(t, plain.stdout, "\u200b")

	progress := runCLI(t, "", "progress", "--course", dir)
	require.Equal(t, exitOK, progress.code, progress.stderr)
	assert.Contains(t, progress.stdout, shown)
}

func TestSpoofingCharactersInAFileNameAreShownByCheck(t *testing.T) {
	dir := courseWithLesson(t, "03-x\u202edm.\u200bevil.md", "")
	for format, want := range map[string]string{
		"text":   "03-x<U+202E>dm.<U+200B>evil.md:",
		"github": "03-x<U+202E>dm.<U+200B>evil.md,",
		"junit":  "03-x&lt;U+202E&gt;dm.&lt;U+200B&gt;evil.md",
	} {
		r := runCLI(t, "", "check", dir, "--format", format)
		assert.Equal(t, exitFail, r.code, r.stdout)
		assert.Contains(t, r.stdout, want, format)
		assert.NotContains(t, r.stdout, "\u202e", format)
		assert.NotContains(t, r.stdout, "\u200b", format)
	}
	text := runCLI(t, "", "check", courseWithLesson(t, forgedName, ""))
	noWorkflowCommand(t, "check", text.stdout)
	assert.Contains(t, text.stdout, "03-x<U+000A>::error")
}
