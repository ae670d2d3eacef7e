// Package runview is the live view of one running example (or two, side by
// side on one axis): it follows the runs' traces and redraws the timeline on
// each animation frame until every run has ended, then leaves the final
// frame on screen. `asyncio-tutor run` shows it; the course player's example
// screen embeds it.
package runview

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/timeline"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// frameInterval paces the animation: smooth enough for a moving cursor,
// cheap enough that a small machine does not notice.
const frameInterval = time.Second / 30

// Options tune the view.
type Options struct {
	// Color draws in colour, picked for the terminal's background once it
	// answers; off means plain styles (NO_COLOR, dumb terminals).
	Color bool
	ASCII bool
	// MaxHeight caps the frame's height in lines (0: the window's height).
	MaxHeight int
}

// Model follows one run, or two for a compare view (the first is the
// baseline drawn on top).
type Model struct {
	runs   []*examples.Run
	traces []trace.Trace
	clock  *trace.Clock
	opt    Options
	render *timeline.Renderer
	now    time.Duration
	width  int
	height int
	gen    int // the tick chain's generation: a stale frameMsg is dropped
	done   bool
	err    error
}

type frameMsg struct{ gen int }

// New follows runs, all timed by clock.
func New(clock *trace.Clock, opt Options, runs ...*examples.Run) Model {
	m := Model{runs: runs, traces: make([]trace.Trace, len(runs)), clock: clock, opt: opt, width: 80, height: 24}
	m.render = timeline.NewRenderer(m.rendererOptions(true))
	return m
}

func (m Model) rendererOptions(isDark bool) timeline.Options {
	st := timeline.PlainStyles()
	if m.opt.Color {
		st = timeline.DefaultStyles(isDark)
	}
	return timeline.Options{Styles: st, ASCII: m.opt.ASCII, Expect: m.expect()}
}

// expect is the longest run's duration as last drawn, so the axis need not
// rescale while a compare view's runs go on.
func (m Model) expect() time.Duration {
	var d time.Duration
	for _, t := range m.traces {
		d = max(d, t.Total)
	}
	return d
}

// Err is the first run's error once done: nil when every run ended normally.
func (m Model) Err() error { return m.err }

// Done reports whether every run has ended.
func (m Model) Done() bool { return m.done }

func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.tick()}
	if m.opt.Color {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(cmds...)
}

func (m Model) tick() tea.Cmd {
	gen := m.gen
	return tea.Tick(frameInterval, func(time.Time) tea.Msg { return frameMsg{gen: gen} })
}

func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.BackgroundColorMsg:
		m.render = timeline.NewRenderer(m.rendererOptions(msg.IsDark()))
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q", "esc", "ctrl+c":
			for _, r := range m.runs {
				r.Stop()
			}
			m.follow()
			m.done = true
			return m, tea.Quit
		}
	case frameMsg:
		if msg.gen != m.gen || m.done {
			return m, nil
		}
		m.follow()
		if m.done {
			return m, tea.Quit
		}
		m.gen++
		return m, m.tick()
	}
	return m, nil
}

// follow takes what the runs recorded so far and the program time now.
func (m *Model) follow() {
	m.now = m.clock.Now()
	done := true
	for i, r := range m.runs {
		select {
		case <-r.Done():
			t, err := r.Wait()
			m.traces[i] = t
			if err != nil && m.err == nil {
				m.err = err
			}
		default:
			m.traces[i] = r.Snapshot()
			done = false
		}
	}
	m.done = done
	if done {
		m.now = m.expect()
	}
}

func (m Model) View() tea.View {
	// The trailing newline keeps the cursor below the frame, so the shell's
	// prompt does not land on the frame's last line once the run is over.
	return tea.NewView(m.Frame() + "\n")
}

// Frame is the current frame as text, trailing blank lines trimmed so that
// the view grows with the output instead of reserving the whole window.
func (m Model) Frame() string {
	h := m.height - 1 // leave the cursor line, so the frame never scrolls
	if m.opt.MaxHeight > 0 {
		h = min(h, m.opt.MaxHeight)
	}
	if h < 3 || m.width < 20 {
		return "make the window larger to see the timeline"
	}
	return TrimFrame(m.render.Frame(m.traces, m.now, m.width, h))
}

// TrimFrame drops the blank lines at the end of a frame and the spaces at
// the end of each line, for inline views and for text written to a file.
func TrimFrame(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}
