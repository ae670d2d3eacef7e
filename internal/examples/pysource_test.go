package examples

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pythonNames lists the names of the block lines of src, in order.
func pythonNames(src string, decl []Param) []string {
	var names []string
	for _, line := range strings.Split(src, "\n") {
		if m := blockLine.FindStringSubmatch(line); m != nil {
			if slices.ContainsFunc(decl, func(p Param) bool { return p.Name == m[1] }) {
				names = append(names, m[1])
			}
		}
	}
	return names
}

// requirePython3 returns the path of python3 or fails the test: the twins
// are part of the product, so a machine without Python cannot vouch for
// them.
func requirePython3(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("python3 is needed to check the Python twins (install Python 3.11 or newer): %v", err)
	}
	return path
}

// pythonCompiles compiles src with CPython, in isolated mode.
func pythonCompiles(t *testing.T, python, name, src string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-I", "-c",
		"import sys; compile(sys.stdin.read(), sys.argv[1], 'exec')", name)
	cmd.Stdin = strings.NewReader(src)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Run(), "%s does not compile:\n%s\n--- source ---\n%s", name, stderr.String(), src)
}

func TestPythonTwinBlocks(t *testing.T) {
	python := requirePython3(t)
	for _, x := range All() {
		t.Run(x.Name, func(t *testing.T) {
			t.Parallel()
			kinds := x.Params
			want := make([]string, 0, len(kinds))
			for _, p := range x.Params {
				want = append(want, p.Name)
			}
			assert.Equal(t, want, pythonNames(x.Python, kinds), "one block line per parameter, in catalog order")

			lines := strings.SplitN(x.Python, "\n", 3)
			require.Len(t, lines, 3)
			assert.True(t, strings.HasPrefix(lines[0], "# "), "line 1 says what the twin shows")
			assert.Equal(t, "import asyncio", lines[1])

			// Defaults, the lowest and the highest values all render to a
			// twin CPython compiles.
			for _, pick := range []func(Param) string{
				func(p Param) string { return p.Default },
				func(p Param) string { return p.Min },
				func(p Param) string { return p.Max },
			} {
				params := map[string]string{}
				for _, p := range x.Params {
					params[p.Name] = pick(p)
				}
				out, err := renderPython(x.Python, params, kinds)
				require.NoError(t, err)
				assert.Equal(t, pythonNames(x.Python, kinds), pythonNames(out, kinds))
				pythonCompiles(t, python, x.Name+".py", out)
			}
		})
	}
}

func TestPythonRenderValues(t *testing.T) {
	python := requirePython3(t)
	x, ok := Lookup("gather")
	require.True(t, ok)
	kinds := x.Params
	out, err := renderPython(x.Python, map[string]string{
		"delay1": "1.5s", "delay2": "500ms", "delay3": "2", "fail": "2@1s",
	}, kinds)
	require.NoError(t, err)
	for _, want := range []string{"delay1 = 1.5  #", "delay2 = 0.5  #", "delay3 = 2  #", "fail = (2, 1.0)  #"} {
		assert.Contains(t, out, "\n"+want)
	}
	pythonCompiles(t, python, "gather.py", out)

	out, err = renderPython(out, map[string]string{"fail": "none"}, kinds)
	require.NoError(t, err)
	assert.Regexp(t, regexp.MustCompile(`(?m)^fail = None  #`), out)

	q, ok := Lookup("queue")
	require.True(t, ok)
	out, err = renderPython(q.Python, map[string]string{"items": "7", "interval": "0s"}, q.Params)
	require.NoError(t, err)
	assert.Contains(t, out, "\nitems = 7  #")
	assert.Contains(t, out, "\ninterval = 0  #")
}

func TestPythonRenderErrors(t *testing.T) {
	kinds := []Param{{Name: "delay", Kind: Duration}, {Name: "n", Kind: Count}, {Name: "fail", Kind: Failure}}
	good := "# x\nimport asyncio\n\ndelay = 1  # s\nn = 2\nfail = None\n"
	_, err := renderPython(good, nil, kinds)
	require.NoError(t, err)

	for name, tc := range map[string]struct {
		src    string
		params map[string]string
		want   string
	}{
		"missing line":   {src: "import asyncio\ndelay = 1\nn = 2\n", want: "no `fail = value` line"},
		"twice":          {src: good + "n = 3\n", want: "already set on line 5"},
		"rebound":        {src: good + "n += 1\n", want: "not a `n = value` line"},
		"annotated":      {src: good + "delay: float = 2\n", want: "not a `delay = value` line"},
		"unknown param":  {src: good, params: map[string]string{"speed": "1"}, want: `parameter "speed" is not one`},
		"bad duration":   {src: good, params: map[string]string{"delay": "soon"}, want: "not a duration"},
		"bad count":      {src: good, params: map[string]string{"n": "2.5"}, want: "not a whole number"},
		"bad failure":    {src: good, params: map[string]string{"fail": "func2"}, want: "not a failure"},
		"bad fail delay": {src: good, params: map[string]string{"fail": "2@later"}, want: "not a failure"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := renderPython(tc.src, tc.params, kinds)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
