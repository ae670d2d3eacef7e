package tui

import (
	"context"
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/lesson"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// builtin loads the default course, as the player does.
func builtin(b *testing.B) *course.Course {
	c, problems := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS, Langs: []string{}})
	if course.HasErrors(problems) {
		b.Fatal(problems)
	}
	return c
}

// longest is the built-in lesson with the most markdown.
func longest(c *course.Course) (int, *course.Lesson) {
	i := 0
	for j, l := range c.Lessons {
		if len(l.Body) > len(c.Lessons[i].Body) {
			i = j
		}
	}
	return i, c.Lessons[i]
}

// app returns a 100x30 player with every render already done when warm.
func benchApp(b *testing.B, warm bool) (App, *course.Course) {
	c := builtin(b)
	a := New(Options{Course: c, Context: context.Background()})
	m, _ := a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	a = m.(App)
	if warm {
		_, l := longest(c)
		lesson.Render(a.c.Markdown, l, lesson.ContentWidth(100), a.c.MDTheme)()
	}
	return a, c
}

func BenchmarkViewMenu(b *testing.B) {
	a, _ := benchApp(b, false)
	b.ReportAllocs()
	for b.Loop() {
		_ = a.View()
	}
}

func BenchmarkViewLesson(b *testing.B) {
	a, c := benchApp(b, true)
	i, _ := longest(c)
	a, _ = a.openLesson(i, 0)
	b.ReportAllocs()
	for b.Loop() {
		_ = a.View()
	}
}

// BenchmarkOpenLesson is the frame after enter on the longest lesson: the
// Update and the View that follows. Cold, the lesson is not rendered yet
// (the frame says "rendering…" and a Cmd renders it); warm, it comes from
// the cache in the same frame.
func BenchmarkOpenLesson(b *testing.B) {
	for _, warm := range []bool{false, true} {
		name := map[bool]string{false: "cold", true: "cached"}[warm]
		b.Run(name, func(b *testing.B) {
			a, c := benchApp(b, warm)
			i, _ := longest(c)
			b.ReportAllocs()
			for b.Loop() {
				m, _ := a.openLesson(i, 0)
				_ = m.View()
			}
		})
	}
}

// BenchmarkRenderLesson is the glamour work done in the Cmd: the longest
// lesson, cold (a fresh renderer: style sheet parsed, nothing cached) and
// cached.
func BenchmarkRenderLesson(b *testing.B) {
	c := builtin(b)
	_, l := longest(c)
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			lesson.Render(markdown.New(), l, 98, markdown.Dark)()
		}
	})
	b.Run("cached", func(b *testing.B) {
		md := markdown.New()
		lesson.Render(md, l, 98, markdown.Dark)()
		b.ReportAllocs()
		for b.Loop() {
			lesson.Render(md, l, 98, markdown.Dark)()
		}
	})
}

func BenchmarkViewExample(b *testing.B) {
	a, c := benchApp(b, false)
	idx := slices.IndexFunc(c.Lessons, func(l *course.Lesson) bool { return len(l.Examples()) > 0 })
	a, _ = a.openLesson(idx, 0)
	a, _ = a.openExample(c.Lessons[idx].Examples()[0])
	m, _ := a.Update(tea.KeyPressMsg{Code: tea.KeyEnter}) // no prediction: it runs
	a = m.(App)
	defer func() { a.example.Leave()() }()
	b.ReportAllocs()
	for b.Loop() {
		_ = a.View()
	}
}

func BenchmarkViewQuiz(b *testing.B) {
	a, c := benchApp(b, false)
	idx := slices.IndexFunc(c.Lessons, func(l *course.Lesson) bool { return l.Quiz != "" })
	a, _ = a.openLesson(idx, 0)
	a, _ = a.openQuiz(common.OpenQuizMsg{Lesson: c.Lessons[idx].ID, Quiz: c.Lessons[idx].Quiz})
	b.ReportAllocs()
	for b.Loop() {
		_ = a.View()
	}
}
