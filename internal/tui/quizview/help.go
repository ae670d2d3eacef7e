package quizview

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// bindings are the KeyMap's bindings with the help text they have on this
// screen; the keys themselves always come from the one KeyMap.
type bindings struct {
	choose, pick, toggle, number, submit key.Binding
	nextBlank, prevBlank                 key.Binding
	selectItem, moveUp, moveDown         key.Binding
	next, results, scroll, page, retake  key.Binding
	back, done, answer                   key.Binding
	hint, hintTyping, leave, stay        key.Binding
	example                              key.Binding
}

func help(b key.Binding, k, desc string) key.Binding {
	b.SetHelp(k, desc)
	return b
}

// both is one help entry for two bindings, such as up and down.
func both(a, b key.Binding, k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(slices.Concat(a.Keys(), b.Keys())...), key.WithHelp(k, desc))
}

func newBindings(k theme.KeyMap) bindings {
	l := k.Lang
	return bindings{
		choose:     both(k.Up, k.Down, "↑/↓", l.Say("choose")),
		pick:       help(k.Toggle, "space", l.Say("pick")),
		toggle:     help(k.Toggle, "space", l.Say("pick")),
		number:     k.Number,
		submit:     help(k.Enter, "enter", l.Say("submit")),
		nextBlank:  help(k.NextFocus, "tab", l.Say("next blank")),
		prevBlank:  help(k.PrevFocus, "shift+tab", l.Say("previous blank")),
		selectItem: both(k.Up, k.Down, "↑/↓", l.Say("select item")),
		moveUp:     k.MoveUp,
		moveDown:   k.MoveDown,
		next:       help(k.Enter, "enter", l.Say("next question")),
		results:    help(k.Enter, "enter", l.Say("see your score")),
		scroll:     both(k.Up, k.Down, "↑/↓", l.Say("scroll")),
		page:       both(k.PageUp, k.PageDn, "pgup/pgdn", l.Say("page")),
		retake:     k.Retake,
		back:       help(k.Back, "esc", l.Say("leave the quiz")),
		done:       help(k.Enter, "enter", l.Say("back")),
		answer:     help(k.Enter, "enter", l.Say("answer")),
		hint:       help(k.Hint, "h", l.Say("hint")),
		hintTyping: key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("ctrl+t", l.Say("hint"))),
		leave:      help(k.Leave, "esc/y", l.Say("leave")),
		stay:       help(k.Stay, "n", l.Say("stay")),
		example:    help(k.Example, "x", l.Say("run the example")),
	}
}

// ShortHelp is the few keys that matter now, for the status line.
func (m Model) ShortHelp() []key.Binding {
	b := m.bind
	if m.confirming {
		return []key.Binding{b.leave, b.stay}
	}
	switch m.phase {
	case finished:
		if len(m.missed()) > 0 && m.reviewed {
			return []key.Binding{b.retake, b.done, b.back}
		}
		if len(m.missed()) > 0 {
			return []key.Binding{b.done, b.scroll, b.back}
		}
		return []key.Binding{b.done, b.back}
	case answered:
		if m.idx+1 >= len(m.asked) {
			return m.withExample([]key.Binding{b.results, b.scroll, b.back})
		}
		return m.withExample([]key.Binding{b.next, b.scroll, b.back})
	}
	if m.brokenNow() != "" {
		skip := b.next
		skip.SetHelp("enter", m.keys.Lang.Say("skip it"))
		return []key.Binding{skip, b.back}
	}
	return m.withExample(m.withHint(m.askingHelp()))
}

// withExample adds the key that opens the question's example after the
// first one, when there is one to open: it is the question's other half,
// worth more than the keys that fine-tune an answer.
func (m Model) withExample(keys []key.Binding) []key.Binding {
	if !m.canOpenExample() {
		return keys
	}
	return slices.Insert(slices.Clone(keys), min(1, len(keys)), m.bind.example)
}

// askingHelp is the keys of the question on screen, the most needed first.
func (m Model) askingHelp() []key.Binding {
	b := m.bind
	switch m.question().Type {
	case course.Single:
		return []key.Binding{b.answer, b.choose, b.number, b.back}
	case course.Multi:
		return []key.Binding{b.toggle, b.submit, b.choose, b.number, b.back}
	case course.Text:
		if len(m.inputs) > 1 {
			return []key.Binding{b.nextBlank, b.submit, b.back}
		}
		return []key.Binding{b.submit, b.back}
	case course.Order, course.Output:
		return []key.Binding{b.selectItem, b.moveUp, b.moveDown, b.submit, b.back}
	}
	return []key.Binding{b.submit, b.back}
}

// withHint adds the hint key after the first two, when the question has a
// hint not shown yet.
func (m Model) withHint(keys []key.Binding) []key.Binding {
	q := m.question()
	if q == nil || strings.TrimSpace(q.Hint) == "" || m.hintShown {
		return keys
	}
	h := m.bind.hint
	if q.Type == course.Text {
		h = m.bind.hintTyping
	}
	at := min(2, len(keys))
	return slices.Insert(slices.Clone(keys), at, h)
}

// FullHelp is every key of the screen now, in groups, for the help overlay.
func (m Model) FullHelp() [][]key.Binding {
	b := m.bind
	if m.confirming {
		return [][]key.Binding{{b.leave, b.stay}}
	}
	switch m.phase {
	case finished:
		keys := []key.Binding{b.done, b.back}
		if len(m.missed()) > 0 && m.reviewed {
			keys = append([]key.Binding{b.retake}, keys...)
		}
		return [][]key.Binding{keys, {b.scroll, b.page}}
	case answered:
		next := b.next
		if m.idx+1 >= len(m.asked) {
			next = b.results
		}
		return [][]key.Binding{m.withExample([]key.Binding{next, b.back}), {b.scroll, b.page}}
	}
	if m.brokenNow() != "" {
		return [][]key.Binding{m.ShortHelp()}
	}
	extra := m.withExample(m.withHint(nil))
	switch m.question().Type {
	case course.Single:
		return [][]key.Binding{{b.choose, b.answer, b.number, b.pick}, append([]key.Binding{b.page, b.back}, extra...)}
	case course.Multi:
		return [][]key.Binding{{b.choose, b.number, b.toggle, b.submit}, append([]key.Binding{b.page, b.back}, extra...)}
	case course.Text:
		return [][]key.Binding{{b.nextBlank, b.prevBlank, b.submit}, append([]key.Binding{b.back}, extra...)}
	case course.Order, course.Output:
		return [][]key.Binding{{b.selectItem, b.moveUp, b.moveDown, b.submit}, append([]key.Binding{b.page, b.back}, extra...)}
	}
	return [][]key.Binding{{b.submit, b.back}}
}
