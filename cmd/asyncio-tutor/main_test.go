package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

type result struct {
	code           int
	stdout, stderr string
}

func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return result{code, out.String(), errOut.String()}
}

const badCourse = "../../internal/check/testdata/bad"

func TestCheckExitCodes(t *testing.T) {
	ok := runCLI(t, "", "check")
	assert.Equal(t, exitOK, ok.code, ok.stdout+ok.stderr)
	assert.True(t, strings.HasSuffix(ok.stdout, " passed, 0 failed\n"), ok.stdout)

	bad := runCLI(t, "", "check", badCourse)
	assert.Equal(t, exitFail, bad.code)
	assert.Contains(t, bad.stdout, "01-unknown-key.md:4:1: error:")
	assert.Empty(t, bad.stderr, "a failed check says everything in its report")

	missing := runCLI(t, "", "check", filepath.Join(t.TempDir(), "nope"))
	assert.Equal(t, exitUsage, missing.code)
	assert.Contains(t, missing.stderr, "cannot open course folder")

	assert.Equal(t, exitUsage, runCLI(t, "", "check", "--format", "xml").code)
	assert.Equal(t, exitUsage, runCLI(t, "", "check", "a", "b").code)
	assert.Equal(t, exitUsage, runCLI(t, "", "no-such-command").code)
}

func TestCheckJSON(t *testing.T) {
	r := runCLI(t, "", "check", badCourse, "--format", "json")
	require.Equal(t, exitFail, r.code)
	var report struct {
		Problems []course.Problem `json:"problems"`
		Files    int              `json:"files"`
		Errors   int              `json:"errors"`
		Warnings int              `json:"warnings"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &report))
	assert.Equal(t, 23, report.Files)
	assert.Equal(t, len(report.Problems), report.Errors+report.Warnings)
	assert.Positive(t, report.Errors)
}

func TestCheckFileIsNotAFolder(t *testing.T) {
	r := runCLI(t, "", "check", "main.go")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "main.go is a file")
}

func TestList(t *testing.T) {
	r := runCLI(t, "", "list", "--format", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var listed struct {
		Lessons []listedLesson `json:"lessons"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &listed))
	require.NotEmpty(t, listed.Lessons)
	first := listed.Lessons[0]
	assert.NotEmpty(t, first.ID)
	assert.NotEmpty(t, first.Title)
	assert.NotEmpty(t, first.Examples)

	text := runCLI(t, "", "list")
	assert.Contains(t, text.stdout, first.ID)

	assert.Equal(t, exitUsage, runCLI(t, "", "list", "--lang", "xx").code)
	broken := runCLI(t, "", "list", "--course", badCourse)
	assert.Equal(t, exitUsage, broken.code)
	assert.Contains(t, broken.stderr, "asyncio-tutor check "+badCourse)
}

const goodCourse = "../../internal/check/testdata/good"

func TestGrade(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(dir, "answers.yaml")
	right := "total: 2\nio-bound: [1, 2]\nkeywords: [async, AWAIT]\nseconds: 2.0 s\nsteps: [start, wait, print]\n"
	require.NoError(t, os.WriteFile(answers, []byte(right), 0o644))
	pass := runCLI(t, "", "grade", "--course", goodCourse, "--quiz", "waits", "--answers", answers)
	assert.Equal(t, exitOK, pass.code, pass.stdout+pass.stderr)
	assert.Contains(t, pass.stdout, "score 100% (pass mark 70%): passed")

	fail := runCLI(t, "total: 1\n", "grade", "--course", goodCourse, "--quiz", "waits", "--answers", "-")
	assert.Equal(t, exitFail, fail.code)
	assert.Contains(t, fail.stdout, "not answered")
	assert.Contains(t, fail.stdout, "feedback: That is the overlapped time.")
	assert.Contains(t, fail.stdout, "right answer: 2. 2 s")

	thai := runCLI(t, "seconds: 2 วินาที\n", "grade", "--course", goodCourse, "--lang", "th", "--quiz", "waits", "--answers", "-")
	assert.Equal(t, exitFail, thai.code)
	assert.Contains(t, thai.stdout, "การรอ (waits)")
	assert.Regexp(t, `seconds\s+right`, thai.stdout)

	bad := runCLI(t, "total: 9\n", "grade", "--course", goodCourse, "--quiz", "waits", "--answers", "-")
	assert.Equal(t, exitUsage, bad.code)
	assert.Contains(t, bad.stderr, "-:1:8: error: question \"total\" (single): there is no choice 9")

	assert.Equal(t, exitUsage, runCLI(t, "", "grade", "--course", goodCourse, "--quiz", "nope", "--answers", answers).code)
	assert.Equal(t, exitUsage, runCLI(t, "", "grade", "--course", goodCourse, "--quiz", "waits", "--answers", filepath.Join(dir, "missing.yaml")).code)
	assert.Equal(t, exitUsage, runCLI(t, "", "grade").code)
}

func TestSchema(t *testing.T) {
	r := runCLI(t, "", "schema")
	require.Equal(t, exitOK, r.code)
	assert.Equal(t, string(course.QuizSchema()), r.stdout)
}

// Every command's --help shows an example; a user learns by copying one.
func TestEveryCommandHasAnExample(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !c.Hidden && c.Name() != "help" && c.Name() != "completion" {
			assert.NotEmpty(t, c.Example, "asyncio-tutor %s has no example", c.Name())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd())
	help := runCLI(t, "", "check", "--help")
	assert.Equal(t, exitOK, help.code)
	assert.Contains(t, help.stdout, "asyncio-tutor check ./course --format github")
}

func TestRunFormats(t *testing.T) {
	j := runCLI(t, "", "run", "gather", "--speed", "20", "--format", "json")
	require.Equal(t, exitOK, j.code, j.stderr)
	var got struct {
		Example string            `json:"example"`
		Speed   float64           `json:"speed"`
		Params  map[string]string `json:"params"`
		TotalMs float64           `json:"total_ms"`
		Tasks   []string          `json:"tasks"`
		Events  []struct {
			Seq  int     `json:"seq"`
			TMs  float64 `json:"t_ms"`
			Task string  `json:"task"`
			Kind string  `json:"kind"`
			Text string  `json:"text"`
		} `json:"events"`
	}
	require.NoError(t, json.Unmarshal([]byte(j.stdout), &got))
	assert.Equal(t, "gather", got.Example)
	assert.Equal(t, 20.0, got.Speed)
	assert.Equal(t, "2s", got.Params["delay1"], "defaults are recorded too")
	assert.ElementsMatch(t, []string{"main", "func1", "func2", "func3"}, got.Tasks)
	assert.Positive(t, got.TotalMs)
	var prints []string
	for _, e := range got.Events {
		if e.Kind == "print" {
			prints = append(prints, e.Text)
		}
	}
	assert.Contains(t, prints, "func3 done")

	text := runCLI(t, "", "run", "waitgroup", "--speed", "20", "--compare", "sequential")
	require.Equal(t, exitOK, text.code, text.stderr)
	assert.Contains(t, text.stdout, "sequential")
	assert.Contains(t, text.stdout, "×")
	assert.NotContains(t, text.stdout, "\x1b", "piped output has no escape codes")

	chrome := runCLI(t, "", "run", "nested", "--speed", "20", "--format", "chrome")
	require.Equal(t, exitOK, chrome.code, chrome.stderr)
	var ct map[string]any
	require.NoError(t, json.Unmarshal([]byte(chrome.stdout), &ct))
	assert.Contains(t, ct, "traceEvents")

	list := runCLI(t, "", "run", "--list")
	require.Equal(t, exitOK, list.code)
	assert.Contains(t, list.stdout, "--param capacity=2")
}

func TestRunErrors(t *testing.T) {
	for _, args := range [][]string{
		{"run"},
		{"run", "gathr"},
		{"run", "queue", "--param", "capacity=0"},
		{"run", "queue", "--param", "nope=1"},
		{"run", "queue", "--param", "capacity"},
		{"run", "queue", "--speed", "0"},
		{"run", "queue", "--format", "yaml"},
		{"run", "queue", "--compare", "nope"},
		{"run", "queue", "--compare", "semaphore", "--format", "json"},
	} {
		r := runCLI(t, "", args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", args, r.stdout)
		assert.NotEmpty(t, r.stderr, "%v says why", args)
	}
	assert.Contains(t, runCLI(t, "", "run", "gathr").stderr, `did you mean "gather"`)
}

// failingWriter fails every write, like a closed pipe or a full disk.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// Every way a command can end, and the exit status it ends with: 0 ok, 1 the
// check or grade failed or the output or progress could not be written, 2 a
// usage or input error.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	wrong := filepath.Join(dir, "wrong.yaml")
	require.NoError(t, os.WriteFile(wrong, []byte("total: 1\n"), 0o644))

	for _, tc := range []struct {
		name   string
		args   []string
		stdout io.Writer // nil: a buffer
		code   int
		stderr string // part of what stderr says
	}{
		{name: "ok", args: []string{"schema"}, code: exitOK},
		{name: "unknown flag", args: []string{"check", "--no-such-flag"}, code: exitUsage, stderr: "no-such-flag"},
		{name: "unknown command", args: []string{"no-such-command"}, code: exitUsage},
		{name: "missing required flag", args: []string{"grade", "--quiz", "waits"}, code: exitUsage, stderr: "answers"},
		{name: "bad flag value", args: []string{"list", "--format", "xml"}, code: exitUsage, stderr: "unknown format"},
		{name: "missing course dir", args: []string{"list", "--course", filepath.Join(dir, "nope")}, code: exitUsage, stderr: "cannot open course folder"},
		{name: "missing course dir to check", args: []string{"check", filepath.Join(dir, "nope")}, code: exitUsage, stderr: "cannot open course folder"},
		{name: "missing answers file", args: []string{"grade", "--course", goodCourse, "--quiz", "waits", "--answers", filepath.Join(dir, "nope.yaml")}, code: exitUsage, stderr: "cannot open the answers file"},
		{name: "check finds errors", args: []string{"check", badCourse}, code: exitFail},
		{name: "grade with a wrong answer", args: []string{"grade", "--course", goodCourse, "--quiz", "waits", "--answers", wrong}, code: exitFail},
		{name: "check report to a failing writer", args: []string{"check", goodCourse}, stdout: failingWriter{}, code: exitFail, stderr: "cannot write the report: no space left on device"},
		{name: "grades to a failing writer", args: []string{"grade", "--course", goodCourse, "--quiz", "waits", "--answers", wrong}, stdout: failingWriter{}, code: exitFail, stderr: "cannot write the grades"},
		{name: "list to a failing writer", args: []string{"list"}, stdout: failingWriter{}, code: exitFail, stderr: "cannot write the list"},
		{name: "json list to a failing writer", args: []string{"list", "--format", "json"}, stdout: failingWriter{}, code: exitFail, stderr: "cannot write the list"},
		{name: "schema to a failing writer", args: []string{"schema"}, stdout: failingWriter{}, code: exitFail, stderr: "cannot write the schema"},
		{name: "example list to a failing writer", args: []string{"run", "--list"}, stdout: failingWriter{}, code: exitFail},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			stdout := tc.stdout
			if stdout == nil {
				stdout = &out
			}
			code := run(context.Background(), tc.args, strings.NewReader(""), stdout, &errOut)
			assert.Equal(t, tc.code, code, "stdout:\n%s\nstderr:\n%s", out.String(), errOut.String())
			assert.Contains(t, errOut.String(), tc.stderr)
		})
	}
}

// A progress file that cannot be written: showing progress still works,
// resetting it cannot be saved, exit 1 and nothing reset.
func TestProgressUnwritableExitCode(t *testing.T) {
	path := stateHome(t)
	require.NoError(t, os.MkdirAll(path, 0o755)) // progress.json is a folder: unreadable, unwritable

	show := runCLI(t, "", "progress")
	assert.Equal(t, exitOK, show.code, show.stderr)

	reset := runCLI(t, "", "progress", "reset", "--yes")
	assert.Equal(t, exitFail, reset.code, reset.stdout+reset.stderr)
	assert.Contains(t, reset.stderr, "cannot reset progress")
	assert.NotContains(t, reset.stdout, "Reset progress of")

	json := runCLI(t, "", "progress", "--format", "json")
	assert.Equal(t, exitOK, json.code, json.stderr)
	assert.Equal(t, exitFail, run(context.Background(), []string{"progress"}, strings.NewReader(""), failingWriter{}, io.Discard))
}

// A reader that went away (asyncio-tutor list | head -0): the write fails
// with EPIPE, which is an I/O error like any other, exit 1. (On standard
// output itself Go's default SIGPIPE handling ends the program first, as a
// shell expects; this pipe is another descriptor, so the error is seen.)
func TestClosedPipeExitCode(t *testing.T) {
	for _, args := range [][]string{{"list"}, {"check", goodCourse}, {"schema"}} {
		r, w, err := os.Pipe()
		require.NoError(t, err)
		require.NoError(t, r.Close())
		var errOut bytes.Buffer
		code := run(context.Background(), args, strings.NewReader(""), w, &errOut)
		require.NoError(t, w.Close())
		assert.Equal(t, exitFail, code, "%v: %s", args, errOut.String())
		assert.Contains(t, errOut.String(), syscall.EPIPE.Error(), "%v says why", args)
	}
}
