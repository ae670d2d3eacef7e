package course

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// choicesQuiz is a single question whose choices start on line 8; tail
// goes on from line 11.
const choicesQuiz = "id: q\ntitle: T\nquestions:\n  - id: a\n    type: single\n    prompt: p\n    choices:\n      - text: A\n        correct: true\n      - text: B\n"

func TestRootCauseParseErrors(t *testing.T) {
	cases := []struct {
		name, src, where, says string
	}{
		{"windows-1252 quote", "id: q\ntitle: \x93Hi\x94\n", "q.yaml:2:8 not-utf8", "byte 0x93 is not UTF-8 (in Windows-1252, “): saved as Windows-1252? save the file as UTF-8"},
		{"latin-1 letter", "id: q\ntitle: caf\xe9\n", "q.yaml:2:11 not-utf8", "(in Windows-1252, é)"},
		{"column counts characters", "id: q\ntitle: “ok” \x96\n", "q.yaml:2:13 not-utf8", "byte 0x96"},
		{"utf-16", "\xff\xfei\x00d\x00", "q.yaml:1:1 not-utf8", "UTF-16"},
		{"tab before a dash", "id: q\ntitle: T\nquestions:\n\t- id: a\n", "q.yaml:4:1 yaml-syntax", "a tab indents this line; YAML indents with spaces only"},
		{"tab before a key", "id: q\ntitle: T\nquestions:\n  - id: a\n  \ttype: single\n", "q.yaml:5:3 yaml-syntax", "a tab indents this line"},
		{"unquoted colon", "id: q\ntitle: Tasks: and more\n", "q.yaml:2:13 yaml-syntax", "this value holds ': ', which YAML reads as a new key: put the value in quotes"},
		{"under-indented entry", choicesQuiz + "  - id: b\n    type: single\n  - text: C\n        correct: true\n", "q.yaml:13:3 yaml-syntax", "indented less than the lines around it (line 14 below starts in column 9, like line 9)"},
		{"over-indented key", "id: q\ntitle: T\nquestions:\n  - id: a\n    type: single\n      prompt: p\n", "q.yaml:6:7 yaml-syntax", "indented more than line 5 above it"},
		{"entry between levels", choicesQuiz + "     - text: C\n", "q.yaml:11:6 yaml-syntax", "lines up with nothing above it (the lines above start in columns 1, 3, 5, 7, 9)"},
		{"key in the dash column", "id: q\ntitle: T\nquestions:\n  - id: a\n  type: single\n", "q.yaml:5:3 yaml-syntax", "indent it to column 5"},
		{"text after a quoted value", "id: q\ntitle: \"a\" b\n", "q.yaml:2:12 yaml-syntax", "put the whole value in quotes"},
		{"backslash in double quotes", "id: q\ntitle: \"a\\db\"\n", "q.yaml:2:10 yaml-syntax", `\d is not an escape that "double quotes" know`},
		{"reserved character", "id: q\ntitle: @me\n", "q.yaml:2:8 yaml-syntax", `YAML reserves "@"`},
		{"star", "id: q\ntitle: *bold*\n", "q.yaml:2:8 yaml-syntax", "if the value is text, put it in quotes"},
		{"control character", "id: q\ntitle: a\x01b\n", "q.yaml:2:9 yaml-syntax", "U+0001"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q, ps := ParseQuiz("q.yaml", []byte(c.src))
			assert.Nil(t, q)
			require.Equal(t, []string{c.where}, brief(ps), "one problem, at the mistake")
			assert.Contains(t, ps[0].Message, c.says)
			assert.NotContains(t, ps[0].Message, "in this context")
			assert.NotContains(t, ps[0].Message, "violates indentation")
		})
	}
}

func TestSnippetPutsACaretUnderTheColumn(t *testing.T) {
	_, ps := ParseQuiz("q.yaml", []byte(choicesQuiz+"  - id: b\n    type: single\n  - text: C\n        correct: true\n"))
	require.Len(t, ps, 1)
	assert.Equal(t, "   |\n13 |   - text: C\n   |   ^\n", ps[0].Snippet())

	_, ps = ParseQuiz("q.yaml", []byte("id: q\ntitle: “\x93\t\x1b[31m\n"))
	require.Len(t, ps, 1)
	assert.Equal(t, "  |\n2 | title: “� �[31m\n  |         ^\n", ps[0].Snippet(), "invalid bytes, tabs and escapes become one character each")

	assert.Empty(t, Problem{File: "q.yaml", Line: 2, Col: 3}.Snippet())
}

func TestFrontMatterErrorsCountTheOpeningLine(t *testing.T) {
	_, ps := ParseLesson("l.md", []byte("---\nid: a\ntitle: Tasks: more\n---\n"))
	require.Equal(t, []string{"l.md:3:13 yaml-syntax"}, brief(ps))
	assert.Equal(t, "title: Tasks: more", ps[0].Excerpt)

	_, ps = ParseLesson("l.md", []byte("---\nid: a\ntitle: [x\n---\n"))
	require.Len(t, ps, 1)
	assert.Contains(t, ps[0].Message, "noticed at line 4, column 1")
}

func TestMisspeltKeyIsTheOneProblem(t *testing.T) {
	q, ps := ParseQuiz("q.yaml", []byte("id: q\ntitle: T\nquestions:\n  - id: a\n    type: single\n    prompt: p\n    choices:\n      - text: A\n        corect: true\n      - text: B\n"))
	require.Equal(t, []string{"q.yaml:9:9 unknown-key"}, brief(ps))
	assert.Contains(t, ps[0].Message, `did you mean "correct"?`)
	assert.Equal(t, []int{0}, q.Questions[0].CorrectChoices(), "the misspelt key is read as the one meant, so no knock-on problem follows")

	_, ps = ParseQuiz("q.yaml", []byte("id: q\ntitel: T\ntitle: T\nquestions: [{id: x, type: order, prompt: p, items: [a, b]}]\n"))
	assert.Equal(t, []string{"q.yaml:2:1 unknown-key"}, brief(ps), "when the key meant is there too, the misspelt one is only reported")
}

func TestNearestListsKnownNamesOnce(t *testing.T) {
	assert.Equal(t, "; known: alpha, beta", Nearest("zzzzzz", []string{"alpha", "", "beta", "alpha", " "}))
	assert.Equal(t, `; did you mean "beta"?`, Nearest("bta", []string{"", "beta", "beta"}))
	assert.Equal(t, "", Nearest("x", []string{"", " "}), "a blank is never suggested")
}

func loadCourse(t *testing.T, lessons, quizzes fstest.MapFS) []string {
	t.Helper()
	_, ps := Load(context.Background(), Source{Lessons: lessons, Quizzes: quizzes})
	return brief(ps)
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

const limitsQuiz = "id: limits-quiz\ntitle: T\nquestions:\n  - id: a\n    type: order\n    prompt: p\n    items: [a, b]\n"

func TestAQuizThatFailsToParseIsNotMissing(t *testing.T) {
	lessons := fstest.MapFS{"01-limits.md": file("---\nid: limits\ntitle: L\nquiz: limits-quiz\n---\nbody\n")}
	broken := fstest.MapFS{"01-limits.yaml": file("id: limits-quiz\ntitle: Limits: the semaphore\nquestions: []\n")}
	assert.Equal(t, []string{"quizzes/01-limits.yaml:2:14 yaml-syntax"}, loadCourse(t, lessons, broken))

	cp1252 := fstest.MapFS{"07-other-name.yaml": file("id: limits-quiz\ntitle: \x93Limits\x94\n")}
	assert.Equal(t, []string{"quizzes/07-other-name.yaml:2:8 not-utf8"}, loadCourse(t, lessons, cp1252))

	other := fstest.MapFS{"01-limits.yaml": file("id: limits-quiz\ntitle: Limits: the semaphore\n"), "02-x.yaml": file("id: x\ntitle: T\nquestions: [{id: a, type: order, prompt: p, items: [a, b]}]\n")}
	lessons["02-x.md"] = file("---\nid: x\ntitle: X\nquiz: nosuch\n---\n")
	assert.Equal(t, []string{"lessons/02-x.md:4:7 unknown-quiz", "quizzes/01-limits.yaml:2:14 yaml-syntax", "quizzes/02-x.yaml:1:5 unused-quiz"}, loadCourse(t, lessons, other),
		"a quiz that no broken file holds is still missing")
}

func TestABrokenLessonDoesNotLeaveItsQuizUnused(t *testing.T) {
	quizzes := fstest.MapFS{"01-limits.yaml": file(limitsQuiz), "02-unused.yaml": file("id: unused\ntitle: T\nquestions: [{id: a, type: order, prompt: p, items: [a, b]}]\n")}
	lessons := fstest.MapFS{"01-limits.md": file("---\nid: limits\ntitle: Limits: the semaphore\nquiz: limits-quiz\n---\nbody\n")}
	assert.Equal(t, []string{"lessons/01-limits.md:3:14 yaml-syntax", "quizzes/02-unused.yaml:1:5 unused-quiz"}, loadCourse(t, lessons, quizzes))
}

func TestSecondDocumentShowsItsLine(t *testing.T) {
	_, ps := ParseQuiz("q.yaml", []byte("id: a\n---\nid: b\n"))
	require.Equal(t, []string{"q.yaml:3:1 yaml-syntax"}, brief(ps))
	assert.Equal(t, "id: b", ps[0].Excerpt)
}

func TestNotUTF8CountsLinesAsTheParserDoes(t *testing.T) {
	_, ps := ParseQuiz("q.yaml", []byte("\uFEFFid: q\r\ntitle: \x93T\x94\r\n"))
	assert.Equal(t, []string{"q.yaml:2:8 not-utf8"}, brief(ps), "a byte-order mark and CRLF line ends move nothing")
	_, ps = ParseQuiz("q.yaml", []byte("id: q\rtitle: \x93T\x94\r"))
	assert.Equal(t, []string{"q.yaml:2:8 not-utf8"}, brief(ps), "nor do lone CRs")
}

func BenchmarkCheckUTF8(b *testing.B) {
	src := []byte(strings.Repeat("title: “asyncio” ok\n", MaxFileSize/24))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if checkUTF8("q.yaml", src) != nil {
			b.Fatal("valid UTF-8 reported")
		}
	}
}

func TestAColonInAValueGoingOnToTheNextLine(t *testing.T) {
	_, ps := ParseQuiz("q.yaml", []byte("id: q\ntitle: T\nquestions:\n  - id: a\n    type: single\n    prompt: What does\n      gather: do?\n"))
	require.Equal(t, []string{"q.yaml:7:7 yaml-syntax"}, brief(ps))
	assert.Contains(t, ps[0].Message, "put the whole value in quotes")
}
