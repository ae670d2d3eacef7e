package example

import (
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/source"
)

// highlighted keeps every source view made, per example, view and style:
// highlighting a file takes tens of milliseconds, more than a frame, and
// the sources never change while the program runs (eight examples, three
// views, three styles at most).
var highlighted sync.Map // sourceKey -> []string

type sourceKey struct {
	example string
	view    view
	tracing bool
	style   source.Style
}

// sourceLines is the code the body shows, highlighted, and its label.
func (m Model) sourceLines() ([]string, string) { return m.highlight(m.sourceStyle()) }

func (m Model) sourceStyle() source.Style {
	switch {
	case m.c.Color && m.c.IsDark:
		return source.Dark
	case m.c.Color:
		return source.Light
	}
	return source.Plain
}

// highlight reads nothing shared but the cache, so that a Cmd may call it.
func (m Model) highlight(st source.Style) ([]string, string) {
	label, tracing := "Go", m.tracing && m.view == goView
	switch {
	case m.view == pythonView:
		label = "Python asyncio"
	case tracing:
		label = "Go as compiled"
	}
	k := sourceKey{m.ex.Name, m.view, tracing, st}
	if lines, ok := highlighted.Load(k); ok {
		return lines.([]string), label
	}
	var lines []string
	switch {
	case m.view == pythonView:
		lines = source.Highlight(m.ex.Python, "python", st)
	case tracing:
		lines = source.Highlight(m.ex.Source, "go", st)
	default:
		lines = source.Highlight(m.ex.LessonSource(), "go", st)
	}
	highlighted.Store(k, lines)
	return lines, label
}

const warmSourcesAfter = 500 * time.Millisecond

// warmSources highlights the source views off the UI goroutine, so that s
// shows them at once.
func (m Model) warmSources() tea.Cmd {
	st := m.sourceStyle() // read here: the app may change the styles meanwhile
	// Half a second on, when the screen's first frames are drawn and the
	// keys typed right after opening have been read.
	return tea.Tick(warmSourcesAfter, func(time.Time) tea.Msg {
		for _, v := range []view{goView, pythonView} {
			w := m
			w.view = v
			w.highlight(st)
		}
		return nil
	})
}
