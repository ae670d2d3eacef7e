package example

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/source"
)

// highlighted keeps source views made, per example, language, style and,
// for Python, parameters: highlighting a file takes tens of milliseconds,
// more than a frame, and the sources never change while the program runs.
// The Python twin changes with its parameters, so learner-chosen ones are
// kept for a few settings only.
var highlighted sync.Map // sourceKey -> []string

// pythonKept bounds the Python views kept per example beyond the defaults.
const pythonKept = 8

var (
	keptMu sync.Mutex
	kept   = map[string][]sourceKey{} // example -> non-default Python keys, oldest first
)

type sourceKey struct {
	example string
	lang    lang
	tracing bool
	style   source.Style
	params  string // Python only: the parameters its block is set to
}

// lang is the language view v shows for the model on screen.
func (m Model) lang() lang { return m.langOf(m.view) }

func (m Model) langOf(v view) lang {
	first := goLang
	if m.player.CurrentModel() != trace.ModelGoroutines {
		first = pythonLang
	}
	if v == otherCode {
		return 1 - first
	}
	return first
}

// sourceLines is the code the body shows, highlighted, and its label.
func (m Model) sourceLines() ([]string, string) { return m.highlight(m.lang(), m.sourceStyle()) }

func (m Model) sourceStyle() source.Style {
	switch {
	case m.c.Color && m.c.IsDark:
		return source.Dark
	case m.c.Color:
		return source.Light
	}
	return source.Plain
}

// paramsKey writes params in a stable order.
func paramsKey(params map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(params)) {
		b.WriteString(k + "=" + params[k] + " ")
	}
	return b.String()
}

// highlight reads nothing shared but the cache, so that a Cmd may call it.
func (m Model) highlight(l lang, st source.Style) ([]string, string) {
	tracing := m.tracing && l == goLang
	label := "Go"
	switch {
	case l == pythonLang && m.player.CurrentModel() == trace.ModelGoroutines:
		label = "Python asyncio"
	case l == pythonLang:
		label = "Python asyncio (what the model runs)"
	case tracing:
		label = "Go as compiled"
	}
	k := sourceKey{example: m.ex.Name, lang: l, tracing: tracing, style: st}
	if l == pythonLang {
		k.params = paramsKey(m.params)
	}
	if lines, ok := highlighted.Load(k); ok {
		return lines.([]string), label
	}
	var lines []string
	switch {
	case l == pythonLang:
		code, err := m.ex.PythonFor(m.params)
		if err != nil {
			// The editor checks every parameter: this is not expected.
			return []string{"# the Python twin cannot be shown: " + termtext.Message(err.Error())}, label
		}
		lines = source.Highlight(code, "python", st)
	case tracing:
		lines = source.Highlight(m.ex.Source, "go", st)
	default:
		lines = source.Highlight(m.ex.LessonSource(), "go", st)
	}
	highlighted.Store(k, lines)
	if l == pythonLang && k.params != paramsKey(m.ex.Defaults()) {
		keep(k)
	}
	return lines, label
}

// keep remembers a non-default Python view, forgetting the oldest beyond
// pythonKept.
func keep(k sourceKey) {
	keptMu.Lock()
	defer keptMu.Unlock()
	ks := kept[k.example]
	if slices.Contains(ks, k) {
		return
	}
	ks = append(ks, k)
	for len(ks) > pythonKept {
		highlighted.Delete(ks[0])
		ks = ks[1:]
	}
	kept[k.example] = ks
}

const warmSourcesAfter = 500 * time.Millisecond

// warmSources highlights the source views off the UI goroutine, so that s
// shows them at once.
func (m Model) warmSources() tea.Cmd {
	st := m.sourceStyle()           // read here: the app may change the styles meanwhile
	m.params = maps.Clone(m.params) // the parameter editor changes the map in place
	// Half a second on, when the screen's first frames are drawn and the
	// keys typed right after opening have been read.
	return tea.Tick(warmSourcesAfter, func(time.Time) tea.Msg {
		for _, l := range []lang{goLang, pythonLang} {
			m.highlight(l, st)
		}
		return nil
	})
}
