package menu

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

var day = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)

func newMenu(c *course.Course, p *progress.Course, width, height int) Model {
	m := New(&common.Common{Context: context.Background(), Styles: theme.New(true), Keys: theme.NewKeyMap(say.English), Course: c, Progress: p})
	m.SetSize(width, height)
	return m
}

// screen is the menu as a learner reads it.
func screen(m Model) string { return ansi.Strip(m.View()) }

// firstLine is the menu's heading as a learner reads it.
func firstLine(c *course.Course) string {
	line, _, _ := strings.Cut(screen(newMenu(c, &progress.Course{}, 100, 30)), "\n")
	return strings.TrimRight(line, " ")
}

// lessons is a course of n lessons, each with a summary, the odd ones with
// a quiz.
func lessons(n int) *course.Course {
	c := &course.Course{}
	for i := 1; i <= n; i++ {
		l := &course.Lesson{ID: fmt.Sprintf("l%d", i), Title: fmt.Sprintf("Lesson %d", i), Summary: fmt.Sprintf("What lesson %d is about.", i)}
		if i%2 == 1 {
			l.Quiz = "q" + l.ID
			c.Quizzes = append(c.Quizzes, &course.Quiz{ID: l.Quiz, Pass: 0.7})
		}
		c.Lessons = append(c.Lessons, l)
	}
	return c
}

func press(m Model, keys ...string) (Model, tea.Cmd) {
	var cmd tea.Cmd
	for _, k := range keys {
		var kp tea.KeyPressMsg
		switch k {
		case "enter":
			kp = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "down":
			kp = tea.KeyPressMsg{Code: tea.KeyDown}
		default:
			kp = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
		}
		m, cmd = m.Update(kp)
	}
	return m, cmd
}

// rowOf is the line of the screen that shows lesson title.
func rowOf(t *testing.T, s, title string) string {
	t.Helper()
	for l := range strings.SplitSeq(s, "\n") {
		if row := strings.TrimLeft(strings.TrimPrefix(l, "▸ "), " "); strings.HasPrefix(row, title[len("Lesson "):]+". "+title) {
			return l
		}
	}
	require.Fail(t, "no row", "%q not on the screen:\n%s", title, s)
	return ""
}

// endsWith asserts how a row ends: with the lesson's state.
func endsWith(t *testing.T, row, state string) {
	t.Helper()
	assert.Truef(t, strings.HasSuffix(row, state), "%q does not end with %q", row, state)
}

// selected is the title of the row under the cursor.
func selected(t *testing.T, m Model) string {
	t.Helper()
	for l := range strings.SplitSeq(screen(m), "\n") {
		if rest, ok := strings.CutPrefix(l, "▸ "); ok {
			return strings.TrimSpace(strings.SplitN(rest, "  ", 2)[0])
		}
	}
	require.Fail(t, "no row is selected")
	return ""
}

// opened is the lesson a Cmd opens.
func opened(t *testing.T, cmd tea.Cmd) int {
	t.Helper()
	require.NotNil(t, cmd)
	msg, ok := cmd().(common.OpenLessonMsg)
	require.True(t, ok)
	return msg.Index
}

func TestTheMenuShowsTheCourseTitle(t *testing.T) {
	lessons := []*course.Lesson{{ID: "a", Title: "A"}}
	titled := &course.Course{Lessons: lessons, Meta: &course.Meta{Title: "Async\u202e, run live", Summary: "One loop"}}
	assert.Equal(t, "Async<U+202E>, run live  One loop", firstLine(titled), "the title is shown as termtext.Name shows names")

	untitled := &course.Course{Lessons: lessons}
	assert.Equal(t, "asyncio-tutor  asynchronous programming, run live", firstLine(untitled))
}

func TestALessonHasOneStatus(t *testing.T) {
	c := lessons(3)
	p := &progress.Course{}
	p.AddQuizAttempt("l1", progress.QuizAttempt{Quiz: "ql1", Score: 1, Passed: true}) // taken from the middle of the lesson
	p.SetResume("l2", 10)
	p.MarkRead("l3", day)
	p.AddQuizAttempt("l3", progress.QuizAttempt{Quiz: "ql3", Score: 0.4})
	s := screen(newMenu(c, p, 100, 30))

	one := rowOf(t, s, "Lesson 1")
	assert.NotContains(t, one, "new", "a passed quiz is never shown beside new")
	endsWith(t, one, "★ quiz 100% passed, end not read")
	endsWith(t, rowOf(t, s, "Lesson 2"), "› reading")
	endsWith(t, rowOf(t, s, "Lesson 3"), "◐ quiz 40%, not passed yet")
}

func TestAQuizUnderWayIsShownWithItsQuestion(t *testing.T) {
	c := lessons(1)
	var asked []string
	for _, id := range strings.Split("abcdefg", "") {
		asked = append(asked, id)
		c.Quizzes[0].Questions = append(c.Quizzes[0].Questions, &course.Question{ID: id, Type: course.Single,
			Choices: []course.Choice{{Text: "yes", Correct: true}, {Text: "no"}}})
	}
	p := &progress.Course{}
	p.SetQuizDraft("l1", &progress.QuizDraft{Quiz: "ql1", Asked: asked,
		Answers: []progress.DraftAnswer{{ID: "a", Choices: []int{1}}, {ID: "b", Choices: []int{2}}}})
	endsWith(t, rowOf(t, screen(newMenu(c, p, 100, 30)), "Lesson 1"), "◐ quiz in progress: question 3 of 7")
}

func TestEveryLessonsSummaryIsShownWhenThereIsRoom(t *testing.T) {
	s := screen(newMenu(lessons(5), &progress.Course{}, 100, 30))
	for i := 1; i <= 5; i++ {
		assert.Contains(t, s, fmt.Sprintf("What lesson %d is about.", i))
	}
}

func TestASmallWindowShowsTheChosenLessonsSummary(t *testing.T) {
	m := newMenu(lessons(11), &progress.Course{}, 60, 16)
	s := screen(m)
	assert.Contains(t, s, "What lesson 1 is about.", "the first row opens lesson 1")
	assert.NotContains(t, s, "What lesson 2 is about.")

	m, _ = press(m, "down", "down")
	s = screen(m)
	assert.Contains(t, s, "What lesson 2 is about.")
	assert.NotContains(t, s, "What lesson 1 is about.")
	assert.LessOrEqual(t, strings.Count(s, "\n")+1, 16)
}

func TestDigitsGoToALesson(t *testing.T) {
	m := newMenu(lessons(12), &progress.Course{}, 100, 30)

	m, _ = press(m, "4")
	assert.Equal(t, "4. Lesson 4", selected(t, m))
	assert.Contains(t, screen(m), "Lesson 4\n", "what was typed is shown; 40 and up are no lessons")

	m, _ = press(m, "1")
	assert.Equal(t, "1. Lesson 1", selected(t, m), "41 is no lesson: a new number starts")
	assert.Contains(t, screen(m), "Lesson 1 (one more digit for 10 to 12)")

	m, _ = press(m, "1")
	assert.Equal(t, "11. Lesson 11", selected(t, m))
	assert.Contains(t, screen(m), "Lesson 11\n")

	_, cmd := press(m, "enter")
	assert.Equal(t, 10, opened(t, cmd))
}

func TestATypedNumberEndsAfterAMoment(t *testing.T) {
	m := newMenu(lessons(12), &progress.Course{}, 100, 30)
	m, cmd := press(m, "1")
	require.NotNil(t, cmd, "the number waits a moment for another digit")
	m, _ = m.Update(typedExpiredMsg{id: m.typeID}) // the moment has passed
	assert.NotContains(t, screen(m), "one more digit")

	m, _ = press(m, "2")
	assert.Equal(t, "2. Lesson 2", selected(t, m), "not 12: the 1 was typed a while ago")
}

func TestAnOlderExpiryLeavesANewerNumber(t *testing.T) {
	m := newMenu(lessons(12), &progress.Course{}, 100, 30)
	m, _ = press(m, "1")
	first := typedExpiredMsg{id: m.typeID}
	m, _ = press(m, "down", "1")
	m, _ = m.Update(first)
	m, _ = press(m, "2")
	assert.Equal(t, "12. Lesson 12", selected(t, m))
}

func TestADigitNamingNoLessonSaysSo(t *testing.T) {
	m := newMenu(lessons(3), &progress.Course{}, 100, 30)
	m, _ = press(m, "2", "7")
	assert.Equal(t, "2. Lesson 2", selected(t, m), "the cursor stays")
	assert.Contains(t, screen(m), "Lesson 7: no such lesson; the lessons are 1 to 3")
	m, _ = press(m, "down")
	assert.NotContains(t, screen(m), "no such lesson", "any other key ends the number")
}

func TestDigitsInACourseWithoutLessonsDoNothing(t *testing.T) {
	m, _ := press(newMenu(&course.Course{}, &progress.Course{}, 100, 30), "3")
	assert.NotContains(t, screen(m), "Lesson 3")
	assert.Contains(t, screen(m), "This course has no lesson yet.")
}

func TestTheMouseWheelMovesTheSelection(t *testing.T) {
	m := newMenu(lessons(3), &progress.Course{}, 100, 30)
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	assert.Equal(t, "2. Lesson 2", selected(t, m))
	m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	assert.Equal(t, "1. Lesson 1", selected(t, m))
}

func TestASCIIDrawsNoBlockGlyphs(t *testing.T) {
	p := &progress.Course{}
	p.MarkRead("l1", day)
	p.AddQuizAttempt("l1", progress.QuizAttempt{Quiz: "ql1", Score: 1, Passed: true})
	p.SetResume("l2", 3)
	m := newMenu(lessons(12), p, 60, 16)
	m.c.ASCII = true
	for _, s := range []string{screen(m), screen(func() Model { m, _ := press(m, "down", "down"); return m }())} {
		for _, r := range s {
			assert.Less(t, r, rune(0x80), "%q in\n%s", r, s)
		}
	}
}

func TestTheDamagedProgressNoticeShowsTheWholePath(t *testing.T) {
	path := "/home/learner/.local/state/asyncio-tutor/progress.json.corrupt-20261202-164405"
	m := newMenu(lessons(2), &progress.Course{}, 60, 24)
	m.c.Notices = []string{"your progress file was damaged (unexpected end of JSON input) and was moved aside to " + path + "; starting fresh"}
	s := screen(m)
	var joined strings.Builder
	for l := range strings.SplitSeq(s, "\n") {
		assert.LessOrEqual(t, ansi.StringWidth(l), 60)
		joined.WriteString(strings.TrimSpace(strings.TrimPrefix(l, "! ")))
	}
	assert.Contains(t, joined.String(), path, "wrapped, not cut")
	assert.Contains(t, s, "starting fresh", "the notice's end too")
}

func TestCountsAgreeWithTheirNumber(t *testing.T) {
	c := lessons(1)
	p := &progress.Course{}
	p.MarkRead("l1", day)
	assert.Contains(t, screen(newMenu(c, p, 100, 30)), "1 of 1 lesson read · 0 of 1 quiz passed")
	assert.Contains(t, screen(newMenu(lessons(4), &progress.Course{}, 100, 30)), "0 of 4 lessons read · 0 of 2 quizzes passed")
}

func TestACompleteCourseSaysSo(t *testing.T) {
	c := lessons(3)
	p := &progress.Course{}
	for _, id := range []string{"l1", "l2", "l3"} {
		p.MarkRead(id, day)
	}
	p.AddQuizAttempt("l1", progress.QuizAttempt{Quiz: "ql1", Score: 0.8, Passed: true})
	almost := screen(newMenu(c, p, 100, 30))
	assert.NotContains(t, almost, "Course complete")

	p.AddQuizAttempt("l3", progress.QuizAttempt{Quiz: "ql3", Score: 1, Passed: true})
	s := screen(newMenu(c, p, 100, 30))
	assert.Contains(t, s, "★ Course complete: every lesson read, every quiz passed, best scores 90% on average.")
	assert.Contains(t, s, "asyncio-tutor init DIR")
	endsWith(t, rowOf(t, s, "Lesson 1"), "read, quiz 80% passed")
	endsWith(t, rowOf(t, s, "Lesson 2"), "★ read")
	small := screen(newMenu(c, p, 60, 16))
	assert.Contains(t, small, "★ Course complete: best scores 90% on average.\n", "one line in a short window")
	assert.Contains(t, small, "3. Lesson 3", "the lessons still show")
	for _, size := range [][2]int{{60, 16}, {80, 24}} {
		s := screen(newMenu(c, p, size[0], size[1]))
		assert.Contains(t, s, "Course complete")
		for l := range strings.SplitSeq(s, "\n") {
			assert.LessOrEqual(t, ansi.StringWidth(l), size[0], l)
		}
	}
}

func TestTheFirstRowSaysWhereItOpensTheLesson(t *testing.T) {
	c := lessons(2)
	c.Lessons[1].Body = strings.Repeat("text\n", 99)
	p := &progress.Course{}
	p.SetResume("l2", 40)
	first := strings.Split(screen(newMenu(c, p, 100, 30)), "\n")[3]
	assert.Regexp(t, `^▸ ▶ Continue: 2\. Lesson 2 +about 40% in$`, first)
}

// BenchmarkView draws the menu of an 11-lesson course with some progress,
// as every key press and resize does.
func BenchmarkView(b *testing.B) {
	p := &progress.Course{}
	p.MarkRead("l1", day)
	p.AddQuizAttempt("l1", progress.QuizAttempt{Quiz: "ql1", Score: 1, Passed: true})
	p.SetResume("l2", 3)
	m := newMenu(lessons(11), p, 100, 30)
	for b.Loop() {
		_ = m.View()
	}
}
