package quizview

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// testQuiz has one question of each type; the right answers are
// single 2, multi 1+3, text "deadlock" / "Wait", order a b c d, output x y z.
func testQuiz() *course.Quiz {
	return &course.Quiz{
		ID: "demo", Title: "Demo quiz", Pass: 0.7,
		Questions: []*course.Question{
			{
				ID: "one", Type: course.Single,
				Prompt: "Why do two blocking one-second sleeps take **two** seconds?",
				Choices: []course.Choice{
					{Text: "Printing is slow", Feedback: "Printing takes microseconds."},
					{Text: "The second cannot start until the first returns", Correct: true, Feedback: "Right: the waits line up."},
					{Text: "Python runs one call per second", Feedback: "Nothing limits Python like that."},
				},
				Explanation: "`time.sleep` blocks the thread for the whole wait.",
			},
			{
				ID: "many", Type: course.Multi,
				Prompt: "Which are true about races? Pick every one.",
				Choices: []course.Choice{
					{Text: "A read-modify-write can be interrupted", Correct: true, Feedback: "Yes, between the read and the write."},
					{Text: "Races fail the same way on every run", Feedback: "They depend on timing."},
					{Text: "A lock prevents lost updates", Correct: true, Feedback: "Yes, one at a time."},
				},
				Explanation: "A race depends on how threads interleave.",
			},
			{
				ID: "word", Type: course.Text,
				Prompt:      "Two threads each wait for the other's lock: a ___. In Go, main waits with `wg.___()`.",
				Answers:     [][]string{{"deadlock"}, {"Wait"}},
				Explanation: "A deadlock is a cycle of waits.",
			},
			{
				ID: "steps", Type: course.Order,
				Prompt:      "Put the steps in order.",
				Items:       []string{"a", "b", "c", "d"},
				Explanation: "Alphabetical.",
			},
			{
				ID: "lines", Type: course.Output,
				Prompt:      "Order the printed lines.",
				Example:     "gather",
				Lines:       []string{"x", "y", "z"},
				Explanation: "x first.",
			},
		},
	}
}

var renderer = markdown.New()

func newModel(q *course.Quiz, w, h int) Model {
	m := New(q, theme.New(true), theme.NewKeyMap(say.English), renderer, markdown.Dark, 1)
	m.SetSize(w, h)
	m.reviewDelay = 0 // the driver runs Cmds as they come: a tick would hold it up
	return m
}

// keyMsg turns a key name as the KeyMap spells it into a key press.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "shift+up":
		return tea.KeyPressMsg{Code: tea.KeyUp, Mod: tea.ModShift}
	case "shift+down":
		return tea.KeyPressMsg{Code: tea.KeyDown, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("unknown key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// driver runs a model like a program would: each Cmd is run and its
// messages fed back, except the ones for the app, which it keeps.
type driver struct {
	t   testing.TB
	m   Model
	out []tea.Msg
}

func drive(t testing.TB, m Model) *driver {
	d := &driver{t: t, m: m}
	d.run(m.Init())
	return d
}

func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.run(c)
		}
	case FinishedMsg, BackMsg, AnsweredMsg, OpenExampleMsg:
		d.out = append(d.out, msg)
	default:
		d.send(msg)
	}
}

func (d *driver) send(msg tea.Msg) {
	var cmd tea.Cmd
	d.m, cmd = d.m.Update(msg)
	d.run(cmd)
}

func (d *driver) press(keys ...string) *driver {
	for _, k := range keys {
		d.send(keyMsg(k))
	}
	return d
}

func (d *driver) typ(s string) *driver {
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return d
}

func (d *driver) view() string { return ansi.Strip(d.m.View()) }

func (d *driver) backs() []BackMsg {
	var b []BackMsg
	for _, msg := range d.out {
		if bm, ok := msg.(BackMsg); ok {
			b = append(b, bm)
		}
	}
	return b
}

func (d *driver) finished() []FinishedMsg {
	var f []FinishedMsg
	for _, msg := range d.out {
		if fm, ok := msg.(FinishedMsg); ok {
			f = append(f, fm)
		}
	}
	return f
}

// orderRight presses the keys that put the current order question right:
// a selection sort with the move keys.
func (d *driver) orderRight() *driver {
	want := quiz.Key(d.m.question()).Items
	for i, w := range want {
		j := i
		for d.m.items[j] != w {
			j++
		}
		for d.m.cursor != j {
			if d.m.cursor < j {
				d.press("down")
			} else {
				d.press("up")
			}
		}
		for ; j > i; j-- {
			d.press("K")
		}
	}
	return d
}

func assertFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	assert.Len(t, lines, h, "the view has exactly the height")
	for i, l := range lines {
		assert.LessOrEqual(t, ansi.StringWidth(l), w, "line %d is too wide: %q", i, ansi.Strip(l))
	}
}

func TestSingleRightAndWrong(t *testing.T) {
	d := drive(t, newModel(testQuiz(), 80, 24))
	v := d.view()
	assert.Contains(t, v, "Question 1 of 5")
	assert.Contains(t, v, "› ( ) 1. Printing is slow")

	d.press("down", "space")
	assert.Contains(t, d.view(), "› (•) 2. The second cannot start")
	d.press("up", "down") // the cursor moves; the pick stays
	assert.Contains(t, d.view(), "› (•) 2. The second cannot start")
	d.press("enter")
	v = d.view()
	assert.Contains(t, v, "✓ Right")
	assert.Contains(t, v, "Right: the waits line up.")
	assert.Contains(t, v, "blocks the thread for the whole wait")
	assert.NotContains(t, v, "The right answer")

	d = drive(t, newModel(testQuiz(), 80, 24))
	d.press("3", "1", "enter") // a number picks; picking another replaces it
	v = d.view()
	assert.Contains(t, v, "✗ Wrong")
	assert.Contains(t, v, "✗ (•) 1. Printing is slow")
	assert.Contains(t, v, "Printing takes microseconds.")
	assert.NotContains(t, v, "Nothing limits Python like that.", "only the picked choice's feedback")
	assert.Contains(t, v, "The right answer")
	assert.Contains(t, v, "2. The second cannot start until the first returns")
}

func TestMultiRightPartlyWrong(t *testing.T) {
	toMulti := func() *driver {
		d := drive(t, newModel(testQuiz(), 80, 24))
		d.press("2", "enter", "enter")
		require.Equal(t, "many", d.m.question().ID)
		return d
	}
	d := toMulti().press("1", "3")
	assert.Contains(t, d.view(), "[x] 1. A read-modify-write")
	assert.Contains(t, d.view(), "[ ] 2. Races fail")
	d.press("enter")
	assert.Contains(t, d.view(), "✓ Right")
	assert.Contains(t, d.view(), "Yes, one at a time.")

	d = toMulti().press("space", "enter") // space toggles the choice under the cursor
	v := d.view()
	assert.Contains(t, v, "◐ Partly right (50%)")
	assert.Contains(t, v, "The right answer")
	assert.InDelta(t, 0.5, d.m.result.Score, 1e-9)

	d = toMulti().press("1", "2", "1", "enter") // 1 toggled on and off again
	assert.Contains(t, d.view(), "✗ Wrong")
	assert.Contains(t, d.view(), "They depend on timing.")
	assert.NotContains(t, d.view(), "between the read and the write")
}

func toText(t *testing.T) *driver {
	d := drive(t, newModel(testQuiz(), 80, 24))
	d.press("2", "enter", "enter", "1", "3", "enter", "enter")
	require.Equal(t, "word", d.m.question().ID)
	return d
}

func TestTextBlanksWithTab(t *testing.T) {
	d := toText(t)
	assert.True(t, d.m.Typing())
	assert.Contains(t, d.view(), "blank 1:")
	assert.Contains(t, d.view(), "blank 2:")

	d.typ("deadlock").press("enter")
	assert.Contains(t, d.view(), "fill in blank 2", "enter with an empty blank points at it")
	assert.Equal(t, 1, d.m.focus)
	d.press("shift+tab").typ("!").press("tab") // back to blank 1, then on again
	assert.Equal(t, "deadlock!", d.m.inputs[0].Value())
	d.typ("Wait").press("enter")
	assert.False(t, d.m.Typing())
	v := d.view()
	assert.Contains(t, v, "✗ Wrong")
	assert.Contains(t, v, "✗ blank 1: deadlock!")
	assert.Contains(t, v, "✓ blank 2: Wait")
	assert.Contains(t, v, "blank 1: deadlock")

	d = toText(t)
	d.typ("jkq?").press("tab").typ("Wait") // while typing, j k q ? are letters
	assert.Equal(t, "jkq?", d.m.inputs[0].Value())
	d.press("shift+tab")
	for range 4 {
		d.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	d.typ("Deadlock").press("enter")
	assert.Contains(t, d.view(), "✓ Right")
	assert.Contains(t, d.view(), "✓ blank 1: Deadlock")
}

func TestOrderMovesItems(t *testing.T) {
	d := toText(t).typ("deadlock").press("tab").typ("Wait").press("enter", "enter")
	require.Equal(t, "steps", d.m.question().ID)
	assert.NotEqual(t, []string{"a", "b", "c", "d"}, d.m.items, "never already in order")
	first := d.m.items[0]
	d.press("shift+down")
	assert.Equal(t, first, d.m.items[1], "shift+down moves the selected item down")
	assert.Equal(t, 1, d.m.cursor, "and the selection with it")
	d.press("K")
	assert.Equal(t, first, d.m.items[0], "K moves it back up")
	d.press("J", "shift+up")
	assert.Equal(t, first, d.m.items[0])

	wrong := *d
	wrong.press("enter")
	assert.Contains(t, wrong.view(), "✗ Wrong")
	assert.Contains(t, wrong.view(), "The right answer")

	d.orderRight()
	assert.Equal(t, []string{"a", "b", "c", "d"}, d.m.items)
	d.press("enter")
	assert.Contains(t, d.view(), "✓ Right")
	assert.Contains(t, d.view(), "✓ 1. a")
}

func toOutput(t *testing.T) *driver {
	d := toText(t).typ("deadlock").press("tab").typ("Wait").press("enter", "enter")
	d.orderRight().press("enter", "enter")
	require.Equal(t, "lines", d.m.question().ID)
	return d
}

func TestOutputRightAndWrong(t *testing.T) {
	d := toOutput(t)
	assert.Contains(t, d.view(), "order example gather prints them")
	wrong := *d
	wrong.press("enter")
	assert.Contains(t, wrong.view(), "✗ Wrong")
	assert.Contains(t, wrong.view(), "1. x")

	d.orderRight().press("enter")
	assert.Contains(t, d.view(), "✓ Right")
	assert.Contains(t, d.view(), "enter: see your score")
}

func TestFinishedScoreAndRetake(t *testing.T) {
	d := drive(t, newModel(testQuiz(), 80, 24))
	d.press("1", "enter", "enter") // single wrong
	d.press("1", "enter", "enter") // multi partly right: 0.5
	d.typ("deadlock").press("tab").typ("Wait").press("enter", "enter")
	d.orderRight().press("enter", "enter")
	d.orderRight().press("enter")
	assert.Empty(t, d.finished(), "not before the results screen")
	d.press("enter")

	fin := d.finished()
	require.Len(t, fin, 1)
	assert.Equal(t, "demo", fin[0].Quiz)
	assert.InDelta(t, 3.5/5, fin[0].Score, 1e-9)
	assert.True(t, fin[0].Passed, "3.5 of 5 reaches 0.7")
	assert.False(t, fin[0].Retake)
	require.Len(t, fin[0].Results, 5)
	assert.Equal(t, "one", fin[0].Results[0].QuestionID)

	v := d.view()
	assert.Contains(t, v, "Score 70% · 3 of 5 right")
	assert.Contains(t, v, "✓ Passed")
	assert.Contains(t, v, "Missed (2)")
	assert.Contains(t, v, "✗ Why do two blocking one-second sleeps take two seconds?")
	assert.Contains(t, v, "you:   1. Printing is slow", "what the learner answered")
	assert.Contains(t, v, "right: 2. The second cannot start", "beside the right answer")
	assert.Contains(t, v, "◐ Which are true about races?")
	assert.Contains(t, v, "r: retake the 2 missed")

	d.press("up", "pgdown") // nothing to send again
	require.Len(t, d.finished(), 1)

	// The retake asks only the two missed questions.
	d.press("r")
	assert.Contains(t, d.view(), "Retake · question 1 of 2")
	assert.Equal(t, "one", d.m.question().ID)
	d.press("2", "enter", "enter")
	assert.Equal(t, "many", d.m.question().ID)
	d.press("2", "enter", "enter")

	fin = d.finished()
	require.Len(t, fin, 2, "one FinishedMsg per attempt")
	assert.True(t, fin[1].Retake)
	assert.InDelta(t, 4.0/5, fin[1].Score, 1e-9, "the whole quiz: one now right, multi now wrong")
	assert.True(t, fin[1].Passed)
	assert.False(t, fin[1].Results[1].Correct)
	assert.True(t, fin[1].Results[0].Correct)
	v = d.view()
	assert.Contains(t, v, "Retake results")
	assert.Contains(t, v, "This retake: 1 of 2 right")
	assert.Contains(t, v, "Missed (1)")

	d.press("r").press("1", "3", "enter", "enter")
	fin = d.finished()
	require.Len(t, fin, 3)
	assert.InDelta(t, 1, fin[2].Score, 1e-9)
	assert.Contains(t, d.view(), "Every question of this attempt right.")
	assert.Contains(t, d.view(), "enter: back")
	d.press("r") // nothing left to retake
	assert.Equal(t, finished, d.m.phase)

	d.press("enter")
	assert.IsType(t, BackMsg{}, d.out[len(d.out)-1])
}

func TestFailing(t *testing.T) {
	d := drive(t, newModel(testQuiz(), 80, 24))
	for range 2 {
		d.press("1", "enter", "enter")
	}
	d.typ("x").press("tab").typ("y").press("enter", "enter")
	d.press("enter", "enter", "enter", "enter")
	fin := d.finished()
	require.Len(t, fin, 1)
	assert.False(t, fin[0].Passed)
	assert.Contains(t, d.view(), "✗ Not passed yet")
}

func TestEscGoesBack(t *testing.T) {
	d := drive(t, newModel(testQuiz(), 80, 24))
	d.press("esc")
	require.Len(t, d.out, 1, "nothing answered: nothing to ask about")
	assert.IsType(t, BackMsg{}, d.out[0])
	d = toText(t)
	d.press("esc")
	assert.Empty(t, d.backs(), "answers given: it asks first")
	assert.Contains(t, d.view(), "Leave the quiz?")
	d.press("esc")
	assert.IsType(t, BackMsg{}, d.out[len(d.out)-1], "esc leaves even while typing")
}

// The issue: at question 6 of 7, esc then t started again at question 1.
// Leaving now asks, says the answers are kept, and stays on any other key.
func TestLeavingAnAttemptAsksFirst(t *testing.T) {
	d := drive(t, newModel(testQuiz(), 80, 24))
	d.press("2", "enter", "enter", "1", "3", "enter") // two answered, on the second's verdict
	d.press("esc")
	v := d.view()
	assert.Contains(t, v, "Leave the quiz?")
	assert.Contains(t, v, "Your 2 answers are saved. Open the quiz again to go on at question 3 of 5.")
	assert.Contains(t, v, "esc or y: leave")
	assert.Empty(t, d.backs())

	d.press("n")
	assert.NotContains(t, d.view(), "Leave the quiz?")
	assert.Equal(t, answered, d.m.phase, "staying changes nothing")
	d.press("esc", "x")
	assert.Empty(t, d.backs(), "any other key stays too, and does nothing else")
	assert.Equal(t, answered, d.m.phase)

	d.press("enter").typ("dead").press("esc")
	v = d.view()
	assert.Contains(t, v, "go on at question 3 of 5")
	assert.Contains(t, v, "not sent yet, and is not kept", "the blank typed in is not saved")
	d.press("y")
	assert.IsType(t, BackMsg{}, d.out[len(d.out)-1])
}

func TestMarkdownArrivesAsMessage(t *testing.T) {
	m := newModel(testQuiz(), 80, 24)
	assert.Contains(t, ansi.Strip(m.View()), "take **two** seconds", "plain until rendered")

	cmd := m.Init()
	require.NotNil(t, cmd)
	msg := cmd()
	rm, ok := msg.(renderedMsg)
	require.True(t, ok, "%T", msg)
	assert.Equal(t, 80, rm.width)

	m2, cmd := m.Update(rm)
	assert.Nil(t, cmd, "nothing more to render")
	v := ansi.Strip(m2.View())
	assert.Contains(t, v, "take two seconds")
	assert.NotContains(t, v, "**")

	// A stale rendering (other width) is dropped.
	stale := rm
	stale.width, stale.out = 40, "STALE"
	m3, _ := m.Update(stale)
	assert.NotContains(t, ansi.Strip(m3.View()), "STALE")

	// A resize asks again at the new width, and shows plain text meanwhile.
	m2.SetSize(60, 16)
	assert.Contains(t, ansi.Strip(m2.View()), "**two**")
	m2, cmd = m2.Update(tea.WindowSizeMsg{Width: 60, Height: 17})
	require.NotNil(t, cmd)
	rm = cmd().(renderedMsg)
	assert.Equal(t, 60, rm.width)
	m2, _ = m2.Update(rm)
	assert.NotContains(t, ansi.Strip(m2.View()), "**two**")

	// The explanation is rendered once answered.
	d := drive(t, newModel(testQuiz(), 80, 24)).press("2", "enter")
	assert.Contains(t, d.view(), "blocks the thread")
	assert.NotContains(t, d.view(), "`time.sleep`")
	assert.Contains(t, d.view(), "\u00a0time.sleep\u00a0", "glamour's inline code")
}

func TestSizesFit(t *testing.T) {
	for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}, {61, 17}, {30, 5}, {10, 2}} {
		w, h := size[0], size[1]
		d := drive(t, newModel(testQuiz(), w, h))
		check := func() { t.Helper(); assertFits(t, d.m.View(), w, h) }
		check()
		d.press("enter")
		check()
		d.press("2", "enter")
		check()
		d.press("enter", "1", "enter")
		check()
		d.press("enter")
		check()
		d.typ(strings.Repeat("long answer ", 20)).press("tab")
		check()
		d.press("enter")
		check()
		d.press("enter")
		check()
		d.press("enter", "enter")
		check()
		d.press("enter", "enter")
		check()
		for range 5 {
			d.press("pgdown")
			check()
		}
	}
}

func TestResizeKeepsFitting(t *testing.T) {
	d := drive(t, newModel(testQuiz(), 120, 40)).press("1", "enter")
	assertFits(t, d.m.View(), 120, 40)
	d.m.SetSize(60, 16)
	assertFits(t, d.m.View(), 60, 16)
	d.send(tea.WindowSizeMsg{Width: 60, Height: 16})
	assertFits(t, d.m.View(), 60, 16)
	d.m.SetSize(120, 40)
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	assertFits(t, d.m.View(), 120, 40)
}

// thaiQuiz has Thai text: combining vowels and tone marks take no cell.
func thaiQuiz() *course.Quiz {
	long := strings.Repeat("การรอคอยที่ไม่ต้องหยุดนิ่ง ", 8)
	return &course.Quiz{
		ID: "th", Title: "แบบทดสอบ: ทำไมต้องทำงานพร้อมกัน " + long, Pass: 0.7,
		Questions: []*course.Question{
			{
				ID: "one", Type: course.Single,
				Prompt: "ทำไมการหลับสองครั้งครั้งละหนึ่งวินาทีจึงใช้เวลาสองวินาที? " + long,
				Choices: []course.Choice{
					{Text: "การเรียกครั้งที่สองเริ่มไม่ได้จนกว่าครั้งแรกจะคืนค่า " + long, Correct: true, Feedback: "ถูกต้อง " + long},
					{Text: "การพิมพ์ช้า", Feedback: "การพิมพ์ใช้เวลาไม่กี่ไมโครวินาที"},
				},
				Explanation: "การหลับทำให้เธรดหยุดรอ " + long,
			},
			{
				ID: "steps", Type: course.Order, Prompt: "เรียงลำดับ",
				Items:       []string{"เธรด ก อ่านค่า 7 " + long, "เธรด ข อ่านค่า 7", "เธรด ก เขียน 8"},
				Explanation: "ทั้งสองอ่านก่อนเขียน",
			},
		},
	}
}

func TestThaiFits(t *testing.T) {
	for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		d := drive(t, newModel(thaiQuiz(), w, h))
		assertFits(t, d.m.View(), w, h)
		d.m.shown = [slots]rendered{} // the plain fallback must fit too
		assertFits(t, d.m.View(), w, h)
		d = drive(t, newModel(thaiQuiz(), w, h))
		d.press("2", "enter")
		assertFits(t, d.m.View(), w, h)
		for range 6 {
			d.press("down")
			assertFits(t, d.m.View(), w, h)
		}
		d.press("enter")
		assertFits(t, d.m.View(), w, h)
		d.press("enter", "enter")
		assertFits(t, d.m.View(), w, h)
		assert.Contains(t, d.view(), "Missed (2)")
	}
}

func TestLongExplanationKeepsFooter(t *testing.T) {
	q := testQuiz()
	q.Questions[0].Explanation = strings.Repeat("A very long explanation sentence. ", 80)
	d := drive(t, newModel(q, 60, 16)).press("2", "enter")
	v := d.view()
	lines := strings.Split(v, "\n")
	require.Len(t, lines, 16)
	assert.Contains(t, lines[15], "enter: next question", "the footer stays")
	assert.Contains(t, lines[15], "↓")
	d.press("G")
	assert.Contains(t, strings.Split(d.view(), "\n")[15], "↑ 100%")
	d.press("g")
	assert.Equal(t, 0, d.m.offset)
	d.press("pgdown", "j")
	assert.Greater(t, d.m.offset, 1)
}

func TestCursorScrollsIntoView(t *testing.T) {
	q := testQuiz()
	q.Questions[0].Prompt = strings.Repeat("A long prompt line. ", 40)
	for i := range 6 {
		q.Questions[0].Choices = append(q.Questions[0].Choices, course.Choice{Text: "Extra choice " + string(rune('a'+i))})
	}
	d := drive(t, newModel(q, 60, 16))
	for range 8 {
		d.press("down")
	}
	assert.Contains(t, d.view(), "› ( ) 9. Extra choice f")
	d.press("1")
	assert.Contains(t, d.view(), "› (•) 1. Printing is slow")
}

func TestControlSequencesAreCleaned(t *testing.T) {
	q := testQuiz()
	q.Title = "Evil\x1b]52;c;aGk=\x07 quiz"
	q.Questions[0].Choices[0].Text = "Choice\x1b[2J one"
	q.Questions[0].Choices[0].Feedback = "Bad\x9b feedback"
	d := drive(t, newModel(q, 80, 24))
	assert.NotContains(t, d.m.View(), "\x1b]52")
	assert.NotContains(t, d.m.View(), "\x1b[2J")
	d.press("1", "enter")
	assert.NotContains(t, d.m.View(), "\x9b")
	assert.Contains(t, d.view(), "Bad feedback")
}

func TestHelp(t *testing.T) {
	d := drive(t, newModel(testQuiz(), 80, 24))
	helps := func() []string {
		var s []string
		for _, b := range d.m.ShortHelp() {
			s = append(s, b.Help().Desc)
		}
		return s
	}
	assert.Contains(t, helps(), "answer", "enter answers with the choice under the cursor")
	assert.Contains(t, helps(), "leave the quiz", "esc is listed")
	assert.NotEmpty(t, d.m.FullHelp())
	d.press("2", "enter")
	assert.Contains(t, helps(), "next question")
	d = toText(t)
	assert.Contains(t, helps(), "next blank")
	d.typ("deadlock").press("tab").typ("Wait").press("enter", "enter")
	assert.Contains(t, helps(), "select item")
	for d.m.phase != finished {
		d.press("enter")
	}
	assert.Contains(t, helps(), "retake missed")
	assert.NotEmpty(t, d.m.FullHelp())
}

func TestEmptyQuiz(t *testing.T) {
	d := drive(t, newModel(&course.Quiz{ID: "none", Title: "Empty"}, 60, 16))
	assert.Contains(t, d.view(), "This quiz has no questions.")
	assert.Empty(t, d.finished())
	assert.False(t, d.m.Typing())
	assert.NotEmpty(t, d.m.ShortHelp())
	d.press("enter")
	assert.IsType(t, BackMsg{}, d.out[0])
	assertFits(t, New(nil, theme.New(true), theme.NewKeyMap(say.English), nil, markdown.Plain, 0).View(), 80, 24)
}

func TestGolden(t *testing.T) {
	t.Run("single", func(t *testing.T) {
		d := drive(t, newModel(testQuiz(), 80, 24)).press("down")
		golden.RequireEqual(t, d.view())
	})
	t.Run("single-answered-wrong", func(t *testing.T) {
		d := drive(t, newModel(testQuiz(), 80, 24)).press("3", "enter")
		golden.RequireEqual(t, d.view())
	})
	t.Run("text", func(t *testing.T) {
		d := toText(t).typ("dead")
		golden.RequireEqual(t, d.view())
	})
	t.Run("output", func(t *testing.T) {
		golden.RequireEqual(t, toOutput(t).view())
	})
	t.Run("results", func(t *testing.T) {
		d := drive(t, newModel(testQuiz(), 80, 24))
		for d.m.phase != finished {
			if d.m.Typing() {
				d.typ("deadlock").press("tab").typ("wait").press("enter", "enter")
				continue
			}
			d.press("1", "enter", "enter")
		}
		golden.RequireEqual(t, d.view())
	})
}

func BenchmarkViewQuestion(b *testing.B) {
	d := drive(b, newModel(testQuiz(), 80, 24)).press("down", "space")
	b.ReportAllocs()
	for b.Loop() {
		_ = d.m.View()
	}
}

func BenchmarkViewAnswered(b *testing.B) {
	d := drive(b, newModel(testQuiz(), 80, 24)).press("2", "enter")
	b.ReportAllocs()
	for b.Loop() {
		_ = d.m.View()
	}
}

func BenchmarkUpdateKey(b *testing.B) {
	m := newModel(testQuiz(), 80, 24)
	down, up := keyMsg("down"), keyMsg("up")
	b.ReportAllocs()
	for b.Loop() {
		m, _ = m.Update(down)
		m, _ = m.Update(up)
	}
}

// A second copy of the tutor runs read-only: leaving a quiz there must not
// promise that the answers are kept.
func TestLeavingAnUnsavedAttemptSaysTheAnswersGo(t *testing.T) {
	d := drive(t, newModel(testQuiz(), 80, 24).Unsaved())
	d.press("2", "enter", "enter", "esc")
	v := d.view()
	assert.Contains(t, v, "Progress is not saved this session: your 1 answer is lost when you leave.")
	assert.NotContains(t, v, "saved. Open the quiz again")
}
