package markdown

import (
	"context"
	"maps"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/asyncio-tutor/asyncio-tutor/internal/mdnest"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// builtinTexts is the markdown of every built-in lesson, segment by segment,
// as the player renders it.
func builtinTexts(b *testing.B) []string {
	c, problems := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS, Langs: []string{}})
	if course.HasErrors(problems) {
		b.Fatal(problems)
	}
	var texts []string
	for _, l := range c.Lessons {
		for _, s := range l.Segments {
			if s.Example == nil {
				texts = append(texts, s.Markdown)
			}
		}
	}
	return texts
}

// BenchmarkDragWidths renders every built-in lesson at 100 successive widths,
// as dragging a window's edge does, and reports the heap still live after
// it: what the cache (and its glamour renderers) keep.
// Run it once per measurement: go test -run '^$' -bench DragWidths -benchtime 1x
func BenchmarkDragWidths(b *testing.B) {
	texts := builtinTexts(b)
	var r *Renderer
	for b.Loop() {
		r = New()
		for width := 60; width < 160; width++ {
			for _, md := range texts {
				r.Render(md, width, Dark)
			}
		}
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	runtime.KeepAlive(r)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
}

// BenchmarkHostile renders each of the worst texts found (see hostile): the
// budget turns each into plain text, so each costs about what measuring it
// does.
func BenchmarkHostile(b *testing.B) {
	for _, name := range slices.Sorted(maps.Keys(hostile)) {
		md := hostile[name]()
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				New().Render(md, 80, Dark)
			}
		})
	}
}

// BenchmarkAtTheBudget renders texts just inside the budget, the most a
// lesson may cost formatted: the nearest to each hostile text that is
// still formatted.
func BenchmarkAtTheBudget(b *testing.B) {
	inside := func(unit string) string {
		md := unit
		for {
			next := md + unit
			if ok, _ := mdnest.Measure(next).Within(Budget); !ok {
				return md
			}
			md = next
		}
	}
	for name, md := range map[string]string{
		"deep-lists":   inside(deepList(16)),
		"brackets":     strings.Repeat("[", 8000) + strings.Repeat("]", 8000),
		"underscores":  fill("_a", 16<<10),
		"code-block":   "```go\n" + fill("fmt.Println(\"hi\", x+1) // c\n", 16<<10) + "```\n",
		"code-blocks":  inside("```go\nx := 1\n```\n\n"),
		"table":        "|a|b|c|\n|-|-|-|\n" + fill("|x|y|z|\n", 16<<10-20),
		"bracket-pars": inside(strings.Repeat("[", 1000) + strings.Repeat("]", 1000) + "\n\n"),
	} {
		b.Run(name, func(b *testing.B) {
			if ok, why := mdnest.Measure(md).Within(Budget); !ok {
				b.Fatalf("%s is outside the budget: %s", name, why)
			}
			b.ReportAllocs()
			for b.Loop() {
				New().Render(md, 80, Dark)
			}
		})
	}
}
