package markdown

import (
	"runtime"
	"testing"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// builtinTexts is the markdown of every built-in lesson, segment by segment,
// as the player renders it.
func builtinTexts(b *testing.B) []string {
	c, problems := course.Load(course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS, Langs: []string{}})
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
