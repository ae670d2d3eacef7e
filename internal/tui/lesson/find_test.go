package lesson

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// longLesson is a lesson with three sections and the word "gather" (in
// three spellings) far apart, so that finding it scrolls.
func longLesson() string {
	filler := strings.Repeat("Some words to read between the places that matter.\n\n", 8)
	return "# Finding things\n\n" + filler +
		"## First part\n\nHere asyncio.gather runs two.\n\n" + filler +
		"## Second part\n\nThen Gather again.\n\n" + filler +
		"## Third part\n\nAnd GATHER once more.\n\n" + filler
}

// course3 is a course of three lessons, each with a quiz, the first being md.
func course3(md string) *common.Common {
	var ls []*course.Lesson
	var qs []*course.Quiz
	for i, text := range []string{md, "# Two\n\nThe second.\n", "# Three\n\nThe third.\n"} {
		id := fmt.Sprintf("l%d", i+1)
		ls = append(ls, &course.Lesson{ID: id, Title: "Lesson " + id, Quiz: "q" + id, Segments: []course.Segment{{Markdown: text, Lines: strings.Count(text, "\n")}}})
		qs = append(qs, &course.Quiz{ID: "q" + id, Title: "Quiz " + id})
	}
	return newCommon(&course.Course{Lessons: ls, Quizzes: qs}, 80, 20, false)
}

// open renders lesson i and returns it.
func open(t *testing.T, cm *common.Common, i int) Model {
	t.Helper()
	m, cmd := New(cm, i, 0)
	if cmd != nil {
		m, _ = m.Update(cmd())
	}
	require.NotNil(t, m.rendered)
	return m
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// typeIn presses each character of s in turn, collecting every message the
// lesson's Cmds deliver (ticks included: call it inside a synctest bubble).
func typeIn(m Model, s string) (Model, []tea.Msg) {
	var msgs []tea.Msg
	for _, r := range s {
		var cmd tea.Cmd
		m, cmd = m.Update(press(string(r)))
		msgs = append(msgs, run(cmd)...)
	}
	return m, msgs
}

// run executes a Cmd and the Cmds of its batches.
func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if cmds, ok := cmdsOf(msg); ok {
		var out []tea.Msg
		for _, c := range cmds {
			out = append(out, run(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}

// cmdsOf is the Cmds of a batch or a sequence (whose type is Bubble Tea's
// own), in order.
func cmdsOf(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// commands is the messages that would move the learner or end the session.
func commands(msgs []tea.Msg) []tea.Msg {
	var out []tea.Msg
	for _, msg := range msgs {
		switch msg.(type) {
		case common.OpenQuizMsg, common.BackMsg, common.OpenLessonMsg, common.QuitMsg, common.OpenExampleMsg, common.ErrorMsg, common.RecordMsg:
			out = append(out, msg)
		}
	}
	return out
}

func view(m Model) string { return ansi.Strip(m.View()) }

// infoOf is the line under the title, escape sequences stripped.
func infoOf(m Model) string { return strings.TrimSpace(strings.Split(view(m), "\n")[1]) }

// While the search field is open, no typed key is a command: not t (the
// quiz), n or ] (the next lesson), [ , q, ? nor a digit. Every one is typed.
func TestTypingInTheSearchFieldFiresNoCommand(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := open(t, course3(longLesson()), 1)
		m, msgs := typeIn(m, "/")
		require.True(t, m.Typing(), "/ opens the search field")
		var typed strings.Builder
		for c := 'a'; c <= 'z'; c++ {
			typed.WriteRune(c)
		}
		for c := 'A'; c <= 'Z'; c++ {
			typed.WriteRune(c)
		}
		typed.WriteString("0123456789/?q[]")
		m, more := typeIn(m, typed.String())
		msgs = append(msgs, more...)
		assert.Empty(t, commands(msgs), "no key typed into the field fires a command")
		assert.True(t, m.Typing(), "the field is still open")
		assert.Equal(t, typed.String(), m.find.field.Value(), "every key was typed")
		assert.Contains(t, view(m), "Lesson l2", "still in the lesson")
		assert.Contains(t, infoOf(m), "no match")
	})
}

// "/gather" finds every spelling, marks each, jumps to the first, and
// counts; enter keeps the marks; n and N go round them; esc clears them,
// and only a second esc leaves the lesson.
func TestSearchFindsMarksAndGoesRoundTheMatches(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := open(t, course3(longLesson()), 0)
		require.NotContains(t, view(m), "asyncio.gather", "the first match starts below the screen")
		m, msgs := typeIn(m, "/gather")
		assert.Empty(t, commands(msgs))
		assert.Contains(t, view(m), "asyncio.gather runs two", "the view jumped to the first match")
		assert.Contains(t, infoOf(m), "/gather")
		assert.Contains(t, infoOf(m), "match 1 of 3")
		assert.Contains(t, m.View(), markCurrent+"gather"+markEnd, "the current match is marked")

		m, cmd := m.Update(press("enter"))
		assert.Empty(t, commands(run(cmd)))
		assert.False(t, m.Typing(), "enter closes the field")
		assert.Equal(t, "“gather”: match 1 of 3", infoOf(m))
		assert.Contains(t, m.View(), markCurrent+"gather"+markEnd, "the marks stay")

		m, msgs = typeIn(m, "n")
		assert.Empty(t, commands(msgs), "n is the next match, not the next lesson")
		assert.Equal(t, "“gather”: match 2 of 3", infoOf(m))
		assert.Contains(t, view(m), "Then Gather again")
		assert.Contains(t, m.View(), markCurrent+"Gather"+markEnd)
		m, _ = typeIn(m, "n")
		assert.Contains(t, view(m), "And GATHER once more")
		m, _ = typeIn(m, "n")
		assert.Equal(t, "“gather”: match 1 of 3 · from the top", infoOf(m))
		m, _ = typeIn(m, "N")
		assert.Equal(t, "“gather”: match 3 of 3 · from the bottom", infoOf(m))

		m, cmd = m.Update(press("esc"))
		assert.Empty(t, commands(run(cmd)), "the first esc clears the search")
		assert.Empty(t, infoOf(m))
		assert.NotContains(t, m.View(), markCurrent)
		assert.NotContains(t, m.View(), markMatch)
		m, cmd = m.Update(press("esc"))
		assert.Contains(t, run(cmd), tea.Msg(common.BackMsg{}), "the second leaves")
	})
}

// Every match on screen is marked, not only the current one.
func TestEveryMatchOnScreenIsMarked(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := open(t, course3("# Many\n\nwait, wait and wait.\n"), 0)
		m, _ = typeIn(m, "/wait")
		raw := m.View()
		assert.Equal(t, 1, strings.Count(raw, markCurrent+"wait"+markEnd))
		assert.Equal(t, 2, strings.Count(raw, markMatch+"wait"+markEnd))
		assert.Contains(t, infoOf(m), "match 1 of 3")
	})
}

// The first match is the first at or after the line the search began at.
func TestSearchStartsAtThePlaceOnScreen(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := open(t, course3(longLesson()), 0)
		second := strings.Index(strings.Join(m.lines, "\n"), "Then Gather")
		require.Positive(t, second)
		m.vp.SetYOffset(strings.Count(strings.Join(m.lines, "\n")[:second], "\n") - 1)
		m, _ = typeIn(m, "/gather")
		assert.Contains(t, infoOf(m), "match 2 of 3")
	})
}

// A search that finds nothing says so, in the field and after enter.
func TestASearchWithNoMatchSaysSo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := open(t, course3(longLesson()), 0)
		m, _ = typeIn(m, "/zebra")
		assert.Contains(t, infoOf(m), "no match")
		var cmd tea.Cmd
		m, cmd = m.Update(press("enter"))
		assert.False(t, m.Typing())
		assert.Equal(t, "no match for “zebra” in this lesson", infoOf(m))
		for _, msg := range run(cmd) { // the notice expires
			m, _ = m.Update(msg)
		}
		assert.Equal(t, "“zebra”: no match", infoOf(m), "the search stays until esc")

		// n, typed expecting a match, says there is none; it does not open
		// the next lesson.
		m, msgs := typeIn(m, "n")
		assert.Empty(t, commands(msgs))
		assert.Contains(t, infoOf(m), "no match for “zebra”")
		m, _ = m.Update(press("esc"))
		_, msgs = typeIn(m, "n")
		assert.NotEmpty(t, commands(msgs), "once cleared, n is the next lesson again")
	})
}

// The marks and the count survive a new width: the lesson is rendered
// again, and the same match is still the current one.
func TestTheMarksSurviveANewWidth(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := open(t, course3(longLesson()), 0)
		m, _ = typeIn(m, "/gather")
		m, _ = m.Update(press("enter"))
		m, _ = typeIn(m, "n")
		require.Equal(t, "“gather”: match 2 of 3", infoOf(m))

		settle := m.SetSize(60, 20)
		require.NotNil(t, settle)
		m, render := m.Update(settle())
		require.NotNil(t, render)
		m, _ = m.Update(render())
		require.Equal(t, ContentWidth(60), m.width)
		assert.Equal(t, "“gather”: match 2 of 3", infoOf(m))
		require.Len(t, m.find.matches, 3)
		m.scrollTo(m.find.matches[1].line())
		assert.Contains(t, m.View(), markCurrent+"Gather"+markEnd)
		assert.LessOrEqual(t, widest(m), 60)

		m, _ = typeIn(m, "/a much longer query that the field must scroll")
		m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
		for _, layout := range []Model{m, contentsOf(t, m)} {
			for n, line := range strings.Split(layout.View(), "\n") {
				assert.LessOrEqual(t, ansi.StringWidthWc(line), 60, "line %d: %q", n, ansi.Strip(line))
			}
		}
	})
}

// contentsOf is m with the search closed and the contents open.
func contentsOf(t *testing.T, m Model) Model {
	t.Helper()
	m, _ = m.Update(press("esc"))
	m, _ = typeIn(m, "o")
	require.True(t, m.toc.open)
	return m
}

// Pasted text is searched for, as typed text is.
func TestAPasteIsSearchedFor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := open(t, course3(longLesson()), 0)
		m, _ = typeIn(m, "/")
		m, cmd := m.Update(tea.PasteMsg{Content: "GATHER"})
		assert.Empty(t, commands(run(cmd)))
		assert.Equal(t, "/GATHER", strings.Fields(infoOf(m))[0])
		assert.Contains(t, infoOf(m), "match 1 of 3")
	})
}

// A phrase that wraps over two lines is found, and both parts are marked.
func TestAPhraseWrappedOverTwoLinesIsFound(t *testing.T) {
	lines := []string{"  the \x1b[1mevent\x1b[m", "  loop runs, an Event   loop"}
	d := newSearchDoc(lines)
	found := d.find("event loop")
	require.Len(t, found, 2)
	assert.Equal(t, match{{line: 0, from: 6, to: 11}, {line: 1, from: 2, to: 6}}, found[0], "the indent is not marked")
	out := highlighted(lines, 0, found, 0)
	assert.Equal(t, "  the \x1b[1m"+markCurrent+"event"+markEnd+"\x1b[1m\x1b[m", out[0], "the bold is played again after the mark")
	assert.Equal(t, "  "+markCurrent+"loop"+markEnd+" runs, an "+markMatch+"Event   loop"+markEnd, out[1])
}

// In Thai, a word is found and marked, and marking changes no line's text
// or width, in any built-in lesson, English or Thai.
func TestThaiSearchAndMarksKeepTheText(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		full, problems := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS})
		require.False(t, course.HasErrors(problems))
		th := full.In("th")
		cm := newCommon(th, 80, 24, false)
		m := open(t, cm, 0)
		m, msgs := typeIn(m, "/เธรด")
		assert.Empty(t, commands(msgs))
		require.NotEmpty(t, m.find.matches)
		assert.Contains(t, infoOf(m), fmt.Sprintf("match 1 of %d", len(m.find.matches)))
		assert.Contains(t, m.View(), markCurrent+"เธรด"+markEnd)

		for _, lang := range []string{"", "th"} {
			c := full.In(lang)
			cm.Course = c
			for i := range c.Lessons {
				l := open(t, cm, i)
				for _, word := range []string{"a", "e", "น", "า", "ั", "ก"} {
					found := newSearchDoc(l.lines).find(word)
					for n, line := range highlighted(l.lines, 0, found, 0) {
						require.Equal(t, ansi.Strip(l.lines[n]), ansi.Strip(line), "%s %q line %d", c.Lessons[i].File, word, n)
						require.Equal(t, ansi.StringWidthWc(l.lines[n]), ansi.StringWidthWc(line))
					}
				}
			}
		}
	})
}

// o lists the headings; enter goes to the one chosen; esc closes the list.
// No letter behind the list is a command.
func TestTheContentsGoToAHeading(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := open(t, course3(longLesson()), 0)
		m, _ = typeIn(m, "o")
		v := view(m)
		assert.Contains(t, v, "Contents · 4 headings")
		for _, h := range []string{"▸ Finding things", "First part", "Second part", "Third part"} {
			assert.Contains(t, v, h)
		}
		m, msgs := typeIn(m, "tn[]/")
		assert.Empty(t, commands(msgs), "keys the list does not know do nothing")
		assert.False(t, m.Typing())
		m, _ = m.Update(press("down"))
		m, _ = m.Update(press("down"))
		assert.Contains(t, view(m), "▸   Second part")
		m, _ = m.Update(press("enter"))
		body := strings.Split(view(m), "\n")[2]
		assert.Equal(t, "## Second part", strings.TrimSpace(body), "the heading is at the top")

		m, _ = typeIn(m, "o")
		assert.Contains(t, view(m), "▸   Second part", "the list opens at the section on screen")
		m, _ = m.Update(press("esc"))
		assert.NotContains(t, view(m), "Contents")
		assert.Equal(t, "## Second part", strings.TrimSpace(strings.Split(view(m), "\n")[2]), "esc goes nowhere")

		m = open(t, course3("no headings here\n"), 0)
		m, _ = typeIn(m, "o")
		assert.Equal(t, "this lesson has no headings", infoOf(m))
	})
}

// The headings of every built-in lesson, English and Thai, are found in
// its rendering.
func TestEveryBuiltinHeadingIsFound(t *testing.T) {
	full, _ := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS})
	for _, lang := range []string{"", "th"} {
		c := full.In(lang)
		p := progress.New()
		for _, width := range []int{60, 100} {
			for _, color := range []bool{false, true} { // glamour draws a coloured title without its "#"
				cm := newCommon(c, width, 24, color)
				cm.Progress = p.Course("k")
				for i, l := range c.Lessons {
					m := open(t, cm, i)
					assert.Len(t, m.headings, len(m.outline), "%s at %d, colour %v", l.File, width, color)
					assert.GreaterOrEqual(t, len(m.outline), 2, l.File)
				}
			}
		}
	}
}

// [ and ] open the lesson before and after, recording the place in the
// one left; at either end they say there is none.
func TestBracketsGoToThePreviousAndNextLesson(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cm := course3(longLesson())
		m := open(t, cm, 0)
		m, msgs := typeIn(m, "[")
		assert.Empty(t, commands(msgs))
		assert.Equal(t, "this is the first lesson: there is no previous one", infoOf(m))

		m, _ = typeIn(m, "jjjj")
		left := m.Line()
		require.Positive(t, left)
		m, cmd := m.Update(press("]"))
		_, batch := cmd().(tea.BatchMsg)
		assert.False(t, batch, "in a batch the new lesson's opening could be saved before the place left")
		msgs = run(cmd)
		assert.Equal(t, tea.Msg(common.OpenLessonMsg{Index: 1}), msgs[len(msgs)-1], "opened after the place is recorded")
		assertRecordsLine(t, msgs, "l1", left)

		m = open(t, cm, 1)
		m, msgs = typeIn(m, "[")
		assert.Contains(t, msgs, tea.Msg(common.OpenLessonMsg{Index: 0}))
		assertRecordsLine(t, msgs, "l2", 0)

		m = open(t, cm, 2)
		_, msgs = typeIn(m, "]")
		assert.Empty(t, commands(msgs))
		m, _ = typeIn(m, "]")
		assert.Equal(t, "this is the last lesson: there is no next one (t takes its quiz)", infoOf(m))
		m, _ = typeIn(m, "n")
		assert.Contains(t, infoOf(m), "this is the last lesson", "n says so too")
	})
}

func assertRecordsLine(t *testing.T, msgs []tea.Msg, lesson string, line int) {
	t.Helper()
	for _, msg := range msgs {
		if r, ok := msg.(common.RecordMsg); ok {
			all := progress.New()
			p := all.Course("k")
			r.Change(p)
			assert.Equal(t, lesson, p.Resume.Lesson)
			assert.Equal(t, line, p.Resume.Line)
			return
		}
	}
	t.Errorf("no place recorded in %v", msgs)
}

// The mouse wheel scrolls the lesson, as the arrow keys do.
func TestTheMouseWheelScrolls(t *testing.T) {
	m := open(t, course3(longLesson()), 0)
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	assert.Equal(t, wheelStep, m.vp.YOffset())
	top := strings.Split(view(m), "\n")[2]
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	assert.Equal(t, top, strings.Split(view(m), "\n")[2])
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	assert.Zero(t, m.Line())
}

func helpKeys(bs []key.Binding) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Help().Key+" "+b.Help().Desc)
	}
	return out
}

// The help lists the new keys; the short help puts scrolling and the
// cards first and ends with esc and ?, and shows what each state needs.
func TestHelpListsTheNewKeys(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := open(t, course3(longLesson()), 0)
		short := helpKeys(m.ShortHelp())
		assert.Equal(t, []string{"↑/↓ scroll", "tab next card", "enter open", "/ search", "t take the quiz", "o contents", "[/] previous/next lesson", "esc back", "? all keys"}, short)
		var full []string
		for _, group := range m.FullHelp() {
			full = append(full, helpKeys(group)...)
		}
		for _, want := range []string{"/ search", "n/N next/previous match", "o contents", "[ previous lesson", "] next lesson", "esc clear search"} {
			assert.Contains(t, full, want)
		}

		m, _ = typeIn(m, "/gather")
		assert.Equal(t, []string{"enter keep matches", "↑/↓ next/previous match", "esc clear search"}, helpKeys(m.ShortHelp()))
		m, _ = m.Update(press("enter"))
		short = helpKeys(m.ShortHelp())
		assert.Equal(t, "n/N next/previous match", short[0])
		assert.Equal(t, "esc clear search", short[len(short)-2])
		m, _ = m.Update(press("esc"))
		m, _ = typeIn(m, "o")
		assert.Equal(t, []string{"↑/↓ choose", "enter go to heading", "esc close contents", "? all keys"}, helpKeys(m.ShortHelp()))
	})
}

// A heading wrapped over two lines is found at its first.
func TestAWrappedHeadingIsFound(t *testing.T) {
	hs := []heading{{level: 2, text: "A very long heading that wraps here", line: -1}}
	lines := []string{"", "  # a very long heading", "  ## A very long heading that", "  wraps here", ""}
	found := locate(hs, lines)
	require.Len(t, found, 1)
	assert.Equal(t, 2, found[0].line)
}
