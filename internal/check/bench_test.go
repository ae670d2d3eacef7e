package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// writeCourse generates a course of n lessons and n quizzes of twelve
// questions: two of each type, the output ones proved in the loop model
// (six parameter sets in all) and in the goroutines model (one run), so
// that proofs are part of what is measured, the size the target
// names.
func writeCourse(tb testing.TB, dir string, n int) {
	tb.Helper()
	for _, sub := range []string{"lessons", "quizzes"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			tb.Fatal(err)
		}
	}
	for i := range n {
		lesson := fmt.Sprintf("---\nid: lesson-%d\ntitle: Lesson %d\nsummary: One line.\nquiz: quiz-%d\n---\n\n# Lesson %d\n\nSome text.\n\n```example sequential\nTry it.\n```\n\nMore text.\n", i, i, i, i)
		var q strings.Builder
		fmt.Fprintf(&q, "id: quiz-%d\ntitle: Quiz %d\nquestions:\n", i, i)
		for j := range 2 {
			fmt.Fprintf(&q, "  - id: single-%d\n    type: single\n    prompt: Which one?\n    explanation: Because.\n    choices:\n      - {text: right, correct: true}\n      - {text: wrong one, feedback: no}\n      - {text: also wrong, feedback: no}\n", j)
			fmt.Fprintf(&q, "  - id: multi-%d\n    type: multi\n    prompt: Which ones?\n    explanation: Because.\n    choices:\n      - {text: right, correct: true}\n      - {text: right too, correct: true}\n      - {text: wrong, feedback: no}\n", j)
			fmt.Fprintf(&q, "  - id: text-%d\n    type: text\n    prompt: \"___ and ___\"\n    explanation: Because.\n    answers: [[async], [await]]\n", j)
			fmt.Fprintf(&q, "  - id: regex-%d\n    type: text\n    prompt: How long?\n    match: regex\n    explanation: Because.\n    answers: [['3(\\.0+)?\\s*s?']]\n", j)
			fmt.Fprintf(&q, "  - id: order-%d\n    type: order\n    prompt: Order.\n    explanation: Because.\n    items: [one, two, three, four]\n", j)
		}
		fmt.Fprintf(&q, "  - id: output-loop\n    type: output\n    prompt: Which order?\n    explanation: Because.\n    example: gather\n    model: loop\n    params: {delay2: %ds}\n    lines: [func3 done, func1 done, func2 done]\n", 4+i%6)
		q.WriteString("  - id: output-go\n    type: output\n    prompt: Which order?\n    explanation: Because.\n    example: sequential\n    lines: [hello from say1, hello from say2]\n")
		write := func(name, s string) {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
				tb.Fatal(err)
			}
		}
		write(fmt.Sprintf("lessons/%04d-lesson-%d.md", i, i), lesson)
		write(fmt.Sprintf("quizzes/%04d-quiz-%d.yaml", i, i), q.String())
	}
}

func TestGeneratedCourseIsClean(t *testing.T) {
	dir := t.TempDir()
	writeCourse(t, dir, 3)
	if r := checkDir(t, dir); len(r.Problems) > 0 {
		t.Fatalf("the benchmark course must be valid, or it measures error paths: %v", brief(r))
	}
}

// BenchmarkLoadAndCheck measures load + check of n lessons and n quizzes of
// ten questions; compare the 100 and 1000 figures for linear growth.
func BenchmarkLoadAndCheck(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("lessons=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			writeCourse(b, dir, n)
			b.ReportAllocs()
			for b.Loop() {
				c, problems := course.Load(context.Background(), course.Dir(dir))
				if r := Course(context.Background(), c, problems, Options{ProveOutput: true}); !r.OK() {
					b.Fatal(brief(r)[:3])
				}
			}
		})
	}
}

// BenchmarkCheckBuiltinCourse measures what `asyncio-tutor check` does on
// the built-in course: load, check and prove every output key, running the
// examples. Its time is the wall-clock runs of the goroutines model; the
// loop model's runs in virtual time cost microseconds.
func BenchmarkCheckBuiltinCourse(b *testing.B) {
	src := course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS}
	for b.Loop() {
		c, problems := course.Load(context.Background(), src)
		if r := Course(context.Background(), c, problems, Options{ProveOutput: true}); !r.OK() || len(r.Skipped) > 0 {
			b.Fatal(brief(r))
		}
	}
}
