package quizview

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
)

// sevenSingles is a quiz of seven single questions whose right answer is
// choice 2.
func sevenSingles() *course.Quiz {
	q := &course.Quiz{ID: "seven", Title: "Seven", Pass: 0.7}
	for i := 1; i <= 7; i++ {
		q.Questions = append(q.Questions, &course.Question{
			ID: fmt.Sprintf("q%d", i), Type: course.Single, Prompt: fmt.Sprintf("Question number %d?", i), Tries: 1,
			Choices: []course.Choice{{Text: "no"}, {Text: "yes", Correct: true}},
		})
	}
	return q
}

func (d *driver) drafts() []progress.QuizDraft {
	var out []progress.QuizDraft
	for _, msg := range d.out {
		if a, ok := msg.(AnsweredMsg); ok {
			out = append(out, a.Draft)
		}
	}
	return out
}

func TestEachAnswerSendsTheDraft(t *testing.T) {
	d := drive(t, newModel(sevenSingles(), 80, 24))
	d.press("2", "enter")
	drafts := d.drafts()
	require.Len(t, drafts, 1, "sent as soon as the answer is graded")
	assert.Equal(t, "seven", drafts[0].Quiz)
	assert.Equal(t, []string{"q1", "q2", "q3", "q4", "q5", "q6", "q7"}, drafts[0].Asked)
	assert.Equal(t, []progress.DraftAnswer{{ID: "q1", Choices: []int{2}, Correct: true, Score: 1}}, drafts[0].Answers)

	d.press("enter", "1", "enter")
	drafts = d.drafts()
	require.Len(t, drafts, 2)
	assert.Len(t, drafts[1].Answers, 2)
	assert.False(t, drafts[1].Answers[1].Correct)
}

// The case: five of seven answered, the player gone, the quiz
// opened again: it goes on at question 6 with the five answers kept.
func TestResumeAtTheFirstUnanswered(t *testing.T) {
	d := drive(t, newModel(sevenSingles(), 80, 24))
	for i := range 5 {
		d.press(map[bool]string{true: "2", false: "1"}[i%2 == 0], "enter", "enter")
	}
	saved := d.drafts()[4]

	m, _ := newModel(sevenSingles(), 80, 24).Resume(saved, nil)
	r := drive(t, m)
	v := r.view()
	assert.Contains(t, v, "Question 6 of 7")
	assert.Contains(t, v, "Question number 6?")
	assert.Contains(t, v, "✓ ✗ ✓ ✗ ✓ ● ·", "the five answers kept, each with its verdict")
	assert.Contains(t, v, "your 5 answers are kept")

	r.press("2", "enter", "enter", "2", "enter", "enter")
	fin := r.finished()
	require.Len(t, fin, 1)
	assert.InDelta(t, 5.0/7, fin[0].Score, 1e-9, "the kept answers count")
	assert.Contains(t, r.view(), "you:   1. no", "what was answered before leaving shows in the review")
}

func TestResumeWithEveryAnswerShowsTheResults(t *testing.T) {
	d := drive(t, newModel(sevenSingles(), 80, 24))
	for range 7 {
		d.press("2", "enter", "enter")
	}
	// The results were never reached in the first session: saved are all 7.
	saved := d.drafts()[6]
	m, cmd := newModel(sevenSingles(), 80, 24).Resume(saved, nil)
	r := drive(t, m)
	r.run(cmd)
	assert.Contains(t, r.view(), "Score 100%")
	require.Len(t, r.finished(), 1, "the attempt is saved as finished")
}

func TestResumeARetakeScoresTheRestByTheAttemptBefore(t *testing.T) {
	q := sevenSingles()
	before := []progress.QuestionResult{}
	for _, qu := range q.Questions {
		before = append(before, progress.QuestionResult{ID: qu.ID, Correct: qu.ID != "q3", Score: map[bool]float64{true: 1}[qu.ID != "q3"]})
	}
	draft := progress.QuizDraft{Quiz: "seven", Retake: true, Asked: []string{"q3"}}
	m, _ := newModel(q, 80, 24).Resume(draft, before)
	d := drive(t, m)
	assert.Contains(t, d.view(), "Retake · question 1 of 1")
	d.press("2", "enter", "enter")
	fin := d.finished()
	require.Len(t, fin, 1)
	assert.True(t, fin[0].Retake)
	assert.InDelta(t, 1, fin[0].Score, 1e-9)
}

func TestAResumedTextAnswerShowsAsTyped(t *testing.T) {
	q := testQuiz()
	draft := progress.QuizDraft{Quiz: "demo", Asked: []string{"one", "many", "word", "steps", "lines"}, Answers: []progress.DraftAnswer{
		{ID: "one", Choices: []int{1}},
		{ID: "many", Choices: []int{1, 3}, Correct: true, Score: 1},
		{ID: "word", Texts: []string{"livelock", "Wait"}, Blanks: []bool{false, true}},
	}}
	m, _ := newModel(q, 80, 24).Resume(draft, nil)
	d := drive(t, m)
	assert.Equal(t, "steps", d.m.question().ID)
	d.orderRight().press("enter", "enter").orderRight().press("enter", "enter")
	v := d.view()
	assert.Contains(t, v, "✗ blank 1: livelock")
	assert.Contains(t, v, "✓ blank 2: Wait")
	assert.Contains(t, v, "you:   1. Printing is slow")
}

func TestAHintOnRequest(t *testing.T) {
	q := sevenSingles()
	q.Questions[0].Hint = "Think of `await`."
	d := drive(t, newModel(q, 80, 24))
	assert.NotContains(t, d.view(), "Think of")
	assert.Contains(t, helpKeys(d.m), "h", "listed while the question has a hint")

	d.press("h")
	assert.Contains(t, d.view(), "Hint: Think of await.", "shown, its code without backticks")
	assert.NotContains(t, helpKeys(d.m), "h", "shown: no need to list it")
	d.press("2", "enter")
	assert.True(t, d.drafts()[0].Answers[0].HintUsed, "its use is recorded")

	d.press("enter")
	assert.NotContains(t, helpKeys(d.m), "h", "question 2 has no hint")
	d.press("h")
	assert.NotContains(t, d.view(), "Hint:")
	for range 6 {
		d.press("2", "enter", "enter")
	}
	fin := d.finished()
	require.Len(t, fin, 1)
	assert.Equal(t, map[string]learn.Help{"q1": {HintUsed: true, Tries: 1}}, fin[0].Help)
}

func TestAHintInATextQuestionIsCtrlT(t *testing.T) {
	q := &course.Quiz{ID: "t", Questions: []*course.Question{{ID: "w", Type: course.Text, Prompt: "The ___ runs tasks.", Answers: [][]string{{"loop"}}, Hint: "It goes round.", Tries: 1}}}
	d := drive(t, newModel(q, 80, 24))
	d.typ("h")
	assert.Equal(t, "h", d.m.inputs[0].Value(), "h is a letter here")
	assert.NotContains(t, d.view(), "It goes round.")
	assert.Contains(t, helpKeys(d.m), "ctrl+t")
	d.send(keyCtrl('t'))
	assert.Contains(t, d.view(), "Hint: It goes round.")
}

func TestASecondTry(t *testing.T) {
	q := sevenSingles()
	q.Questions[0].Tries = 2
	d := drive(t, newModel(q, 80, 24))
	d.press("1", "enter")
	v := d.view()
	assert.Contains(t, v, "not quite, try again (1 try left)")
	assert.NotContains(t, v, "The right answer", "the answer is not given away")
	assert.Equal(t, asking, d.m.phase)
	require.Len(t, d.drafts(), 1, "the spent try is saved")
	assert.Empty(t, d.drafts()[0].Answers, "but no answer counts yet")
	assert.Equal(t, &progress.Trying{ID: q.Questions[0].ID, Tries: 1}, d.drafts()[0].Trying)

	d.press("2", "enter")
	assert.Contains(t, d.view(), "✓ Right")
	require.Len(t, d.drafts(), 2)
	assert.Equal(t, 2, d.drafts()[1].Answers[0].Tries)
	assert.Nil(t, d.drafts()[1].Trying, "answered for good")

	q.Questions[0].Tries = 3
	d = drive(t, newModel(q, 80, 24))
	d.press("1", "enter")
	assert.Contains(t, d.view(), "(2 tries left)")
	d.press("enter")
	assert.Contains(t, d.view(), "(1 try left)")
	d.press("enter")
	assert.Contains(t, d.view(), "✗ Wrong", "the last try shows the right answer")
	assert.Contains(t, d.view(), "The right answer")
}

func TestBackticksInChoicesAreCode(t *testing.T) {
	q := sevenSingles()
	q.Questions[0].Choices[1].Text = "`await` the task"
	q.Questions[0].Choices[0].Text = "a lone ` stays"
	d := drive(t, newModel(q, 80, 24))
	v := d.view()
	assert.Contains(t, v, "2. await the task")
	assert.Contains(t, v, "1. a lone ` stays", "an unpaired backtick is text")
	assert.Contains(t, d.m.View(), d.m.st.Code.Inherit(d.m.st.Text).Render("await"), "drawn in the code style")
}

func TestTheMissedListCutsLongPromptsWithAnEllipsis(t *testing.T) {
	q := sevenSingles()
	q.Questions[0].Prompt = strings.Repeat("a very long prompt ", 10)
	q.Questions[1].Prompt = "A first line.\n\n```\ncode below\n```"
	d := drive(t, newModel(q, 60, 40))
	for range 7 {
		d.press("1", "enter", "enter")
	}
	lines := strings.Split(d.view(), "\n")
	var first, second string
	for _, l := range lines {
		if strings.Contains(l, "a very long") {
			first = l
		}
		if strings.Contains(l, "A first line.") {
			second = l
		}
	}
	assert.True(t, strings.HasSuffix(first, "…"), "cut: %q", first)
	assert.LessOrEqual(t, ansi.StringWidth(first), 60)
	assert.True(t, strings.HasSuffix(second, "A first line.…"), "more follows: %q", second)
}

func TestRetakeIsOfferedAfterTheReview(t *testing.T) {
	d := drive(t, newModel(sevenSingles(), 80, 40))
	for range 6 {
		d.press("1", "enter", "enter")
	}
	d.press("1", "enter")
	d.m.reviewDelay = time.Hour
	d.m, _ = d.m.Update(keyMsg("enter")) // its Cmds (the tick) are not run
	require.Equal(t, finished, d.m.phase)
	assert.NotContains(t, d.view(), "r: retake")
	assert.NotContains(t, helpDescs(d.m), "retake missed")
	d.press("r")
	assert.Equal(t, finished, d.m.phase, "not at once")
	assert.Contains(t, d.view(), "look over what you missed first")

	d.send(reviewedMsg{seq: d.m.reviewSeq - 1})
	assert.False(t, d.m.reviewed, "another results screen's tick")
	d.send(reviewedMsg{seq: d.m.reviewSeq})
	assert.Contains(t, d.view(), "r: retake the 7 missed")
	d.press("r")
	assert.Contains(t, d.view(), "Retake · question 1 of 7")
}

func TestScrollingToTheEndOfTheReviewOffersTheRetake(t *testing.T) {
	d := drive(t, newModel(sevenSingles(), 80, 16))
	for range 6 {
		d.press("1", "enter", "enter")
	}
	d.press("1", "enter")
	d.m.reviewDelay = time.Hour
	d.m, _ = d.m.Update(keyMsg("enter"))
	require.False(t, d.m.reviewed)
	for range 40 {
		d.press("down")
	}
	assert.True(t, d.m.reviewed)
}

func helpKeys(m Model) []string {
	var s []string
	for _, b := range m.ShortHelp() {
		s = append(s, b.Help().Key)
	}
	return s
}

func helpDescs(m Model) []string {
	var s []string
	for _, b := range m.ShortHelp() {
		s = append(s, b.Help().Desc)
	}
	return s
}

func keyCtrl(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }

func TestTheNewScreensFit(t *testing.T) {
	for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}} {
		w, h := size[0], size[1]
		q := testQuiz()
		q.Questions[0].Hint = strings.Repeat("a long hint with `code` in it ", 8)
		q.Questions[0].Tries = 2
		d := drive(t, newModel(q, w, h)).press("h")
		assertFits(t, d.m.View(), w, h)
		d.press("1", "enter") // a wrong first try
		assertFits(t, d.m.View(), w, h)
		d.press("2", "enter", "esc") // the question "leave?"
		assertFits(t, d.m.View(), w, h)
		d.press("n", "enter")
		for d.m.phase != finished {
			if d.m.Typing() {
				d.typ("x").press("tab").typ("y").press("enter", "enter")
				continue
			}
			d.press("1", "enter", "enter")
		}
		assertFits(t, d.m.View(), w, h)
	}
}

// The issue: ↓ then enter said "! pick a choice" while the hint said ↑/↓
// choose.
func TestEnterAnswersWithTheChoiceUnderTheCursor(t *testing.T) {
	d := drive(t, newModel(testQuiz(), 80, 24)).press("down", "enter")
	assert.Contains(t, d.view(), "✓ Right")
	assert.Contains(t, d.view(), "✓ (•) 2. The second cannot start")

	d = drive(t, newModel(testQuiz(), 80, 24)).press("enter")
	assert.Contains(t, d.view(), "✗ (•) 1. Printing is slow", "the cursor starts on the first")

	d.press("enter", "enter")
	assert.Equal(t, "many", d.m.question().ID)
	assert.Contains(t, d.view(), "pick at least one", "a multi question is answered with what is picked: none yet")
}

// Mixing the two ways of choosing: 2 marks the second choice, k moves the
// cursor to the first; the mark goes with it, so enter answers what the
// screen shows marked, never another row.
func TestInASingleChoiceTheMarkFollowsTheCursor(t *testing.T) {
	d := drive(t, newModel(testQuiz(), 80, 24)).press("2", "up")
	assert.Contains(t, d.view(), "(•) 1. Printing is slow", "the mark moved with the cursor")
	assert.NotContains(t, d.view(), "(•) 2.")
	d.press("enter")
	assert.Contains(t, d.view(), "✗ (•) 1. Printing is slow", "the answer is the row marked")
}

// Leaving after a wrong try and coming back does not give the try again:
// with two tries, one spent, the next wrong answer is the last.
func TestASpentTryStaysSpentAcrossLeaving(t *testing.T) {
	q := sevenSingles()
	q.Questions[0].Tries = 2
	d := drive(t, newModel(q, 80, 24))
	d.press("1", "enter")
	require.Len(t, d.drafts(), 1)
	saved := d.drafts()[0]

	again, _ := newModel(q, 80, 24).Resume(saved, nil)
	d = drive(t, again)
	d.press("1", "enter")
	assert.Contains(t, d.view(), "✗ Wrong", "no second try after coming back")
	assert.NotContains(t, d.view(), "try again")
}
