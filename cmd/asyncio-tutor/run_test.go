package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

type runOutput struct {
	Example string            `json:"example"`
	Model   string            `json:"model"`
	Params  map[string]string `json:"params"`
	TotalMs float64           `json:"total_ms"`
	Events  []struct {
		TMs  float64 `json:"t_ms"`
		Kind string  `json:"kind"`
		Text string  `json:"text"`
	} `json:"events"`
}

func runJSONOf(t *testing.T, args ...string) runOutput {
	t.Helper()
	r := runCLI(t, "", append([]string{"run"}, args...)...)
	require.Equal(t, exitOK, r.code, r.stderr)
	var got runOutput
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	return got
}

func TestRunJSONNamesTheModel(t *testing.T) {
	assert.Equal(t, "goroutines", runJSONOf(t, "waitgroup", "--speed", "20", "--format", "json").Model, "goroutines by default")

	loop := runJSONOf(t, "gather", "--model", "loop", "--param", "delay3=500ms", "--format", "json")
	assert.Equal(t, "loop", loop.Model)
	assert.Equal(t, "500ms", loop.Params["delay3"])
	assert.Equal(t, 3000.0, loop.TotalMs, "the loop model runs in virtual time: exact")
	var done []float64
	for _, e := range loop.Events {
		if e.Kind == "print" && strings.HasSuffix(e.Text, " done") {
			done = append(done, e.TMs)
		}
	}
	assert.Equal(t, []float64{500, 2000, 3000}, done)
}

func TestRunCompareModels(t *testing.T) {
	for _, args := range [][]string{
		{"eventloop", "--compare"},
		{"eventloop", "--compare=loop"},
		{"eventloop", "--compare", "loop"},
		{"eventloop", "--model", "loop", "--compare"},
	} {
		r := runCLI(t, "", append([]string{"run", "--speed", "20"}, args...)...)
		require.Equal(t, exitOK, r.code, "%v: %s", args, r.stderr)
		assert.Contains(t, r.stdout, "goroutines", "%v", args)
		assert.Contains(t, r.stdout, "loop", "%v", args)
	}
}

// The old spellings of --compare OTHER still compare two examples.
func TestRunCompareExamplesStillWorks(t *testing.T) {
	for _, args := range [][]string{
		{"waitgroup", "--compare", "sequential"},
		{"waitgroup", "--compare=sequential"},
		{"--compare", "sequential", "waitgroup"},
	} {
		r := runCLI(t, "", append([]string{"run", "--speed", "20"}, args...)...)
		require.Equal(t, exitOK, r.code, "%v: %s", args, r.stderr)
		assert.Contains(t, r.stdout, "sequential", "%v", args)
		assert.Contains(t, r.stdout, "waitgroup", "%v", args)
	}
}

func TestRunCompareSpecs(t *testing.T) {
	x, _ := examples.Lookup("eventloop")
	specs := func(model trace.Model, other string) []string {
		s, err := compareSpecs(x, model, nil, other)
		require.NoError(t, err)
		var out []string
		for _, sp := range s {
			out = append(out, sp.Name+"/"+string(sp.Model))
		}
		return out
	}
	assert.Equal(t, []string{"eventloop/goroutines", "eventloop/loop"}, specs(trace.ModelGoroutines, compareModels))
	assert.Equal(t, []string{"eventloop/goroutines", "eventloop/loop"}, specs(trace.ModelLoop, compareModels))
	assert.Equal(t, []string{"eventloop/goroutines", "eventloop/python"}, specs(trace.ModelPython, compareModels))
	assert.Equal(t, []string{"eventloop/loop", "eventloop/python"}, specs(trace.ModelPython, "loop"))
	assert.Equal(t, []string{"waitgroup/loop", "eventloop/loop"}, specs(trace.ModelLoop, "waitgroup"), "the baseline first")
}

func TestRunPlayerPlan(t *testing.T) {
	x, _ := examples.Lookup("eventloop")
	one := []examples.Spec{{Name: "eventloop", Model: trace.ModelLoop}}
	plan, ok := playerPlan(x, one)
	assert.True(t, ok)
	assert.Equal(t, livePlan{model: trace.ModelLoop}, plan)

	models := []examples.Spec{{Name: "eventloop", Model: trace.ModelGoroutines}, {Name: "eventloop", Model: trace.ModelPython}}
	plan, ok = playerPlan(x, models)
	assert.True(t, ok)
	assert.Equal(t, livePlan{model: trace.ModelPython, compare: true}, plan)

	pair := []examples.Spec{{Name: "eventloop", Model: trace.ModelLoop}, {Name: "waitgroup", Model: trace.ModelLoop}}
	plan, ok = playerPlan(x, pair)
	assert.True(t, ok)
	assert.Equal(t, livePlan{model: trace.ModelLoop, compare: true, counterpart: "waitgroup"}, plan)

	_, ok = playerPlan(x, []examples.Spec{{Name: "eventloop", Model: trace.ModelLoop}, {Name: "eventloop", Model: trace.ModelPython}})
	assert.False(t, ok, "the player compares models only against goroutines")
	seq, _ := examples.Lookup("sequential")
	_, ok = playerPlan(seq, []examples.Spec{{Name: "sequential", Model: trace.ModelGoroutines}, {Name: "sequential", Model: trace.ModelLoop}})
	assert.False(t, ok, "the player compares sequential with its counterpart instead")
}

func TestRunChromeCompareNamesBothRuns(t *testing.T) {
	r := runCLI(t, "", "run", "eventloop", "--speed", "20", "--compare", "--format", "chrome")
	require.Equal(t, exitOK, r.code, r.stderr)
	var file struct {
		OtherData struct {
			Runs []map[string]any `json:"runs"`
		} `json:"otherData"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &file))
	assert.Len(t, file.OtherData.Runs, 2)
}

// Without python3 the python model is the machine's lack, not a wrong
// command line: exit 1 with the way to enable it, and nothing on stdout.
func TestRunPythonWithoutPython(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	for _, args := range [][]string{
		{"run", "gather", "--model", "python"},
		{"run", "gather", "--model", "python", "--format", "json"},
		{"run", "eventloop", "--compare", "python"},
	} {
		r := runCLI(t, "", args...)
		assert.Equal(t, exitFail, r.code, "%v", args)
		assert.Empty(t, r.stdout, "%v", args)
		assert.Contains(t, r.stderr, "python3", "%v", args)
	}
	ok := runCLI(t, "", "run", "gather", "--model", "loop", "--format", "json")
	assert.Equal(t, exitOK, ok.code, "the other models still run: %s", ok.stderr)
}

func TestRunModelErrors(t *testing.T) {
	for _, args := range [][]string{
		{"run", "gather", "--model", "ruby"},
		{"run", "gather", "--model", "loop", "--compare", "loop"},
		{"run", "gather", "--compare", "--format", "json"},
		{"run", "gather", "--model", "loop", "--param", "delay1=99s"},
		{"run", "gather", "--model", "loop", "--param", "nope=1"},
	} {
		r := runCLI(t, "", args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", args, r.stdout)
		assert.NotEmpty(t, r.stderr, "%v says why", args)
	}
	assert.Contains(t, runCLI(t, "", "run", "gather", "--model", "ruby").stderr, `unknown model "ruby"`)
	assert.Contains(t, runCLI(t, "", "run", "gather", "--compare", "pythn").stderr, `did you mean "python"`)
}

func TestCheckReportsSkippedPythonProofs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir+"/lessons/01-a.md", "---\nid: a\ntitle: A\nquiz: q\n---\n\n```example gather model=python\n```\n")
	writeFile(t, dir+"/quizzes/01-q.yaml", "id: q\ntitle: Q\nquestions:\n  - id: o\n    type: output\n    prompt: Order.\n    explanation: x\n    example: gather\n    model: python\n    lines: [\"func3 done\", \"func1 done\"]\n")
	t.Setenv("PATH", t.TempDir())
	r := runCLI(t, "", "check", dir)
	assert.Equal(t, exitOK, r.code, "a skip does not fail the check: %s", r.stdout)
	assert.Contains(t, r.stdout, "quizzes/01-q.yaml:8:14: skipped: ")
	assert.Contains(t, r.stdout, "0 errors, 0 warnings, 1 skipped in 2 files")
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
}
