package examples

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

func TestRegistryOrderAndNames(t *testing.T) {
	assert.Equal(t, []string{"sequential", "waitgroup", "eventloop", "nested", "gather", "queue", "semaphore", "timeout"}, Names())
	all := All()
	require.Len(t, all, len(Names()))
	for i, x := range all {
		assert.Equal(t, Names()[i], x.Name)
		got, ok := Lookup(x.Name)
		require.True(t, ok)
		assert.Equal(t, x.Name, got.Name)
	}
	_, ok := Lookup("nope")
	assert.False(t, ok)

	// Callers get copies: changing one does not change the registry.
	all[0].Params[0].Default = "99s"
	all[0].Title = "changed"
	again, _ := Lookup(all[0].Name)
	assert.Equal(t, "1s", again.Params[0].Default)
	assert.NotEqual(t, "changed", again.Title)
}

func TestRegistryEntries(t *testing.T) {
	ordered := map[string]bool{}
	var solo []string
	for _, x := range All() {
		t.Run(x.Name, func(t *testing.T) {
			assert.NotEmpty(t, x.Title)
			assert.NotEmpty(t, x.Summary)
			assert.NotContains(t, x.Summary, "\n", "Summary is one line")
			assert.NotNil(t, x.run)

			// Source is the file that is compiled, not a copy of it.
			onDisk, err := os.ReadFile(x.Name + ".go")
			require.NoError(t, err)
			assert.Equal(t, string(onDisk), x.Source)
			assert.Contains(t, x.Source, "func "+x.Name+"(ctx context.Context, e *env, p args) error")

			assert.Contains(t, x.Python, "import ")
			if x.Counterpart != "" {
				_, ok := Lookup(x.Counterpart)
				assert.True(t, ok, "counterpart %q exists", x.Counterpart)
				assert.NotEqual(t, x.Name, x.Counterpart)
			}
			ordered[x.Name] = x.Ordered
			if x.Solo {
				solo = append(solo, x.Name)
				assert.True(t, x.Ordered, "a one-goroutine program is ordered")
				assert.NotEmpty(t, x.Counterpart, "a solo example is compared with its counterpart")
			}

			seen := map[string]bool{}
			for _, p := range x.Params {
				assert.False(t, seen[p.Name], "duplicate parameter %s", p.Name)
				seen[p.Name] = true
				assert.NotEmpty(t, p.Help, p.Name)
				assert.Contains(t, []ParamKind{Duration, Count, Failure}, p.Kind)
				if p.Kind != Failure {
					assert.NotEmpty(t, p.Unit, p.Name)
				}
				for _, v := range []string{p.Default, p.Min, p.Max} {
					assert.NoError(t, p.Check(v), "%s: %q", p.Name, v)
				}
				lo, _ := p.parse(p.Min)
				hi, _ := p.parse(p.Max)
				assert.Less(t, lo, hi, p.Name)
				if p.Kind == Failure {
					assert.NoError(t, p.Check("2@1s"))
					assert.Error(t, p.Check("4@1s"), "only three tasks")
					assert.Error(t, p.Check("2@11s"), "later than the maximum")
					assert.Error(t, p.Check("2"), "no time")
					assert.Error(t, p.Check("x@1s"))
				}
			}
			_, eff, err := x.resolve(nil)
			require.NoError(t, err)
			assert.Equal(t, x.Defaults(), eff)
		})
	}
	assert.Equal(t, map[string]bool{
		"sequential": true, "waitgroup": false, "eventloop": true, "nested": true,
		"gather": false, "queue": false, "semaphore": false, "timeout": false,
	}, ordered)
	assert.Equal(t, []string{"sequential", "nested"}, solo, "the examples that run one goroutine at a time")
}

// The defaults are a public contract: lessons and quizzes quote them.
func TestDefaults(t *testing.T) {
	want := map[string]map[string]string{
		"sequential": {"delay1": "1s", "delay2": "1s"},
		"waitgroup":  {"delay1": "1s", "delay2": "1s"},
		"eventloop":  {"delay1": "1s", "delay2": "1s"},
		"nested":     {"step": "1s"},
		"gather":     {"delay1": "2s", "delay2": "3s", "delay3": "1s", "fail": "none"},
		"queue":      {"items": "4", "interval": "500ms", "capacity": "2", "work": "1s"},
		"semaphore":  {"requests": "6", "limit": "2", "latency": "1s"},
		"timeout":    {"timeout": "1s", "work": "3s"},
	}
	for _, x := range All() {
		assert.Equal(t, want[x.Name], x.Defaults(), x.Name)
	}
}

func TestParamParsing(t *testing.T) {
	d := Param{Name: "d", Kind: Duration, Min: "0s", Max: "10s"}
	for in, want := range map[string]time.Duration{
		"1s": time.Second, "500ms": 500 * time.Millisecond, "1.5": 1500 * time.Millisecond,
		"2": 2 * time.Second, " 3s ": 3 * time.Second, "0": 0, "1m": time.Minute, "0.25": 250 * time.Millisecond,
	} {
		v, err := d.parse(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, time.Duration(v), in)
	}
	for _, bad := range []string{"", "abc", "1 s", "NaN", "inf", "1e300", "s"} {
		_, err := d.parse(bad)
		assert.Error(t, err, "%q", bad)
	}
	c := Param{Name: "c", Kind: Count, Min: "1", Max: "10"}
	v, err := c.parse(" 7 ")
	require.NoError(t, err)
	assert.Equal(t, int64(7), v)
	for _, bad := range []string{"", "1.5", "2s", "x", "99999999999999999999"} {
		_, err := c.parse(bad)
		assert.Error(t, err, "%q", bad)
	}
}

func TestParamErrors(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		params map[string]string
		param  string
		msg    string
	}{
		{"queue", params("capacity=0"), "capacity",
			`example queue: parameter "capacity": 0 is out of range: allowed from 1 to 10`},
		{"queue", params("capacity=two"), "capacity",
			`example queue: parameter "capacity": "two" is not a whole number`},
		{"sequential", params("delay1=11s"), "delay1",
			`example sequential: parameter "delay1": 11s is out of range: allowed from 0s to 10s`},
		{"sequential", params("delay1=-1s"), "delay1",
			`example sequential: parameter "delay1": -1s is out of range: allowed from 0s to 10s`},
		{"gather", params("delay2=soon"), "delay2",
			`example gather: parameter "delay2": "soon" is not a duration: write it like 1s, 500ms or 1.5 (seconds)`},
		{"semaphore", params("limit=2", "speed=4"), "speed",
			`example semaphore: parameter "speed": unknown parameter; known: requests, limit, latency`},
		{"timeout", params("work=20"), "work",
			`example timeout: parameter "work": 20s is out of range: allowed from 0s to 10s`},
	}
	for _, c := range cases {
		r, err := Start(ctx, Spec{Name: c.name, Params: c.params}, nil)
		assert.Nil(t, r)
		var pe *ParamError
		require.ErrorAs(t, err, &pe, c.msg)
		assert.Equal(t, c.name, pe.Example)
		assert.Equal(t, c.param, pe.Param)
		assert.Equal(t, c.msg, err.Error())
	}
}

func TestUnknownExampleAndSpeed(t *testing.T) {
	_, err := Start(context.Background(), Spec{Name: "threads", Params: nil}, nil)
	require.ErrorIs(t, err, ErrUnknownExample)
	assert.Contains(t, err.Error(), `"threads"`)
	assert.Contains(t, err.Error(), "sequential, waitgroup, eventloop")

	_, err = Execute(context.Background(), Spec{Name: "gather", Params: nil}, 0)
	assert.ErrorContains(t, err, "speed")
	_, err = Execute(context.Background(), Spec{Name: "gather", Params: params("nope=1")}, 1)
	var pe *ParamError
	assert.True(t, errors.As(err, &pe))
}

// The Python equivalents at least parse (when a python3 is at hand).
func TestPythonSnippetsParse(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	files, err := filepath.Glob("python/*.py")
	require.NoError(t, err)
	require.Len(t, files, len(Names()))
	// One interpreter for all: it reports the first snippet that fails.
	var sources []string
	for _, x := range All() {
		sources = append(sources, x.Python)
	}
	input, err := json.Marshal(sources)
	require.NoError(t, err)
	cmd := exec.Command(py, "-c", "import ast, json, sys\nfor i, s in enumerate(json.load(sys.stdin)):\n    ast.parse(s, filename=str(i))")
	cmd.Stdin = bytes.NewReader(input)
	out, err := cmd.CombinedOutput()
	assert.NoError(t, err, "%s", out)
}

// The domain packages must stay free of terminal libraries.
func TestNoTerminalImports(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	out, err := exec.Command(gobin, "list", "-deps", ".", "../trace").Output()
	require.NoError(t, err)
	for _, dep := range strings.Fields(string(out)) {
		assert.False(t, strings.HasPrefix(dep, "charm.land/") || strings.Contains(dep, "charmbracelet") ||
			strings.Contains(dep, "x/term"), "terminal dependency %s", dep)
	}
}

func TestCompareOrderPutsTheEarlierIdeaFirst(t *testing.T) {
	assert.Equal(t, []string{"sequential", "waitgroup"}, CompareOrder("waitgroup", "sequential"))
	assert.Equal(t, []string{"sequential", "waitgroup"}, CompareOrder("sequential", "waitgroup"))
	assert.Equal(t, []string{"nested", "gather"}, CompareOrder("gather", "nested"))
}

func TestParamsForKeepsSharedOnes(t *testing.T) {
	got := ParamsFor("waitgroup", map[string]string{"delay1": "2s", "capacity": "1"})
	assert.Equal(t, map[string]string{"delay1": "2s"}, got)
}

func TestBesidePutsTheBaselineFirst(t *testing.T) {
	p := map[string]string{"delay1": "2s"}
	assert.Equal(t, []Spec{{Name: "eventloop", Params: p}, {Name: "eventloop", Model: trace.ModelLoop, Params: p}},
		BesideModel(Spec{Name: "eventloop", Params: p}, trace.ModelLoop), "an empty model is goroutines, which comes first")
	assert.Equal(t, []Spec{{Name: "eventloop", Model: trace.ModelLoop}, {Name: "eventloop", Model: trace.ModelPython}},
		BesideModel(Spec{Name: "eventloop", Model: trace.ModelPython}, trace.ModelLoop))
	assert.Equal(t, []Spec{
		{Name: "sequential", Model: trace.ModelLoop, Params: map[string]string{"delay1": "2s"}},
		{Name: "waitgroup", Model: trace.ModelLoop, Params: map[string]string{"delay1": "2s"}},
	}, BesideExample(Spec{Name: "waitgroup", Model: trace.ModelLoop, Params: map[string]string{"delay1": "2s"}}, "sequential"),
		"the earlier idea first, in the same model, with the parameters they share")
}
