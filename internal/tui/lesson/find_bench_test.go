package lesson

import (
	"testing"
)

// longestBuiltin is the built-in lesson with the most content lines,
// rendered in colour at 80 columns.
func longestBuiltin(b *testing.B) Model {
	cm := builtinAt(b, 80, true)
	full := cm.Course
	var best Model
	for i := range full.Lessons {
		m, cmd := New(cm, i, 0)
		m, _ = m.Update(cmd())
		if len(m.lines) > len(best.lines) {
			best = m
		}
	}
	return best
}

// Reading the longest lesson's content as searchable text: once per
// composition, on the first key typed after it.
func BenchmarkSearchDoc(b *testing.B) {
	m := longestBuiltin(b)
	b.ReportMetric(float64(len(m.lines)), "lines")
	for b.Loop() {
		newSearchDoc(m.lines)
	}
}

// One key typed into the search field of the longest lesson: every match
// found, the screen drawn with its marks.
func BenchmarkSearchKeystroke(b *testing.B) {
	m := longestBuiltin(b)
	m, _ = typeIn(m, "/th")
	for b.Loop() {
		m.searchFor("the")
		_ = m.View()
	}
}

// n: the next match shown, the screen drawn with its marks.
func BenchmarkNextMatch(b *testing.B) {
	m := longestBuiltin(b)
	m, _ = typeIn(m, "/the")
	m, _ = m.Update(press("enter"))
	for b.Loop() {
		m.step(1)
		_ = m.View()
	}
}

// The screen drawn with no search, for comparison.
func BenchmarkLessonView(b *testing.B) {
	m := longestBuiltin(b)
	for b.Loop() {
		_ = m.View()
	}
}
