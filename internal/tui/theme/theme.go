// Package theme holds what every screen of the player shares: one Styles
// struct built for the terminal's background, and one KeyMap whose bindings
// carry their own help text.
package theme

import (
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/asyncio-tutor/asyncio-tutor/internal/palette"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
)

// Styles are the player's styles. Colour is never the only signal: right and
// wrong also differ by a glyph and a word.
type Styles struct {
	IsDark bool

	Title    lipgloss.Style // screen titles
	Subtitle lipgloss.Style // summaries under a title
	Text     lipgloss.Style
	Muted    lipgloss.Style // hints, counts, secondary text
	Accent   lipgloss.Style // the focused item's marker
	Selected lipgloss.Style // the focused row
	Right    lipgloss.Style // a right answer, a passed quiz
	Wrong    lipgloss.Style // a wrong answer
	Partly   lipgloss.Style // a partly right answer
	Warning  lipgloss.Style // notices the learner must read
	Error    lipgloss.Style
	Status   lipgloss.Style // the status line
	Code     lipgloss.Style // `code` in course text drawn outside glamour (choices, items)
}

// New returns the styles for a dark (isDark) or light background. Without
// colour (NO_COLOR, a dumb terminal) Bubble Tea downgrades them, and the
// glyphs and words still say everything.
func New(isDark bool) Styles {
	fg := func(p palette.Pair) lipgloss.Style { return lipgloss.NewStyle().Foreground(p.On(isDark)) }
	return Styles{
		IsDark:   isDark,
		Title:    fg(palette.Accent).Bold(true),
		Subtitle: fg(palette.Muted).Italic(true),
		Text:     lipgloss.NewStyle(),
		Muted:    fg(palette.Muted),
		Accent:   fg(palette.Accent).Bold(true),
		Selected: lipgloss.NewStyle().Bold(true),
		Right:    fg(palette.Good).Bold(true),
		Wrong:    fg(palette.Bad).Bold(true),
		Partly:   fg(palette.Partly).Bold(true),
		Warning:  fg(palette.Warning),
		Error:    fg(palette.Bad).Bold(true),
		Status:   fg(palette.Muted),
		Code:     fg(palette.Other),
	}
}

// KeyMap is every key of the player, with its help text. Screens enable
// the bindings that mean something on them.
type KeyMap struct {
	Up, Down       key.Binding
	PageUp, PageDn key.Binding
	Top, Bottom    key.Binding
	Enter          key.Binding
	Back           key.Binding
	Quit           key.Binding
	ForceQuit      key.Binding
	Help           key.Binding
	NextFocus      key.Binding
	PrevFocus      key.Binding
	Toggle         key.Binding // space: pick a multi choice, pause a run
	MoveUp         key.Binding // order questions: move the item up
	MoveDown       key.Binding
	Number         key.Binding // 1-9: pick a choice
	Next           key.Binding // next lesson / question
	Quiz           key.Binding
	Faster, Slower key.Binding
	StepBack       key.Binding
	StepFwd        key.Binding
	Restart        key.Binding
	Compare        key.Binding
	Model          key.Binding // cycles goroutines, the asyncio loop model, CPython
	Export         key.Binding
	Source         key.Binding
	Params         key.Binding
	Retake         key.Binding
	Hint           key.Binding // a quiz question's hint, before answering
	Example        key.Binding // a quiz question's example, opened from the quiz
	Stay           key.Binding // a question "leave?": no, stay
	Leave          key.Binding // a question "leave?": yes
	Tracing        key.Binding // the Go source: show or hide the tracing calls
	Defaults       key.Binding // the parameter editor: back to the defaults

	// Lang is the language of the help text, which the screens that
	// relabel a key for their own use say theirs in.
	Lang say.Lang
}

// NewKeyMap is the player's keys, their help in l.
func NewKeyMap(l say.Lang) KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return KeyMap{
		Lang:      l,
		Up:        b([]string{"up", "k"}, "↑/k", l.Say("up")),
		Down:      b([]string{"down", "j"}, "↓/j", l.Say("down")),
		PageUp:    b([]string{"pgup", "b"}, "pgup/b", l.Say("page up")),
		PageDn:    b([]string{"pgdown", "f", "space"}, "pgdn/f", l.Say("page down")),
		Top:       b([]string{"home", "g"}, "g", l.Say("top")),
		Bottom:    b([]string{"end", "G"}, "G", l.Say("bottom")),
		Enter:     b([]string{"enter"}, "enter", l.Say("open")),
		Back:      b([]string{"esc"}, "esc", l.Say("back")),
		Quit:      b([]string{"q"}, "q", l.Say("quit")),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", l.Say("quit now")),
		Help:      b([]string{"?"}, "?", l.Say("all keys")),
		NextFocus: b([]string{"tab"}, "tab", l.Say("next card")),
		PrevFocus: b([]string{"shift+tab"}, "shift+tab", l.Say("previous card")),
		Toggle:    b([]string{"space"}, "space", l.Say("pick")),
		MoveUp:    b([]string{"shift+up", "K"}, "shift+↑/K", l.Say("move item up")),
		MoveDown:  b([]string{"shift+down", "J"}, "shift+↓/J", l.Say("move item down")),
		Number:    b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", l.Say("pick choice")),
		Next:      b([]string{"n"}, "n", l.Say("next")),
		Quiz:      b([]string{"t"}, "t", l.Say("take the quiz")),
		Faster:    b([]string{"+", "="}, "+", l.Say("faster")),
		Slower:    b([]string{"-", "_"}, "-", l.Say("slower")),
		StepBack:  b([]string{"left", "h"}, "←", l.Say("step back")),
		StepFwd:   b([]string{"right", "l"}, "→", l.Say("step forward")),
		Restart:   b([]string{"r"}, "r", l.Say("run again")),
		Compare:   b([]string{"c"}, "c", l.Say("compare")),
		Model:     b([]string{"m"}, "m", l.Say("model")),
		Export:    b([]string{"e"}, "e", l.Say("export trace")),
		Source:    b([]string{"s"}, "s", l.Say("source")),
		Params:    b([]string{"p"}, "p", l.Say("parameters")),
		Retake:    b([]string{"r"}, "r", l.Say("retake missed")),
		Hint:      b([]string{"h", "ctrl+t"}, "h", l.Say("hint")),
		Example:   b([]string{"x"}, "x", l.Say("run the example")),
		Stay:      b([]string{"n"}, "n", l.Say("stay")),
		Leave:     b([]string{"y", "esc"}, "esc/y", l.Say("leave")),
		Tracing:   b([]string{"t"}, "t", l.Say("tracing calls")),
		Defaults:  b([]string{"ctrl+r"}, "ctrl+r", l.Say("defaults")),
	}
}
