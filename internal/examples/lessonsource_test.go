package examples

import (
	"flag"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The lesson source of every example is the compiled file without the
// recording: it parses, is gofmt-clean, and still teaches its concurrency.
// The goldens are there to be read: go test ./internal/examples -run
// TestLessonSource -update rewrites them after a deliberate change.
func TestLessonSource(t *testing.T) {
	teaches := map[string][]string{
		"sequential": {"sayInTurn(ctx, delay1,", "sayInTurn(ctx, delay2,", "sleep(ctx, delay)", `fmt.Println("start")`},
		"waitgroup":  {"var wg sync.WaitGroup", "wg.Go(func() {", "wg.Wait()", "sayAlongside(ctx, delay1,"},
		"eventloop": {
			"container/heap", "for live := len(coros); live > 0; {", "co.turn <- struct{}{}", "l.yields",
			"func (co *coro) Sleep(", "heap.Push(", "sleep(ctx, due-elapsed())", "co.name", "l.fireDueTimers()",
		},
		"nested":    {"inner(ctx, step)", "sleep(ctx, step)", "var step = time.Second"},
		"gather":    {"errgroup.WithContext(ctx)", "g.Go(func() error {", "g.Wait()", "results[i] = r", `fmt.Printf("results: %v\n", results)`},
		"queue":     {"make(chan string, capacity)", "case q <- item:", "case item, ok = <-q:", "close(q)", "wg.Wait()"},
		"semaphore": {"newFIFOSemaphore(limit)", "sem.join()", "case <-slot:", "defer sem.release()", "i <= requests"},
		"timeout":   {"context.WithTimeout(ctx, limit)", "context.DeadlineExceeded", "done <- slowWork(tctx, work)"},
	}
	for _, x := range All() {
		t.Run(x.Name, func(t *testing.T) {
			out, err := lessonSource(x.Source, x.Params)
			require.NoError(t, err)
			src := x.LessonSource()
			require.Equal(t, out, src, "cached and fresh agree")

			_, err = parser.ParseFile(token.NewFileSet(), x.Name+".go", src, parser.ParseComments)
			require.NoError(t, err, src)
			formatted, err := format.Source([]byte(src))
			require.NoError(t, err)
			assert.Equal(t, string(formatted), src, "gofmt-clean")

			for _, gone := range []string{
				".Start(", ".Task(", ".Exit()", ".End(", ".Wait(trace.", ".Resume()", "trace.", ".Cancel(", ".Cancelled(",
				"e.Real(", "*env", "*task", " args", "p.Duration(", "p.Count(", "internal/trace",
				"record", "Record", "Total", "panic", "lane",
			} {
				assert.NotContains(t, src, gone)
			}
			assert.NotRegexp(t, `\be\.Now\(`, src)
			require.Contains(t, teaches, x.Name)
			for _, kept := range teaches[x.Name] {
				assert.Contains(t, src, kept)
			}
			assert.Contains(t, src, "func "+x.Name+"(ctx context.Context) error")
			for _, p := range x.Params {
				assert.Contains(t, src, p.Help, "the parameters are declared with their help")
			}

			golden := filepath.Join("testdata", "lesson-source", x.Name+".go.golden")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, []byte(src), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./internal/examples -run TestLessonSource -update to create it")
			assert.Equal(t, string(want), src)
		})
	}
}

// More than parsing: each lesson source is a Go package of its own that
// type-checks, so no name is left dangling and nothing is declared but
// unused (go/types reports both, and unused imports).
func TestLessonSourceTypeChecks(t *testing.T) {
	imp := withErrgroup{importer.Default()}
	for _, x := range All() {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, x.Name+".go", x.LessonSource(), 0)
		require.NoError(t, err)
		conf := types.Config{Importer: imp}
		_, err = conf.Check("examples", fset, []*ast.File{f}, nil)
		assert.NoError(t, err, x.Name)
	}
}

// Lines that only record go with their comments, and the lines around them
// close up: no blank line is left at the top or the bottom of a block where
// a statement was, nor two in a row.
func TestLessonSourceClosesUp(t *testing.T) {
	for _, x := range All() {
		src := x.LessonSource()
		assert.NotRegexp(t, `[{:]\n\n`, src, x.Name)
		assert.NotRegexp(t, `\n\n\t+}`, src, x.Name)
		assert.NotContains(t, src, "\n\n\n", x.Name)
	}
}

// withErrgroup imports the standard library from its export data and
// errgroup from the declarations the examples use: the export-data importer
// sees no module, and type-checking from source takes seconds under -race.
type withErrgroup struct{ std types.Importer }

const errgroupAPI = `package errgroup

import "context"

type Group struct{}

func WithContext(ctx context.Context) (*Group, context.Context) { return nil, ctx }
func (g *Group) Go(f func() error)                              {}
func (g *Group) Wait() error                                    { return nil }
`

func (i withErrgroup) Import(path string) (*types.Package, error) {
	if path != "golang.org/x/sync/errgroup" {
		return i.std.Import(path)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "errgroup.go", errgroupAPI, 0)
	if err != nil {
		return nil, err
	}
	return (&types.Config{Importer: i.std}).Check(path, fset, []*ast.File{f}, nil)
}

func TestLessonSourceUnknown(t *testing.T) {
	assert.Empty(t, Example{Name: "nope"}.LessonSource())
	// An example that is not the registry's own is rewritten, not served
	// from the cache.
	x, _ := Lookup("nested")
	x.Source = strings.Replace(x.Source, `outer.Print("one")`, `outer.Print("zero")`, 1)
	assert.Contains(t, x.LessonSource(), `fmt.Println("zero")`)
}

// A recording call the rewrite does not know is an error, not a silent
// leftover, and LessonSource then shows the real file.
func TestLessonSourceUnknownRecording(t *testing.T) {
	_, err := lessonSource("package examples\n\nfunc f(t *task) {\n\tt.Frobnicate()\n}\n", nil)
	require.Error(t, err)
	_, err = lessonSource("package examples\n\nfunc f(t *task) int {\n\treturn t.Frobnicate()\n}\n", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Frobnicate")
	_, err = lessonSource("package examples\n\nfunc f(p args) {\n\t_ = p.Duration(\"nope\")\n}\n", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nope")

	bad := Example{Name: "f", Source: "package examples\n\nfunc f(t *task) {\n\tt.Frobnicate()\n}\n"}
	assert.Equal(t, bad.Source, bad.LessonSource())
}

func TestLessonComment(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"cut short (Sleep has recorded why)", "cut short"},
		{"Sleep recorded the cancellation", ""},
		{"the whole run was cancelled (the task never answers if it panicked)", "the whole run was cancelled"},
		{"await blocks until the loop hands co the turn. It records that co runs\nagain (kind is KindStart the first time).", "await blocks until the loop hands co the turn."},
		{"The deadline is set in real time: e.Real converts program time at\nthe playback speed the run uses.", ""},
		{"First paragraph stays. A lane goes.\n\nSecond stays too (its e.Real aside goes).", "First paragraph stays.\n\nSecond stays too."},
	} {
		got, changed := lessonComment(c.in)
		assert.True(t, changed, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
	same := "returns once both goroutines have called Done"
	got, changed := lessonComment(same)
	assert.False(t, changed)
	assert.Equal(t, same, got)
}

// The rewrite works on any file written with the recording kit, not only on
// the examples as they are today.
func TestLessonSourceSmallFile(t *testing.T) {
	src := `package examples

import (
	"context"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// f waits and says so (every step is recorded).
func f(ctx context.Context, e *env, p args) error {
	d := p.Duration("d")
	m := e.Start("main") // a lane
	defer m.Exit()

	m.Wait(trace.ReasonSync, "nothing")
	m.Resume()
	if err := m.Sleep(ctx, e.Real(d)); err != nil {
		return m.Cancel(err)
	}
	say(e, "done", m)
	return m.Cancelled(ctx)
}

// fTotal is its theory.
func fTotal(p args) time.Duration { return p.Duration("d") }

// say prints msg.
func say(e *env, msg string, t *task) {
	t.Print(msg)
}
`
	want := `package examples

import (
	"context"
	"fmt"
	"time"
)

// The example's parameter, at its default: the player sets it before
// each run.
var d = 1500 * time.Millisecond // how long

// f waits and says so.
func f(ctx context.Context) error {
	if err := sleep(ctx, d); err != nil {
		return err
	}
	say("done")
	return context.Cause(ctx)
}

// say prints msg.
func say(msg string) {
	fmt.Println(msg)
}
` + sleepHelper
	got, err := lessonSource(src, []Param{duration("d", "1.5s", "0s", "2s", "how long")})
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

func TestDurationLiteral(t *testing.T) {
	for d, want := range map[string]string{"0s": "0", "1s": "time.Second", "3s": "3 * time.Second", "500ms": "500 * time.Millisecond", "1m": "time.Minute", "1500ns": "1500 * time.Nanosecond"} {
		p := duration("x", d, "0s", "1h", "")
		v, err := p.parse(d)
		require.NoError(t, err)
		assert.Equal(t, want, durationLiteral(timeDuration(v)), d)
	}
}

func timeDuration(v value) time.Duration { return time.Duration(v) }

// BenchmarkLessonSource rewrites the longest example, uncached: what the
// first LessonSource call of a run of the program costs.
func BenchmarkLessonSource(b *testing.B) {
	x, _ := Lookup("eventloop")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := lessonSource(x.Source, x.Params); err != nil {
			b.Fatal(err)
		}
	}
}
