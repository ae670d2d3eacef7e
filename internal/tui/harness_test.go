package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"go.uber.org/goleak"
)

// Every test stops or finishes its example runs; no goroutine may outlive it.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// harness runs an App the way Bubble Tea does, inside a synctest bubble:
// every Cmd runs in its own goroutine and its message comes back to Update,
// ticks included, so time passes only when the test lets it and a
// three-second example plays in microseconds with exact program times.
type harness struct {
	t      *testing.T
	app    tea.Model
	msgs   chan tea.Msg
	quit   bool
	closed bool
	frames int // player frames delivered, accepted or not
}

func newHarness(t *testing.T, opt Options) *harness {
	return newHarnessFor(t, New(opt))
}

func newHarnessFor(t *testing.T, a App) *harness {
	h := &harness{t: t, app: a, msgs: make(chan tea.Msg, 1<<16)}
	t.Cleanup(h.close)
	h.exec(a.Init())
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	return h
}

func (h *harness) exec(cmd tea.Cmd) {
	if cmd != nil {
		go func() { h.msgs <- cmd() }()
	}
}

// cmdList is the shape of tea.BatchMsg and of Bubble Tea's unexported
// sequence message.
var cmdList = reflect.TypeFor[[]tea.Cmd]()

// close ends the program: what is still on its way (a tick, a run being
// stopped) arrives and is dropped, so the bubble ends with no goroutine
// left. It runs as the test's cleanup, inside the bubble.
func (h *harness) close() {
	h.closed = true
	h.quit = true
	time.Sleep(time.Hour)
}

func (h *harness) deliver(msg tea.Msg) {
	if msg == nil || h.closed {
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().ConvertibleTo(cmdList) {
		for _, c := range v.Convert(cmdList).Interface().([]tea.Cmd) {
			h.exec(c)
		}
		return
	}
	if _, ok := msg.(tea.QuitMsg); ok {
		h.quit = true
		return
	}
	if fmt.Sprintf("%T", msg) == "player.frameMsg" {
		h.frames++
	}
	var cmd tea.Cmd
	h.app, cmd = h.app.Update(msg)
	h.exec(cmd)
}

// settle delivers every message that is ready, until the program waits
// for time to pass.
func (h *harness) settle() {
	for {
		synctest.Wait()
		select {
		case msg := <-h.msgs:
			h.deliver(msg)
		default:
			return
		}
	}
}

func (h *harness) send(msg tea.Msg) {
	h.deliver(msg)
	h.settle()
}

// wait lets d of time pass, delivering messages as they come.
func (h *harness) wait(d time.Duration) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		time.Sleep(min(time.Millisecond, time.Until(end)))
		h.settle()
	}
}

// until lets time pass until cond holds, for at most limit.
func (h *harness) until(limit time.Duration, cond func() bool) {
	h.t.Helper()
	end := time.Now().Add(limit)
	for !cond() {
		if !time.Now().Before(end) {
			h.t.Fatalf("still not so after %v; the screen:\n%s", limit, h.screen())
		}
		// Messages are delivered every millisecond, as they come; the
		// condition (a whole frame drawn, often) is asked every ten.
		h.wait(10 * time.Millisecond)
	}
}

func (h *harness) key(keys ...string) {
	for _, k := range keys {
		switch k {
		case "enter":
			h.send(tea.KeyPressMsg{Code: tea.KeyEnter})
		case "esc":
			h.send(tea.KeyPressMsg{Code: tea.KeyEscape})
		case "tab":
			h.send(tea.KeyPressMsg{Code: tea.KeyTab})
		case "end":
			h.send(tea.KeyPressMsg{Code: tea.KeyEnd})
		case "space":
			h.send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
		case "right":
			h.send(tea.KeyPressMsg{Code: tea.KeyRight})
		case "left":
			h.send(tea.KeyPressMsg{Code: tea.KeyLeft})
		case "down":
			h.send(tea.KeyPressMsg{Code: tea.KeyDown})
		case "ctrl+c":
			h.send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
		default:
			for _, r := range k {
				h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
		}
	}
}

func (h *harness) screen() string {
	return ansi.Strip(h.app.(App).frame())
}

// finish leaves whatever screen is open with ctrl+c, which stops any run,
// and lets the goroutines end.
func (h *harness) finish() {
	h.key("ctrl+c")
	h.wait(10 * time.Millisecond)
	assert.True(h.t, h.quit, "ctrl+c quits")
}

func (h *harness) assertFits() {
	h.t.Helper()
	a := h.app.(App)
	lines := strings.Split(a.frame(), "\n")
	assert.Len(h.t, lines, a.height, "the frame has exactly the window's height")
	for i, l := range lines {
		assert.LessOrEqual(h.t, ansi.StringWidth(l), a.width, "line %d: %q", i, ansi.Strip(l))
	}
}
