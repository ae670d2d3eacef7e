package course

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// brief is a problem as tests compare it: where, rule.
func brief(ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Where() + " " + p.Rule
	}
	return out
}

const goodQuiz = `id: event-loop
title: The event loop
pass: 0.6
questions:
  - id: why
    type: single
    prompt: Why?
    choices:
      - text: Because
        correct: true
        feedback: yes
      - text: True
  - id: blanks
    type: text
    prompt: "___ and ___"
    answers: [["async"], ["await", "AWAIT"]]
    match: exact
  - id: steps
    type: order
    prompt: Order them
    items: [a, b, c]
    tags: [loop]
  - id: out
    type: output
    prompt: Order the lines
    example: gather
    lines: ["x", "y"]
    explanation: because
`

func TestParseQuizReadsEveryField(t *testing.T) {
	q, ps := ParseQuiz("quizzes/01-loop.yaml", []byte(goodQuiz))
	require.Empty(t, ps)
	assert.Equal(t, "event-loop", q.ID)
	assert.Equal(t, 0.6, q.Pass)
	require.Len(t, q.Questions, 4)
	why := q.Questions[0]
	assert.Equal(t, Single, why.Type)
	assert.Equal(t, []int{0}, why.CorrectChoices())
	assert.Equal(t, "True", why.Choices[1].Text, "a YAML boolean as choice text keeps what the author typed")
	assert.Equal(t, Pos{File: "quizzes/01-loop.yaml", Line: 12, Col: 9}, why.Choices[1].Pos)
	assert.Equal(t, [][]string{{"async"}, {"await", "AWAIT"}}, q.Questions[1].Answers)
	assert.Equal(t, MatchExact, q.Questions[1].Match)
	assert.Equal(t, []string{"a", "b", "c"}, q.Questions[2].Items)
	assert.Equal(t, "gather", q.Questions[3].Example)
	assert.Equal(t, Pos{File: "quizzes/01-loop.yaml", Line: 27, Col: 12}, q.Questions[3].At("lines"))
}

func TestParseQuizDefaults(t *testing.T) {
	q, ps := ParseQuiz("q.yaml", []byte("id: a\ntitle: A\nquestions:\n  - id: t\n    type: text\n    prompt: p\n    answers: [[x]]\n"))
	require.Empty(t, ps)
	assert.Equal(t, DefaultPass, q.Pass)
	assert.Equal(t, MatchFold, q.Questions[0].Match)
}

func TestParseQuizProblems(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"syntax", "id: a\ntitle: [unclosed\n", []string{"q.yaml:2:8 yaml-syntax"}},
		{"tab indentation", "id: a\n\ttitle: x\n", []string{"q.yaml:2:1 yaml-syntax"}},
		{"second document", "id: a\ntitle: A\nquestions: []\n---\nid: b\n", []string{"q.yaml:5:1 yaml-syntax"}},
		{"empty file", "", []string{"q.yaml missing-field"}},
		{"not a mapping", "- a\n- b\n", []string{"q.yaml:1:1 wrong-type"}},
		{"unknown key", "id: a\ntitel: A\nquestions: [{id: x, type: order, prompt: p, items: [a, b]}]\n",
			[]string{"q.yaml:2:1 unknown-key"}},
		{"duplicate key", "id: a\nid: b\ntitle: A\nquestions: [{id: x, type: order, prompt: p, items: [a, b]}]\n", []string{"q.yaml:2:1 duplicate-key"}},
		{"missing and empty", "id: a\ntitle:\n", []string{"q.yaml:1:1 missing-field", "q.yaml:2:7 missing-field"}},
		{"bad id", "id: Event Loop\ntitle: A\nquestions: [{id: x, type: order, prompt: p, items: [a, b]}]\n", []string{"q.yaml:1:5 bad-id"}},
		{"pass range", "id: a\ntitle: A\npass: 70\nquestions: [{id: x, type: order, prompt: p, items: [a, b]}]\n", []string{"q.yaml:3:7 bad-value"}},
		{"pass type", "id: a\ntitle: A\npass: high\nquestions: [{id: x, type: order, prompt: p, items: [a, b]}]\n", []string{"q.yaml:3:7 wrong-type"}},
		{"no questions", "id: a\ntitle: A\nquestions: []\n", []string{"q.yaml:3:12 missing-field"}},
		{"question type", "id: a\ntitle: A\nquestions:\n  - id: x\n    type: essay\n    prompt: p\n", []string{"q.yaml:5:11 bad-value"}},
		{"question fields", "id: a\ntitle: A\nquestions:\n  - id: x\n    type: single\n", []string{"q.yaml:4:5 missing-field", "q.yaml:4:5 missing-field"}},
		{"field for other type", "id: a\ntitle: A\nquestions:\n  - id: x\n    type: order\n    prompt: p\n    items: [a, b]\n    choices: [{text: a}]\n",
			[]string{"q.yaml:8:14 field-for-other-type"}},
		{"duplicate question id", "id: a\ntitle: A\nquestions:\n  - {id: x, type: order, prompt: p, items: [a, b]}\n  - {id: x, type: order, prompt: p, items: [a, b]}\n",
			[]string{"q.yaml:5:10 duplicate-id"}},
		{"correct not bool", "id: a\ntitle: A\nquestions:\n  - id: x\n    type: single\n    prompt: p\n    choices:\n      - {text: a, correct: maybe}\n",
			[]string{"q.yaml:8:28 wrong-type"}},
		{"answers not nested", "id: a\ntitle: A\nquestions:\n  - {id: x, type: text, prompt: p, answers: [async, await]}\n",
			[]string{"q.yaml:4:46 wrong-type", "q.yaml:4:53 wrong-type"}},
		{"match mode", "id: a\ntitle: A\nquestions:\n  - {id: x, type: text, prompt: p, answers: [[a]], match: fuzzy}\n", []string{"q.yaml:4:59 bad-value"}},
		{"tags not a list", "id: a\ntitle: A\nquestions:\n  - {id: x, type: order, prompt: p, items: [a, b], tags: loop}\n", []string{"q.yaml:4:58 wrong-type"}},
		{"title on two lines", "id: a\ntitle: \"A\\nB\"\nquestions: [{id: x, type: order, prompt: p, items: [a, b]}]\n", []string{"q.yaml:2:8 bad-value"}},
		{"depth limit", "id: a\ntitle: A\nquestions: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n", []string{"q.yaml:3:44 yaml-limit"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ps := ParseQuiz("q.yaml", []byte(c.src))
			assert.Equal(t, c.want, brief(ps))
		})
	}
}

func TestParseQuizAliasBombIsCutOff(t *testing.T) {
	// 3 KB of aliases that a naive walker would expand into 500 questions of
	// 500 choices each.
	choices := "[&c {text: x}" + strings.Repeat(", *c", MaxListLen-1) + "]"
	questions := "[&q {id: x, type: multi, prompt: p, choices: " + choices + "}" + strings.Repeat(", *q", MaxListLen-1) + "]"
	src := "id: q\ntitle: T\nquestions: " + questions + "\n"
	require.Less(t, len(src), 6<<10)
	_, ps := ParseQuiz("bomb.yaml", []byte(src))
	rules := map[string]int{}
	for _, p := range ps {
		rules[p.Rule]++
	}
	assert.Equal(t, 1, rules[RuleYAMLLimit], "one limit problem: %v", brief(ps))
	assert.Less(t, len(ps), 100, "the walk stops at the limit")
}

const goodLesson = "---\nid: event-loop\ntitle: The event loop\nsummary: One thread, many tasks.\nquiz: event-loop\n---\n\n# Heading\n\nText.\n\n```example eventloop\nWatch the ready queue.\n```\n\n````markdown\n```example not-an-example\n```\n````\n\nAfter.\n"

func TestParseLesson(t *testing.T) {
	l, ps := ParseLesson("lessons/04-event-loop.md", []byte(goodLesson))
	require.Empty(t, ps)
	assert.Equal(t, "event-loop", l.ID)
	assert.Equal(t, "The event loop", l.Title)
	assert.Equal(t, "event-loop", l.Quiz)
	refs := l.Examples()
	require.Len(t, refs, 1, "an example block quoted inside a longer fence is text")
	assert.Equal(t, "eventloop", refs[0].Name)
	assert.Equal(t, "Watch the ready queue.", refs[0].Caption)
	assert.Equal(t, Pos{File: "lessons/04-event-loop.md", Line: 12, Col: 12}, refs[0].Pos)
	require.Len(t, l.Segments, 3)
	assert.Contains(t, l.Segments[0].Markdown, "# Heading")
	assert.Contains(t, l.Segments[2].Markdown, "not-an-example")
	assert.Contains(t, l.Segments[2].Markdown, "After.")
}

func TestParseLessonCRLFAndBOM(t *testing.T) {
	src := "\uFEFF" + strings.ReplaceAll(goodLesson, "\n", "\r\n")
	l, ps := ParseLesson("l.md", []byte(src))
	require.Empty(t, ps)
	assert.Equal(t, 12, l.Examples()[0].Pos.Line)
}

func TestParseLessonProblems(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"no front matter", "# Title\n", []string{"l.md:1:1 front-matter"}},
		{"unclosed front matter", "---\nid: a\ntitle: A\n", []string{"l.md:1:1 front-matter"}},
		{"empty front matter", "---\n---\nbody\n", []string{"l.md:1:1 missing-field"}},
		{"missing title", "---\nid: a\n---\n", []string{"l.md:1:1 missing-field"}},
		{"unknown key", "---\nid: a\ntitle: A\nquizz: x\n---\n", []string{"l.md:4:1 unknown-key"}},
		{"syntax", "---\nid: a\ntitle: [x\n---\n", []string{"l.md:3:8 yaml-syntax"}},
		{"bad id", "---\nid: A_1\ntitle: A\n---\n", []string{"l.md:2:5 bad-id"}},
		{"order type", "---\nid: a\ntitle: A\norder: first\n---\n", []string{"l.md:4:8 wrong-type"}},
		{"summary on two lines", "---\nid: a\ntitle: A\nsummary: |\n  one\n  two\n---\n", []string{"l.md:4:10 bad-value"}},
		{"example without name", "---\nid: a\ntitle: A\n---\n\n```example\n```\n", []string{"l.md:6:4 example-block"}},
		{"example with two names", "---\nid: a\ntitle: A\n---\n\n```example gather nested\n```\n", []string{"l.md:6:19 example-block"}},
		{"example bad name", "---\nid: a\ntitle: A\n---\n\n~~~ example Gather!\n~~~\n", []string{"l.md:6:5 example-block"}},
		{"example never closed", "---\nid: a\ntitle: A\n---\n\n```example gather\ncaption\n", []string{"l.md:6:4 example-block"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ps := ParseLesson("l.md", []byte(c.src))
			assert.Equal(t, c.want, brief(ps))
		})
	}
}

func TestLoadReadsOnlyTheTranslationsAskedFor(t *testing.T) {
	lessons := fstest.MapFS{
		"01-a.md":    {Data: []byte("---\nid: a\ntitle: A\n---\n")},
		"th/01-a.md": {Data: []byte("---\nid: a\ntitle: ก\n---\n")},
		"de/01-a.md": {Data: []byte("---\nid: a\ntitle: B\n---\n")},
	}
	c, ps := Load(context.Background(), Source{Lessons: lessons, Quizzes: fstest.MapFS{}, Langs: []string{"th"}})
	require.Empty(t, ps)
	assert.Equal(t, []string{"th"}, c.Langs())
	assert.Equal(t, "ก", c.In("th").Lessons[0].Title)
	c, _ = Load(context.Background(), Source{Lessons: lessons, Quizzes: fstest.MapFS{}})
	assert.Equal(t, []string{"de", "th"}, c.Langs())
}

// Each segment says which lines of the body it is: together they cover the
// body line by line, a card's fences included, so a place saved as a body
// line finds its segment in either front-end.
func TestSegmentsCoverTheBodyLineByLine(t *testing.T) {
	src := "---\nid: a\ntitle: A\n---\n\n# Top\n\ntext\n\n```example sequential\na caption\nof two lines\n```\n\n```go\ncode\n```\n\n```example gather\n```\nlast\n"
	l, ps := ParseLesson("a.md", []byte(src))
	require.Empty(t, ps)
	body := strings.SplitAfter(l.Body, "\n")
	require.Len(t, l.Segments, 5)
	next := 0
	for i, s := range l.Segments {
		assert.Equal(t, next, s.Line, "segment %d starts where the one before ended", i)
		next = s.Line + s.Lines
		if s.Example == nil {
			assert.Equal(t, strings.Join(body[s.Line:next], ""), s.Markdown, "segment %d is those lines", i)
		}
	}
	var starts []int
	for _, s := range l.Segments {
		starts = append(starts, s.Line)
	}
	assert.Equal(t, []int{0, 5, 9, 14, 16}, starts, "the cards at their opening fences")
	assert.Equal(t, len(body), next, "the last segment ends with the body")
}
