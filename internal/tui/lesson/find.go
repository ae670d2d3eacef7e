package lesson

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// search is the lesson's find: the field while it is open, and the
// matches of its query, kept after enter until esc.
type search struct {
	field   textinput.Model
	open    bool       // the field has the keys
	origin  int        // the first line on screen when the field opened
	query   string     // what matches are of
	matches []match    // in the content's order
	current int        // index into matches, -1 for none
	wrapped int        // the last move went past the end (1) or the start (-1)
	doc     *searchDoc // the content as text, made on the first search of a compose
}

// maxQuery bounds the field: a longer paste is cut, not searched.
const maxQuery = 200

func newSearch(st theme.Styles) search {
	ti := textinput.New()
	ti.Prompt = "/"
	ti.CharLimit = maxQuery
	s := textinput.DefaultStyles(st.IsDark)
	s.Cursor.Blink = false // no ticking while the learner types
	ti.SetStyles(s)
	return search{field: ti, current: -1}
}

// fieldWidth leaves room beside the field for "match 12 of 345".
func fieldWidth(width int) int { return max(min(width-24, 40), 8) }

// kept reports whether a search's matches stay marked with the field closed.
func (s search) kept() bool { return !s.open && s.query != "" }

const noMatch = "no match"

// status says where the search stands: "match 3 of 7", "no match".
func (s search) status() string {
	switch {
	case s.query == "":
		return ""
	case len(s.matches) == 0:
		return noMatch
	}
	text := fmt.Sprintf("match %d of %d", s.current+1, len(s.matches))
	switch s.wrapped {
	case 1:
		text += " · from the top"
	case -1:
		text += " · from the bottom"
	}
	return text
}

// openSearch opens an empty field; the matches of a search before go.
func (m *Model) openSearch() tea.Cmd {
	m.clearSearch()
	m.find.open, m.find.origin = true, m.vp.YOffset()
	return m.find.field.Focus()
}

// clearSearch closes the field and takes the marks off.
func (m *Model) clearSearch() {
	m.find.open, m.find.query, m.find.matches, m.find.current, m.find.wrapped = false, "", nil, -1, 0
	m.find.field.Reset()
	m.find.field.Blur()
}

// fieldKey handles a key while the field is open: every key not closing
// it or moving between matches is typed, so none reaches a command.
func (m Model) fieldKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, keys.ClearSearch):
		m.clearSearch()
		return m, nil
	case key.Matches(msg, keys.KeepMatches):
		cmd := m.keepMatches()
		return m, cmd
	case key.Matches(msg, keys.FieldNext):
		m.step(1)
	case key.Matches(msg, keys.FieldPrev):
		m.step(-1)
	default:
		return m.edit(msg)
	}
	cmd := m.seen() // it changes m: call it before m is returned
	return m, cmd
}

// edit hands a key or a paste to the field and searches for what it then
// holds.
func (m Model) edit(msg tea.Msg) (Model, tea.Cmd) {
	before := m.find.field.Value()
	var cmd tea.Cmd
	m.find.field, cmd = m.find.field.Update(msg)
	if q := m.find.field.Value(); q != before {
		m.searchFor(q)
	}
	seen := m.seen() // it changes m: call it before m is returned
	return m, tea.Batch(cmd, seen)
}

// keepMatches closes the field; the matches stay marked for n and N. A
// search that found nothing says so, and stays until esc: n, which the
// learner types expecting a match, must not open the next lesson instead.
func (m *Model) keepMatches() tea.Cmd {
	m.find.open = false
	m.find.field.Blur()
	if q := m.find.query; q != "" && len(m.find.matches) == 0 {
		return m.say(fmt.Sprintf("no match for “%s” in this lesson", q))
	}
	if m.find.query == "" {
		m.clearSearch()
	}
	return nil
}

// searchFor finds q and goes to the first match at or after where the
// search began (wrapping to the first of all); with none it goes back there.
func (m *Model) searchFor(q string) {
	m.find.query, m.find.current, m.find.wrapped = q, -1, 0
	m.rematch()
	if len(m.find.matches) == 0 {
		m.vp.SetYOffset(m.find.origin)
		return
	}
	m.find.current = 0
	for i, mt := range m.find.matches {
		if mt.line() >= m.find.origin {
			m.find.current = i
			break
		}
	}
	if m.find.matches[m.find.current].line() < m.find.origin {
		m.find.wrapped = 1
	}
	m.showCurrent()
}

// rematch finds the query in the content as composed now, keeping the
// current match's place in the order (a new width wraps the same text).
func (m *Model) rematch() {
	if m.find.doc == nil {
		m.find.doc = newSearchDoc(m.lines)
	}
	m.find.matches = m.find.doc.find(m.find.query)
	if len(m.find.matches) > 0 && m.find.current >= 0 {
		m.find.current = min(m.find.current, len(m.find.matches)-1)
	}
}

// step moves to the next (1) or previous (-1) match, wrapping.
func (m *Model) step(d int) {
	n := len(m.find.matches)
	if n == 0 {
		return
	}
	next := m.find.current + d
	m.find.wrapped = 0
	if next >= n {
		m.find.wrapped = 1
	} else if next < 0 {
		m.find.wrapped = -1
	}
	m.find.current = (next + n) % n
	m.showCurrent()
}

// showCurrent brings the current match into view.
func (m *Model) showCurrent() {
	if m.find.current >= 0 && m.find.current < len(m.find.matches) {
		m.scrollTo(m.find.matches[m.find.current].line())
	}
}
