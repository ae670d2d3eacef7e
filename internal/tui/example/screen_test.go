package example

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// screen drives an example screen as Bubble Tea would, inside a synctest
// bubble: each Cmd runs in a goroutine and its message comes back to
// Update; the changes the screen records are kept.
type screen struct {
	t       *testing.T
	m       Model
	msgs    chan tea.Msg
	changes []learn.Change
	closed  bool
}

var cmdList = reflect.TypeFor[[]tea.Cmd]()

func newCommon(width, height int) *common.Common {
	return &common.Common{Context: context.Background(), Now: time.Now, Styles: theme.New(true),
		Keys: theme.NewKeyMap(say.English), Width: width, Height: height, Lesson: "the-lesson"}
}

// open opens a card of example name, with these settings, on a screen of
// this size.
func open(t *testing.T, c *common.Common, name string, caption string, settings ...course.CardParam) *screen {
	t.Helper()
	x, ok := examples.Lookup(name)
	require.True(t, ok)
	s := &screen{t: t, msgs: make(chan tea.Msg, 1024)}
	var cmd tea.Cmd
	s.m, cmd = Open(c, x, &course.ExampleRef{Name: name, Caption: caption, Params: settings})
	s.exec(cmd)
	s.settle()
	t.Cleanup(func() {
		s.closed = true
		if stop := s.m.Leave(); stop != nil {
			stop()
		}
		time.Sleep(time.Hour) // what is still on its way arrives and is dropped
	})
	return s
}

func (s *screen) exec(cmd tea.Cmd) {
	if cmd != nil {
		go func() { s.msgs <- cmd() }()
	}
}

func (s *screen) deliver(msg tea.Msg) {
	if msg == nil || s.closed {
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdList) {
		for _, c := range v.Convert(cmdList).Interface().([]tea.Cmd) {
			s.exec(c)
		}
		return
	}
	if r, ok := msg.(common.RecordMsg); ok {
		s.changes = append(s.changes, r.Change)
		return
	}
	var cmd tea.Cmd
	s.m, cmd = s.m.Update(msg)
	s.exec(cmd)
}

func (s *screen) settle() {
	for {
		synctest.Wait()
		select {
		case msg := <-s.msgs:
			s.deliver(msg)
		default:
			return
		}
	}
}

// keys presses keys: a name of tea's ("enter", "down") or text typed.
func (s *screen) keys(keys ...string) {
	for _, k := range keys {
		switch k {
		case "enter":
			s.deliver(tea.KeyPressMsg{Code: tea.KeyEnter})
		case "down":
			s.deliver(tea.KeyPressMsg{Code: tea.KeyDown})
		case "up":
			s.deliver(tea.KeyPressMsg{Code: tea.KeyUp})
		default:
			for _, r := range k {
				s.deliver(press(r))
			}
		}
		s.settle()
	}
}

// runToEnd lets the run on screen finish and its end be shown.
func (s *screen) runToEnd() {
	for i := 0; i < 600 && !(s.m.player.Done() && s.m.seen); i++ {
		time.Sleep(50 * time.Millisecond)
		s.settle()
	}
	require.True(s.t, s.m.player.Done(), "the run ends")
}

func (s *screen) view() string { return ansi.Strip(s.m.View()) }

// saved is the progress the recorded changes make.
func (s *screen) saved() *progress.Course {
	c := &progress.Course{}
	for _, ch := range s.changes {
		ch(c)
	}
	return c
}

func TestEveryCardAsksForAPredictionEvenAfterOneForTheSameExample(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCommon(100, 30)
		v := learn.Score(2, 2*time.Second)
		c.Progress = &progress.Course{}
		learn.Ran("earlier-lesson", "sequential", &v, time.Now())(c.Progress)
		s := open(t, c, "sequential", "")
		assert.Equal(t, predicting, s.m.stage, "a later card asks again")
		assert.False(t, s.m.player.Started(), "nothing runs before the prediction")
		assert.Contains(t, s.view(), "Predict before you run")
	})
}

func TestAVerdictGoesWithTheRunItScored(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, newCommon(100, 30), "sequential", "")
		s.keys("2", "enter")
		s.runToEnd()
		assert.Contains(t, s.view(), "✓ You predicted 2 s; it took 2.00 s.")
		p := s.saved()
		require.Len(t, p.Predictions, 1)
		assert.Equal(t, "the-lesson", p.Predictions[0].Lesson)

		s.keys("r") // a new run, not predicted
		assert.NotContains(t, s.view(), "You predicted", "the verdict went with its run")
		s.runToEnd()
		assert.NotContains(t, s.view(), "You predicted")
		assert.Len(t, s.saved().Predictions, 1, "the second run made no prediction")
	})
}

func TestAParameterChangeAsksAgain(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, newCommon(100, 30), "sequential", "Try this: set delay1=3s, predict, then run it.")
		s.keys("2", "enter")
		s.runToEnd()
		s.keys("p")
		require.Equal(t, editing, s.m.stage)
		s.m.paramEdit.SetValue("3s")
		s.keys("enter")
		require.Equal(t, predicting, s.m.stage, "new parameters, a new prediction")
		assert.NotContains(t, s.view(), "You predicted 2 s", "the old verdict was about other parameters")
		s.keys("4", "enter")
		s.runToEnd()
		assert.Contains(t, s.view(), "✓ You predicted 4 s; it took 4.00 s.")
		assert.Len(t, s.saved().Predictions, 2)
	})
}

func TestTheSummaryWaitsUntilARunHasBeenSeen(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		x, _ := examples.Lookup("sequential")
		s := open(t, newCommon(100, 30), "sequential", "")
		assert.NotContains(t, s.view(), "2 s in all", "the summary tells the outcome")
		s.keys("enter")
		s.runToEnd()
		assert.Contains(t, strings.Join(strings.Fields(s.view()), " "), x.Summary, "told once the run is seen")
	})
}

func TestWhatPrintsFirstIsAskedScoredAndSaved(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, newCommon(100, 30), "eventloop", "", course.CardParam{Name: "delay2", Value: "0.5s"})
		assert.Equal(t, []string{"exit", "hello from say1", "hello from say2"}, s.m.lines)
		screen := s.view()
		assert.Contains(t, screen, "Which of these lines prints first?")
		assert.Contains(t, screen, "· hello from say2")
		s.keys("down", "down", "down", "down") // past the last: it stays there
		assert.Contains(t, s.view(), "▸ hello from say2")
		s.keys("up", "up", "up", "up") // back to no pick
		assert.NotContains(t, s.view(), "▸")
		s.keys("down", "down")
		s.keys("enter")
		s.runToEnd()
		assert.Contains(t, s.view(), `✗ You picked "hello from say1" to print first; "hello from say2" did.`)
		p := s.saved()
		require.Len(t, p.Predictions, 1, "no total was typed")
		pr := p.Predictions[0]
		assert.Equal(t, progress.Prediction{Lesson: "the-lesson", Example: "eventloop", What: "first line",
			Guess: "hello from say1", Actual: "hello from say2", Right: false, At: pr.At}, pr)
	})
}

func TestARaceIsNoQuestion(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Two goroutines print at 1 s: which comes first is luck.
		s := open(t, newCommon(100, 30), "waitgroup", "")
		assert.Nil(t, s.m.lines)
		assert.NotContains(t, s.view(), "prints first")
		// Not once their sleeps differ.
		s.keys("p")
		s.m.paramEdit.SetValue("3s")
		s.keys("enter")
		assert.Equal(t, []string{"exit", "hello from say1", "hello from say2"}, s.m.lines)
	})
}

// A caption wraps once, to the screen's width: its author's line breaks
// are soft, so no line holds a lone word left over from them.
func TestACaptionWrapsOnceToTheWidth(t *testing.T) {
	caption := "The loop lane hands the turn to one coroutine at a time; never do two run at\n" +
		"once. The event loop panel shows what is running, the ready queue and the\n" +
		"timers. A turn here is only a print, so the ready queue empties within\n" +
		"microseconds and the panel mostly shows the armed timers. Try this: set\n" +
		"delay2=0.5s and predict which hello prints first, and when."
	for _, width := range []int{60, 72, 80, 100} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				s := open(t, newCommon(width, 24), "eventloop", caption)
				head := ansi.Strip(s.m.header())
				want := strings.Split(ansi.Wordwrap(strings.Join(strings.Fields(caption), " "), width, ""), "\n")
				for _, l := range want {
					assert.Contains(t, head, strings.TrimSpace(l)+"\n", "wrapped once, at %d", width)
				}
				for _, l := range strings.Split(head, "\n") {
					assert.LessOrEqual(t, ansi.StringWidth(l), width)
				}
			})
		})
	}
}

// On a short screen the caption gives way: the whole prediction, every
// choice included, and the run's lanes stay on screen.
func TestOnAShortScreenTheCaptionGivesWay(t *testing.T) {
	caption := strings.Repeat("A caption far longer than a small screen has room for. ", 12)
	synctest.Test(t, func(t *testing.T) {
		s := open(t, newCommon(60, 15), "gather", caption)
		require.Len(t, s.m.lines, 4)
		screen := s.view()
		for _, l := range s.m.lines {
			assert.Contains(t, screen, "· "+l)
		}
		assert.Contains(t, screen, "…", "the caption is cut, and says so")
		assert.Contains(t, screen, "A caption far longer", "but it starts")
		s.keys("enter")
		s.runToEnd()
		assert.Contains(t, s.view(), "func2 ▏", "the lanes are drawn")
	})
}

// BenchmarkAskPrediction is the work of opening a card's prediction: the
// loop model run in virtual time and the choices of its first line, done
// in Update (see askPrediction).
func BenchmarkAskPrediction(b *testing.B) {
	for _, name := range []string{"eventloop", "gather", "queue"} {
		b.Run(name, func(b *testing.B) {
			x, _ := examples.Lookup(name)
			m, _ := Open(newCommon(100, 30), x, &course.ExampleRef{Name: name})
			for b.Loop() {
				m.askPrediction()
			}
		})
	}
}

// In the source view, scrolling and drawing agree on how many lines fit:
// at the last line, one up shows an earlier first line at once.
func TestTheSourceViewScrollsBackFromItsEnd(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := open(t, newCommon(80, 24), "gather", "")
		s.keys("enter") // no prediction
		s.runToEnd()
		s.keys("s")
		require.NotEqual(t, timelineView, s.m.view)
		for range len(s.m.code.Lines) {
			s.keys("down")
		}
		bottom := s.view()
		assert.Contains(t, bottom, fmt.Sprintf("of %d", len(s.m.code.Lines)))
		s.keys("up")
		assert.NotEqual(t, bottom, s.view(), "the first up after the end moves")
		assert.Len(t, strings.Split(s.view(), "\n"), 24, "the view fills its height")
	})
}

// A caption cut short ends in "…" inside the width, Thai too: ลำ is two
// cells on a terminal though one cluster.
func TestACutCaptionEndsInAnEllipsisInsideTheWidth(t *testing.T) {
	text := "สามเลนเริ่มพร้อมกัน และ main รอทั้งสามอยู่ที่ g.Wait() ทายลำดับของบรรทัด done และเวลาที่บรรทัด results จะพิมพ์"
	for _, width := range []int{40, 60, 80} {
		got := strings.TrimSuffix(cut(wrap(lipgloss.NewStyle(), text, width), 1, width), "\n")
		assert.True(t, strings.HasSuffix(got, "…"), "%d: %q", width, got)
		assert.LessOrEqual(t, ansi.StringWidthWc(got), width, "%d: %q", width, got)
	}
}
