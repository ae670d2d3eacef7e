package quizview

import (
	"context"
	"slices"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// examplesAsked is every example the quiz asked the app to open.
func (d *driver) examplesAsked() []*course.ExampleRef {
	var out []*course.ExampleRef
	for _, msg := range d.out {
		if o, ok := msg.(OpenExampleMsg); ok {
			out = append(out, o.Ref)
		}
	}
	return out
}

// The issue: the example a quiz question names, one key away.
func TestXOpensTheExampleTheQuestionNames(t *testing.T) {
	q := testQuiz()
	lines := q.Questions[4]
	lines.Model = trace.ModelLoop
	lines.Params = []course.CardParam{{Name: "delay1", Value: "2s"}}
	d := drive(t, newModel(q, 80, 24))

	assert.NotContains(t, helpDescs(d.m), "run the example", "a single question names no example")
	d.press("x")
	assert.Empty(t, d.examplesAsked())

	d = drive(t, newModel(q, 80, 24))
	d.press("2", "enter", "enter", "1", "3", "enter", "enter")
	d.typ("deadlock").press("tab").typ("Wait").press("enter", "enter")
	d.orderRight().press("enter", "enter")
	require.Equal(t, "lines", d.m.question().ID)
	assert.Contains(t, helpDescs(d.m), "run the example")
	assert.Contains(t, helpKeys(d.m), "x")
	assert.Contains(t, d.view(), "Press x to run it")

	d.press("K") // an order begun and not sent
	order := slices.Clone(d.m.items)
	d.press("x")
	refs := d.examplesAsked()
	require.Len(t, refs, 1)
	assert.Equal(t, "gather", refs[0].Name)
	assert.Equal(t, "loop", refs[0].Model, "run as the question runs it")
	assert.Equal(t, map[string]string{"delay1": "2s"}, refs[0].Settings())
	assert.Contains(t, refs[0].Caption, "question 5 of 5")
	assert.Equal(t, asking, d.m.phase, "the question waits as it was")
	assert.Equal(t, order, d.m.items)

	d.press("enter")
	require.Equal(t, answered, d.m.phase)
	assert.Contains(t, helpDescs(d.m), "run the example", "an answered question is reviewed with its example")
	d.press("x")
	assert.Len(t, d.examplesAsked(), 2)

	d.press("esc")
	require.True(t, d.m.confirming)
	d.press("x")
	assert.Len(t, d.examplesAsked(), 2, "x answers the question \"leave?\": it stays")

	d.press("enter")
	require.Equal(t, finished, d.m.phase)
	d.press("x")
	assert.Len(t, d.examplesAsked(), 2, "the results name no one example")
}

// A grade on its way comes back to the quiz screen: while it is awaited
// the example does not open, or the grade would reach the example's.
func TestXWaitsForTheGrade(t *testing.T) {
	d := toOutput(t)
	m, _ := d.m.Update(keyMsg("enter"))
	require.True(t, m.grading)
	_, cmd := m.Update(keyMsg("x"))
	assert.Nil(t, cmd)
	assert.NotContains(t, helpDescs(m), "run the example")
}

// Renderings asked for while the example showed went to that screen:
// back on the quiz they are asked again, not waited for for ever.
func TestRefreshAsksAgainForWhatWentElsewhere(t *testing.T) {
	m := newModel(testQuiz(), 80, 24)
	m, asked := m.Update(tea.WindowSizeMsg{}) // the prompt is asked for…
	require.NotNil(t, asked)                  // …and its rendering goes to another screen
	m, cmd := m.Refresh()
	require.NotNil(t, cmd)
	d := &driver{t: t, m: m}
	d.run(cmd)
	assert.Equal(t, d.m.want(promptSlot), d.m.shown[promptSlot].src, "the prompt's rendering arrived")
}

// numberQuiz is the built-in number questions: half-step (two tries) and
// longer-delay3 (one), as the course has them.
func numberQuiz(t *testing.T) *course.Quiz {
	t.Helper()
	c, problems := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS, Langs: []string{}})
	require.Empty(t, problems)
	q := &course.Quiz{ID: "numbers", Title: "Numbers", Pass: 0.5}
	for _, qz := range c.Quizzes {
		for _, qu := range qz.Questions {
			if qu.ID == "half-step" || qu.ID == "longer-delay3" {
				q.Questions = append(q.Questions, qu)
			}
		}
	}
	require.Len(t, q.Questions, 2)
	slices.SortFunc(q.Questions, func(a, b *course.Question) int { return b.Tries - a.Tries }) // half-step first
	require.Equal(t, "half-step", q.Questions[0].ID)
	require.Equal(t, course.MatchNumber, q.Questions[0].Match)
	return q
}

func (d *driver) clearBlank() *driver {
	for range len([]rune(d.m.inputs[d.m.focus].Value())) {
		d.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	return d
}

// The issue: in a number question, "soon" or "1.5 kg" for a time is no
// number, not a wrong answer: the quiz says why, and costs no try.
func TestANotNumberIsExplainedAndCostsNoTry(t *testing.T) {
	d := drive(t, newModel(numberQuiz(t), 80, 24))
	require.Equal(t, 2, d.m.question().Tries)

	d.typ("soon").press("enter")
	v := d.view()
	assert.Equal(t, asking, d.m.phase)
	assert.Zero(t, d.m.tries, "no try used")
	assert.Contains(t, v, `"soon" is not a number; write digits, like 1.5 or 1.5 s`)
	assert.Contains(t, v, "not graded")
	assert.NotContains(t, v, "try again (1 try left)")
	assert.Empty(t, d.drafts())
	assert.True(t, d.m.Typing(), "the blank still has the keys")

	d.clearBlank().typ("1.5 kg").press("enter")
	assert.Contains(t, d.view(), `"1.5 kg" is not in a unit of time`)
	assert.Zero(t, d.m.tries)

	d.clearBlank().typ("1").press("enter")
	assert.Contains(t, d.view(), "not quite, try again (1 try left)", "both tries are still there")
	assert.NotContains(t, d.view(), "is not a number")
	d.clearBlank().typ("1500 ms").press("enter")
	assert.Contains(t, d.view(), "✓ Right")

	d.press("enter") // longer-delay3: one try
	require.Equal(t, "longer-delay3", d.m.question().ID)
	d.typ("four").press("enter")
	assert.Equal(t, asking, d.m.phase, "one try, and still not used")
	assert.Contains(t, d.view(), `"four" is not a number`)
	d.clearBlank().typ("4 seconds").press("enter")
	assert.Contains(t, d.view(), "✓ Right")
}

func TestANotNumberFits(t *testing.T) {
	for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}} {
		d := drive(t, newModel(numberQuiz(t), size[0], size[1]))
		d.typ("1.5 kilograms of patience").press("enter")
		v := d.view()
		assertFits(t, v, size[0], size[1])
		assert.Contains(t, v, "kilograms", "the reason shows whole, wrapped")
	}
}
