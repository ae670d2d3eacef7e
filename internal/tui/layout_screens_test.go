package tui

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// layoutSizes are the windows every screen must fit: the smallest the
// player lays out in, an ordinary terminal, a large one.
var layoutSizes = []struct{ w, h int }{{MinWidth, MinHeight}, {80, 24}, {120, 40}}

// Every screen of every example (each model, before, while and after a
// run, its source views, the compare view, the parameter editor) and every
// quiz question of the built-in course fits the window, in English and in
// Thai, and its status line keeps esc, in Thai with no English word but
// the keys' own names. The python model is asked for where
// python3 cannot run, as on a machine without it: the player says so, and
// that notice must fit too.
func TestEveryScreenFitsAndKeepsEsc(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	full, problems := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS})
	require.False(t, course.HasErrors(problems))
	for _, lang := range []string{"en", "th"} {
		c := full.In(strings.TrimPrefix(lang, "en"))
		for _, size := range layoutSizes {
			t.Run(fmt.Sprintf("%s/%dx%d/examples", lang, size.w, size.h), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					s := newLayoutScreens(t, c, size.w, size.h)
					for _, x := range examples.All() {
						s.walkExample(x)
					}
				})
			})
			t.Run(fmt.Sprintf("%s/%dx%d/quizzes", lang, size.w, size.h), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					newLayoutScreens(t, c, size.w, size.h).walkQuizzes()
				})
			})
		}
	}
}

// At 70x18, a window many use, and at 60x16, every card of the course,
// however long its caption, still draws lanes after its run, not a
// sentence asking for a larger window.
func TestASmallTimelineShowsUnderEveryCard(t *testing.T) {
	full, problems := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS})
	require.False(t, course.HasErrors(problems))
	for _, lang := range []string{"", "th"} {
		for _, size := range []struct{ w, h int }{{70, 18}, {MinWidth, MinHeight}} {
			synctest.Test(t, func(t *testing.T) {
				s := newLayoutScreens(t, full.In(lang), size.w, size.h)
				for _, l := range s.c.Lessons {
					for _, ref := range l.Examples() {
						s.open(ref)
						if s.h.app.(App).example.Typing() {
							s.h.key("1", "enter") // a prediction: its verdict takes a line too
						}
						for _, view := range []string{"the run", "the compare"} {
							s.finishRun()
							screen := s.h.screen()
							assert.NotContains(t, screen, "enlarge the window", "%s, %s at %dx%d:\n%s", ref.Name, view, size.w, size.h, screen)
							assert.Regexp(t, `(?m)^\s*\S+ +▏`, screen, "a lane is drawn:\n%s", screen)
							s.h.key("c")
						}
						s.finishRun()
						s.h.key("esc")
					}
				}
			})
		}
	}
}

// The running example's status line keeps p parameters and esc back at
// 80 columns: every "Try this" needs p.
func TestTheRunningExampleHintsFitAt80(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		full, _ := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS})
		s := newLayoutScreens(t, full, 80, 24)
		x, _ := examples.Lookup("gather")
		s.open(s.cardOf(x))
		s.h.key("enter")
		s.finishRun()
		status := s.status()
		assert.Contains(t, status, "esc back", status)
		assert.Contains(t, status, "p parameters", status)
		assert.Contains(t, status, "space replay", status)
		s.h.finish()
	})
}

// layoutScreens walks screens of one App at one size.
type layoutScreens struct {
	t     *testing.T
	h     *harness
	c     *course.Course
	w, h_ int
	lang  say.Lang
}

// keyWords are the English words a Thai status line may show: the keys'
// names, and the names the Thai lessons keep in English.
var keyWords = map[string]bool{
	"esc": true, "enter": true, "tab": true, "shift": true, "ctrl": true, "pgup": true, "pgdn": true,
	"space": true, "trace": true, "goroutine": true, "loop": true, "CPython": true, "asyncio": true,
}

var asciiWord = regexp.MustCompile(`[A-Za-z]{3,}`)

func newLayoutScreens(t *testing.T, c *course.Course, w, h int) *layoutScreens {
	lang := say.Of(c.Lessons[0].Lang) // the interface speaks the course's language, as play.go picks it
	hs := newHarness(t, Options{Course: c, Lang: lang})
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	s := &layoutScreens{t: t, h: hs, c: c, w: w, h_: h, lang: lang}
	s.check("the menu", false)
	return s
}

// check asserts the screen fits the window and, unless it is the menu
// (which quits with q instead), that its status line offers esc.
func (s *layoutScreens) check(what string, esc bool) {
	s.t.Helper()
	a := s.h.app.(App)
	frame := a.frame()
	lines := strings.Split(frame, "\n")
	where := fmt.Sprintf("%s at %dx%d", what, s.w, s.h_)
	if !assert.LessOrEqual(s.t, len(lines), s.h_, "%s: the frame has at most the window's rows", where) {
		return
	}
	for i, l := range lines {
		if !assert.LessOrEqual(s.t, ansi.StringWidthWc(l), s.w, "%s: line %d is too wide:\n%s", where, i, ansi.Strip(frame)) {
			return
		}
	}
	status := ansi.Strip(lines[len(lines)-1])
	if esc {
		assert.Contains(s.t, status, "esc", "%s: the status line keeps esc:\n%s", where, ansi.Strip(frame))
	}
	if s.lang == say.Thai {
		for _, w := range asciiWord.FindAllString(status, -1) {
			assert.True(s.t, keyWords[w], "%s: the Thai status line says %q in English: %s", where, w, status)
		}
	}
}

func (s *layoutScreens) status() string {
	lines := strings.Split(s.h.screen(), "\n")
	return lines[len(lines)-1]
}

// cardOf is the first card of the course that shows x, or a bare card.
func (s *layoutScreens) cardOf(x examples.Example) *course.ExampleRef {
	for _, l := range s.c.Lessons {
		for _, ref := range l.Examples() {
			if ref.Name == x.Name {
				return ref
			}
		}
	}
	return &course.ExampleRef{Name: x.Name}
}

func (s *layoutScreens) open(ref *course.ExampleRef) {
	s.h.send(common.OpenExampleMsg{Ref: ref})
	require.Equal(s.t, exampleScreen, s.h.app.(App).screen, "%s opens", ref.Name)
}

// finishRun lets the run on screen play to its end: space then replays.
// Asking the help rather than drawing the screen keeps the wait cheap.
func (s *layoutScreens) finishRun() {
	s.h.until(time.Minute, func() bool {
		short := s.h.app.(App).example.ShortHelp()
		return len(short) > 0 && short[0].Help().Desc == s.lang.Say("replay")
	})
}

// walkExample visits every screen of x, from its first card, and leaves it.
func (s *layoutScreens) walkExample(x examples.Example) {
	name := x.Name
	s.open(s.cardOf(x))
	if s.h.app.(App).example.Typing() {
		s.check(name+": predicting", true)
		s.h.key("p")
		s.check(name+": parameters", true)
		if len(x.Params) > 0 {
			s.h.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // clears the field
			s.h.key("99s", "enter")                                // out of range, or not a count: the error shows
			s.check(name+": a parameter out of range", true)
		}
		s.h.key("esc")
		s.h.key("enter") // run, no prediction
	}
	s.h.wait(300 * time.Millisecond)
	s.check(name+": running", true)
	s.h.key("space")
	s.check(name+": paused", true)
	s.h.key("space")
	s.finishRun()
	s.check(name+": finished", true)
	s.h.send(tea.KeyPressMsg{Code: tea.KeyUp}) // the harness's key knows no "up"
	s.check(name+": the output scrolled back", true)
	for _, view := range []string{"the model's code", "its tracing calls", "the other language"} {
		if view == "its tracing calls" {
			s.h.key("t")
		} else {
			s.h.key("s")
		}
		s.check(name+": "+view, true)
	}
	s.h.key("s")           // back to the timeline
	s.h.key("+", "+", "+") // the runs to come, at 8x: the screens are the same
	s.h.key("c")
	s.h.wait(300 * time.Millisecond)
	s.check(name+": comparing, running", true)
	s.finishRun()
	s.check(name+": compared", true)
	s.h.key("c")
	s.finishRun()
	s.h.key("m") // the loop model
	s.finishRun()
	s.check(name+": loop model", true)
	s.h.key("m") // CPython cannot run here: the player says so
	s.check(name+": no CPython", true)
	s.finishRun()
	s.h.key("p")
	s.check(name+": parameters after a run", true)
	s.h.key("esc", "esc")
	require.NotEqual(s.t, exampleScreen, s.h.app.(App).screen, "%s: esc leaves:\n%s", name, s.h.screen())
}

// walkQuizzes answers every question of every quiz, checking each question
// before and after its answer.
func (s *layoutScreens) walkQuizzes() {
	for _, l := range s.c.Lessons {
		q := s.c.Quiz(l.Quiz)
		if q == nil {
			continue
		}
		s.h.send(common.OpenQuizMsg{Lesson: l.ID, Quiz: l.Quiz})
		for i := range q.Questions {
			what := fmt.Sprintf("quiz %s, question %d", q.ID, i+1)
			s.check(what, true)
			s.h.key("1", "enter")
			s.check(what+", answered", true)
			s.h.key("enter")
		}
		s.check("quiz "+q.ID+", results", true)
		s.h.key("esc")
	}
}
