package course

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/asyncio-tutor/asyncio-tutor/internal/mdnest"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
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
	if p := checkUTF8(file, []byte(text)); p != nil {
		return nil, []Problem{*p} // every later position would be off, and every message about garbled text
	}
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
	checkControls(d, l, body, bodyLine)
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
	from := 0 // the body before it holds the parts already looked at
	for _, seg := range segs {
		if seg.Example != nil || seg.Markdown == "" {
			continue
		}
		if i := strings.Index(body[from:], firstLineOf(seg.Markdown)); i >= 0 {
			from += i
		}
		shape := mdnest.Measure(seg.Markdown)
		ok, why := shape.Within(mdnest.Budget)
		if ok {
			continue
		}
		at := from
		if shape.Inline > mdnest.Budget.Inline {
			// Found by its own first line: a card that failed to parse is
			// left out of its part, so the part as a whole may not be the
			// body's text, but each paragraph of it is.
			long := seg.Markdown[shape.InlineAt:]
			if i := strings.Index(body[from:], firstLineOf(long)); i >= 0 {
				at = from + i
			}
		}
		line, col := mdnest.Position(body, at)
		pos := Pos{File: d.file, Line: firstLine + line - 1, Col: col}
		d.problems = append(d.problems, pos.Warnf(RuleMarkdownBudget,
			"%s: learners will see this part of the lesson as plain text, unformatted; split it into shorter paragraphs, smaller code blocks or another lesson", why))
	}
}

// firstLineOf is s up to its first line break (at most 200 bytes), enough
// to find s in the text it came from.
func firstLineOf(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s[:min(len(s), 200)]
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

// fencedBlock is one fenced code block of a lesson body as CommonMark reads
// it: from its opening fence to the first closing fence of the same
// character, at least as long, or to the end of the body.
type fencedBlock struct {
	open, close int    // line indexes of the fences; close is len(lines) when the block is never closed
	indent      int    // spaces before the opening fence
	fence       string // the run of backticks or tildes that opens it
	info        string // the info string, trimmed
	infoCol     int    // 1-based column of the info string (just after the fence when there is none)
}

func (b fencedBlock) closed(lines []string) bool { return b.close < len(lines) }

// words is the info string cut at spaces: a card's are example, NAME, settings.
func (b fencedBlock) words() []string { return strings.Fields(b.info) }

// isCard tells whether the block is an example card: its info string's first
// word is exactly example.
func (b fencedBlock) isCard() bool {
	w := b.words()
	return len(w) > 0 && w[0] == "example"
}

// openingFence reads a line as a fence opener. A backtick fence whose info
// string holds a backtick is not one (CommonMark: it is inline code).
func openingFence(line string) (fencedBlock, bool) {
	if t := strings.TrimLeft(line, " "); !strings.HasPrefix(t, "```") && !strings.HasPrefix(t, "~~~") {
		return fencedBlock{}, false // most lines: no need to run the expression
	}
	m := fenceOpen.FindStringSubmatch(line)
	if m == nil || m[2][0] == '`' && strings.Contains(m[3], "`") {
		return fencedBlock{}, false
	}
	b := fencedBlock{indent: len(m[1]), fence: m[2], info: m[3]}
	b.infoCol = b.indent + len(b.fence) + 1
	if b.info != "" {
		b.infoCol += strings.Index(line[b.indent+len(b.fence):], b.info)
	}
	return b, true
}

// fencedBlocks finds the body's fenced blocks, in order. A fence inside an
// HTML comment is text of the comment, as in CommonMark, so that an author
// can comment out half a block.
func fencedBlocks(lines []string) []fencedBlock {
	var out []fencedBlock
	for i := 0; i < len(lines); i++ {
		if end, ok := commentEnd(lines, i); ok {
			i = end
			continue
		}
		b, ok := openingFence(lines[i])
		if !ok {
			continue
		}
		b.open, b.close = i, len(lines)
		for j := i + 1; j < len(lines); j++ {
			if isFenceClose(lines[j], b.fence) {
				b.close = j
				break
			}
		}
		out = append(out, b)
		i = b.close
	}
	return out
}

// commentEnd tells whether line i starts an HTML comment (CommonMark's HTML
// block of kind 2: <!-- at most three spaces in) and returns the line where
// it ends, the last when it never does.
func commentEnd(lines []string, i int) (int, bool) {
	t := strings.TrimLeft(lines[i], " ")
	if len(lines[i])-len(t) > 3 || !strings.HasPrefix(t, "<!--") {
		return 0, false
	}
	if strings.Contains(t[len("<!--"):], "-->") {
		return i, true
	}
	for j := i + 1; j < len(lines); j++ {
		if strings.Contains(lines[j], "-->") {
			return j, true
		}
	}
	return len(lines) - 1, true
}

// cutExamples splits a lesson body at its `example NAME [key=value ...]`
// fenced blocks. It follows CommonMark's fence rules closely enough that an
// example block shown inside another code block (a lesson about the format)
// stays text. It also reports the fences that lose a card or the rest of
// the lesson: one never closed, a card swallowed by the block before it,
// an info string that nearly says example.
func cutExamples(d *decoder, body string, firstLine int) []Segment {
	lines := strings.SplitAfter(body, "\n")
	var segs []Segment
	var md strings.Builder
	mdFrom := 0 // the line md starts at
	flush := func(upTo int) {
		if md.Len() > 0 {
			segs = append(segs, Segment{Markdown: md.String(), Line: mdFrom, Lines: upTo - mdFrom})
			md.Reset()
		}
		mdFrom = upTo
	}
	next := 0 // first line not yet placed in a segment
	for _, b := range fencedBlocks(lines) {
		md.WriteString(strings.Join(lines[next:b.open], ""))
		next = min(b.close+1, len(lines))
		if !b.isCard() {
			checkCodeBlock(d, lines, b, firstLine)
			md.WriteString(strings.Join(lines[b.open:next], ""))
			continue
		}
		if ref := card(d, lines, b, firstLine); ref != nil {
			flush(b.open)
			segs = append(segs, Segment{Example: ref, Line: b.open, Lines: next - b.open})
			mdFrom = next
		}
	}
	md.WriteString(strings.Join(lines[next:], ""))
	flush(len(lines))
	return segs
}

// card reads an example block, or reports why it is not one and returns nil.
func card(d *decoder, lines []string, b fencedBlock, firstLine int) *ExampleRef {
	words := b.words()
	at := Pos{File: d.file, Line: firstLine + b.open, Col: b.infoCol}
	switch {
	case !b.closed(lines):
		d.problems = append(d.problems, at.Errorf(RuleExampleBlock, "this example block is never closed: end it with a line %s", b.fence))
		return nil
	case len(words) < 2:
		d.problems = append(d.problems, at.Errorf(RuleExampleBlock, "an example block's first line is ```example NAME, optionally followed by model=MODEL and param=value words (got %q)", truncate(b.info, 60)))
		return nil
	case strings.Contains(words[1], "="):
		at.Col += wordOffsets(b.info)[1]
		d.problems = append(d.problems, at.Errorf(RuleExampleBlock, "name the example first, then its settings: ```example NAME %s", truncate(words[1], 40)))
		return nil
	case !idPattern.MatchString(words[1]):
		d.problems = append(d.problems, at.Errorf(RuleExampleBlock, "example name %q must be lower-case letters, digits and dashes", truncate(words[1], 40)))
		return nil
	}
	if inner, ok := swallowedCard(lines, b); ok {
		d.problems = append(d.problems, at.Errorf(RuleExampleBlock,
			"this example block is still open at the card on line %d, which it swallows: end it with a line %s before that card",
			firstLine+inner, b.fence))
	}
	ref := &ExampleRef{Name: words[1], Caption: strings.TrimSpace(strings.Join(lines[b.open+1:b.close], ""))}
	offsets := wordOffsets(b.info)
	ref.Pos = Pos{File: d.file, Line: at.Line, Col: at.Col + offsets[1]}
	cardSettings(d, ref, words[2:], offsets[2:], at)
	return ref
}

// checkCodeBlock reports a code block that runs to the end of the lesson,
// one whose info string nearly says example, and a card it swallows.
func checkCodeBlock(d *decoder, lines []string, b fencedBlock, firstLine int) {
	line := firstLine + b.open
	if hint, near := nearCard(b.words()); near {
		at := Pos{File: d.file, Line: line, Col: b.infoCol}
		d.problems = append(d.problems, at.Warnf(RuleExampleNearMiss,
			"%s%s is shown as a plain code block, not an example card; did you mean %s%s?", b.fence, truncate(b.info, 60), b.fence, truncate(hint, 60)))
	}
	if !b.closed(lines) {
		at := Pos{File: d.file, Line: line, Col: b.indent + 1}
		d.problems = append(d.problems, at.Errorf(RuleUnclosedFence,
			"this code block is never closed, so the rest of the lesson is shown as code: end it with a line %s", b.fence))
		return
	}
	if inner, ok := swallowedCard(lines, b); ok {
		f, _ := openingFence(lines[inner])
		at := Pos{File: d.file, Line: firstLine + inner, Col: f.infoCol}
		d.problems = append(d.problems, at.Warnf(RuleCardInBlock,
			"this card is inside the code block opened on line %d, so it is shown as code: close that block first with a line %s (or, to show the card as text, open that block with a longer fence)",
			line, b.fence))
	}
}

// swallowedCard finds the first line inside a closed block that opens a card
// with a fence that could have closed the block: the same character, at
// least as long. Such a card was meant to come after the block; one quoted
// on purpose sits inside a longer fence (````markdown), as CommonMark needs.
func swallowedCard(lines []string, b fencedBlock) (int, bool) {
	for i := b.open + 1; i < b.close; i++ {
		f, ok := openingFence(lines[i])
		if ok && f.fence[0] == b.fence[0] && len(f.fence) >= len(b.fence) && f.isCard() {
			return i, true
		}
	}
	return 0, false
}

// nearCard tells whether an info string was probably meant to open a card:
// its first word is example in other letters' case, in the plural, with a
// typo, or joined to the name (example-gather). It returns the info string
// as a card's would be.
func nearCard(words []string) (string, bool) {
	if len(words) == 0 || words[0] == "example" {
		return "", false
	}
	first, rest := words[0], words[1:]
	const word = "example"
	if len(first) > len(word)+1 && strings.EqualFold(first[:len(word)], word) && strings.IndexByte(":-_=.", first[len(word)]) >= 0 {
		rest = append([]string{first[len(word)+1:]}, rest...)
	} else if !nearExample(strings.ToLower(first)) {
		return "", false
	}
	return strings.Join(append([]string{"example"}, rest...), " "), true
}

// nearExample tells a misspelt example (exmaple, examples, Example) from a
// word that only shares letters with it: two edits away, the word must still
// start with an e, so that ```sample stays a code block.
func nearExample(lower string) bool {
	dist := editDistance(lower, "example")
	return dist <= 1 || dist == 2 && strings.HasPrefix(lower, "e")
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

// checkControls warns of control characters in a lesson: the first in its
// body, and one in its title or summary (which YAML escapes such as \e can
// hold). The player strips them all before they reach the terminal, so an
// author who meant colour or a bell gets nothing and is never told; the
// numeric references &#27; and &#x9b; count too, since the markdown
// renderer decodes them into the very characters.
func checkControls(d *decoder, l *Lesson, body string, firstLine int) {
	d.checkLineControls(l.At, l.Title, l.Summary)
	offset, what, more := firstControl(body)
	if offset < 0 {
		return
	}
	line, col := mdnest.Position(body, offset)
	also := ""
	if more > 0 {
		also = fmt.Sprintf(" (and %d more in this lesson)", more)
	}
	at := Pos{File: d.file, Line: firstLine + line - 1, Col: col}
	d.problems = append(d.problems, at.Warnf(RuleControlChar,
		"%s, which the player strips: learners never see it, nor what it was meant to do; take it out%s", what, also))
}

// checkLineControls warns of a control character in a title or a summary
// (a YAML "\e" can put one there), at its value: the player drops it or
// shows its code, so learners never see what it was meant to do.
func (d *decoder) checkLineControls(at func(key string) Pos, title, summary string) {
	for _, f := range []struct{ key, text string }{{"title", title}, {"summary", summary}} {
		if i := strings.IndexFunc(f.text, isStripped); i >= 0 {
			r, _ := utf8.DecodeRuneInString(f.text[i:])
			d.problems = append(d.problems, at(f.key).Warnf(RuleControlChar,
				"the %s holds the control character %s, which the player does not show as written (it drops it, or shows its code); take it out", f.key, controlName(r)))
		}
	}
}

// firstControl finds the first control character the player would strip,
// written raw anywhere or as a numeric character reference outside code,
// and says what it is; more counts the others.
func firstControl(body string) (offset int, what string, more int) {
	offset = -1
	note := func(at int, w string) {
		if offset < 0 || at < offset {
			if offset >= 0 {
				more++
			}
			offset, what = at, w
			return
		}
		more++
	}
	for i, r := range body {
		if isStripped(r) {
			note(i, "a raw control character "+controlName(r))
		}
	}
	for _, ref := range controlRefs(body) {
		note(ref.offset, fmt.Sprintf("%s is the control character %s", ref.text, controlName(ref.r)))
	}
	return offset, what, more
}

// isStripped is what termtext.Text drops from the player's text: C0
// controls but tab and newline, DEL, and C1 controls. (A carriage return
// never gets here: ParseLesson turns line ends into newlines first.)
func isStripped(r rune) bool { return termtext.Drops(r) }

// controlName names a control character for an author: ESC (U+001B).
func controlName(r rune) string {
	names := map[rune]string{0x07: "BEL", 0x08: "BS", 0x0c: "FF", 0x1b: "ESC", 0x7f: "DEL", 0x9b: "CSI", 0x9d: "OSC", 0x85: "NEL",
		0x202a: "LRE", 0x202b: "RLE", 0x202c: "PDF", 0x202d: "LRO", 0x202e: "RLO", 0x2066: "LRI", 0x2067: "RLI", 0x2068: "FSI", 0x2069: "PDI"}
	if n, ok := names[r]; ok {
		return fmt.Sprintf("%s (U+%04X)", n, r)
	}
	return fmt.Sprintf("U+%04X", r)
}

// numericRef matches a CommonMark numeric character reference: &#27; or
// &#x1b; (seven decimal digits at most).
var numericRef = regexp.MustCompile(`&#(?:[xX]([0-9a-fA-F]+)|([0-9]{1,7}));`)

type controlRef struct {
	offset int
	text   string
	r      rune
}

// controlRefs lists the numeric references to stripped controls in the
// body's text, where the renderer decodes them. Inside fenced blocks and
// code spans they stay as written, so those are left out.
func controlRefs(body string) []controlRef {
	if !strings.Contains(body, "&#") {
		return nil
	}
	lines := strings.SplitAfter(body, "\n")
	inBlock := make([]bool, len(lines))
	for _, b := range fencedBlocks(lines) {
		for i := b.open; i < min(b.close+1, len(lines)); i++ {
			inBlock[i] = true
		}
	}
	var refs []controlRef
	start := 0
	for i, line := range lines {
		if !inBlock[i] && strings.Contains(line, "&#") {
			spans := codeSpans(line) // sorted, as the matches are
			for _, m := range numericRef.FindAllStringSubmatchIndex(line, -1) {
				for len(spans) > 0 && spans[0][1] <= m[0] {
					spans = spans[1:]
				}
				inCode := len(spans) > 0 && spans[0][0] <= m[0]
				if r, ok := refRune(line, m); ok && isStripped(r) && !inCode {
					refs = append(refs, controlRef{offset: start + m[0], text: line[m[0]:m[1]], r: r})
				}
			}
		}
		start += len(line)
	}
	return refs
}

// refRune decodes a numericRef match. The renderer decodes &#0; and values
// past Unicode to U+FFFD, which is no control, so those are not ok.
func refRune(line string, m []int) (rune, bool) {
	digits, base := "", 10
	if m[2] >= 0 {
		digits, base = line[m[2]:m[3]], 16
	} else {
		digits = line[m[4]:m[5]]
	}
	v, err := strconv.ParseUint(digits, base, 32)
	if err != nil || v == 0 {
		return 0, false
	}
	return rune(v), true
}

// codeSpans lists the `code spans` of one line as [start, end) byte ranges:
// a run of backticks up to the next run of the same length. It indexes the
// runs by length first, so a line of thousands of unmatched runs costs one
// pass, not one per run.
func codeSpans(line string) [][2]int {
	type run struct{ at, n int }
	var runs []run
	for i := 0; i < len(line); {
		if line[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] == '`' {
			j++
		}
		runs = append(runs, run{i, j - i})
		i = j
	}
	byLen := map[int][]int{} // run length -> indexes into runs, in order
	for k, r := range runs {
		byLen[r.n] = append(byLen[r.n], k)
	}
	var spans [][2]int
	for k := 0; k < len(runs); {
		same := byLen[runs[k].n]
		for len(same) > 0 && same[0] <= k {
			same = same[1:]
		}
		byLen[runs[k].n] = same
		if len(same) == 0 {
			k++ // no closing run: these backticks are text
			continue
		}
		closing := runs[same[0]]
		spans = append(spans, [2]int{runs[k].at, closing.at + closing.n})
		k = same[0] + 1
	}
	return spans
}
