package quizview

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
)

// regexQuiz is one text question whose key is a pattern.
func regexQuiz() *course.Quiz {
	return &course.Quiz{ID: "re", Title: "Regex", Pass: 1, Questions: []*course.Question{{
		ID: "sleep", Type: course.Text, Prompt: "How long does it sleep?", Match: course.MatchRegex,
		Answers: [][]string{{`3(\.0+)?\s*s?`}}, Explanation: "Three seconds.",
	}}}
}

// messages runs cmd and the Cmds of the batches it returns, and collects
// the messages they end in.
func messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, messages(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

func gradedIn(msgs []tea.Msg) (gradedMsg, bool) {
	for _, msg := range msgs {
		if g, ok := msg.(gradedMsg); ok {
			return g, true
		}
	}
	return gradedMsg{}, false
}

func TestGradingRunsInACmd(t *testing.T) {
	d := drive(t, newModel(regexQuiz(), 80, 24)).typ("3.0 s")
	m, cmd := d.m.Update(keyMsg("enter"))
	assert.Equal(t, asking, m.phase, "Update does not grade")
	assert.Empty(t, m.results)
	assert.Contains(t, ansiStrip(m), "grading…")
	m2, _ := m.Update(keyMsg("x"))
	assert.Equal(t, "3.0 s", m2.inputs[0].Value(), "while grading, the answer shown is the one graded")

	graded, ok := gradedIn(messages(cmd))
	require.True(t, ok, "the Cmd grades")
	d.m = m
	d.send(graded)
	assert.Equal(t, answered, d.m.phase)
	assert.Contains(t, d.view(), "✓ Right")
	assert.NotContains(t, d.view(), "grading")
}

func TestAGradeForAnotherSubmissionIsDropped(t *testing.T) {
	d := drive(t, newModel(regexQuiz(), 80, 24)).typ("3")
	m, cmd := d.m.Update(keyMsg("enter"))
	graded, _ := gradedIn(messages(cmd))

	other := newModel(regexQuiz(), 80, 24) // the quiz opened again meanwhile
	other, _ = other.Update(keyMsg("4"))
	other, _ = other.Update(keyMsg("enter"))
	other, _ = other.Update(graded)
	assert.Equal(t, asking, other.phase, "the old screen's grade is not this one's")
	assert.True(t, other.grading)

	m, _ = m.Update(graded)
	assert.Equal(t, answered, m.phase)
}

func TestAnAnswerNotGradedInTimeIsNotWrong(t *testing.T) {
	d := drive(t, newModel(regexQuiz(), 80, 24)).typ("3")
	m, _ := d.m.Update(keyMsg("enter"))
	d.m = m
	d.send(gradedMsg{seq: m.gradeSeq, err: &quiz.NotGradableError{Budget: gradeBudget}})
	assert.Equal(t, asking, d.m.phase)
	assert.Empty(t, d.m.results, "nothing is recorded")
	v := d.view()
	assert.Contains(t, v, "could not be graded within 2s; it is not counted wrong")
	assert.NotContains(t, v, "Wrong")
	assert.Equal(t, "3", d.m.inputs[0].Value())
	d.press("enter") // and the learner may try again
	assert.Equal(t, answered, d.m.phase)
}

func TestAnOverLongAnswerIsRefused(t *testing.T) {
	huge := strings.Repeat("a", 100<<10)
	d := drive(t, newModel(regexQuiz(), 120, 24))
	d.send(tea.PasteMsg{Content: huge})
	assert.Empty(t, d.m.inputs[0].Value(), "not cut short and graded: refused whole")
	assert.Contains(t, d.view(), fmt.Sprintf("answers are at most %d", quiz.MaxAnswerLen))
	d.press("enter")
	assert.Equal(t, asking, d.m.phase, "nothing was graded")
	assert.Contains(t, d.view(), "type an answer")

	d.send(tea.PasteMsg{Content: "3 s"})
	assert.Equal(t, "3 s", d.m.inputs[0].Value(), "a paste within the limit goes in")
	d.send(tea.PasteMsg{Content: strings.Repeat("b", quiz.MaxAnswerLen-3)})
	assert.Len(t, d.m.inputs[0].Value(), quiz.MaxAnswerLen)
	d.typ("c")
	assert.Len(t, d.m.inputs[0].Value(), quiz.MaxAnswerLen)
	assert.Contains(t, d.view(), fmt.Sprintf("answers are at most %d characters", quiz.MaxAnswerLen), "typing past the limit says so")
}

func ansiStrip(m Model) string { return (&driver{m: m}).view() }
