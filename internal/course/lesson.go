package course

import (
	"regexp"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v4"

	"github.com/asyncio-tutor/asyncio-tutor/internal/mdnest"
)

// MaxNesting is how deeply a lesson's lists and quotes may nest. Deeper, the
// player would show the text unformatted (rendering it takes minutes), so
// check reports it instead, at the line where it happens.
const MaxNesting = mdnest.MaxDepth

// ParseLesson reads one lesson file: YAML front matter between --- lines,
// then markdown. It returns the lesson (nil when the file is unusable) and
// every problem found, at file:line:col.
func ParseLesson(file string, src []byte) (*Lesson, []Problem) {
	text := normalizeNewlines(string(src))
	lines := strings.SplitAfter(text, "\n")
	start := Pos{File: file, Line: 1, Col: 1}
	if len(lines) == 0 || strings.TrimRight(lines[0], " \t\n") != "---" {
		return nil, []Problem{start.Errorf(RuleFrontMatter, "a lesson starts with front matter: a line ---, then id: and title: lines, then another ---")}
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if l := strings.TrimRight(lines[i], " \t\n"); l == "---" || l == "..." {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, []Problem{start.Errorf(RuleFrontMatter, "the front matter opened on line 1 is never closed: add a line --- after its last key")}
	}

	l := &Lesson{File: file, Pos: map[string]Pos{"": start}}
	d := &decoder{file: file, lineOffset: 1}
	front := strings.Join(lines[1:end], "")
	var root *yaml.Node
	if strings.TrimSpace(front) == "" {
		d.errorf(&yaml.Node{Line: 0, Column: 1}, RuleMissingField, "the front matter is empty; a lesson needs at least id: and title:")
	} else {
		root = d.parseYAML([]byte(front))
	}
	if root != nil {
		present := d.mapping(root, "the front matter", l.Pos,
			field{"id", func(v *yaml.Node) {
				if s, ok := d.str(v, "the lesson id"); ok && d.checkID(v, "the lesson id", s) {
					l.ID = s
				}
			}},
			field{"title", func(v *yaml.Node) { l.Title, _ = d.oneLine(v, "the lesson title") }},
			field{"summary", func(v *yaml.Node) { l.Summary, _ = d.oneLine(v, "the summary") }},
			field{"quiz", func(v *yaml.Node) {
				if s, ok := d.str(v, "quiz"); ok && d.checkID(v, "the quiz id", s) {
					l.Quiz = s
				}
			}},
			field{"order", func(v *yaml.Node) {
				if n, ok := d.integer(v, "order"); ok {
					l.Order = n
				}
			}},
		)
		if present != nil {
			d.require(&yaml.Node{Line: 0, Column: 1}, "the front matter", l.Pos, present, "id", "title")
		}
	}

	bodyLine := end + 2 // 1-based line of the first body line
	body := strings.Join(lines[end+1:], "")
	l.Body = body
	l.Segments = cutExamples(d, body, bodyLine)
	if !checkNesting(d, body, bodyLine) {
		checkBudget(d, body, l.Segments, bodyLine)
	}
	return l, SortProblems(d.problems)
}

// checkNesting reports the first list or quote that nests deeper than
// MaxNesting, at its marker, as the renderer parses the body. One problem
// per lesson is enough: the fix is the same everywhere.
func checkNesting(d *decoder, body string, firstLine int) (reported bool) {
	shape := mdnest.Measure(body)
	if shape.DeepAt < 0 {
		return false
	}
	line, col := mdnest.Position(body, shape.DeepAt)
	pos := Pos{File: d.file, Line: firstLine + line - 1, Col: col}
	d.problems = append(d.problems, pos.Errorf(RuleMarkdownNesting,
		"lists and quotes nest %d deep here (%d at most are shown formatted): flatten this part or split it into separate lists",
		MaxNesting+1, MaxNesting))
	return true
}

// checkBudget warns of each part of the lesson (the markdown between its
// example cards, which the player renders one by one) that is past the
// renderer's budget: learners would see it as plain text, and the author
// should know before they do.
func checkBudget(d *decoder, body string, segs []Segment, firstLine int) {
	from := 0
	for _, seg := range segs {
		if seg.Example != nil || seg.Markdown == "" {
			continue
		}
		start := strings.Index(body[from:], seg.Markdown)
		if start < 0 {
			start = 0 // not a slice of the body as written: point at its start
		} else {
			start += from
			from = start + len(seg.Markdown)
		}
		shape := mdnest.Measure(seg.Markdown)
		ok, why := shape.Within(mdnest.Budget)
		if ok {
			continue
		}
		at := start
		if shape.Inline > mdnest.Budget.Inline {
			at += shape.InlineAt
		}
		line, col := mdnest.Position(body, at)
		pos := Pos{File: d.file, Line: firstLine + line - 1, Col: col}
		d.problems = append(d.problems, pos.Warnf(RuleMarkdownBudget,
			"%s: learners will see this part of the lesson as plain text, unformatted; split it into shorter paragraphs, smaller code blocks or another lesson", why))
	}
}

// normalizeNewlines drops a byte-order mark and turns CRLF and lone CR line
// ends into LF, as YAML counts them, so that our line numbers and the YAML
// parser's agree.
func normalizeNewlines(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// fenceOpen matches a CommonMark code fence opener: up to three spaces, three
// or more backticks or tildes, and an info string.
var fenceOpen = regexp.MustCompile("^( {0,3})(`{3,}|~{3,})[ \t]*([^\n]*?)[ \t]*\n?$")

// cutExamples splits a lesson body at its `example NAME [key=value ...]`
// fenced blocks. It follows CommonMark's fence rules closely enough that an
// example block shown inside another code block (a lesson about the format)
// stays text.
func cutExamples(d *decoder, body string, firstLine int) []Segment {
	lines := strings.SplitAfter(body, "\n")
	var segs []Segment
	var md strings.Builder
	flush := func() {
		if md.Len() > 0 {
			segs = append(segs, Segment{Markdown: md.String()})
			md.Reset()
		}
	}
	for i := 0; i < len(lines); i++ {
		m := fenceOpen.FindStringSubmatch(lines[i])
		if m == nil || m[2][0] == '`' && strings.Contains(m[3], "`") {
			md.WriteString(lines[i])
			continue
		}
		fence, info := m[2], m[3]
		closeAt := len(lines)
		for j := i + 1; j < len(lines); j++ {
			if isFenceClose(lines[j], fence) {
				closeAt = j
				break
			}
		}
		words := strings.Fields(info)
		if len(words) == 0 || words[0] != "example" {
			for j := i; j < closeAt+1 && j < len(lines); j++ {
				md.WriteString(lines[j])
			}
			i = closeAt
			continue
		}
		line := firstLine + i
		col := len(m[1]) + len(fence) + 1 + strings.Index(lines[i][len(m[1])+len(fence):], info)
		at := Pos{File: d.file, Line: line, Col: col}
		switch {
		case closeAt == len(lines):
			d.problems = append(d.problems, at.Errorf(RuleExampleBlock, "this example block is never closed: end it with a line %s", fence))
		case len(words) < 2:
			d.problems = append(d.problems, at.Errorf(RuleExampleBlock, "an example block's first line is ```example NAME, optionally followed by model=MODEL and param=value words (got %q)", truncate(info, 60)))
		case strings.Contains(words[1], "="):
			at.Col += wordOffsets(info)[1]
			d.problems = append(d.problems, at.Errorf(RuleExampleBlock, "name the example first, then its settings: ```example NAME %s", truncate(words[1], 40)))
		case !idPattern.MatchString(words[1]):
			d.problems = append(d.problems, at.Errorf(RuleExampleBlock, "example name %q must be lower-case letters, digits and dashes", truncate(words[1], 40)))
		default:
			flush()
			ref := &ExampleRef{Name: words[1], Caption: strings.TrimSpace(strings.Join(lines[i+1:closeAt], ""))}
			offsets := wordOffsets(info)
			ref.Pos = Pos{File: d.file, Line: line, Col: col + offsets[1]}
			cardSettings(d, ref, words[2:], offsets[2:], at)
			segs = append(segs, Segment{Example: ref})
		}
		i = closeAt
	}
	flush()
	return segs
}

// wordOffsets returns the byte offset in s of each of strings.Fields(s).
func wordOffsets(s string) []int {
	var offs []int
	inWord := false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if !space && !inWord {
			offs = append(offs, i)
		}
		inWord = !space
	}
	return offs
}

// cardSettings reads the key=value words after an example's name: model=
// goes to ref.Model, every other key to ref.Params, in the order written.
// Only the syntax is checked here; whether the model, the parameter and its
// value exist is check's business, since it knows the examples.
func cardSettings(d *decoder, ref *ExampleRef, words []string, offsets []int, info Pos) {
	seen := map[string]Pos{}
	for i, w := range words {
		at := Pos{File: info.File, Line: info.Line, Col: info.Col + offsets[i]}
		key, value, ok := strings.Cut(w, "=")
		switch {
		case !ok || key == "":
			d.problems = append(d.problems, at.Errorf(RuleExampleBlock, "%q is not a setting: after the example's name each word is key=value, like model=loop or delay1=2s", truncate(w, 40)))
			continue
		case value == "":
			d.problems = append(d.problems, at.Errorf(RuleExampleBlock, "%s= has no value: write %s=VALUE, or leave the word out for the default", truncate(key, 40), truncate(key, 40)))
			continue
		}
		if first, dup := seen[key]; dup {
			d.problems = append(d.problems, at.Errorf(RuleExampleBlock, "%s is set twice on this card (first at column %d); keep one", truncate(key, 40), first.Col))
			continue
		}
		seen[key] = at
		if key == "model" {
			ref.Model, ref.ModelPos = value, at
			continue
		}
		ref.Params = append(ref.Params, CardParam{Name: key, Value: value, Pos: at})
	}
}

func isFenceClose(line, fence string) bool {
	t := strings.TrimRight(line, " \t\n")
	indent := len(t) - len(strings.TrimLeft(t, " "))
	if indent > 3 {
		return false
	}
	t = t[indent:]
	return len(t) >= len(fence) && strings.Trim(t, fence[:1]) == "" && t[0] == fence[0]
}
