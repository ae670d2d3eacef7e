package course

import (
	"strings"
	"testing"
)

// Fuzz targets: an untrusted course must never crash, hang, or produce a
// problem that points outside the file. `make test` runs each briefly,
// `make fuzz` for longer.

func FuzzParseQuiz(f *testing.F) {
	f.Add(goodQuiz)
	f.Add("id: a\ntitle: A\nquestions: [&q {id: x, type: order, prompt: p, items: [a, b]}, *q]\n")
	f.Add("a: &a [*a]\n")
	f.Add("id: a\n---\nid: b\n")
	f.Add("questions:\n  - choices: [{text: x, correct: yes}]\n    answers: [[1], [2.5]]\n")
	f.Add("questions:\n  - {type: output, model: loop, params: {a: 1, a: , b: [x], ? [k] : v}}\n")
	f.Fuzz(func(t *testing.T, src string) {
		q, ps := ParseQuiz("q.yaml", []byte(src))
		checkProblems(t, src, ps)
		if q != nil {
			for _, qu := range q.Questions {
				if qu == nil {
					t.Fatal("nil question")
				}
			}
		}
	})
}

func FuzzParseLesson(f *testing.F) {
	f.Add(goodLesson)
	f.Add("---\nid: a\ntitle: A\n---\n```example x\n")
	f.Add("---\n---\n~~~~ example a\n~~~\n~~~~\n")
	f.Add("\uFEFF---\r\nid: a\r\ntitle: b\r\n---\r\n")
	f.Add("---\nid: a\ntitle: A\n---\n```example gather  model=loop\tdelay3=4s x == =y z=\n```\n")
	f.Fuzz(func(t *testing.T, src string) {
		l, ps := ParseLesson("l.md", []byte(src))
		checkProblems(t, src, ps)
		if l != nil {
			var body strings.Builder
			for _, s := range l.Segments {
				if (s.Example == nil) == (s.Markdown == "") {
					t.Fatalf("a segment is markdown or an example, not both or neither: %+v", s)
				}
				body.WriteString(s.Markdown)
			}
			if len(body.String()) > len(l.Body) {
				t.Fatal("segments hold more text than the body")
			}
		}
	})
}

func checkProblems(t *testing.T, src string, ps []Problem) {
	t.Helper()
	lines := strings.Count(normalizeNewlines(src), "\n") + 2
	for _, p := range ps {
		if p.File == "" || p.Rule == "" || p.Message == "" || p.Severity == "" {
			t.Fatalf("incomplete problem %+v", p)
		}
		if p.Line < 0 || p.Line > lines || p.Col < 0 {
			t.Fatalf("problem outside the file (%d lines): %+v", lines, p)
		}
	}
}
