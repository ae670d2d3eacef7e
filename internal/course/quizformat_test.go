package course

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// oneQuestion is a quiz whose one question is a single question ending in
// extra, whose lines start at line 10 with the key in column 5.
func oneQuestion(extra string) string {
	return "id: q\ntitle: T\nquestions:\n  - id: x\n    type: single\n    prompt: p\n    choices:\n      - {text: a, correct: true}\n      - {text: b}\n" + extra
}

// numberQuestion is a text question with match: number ending in extra,
// from line 9 on; its one accepted answer is at 8:18.
func numberQuestion(extra string) string {
	return "id: q\ntitle: T\nquestions:\n  - id: x\n    type: text\n    prompt: How long?\n    match: number\n    answers: [[1.5]]\n" + extra
}

func TestHintAndTriesDefaultWhenAbsent(t *testing.T) {
	q, ps := ParseQuiz("q.yaml", []byte(oneQuestion("")))
	require.Empty(t, ps)
	assert.Equal(t, "", q.Questions[0].Hint)
	assert.Equal(t, DefaultTries, q.Questions[0].Tries, "an old quiz gives one attempt, as before")
	assert.Equal(t, 1, (&Question{}).Attempts(), "a question built in code gives one too")
	assert.Equal(t, 3, (&Question{Tries: 3}).Attempts())
}

func TestHintAndTriesAreRead(t *testing.T) {
	q, ps := ParseQuiz("q.yaml", []byte(oneQuestion("    hint: \"  Who holds the turn?  \"\n    tries: 2\n")))
	require.Empty(t, ps)
	assert.Equal(t, "Who holds the turn?", q.Questions[0].Hint)
	assert.Equal(t, 2, q.Questions[0].Tries)
	assert.Equal(t, Pos{File: "q.yaml", Line: 10, Col: 11}, q.Questions[0].At("hint"))
}

func TestBadHintsAreReportedAtTheHint(t *testing.T) {
	for name, c := range map[string]struct{ extra, want, msg string }{
		"empty":       {"    hint: \"  \"\n", "q.yaml:10:11 missing-field", "the hint is empty"},
		"null":        {"    hint:\n", "q.yaml:10:10 missing-field", "hint: has no value"},
		"list":        {"    hint: [a, b]\n", "q.yaml:10:11 wrong-type", "the hint must be text"},
		"too long":    {"    hint: " + strings.Repeat("x", MaxHintLen+1) + "\n", "q.yaml:10:11 too-long", "at most 300"},
		"control":     {"    hint: \"look \\e[1mhere\"\n", "q.yaml:10:11 control-character", "the hint holds the control character"},
		"thai counts": {"    hint: " + strings.Repeat("ก", MaxHintLen+1) + "\n", "q.yaml:10:11 too-long", "301 characters"},
	} {
		t.Run(name, func(t *testing.T) {
			_, ps := ParseQuiz("q.yaml", []byte(oneQuestion(c.extra)))
			require.Equal(t, []string{c.want}, brief(ps))
			assert.Contains(t, ps[0].Message, c.msg)
		})
	}
	q, ps := ParseQuiz("q.yaml", []byte(oneQuestion("    hint: "+strings.Repeat("ก", MaxHintLen)+"\n")))
	require.Empty(t, ps, "the limit is in characters, not bytes")
	assert.NotEmpty(t, q.Questions[0].Hint)
}

func TestBadTriesAreReportedAtTheValue(t *testing.T) {
	for value, want := range map[string]string{
		"0":   "q.yaml:10:12 bad-value",
		"-1":  "q.yaml:10:12 bad-value",
		"4":   "q.yaml:10:12 bad-value",
		"1.5": "q.yaml:10:12 wrong-type",
		"two": "q.yaml:10:12 wrong-type",
		"[2]": "q.yaml:10:12 wrong-type",
		`"2"`: "q.yaml:10:12 wrong-type",
		"":    "q.yaml:10:11 missing-field",
	} {
		t.Run(value, func(t *testing.T) {
			q, ps := ParseQuiz("q.yaml", []byte(oneQuestion("    tries: "+value+"\n")))
			require.Equal(t, []string{want}, brief(ps))
			assert.Contains(t, ps[0].Message, "tries")
			assert.Equal(t, DefaultTries, q.Questions[0].Tries, "a bad value leaves the default")
		})
	}
}

func TestNumberQuestionIsRead(t *testing.T) {
	q, ps := ParseQuiz("q.yaml", []byte(numberQuestion("    unit: s\n    tolerance: 0.1\n")))
	require.Empty(t, ps)
	qu := q.Questions[0]
	assert.Equal(t, MatchNumber, qu.Match)
	assert.Equal(t, "s", qu.Unit)
	assert.Equal(t, Tolerance{Value: 0.1}, qu.Tolerance)
	assert.Equal(t, [][]string{{"1.5"}}, qu.Answers)
	assert.Equal(t, Pos{File: "q.yaml", Line: 8, Col: 16}, qu.AnswerAt(0, 0), "each accepted answer has its place")
	assert.Equal(t, qu.At("answers"), qu.AnswerAt(3, 0), "an unknown one falls back to answers")

	q, ps = ParseQuiz("q.yaml", []byte(numberQuestion("    tolerance: 5%\n")))
	require.Empty(t, ps)
	assert.Equal(t, Tolerance{Value: 0.05, Relative: true}, q.Questions[0].Tolerance)
	assert.Equal(t, "", q.Questions[0].Unit)
}

func TestBadNumberSettingsAreReportedAtTheValue(t *testing.T) {
	for name, c := range map[string]struct{ extra, want, msg string }{
		"negative":          {"    tolerance: -0.1\n", "q.yaml:9:16 bad-value", "cannot be negative: write 0.1"},
		"negative percent":  {"    tolerance: -5%\n", "q.yaml:9:16 bad-value", "cannot be negative"},
		"word":              {"    tolerance: small\n", "q.yaml:9:16 wrong-type", "like 0.1, or a percentage"},
		"quoted number":     {"    tolerance: \"0.1\"\n", "q.yaml:9:16 wrong-type", "tolerance must be a number"},
		"infinite":          {"    tolerance: .inf\n", "q.yaml:9:16 wrong-type", "tolerance must be a number"},
		"list":              {"    tolerance: [0.1]\n", "q.yaml:9:16 wrong-type", "tolerance must be a number"},
		"empty unit":        {"    unit: \"\"\n", "q.yaml:9:11 bad-value", "a short word"},
		"unit on two lines": {"    unit: \"s\\nms\"\n", "q.yaml:9:11 bad-value", "one line"},
	} {
		t.Run(name, func(t *testing.T) {
			_, ps := ParseQuiz("q.yaml", []byte(numberQuestion(c.extra)))
			require.Equal(t, []string{c.want}, brief(ps))
			assert.Contains(t, ps[0].Message, c.msg)
		})
	}
}

func TestNumberSettingsBelongToNumberQuestions(t *testing.T) {
	fold := strings.Replace(numberQuestion("    unit: s\n"), "match: number", "match: fold", 1)
	_, ps := ParseQuiz("q.yaml", []byte(fold))
	require.Equal(t, []string{"q.yaml:9:11 field-for-other-type"}, brief(ps))
	assert.Contains(t, ps[0].Message, "add match: number or remove unit")

	noMatch := strings.Replace(numberQuestion("    tolerance: 0.1\n"), "    match: number\n", "", 1)
	_, ps = ParseQuiz("q.yaml", []byte(noMatch))
	require.Equal(t, []string{"q.yaml:8:16 field-for-other-type"}, brief(ps), "the default match is fold")

	_, ps = ParseQuiz("q.yaml", []byte(oneQuestion("    unit: s\n")))
	require.Equal(t, []string{"q.yaml:10:11 field-for-other-type"}, brief(ps))
	assert.Contains(t, ps[0].Message, `"unit" belongs to text questions`)
}

func TestUnknownMatchModeNamesNumber(t *testing.T) {
	_, ps := ParseQuiz("q.yaml", []byte(strings.Replace(numberQuestion(""), "match: number", "match: numeric", 1)))
	require.Equal(t, []string{"q.yaml:7:12 bad-value"}, brief(ps))
	assert.Contains(t, ps[0].Message, "fold, exact, regex or number")
}
