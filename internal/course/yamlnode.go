package course

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
	"go.yaml.in/yaml/v4/plugin/loaderlimits"
)

// Limits that keep an untrusted course from exhausting memory or time. Each
// one, when hit, is a problem at its file and line, never a hang.
const (
	MaxFileSize    = 1 << 20 // bytes in one lesson or quiz file
	MaxStringLen   = 32 << 10
	MaxIDLen       = 64
	MaxYAMLDepth   = 32
	MaxYAMLNodes   = 50_000 // nodes walked in one file, alias expansions included
	MaxListLen     = 500    // questions in a quiz, choices, items, lines, answers
	MaxCourseFiles = 10_000 // lesson and quiz files in one language
)

// decoder walks a yaml.Node tree by hand instead of unmarshalling into
// structs, so that it can report every problem (not just the first) at the
// exact line and column of the offending key or value, and suggest the key
// an instructor probably meant.
type decoder struct {
	file       string
	lineOffset int // front matter starts after the opening --- line
	problems   []Problem
	nodes      int
	overBudget bool
	lines      []string // the text parsed, for explaining its syntax errors
}

func (d *decoder) pos(n *yaml.Node) Pos {
	if n == nil {
		return Pos{File: d.file}
	}
	return Pos{File: d.file, Line: n.Line + d.lineOffset, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, rule, format string, args ...any) {
	d.problems = append(d.problems, d.pos(n).Errorf(rule, format, args...))
}

// parseYAML parses exactly one YAML document. It reports syntax errors,
// a second document, and the depth limit as problems and returns nil then.
func (d *decoder) parseYAML(src []byte) *yaml.Node {
	d.lines = strings.Split(string(src), "\n")
	limits := yaml.WithPlugin(loaderlimits.New(loaderlimits.DepthValue(MaxYAMLDepth), loaderlimits.AliasValue(MaxYAMLNodes)))
	ld, err := yaml.NewLoader(strings.NewReader(string(src)), limits)
	if err == nil {
		var doc yaml.Node
		if err = ld.Load(&doc); err == nil {
			var second yaml.Node
			switch err2 := ld.Load(&second); {
			case errors.Is(err2, io.EOF):
				return &doc
			case err2 == nil:
				d.errorf(documentStart(&second), RuleYAMLSyntax, "a second YAML document starts here; a course file holds exactly one (remove the extra ---)")
				d.problems[len(d.problems)-1].Excerpt = excerptLine(sourceLine(d.lines, documentStart(&second).Line))
				return nil
			default:
				err = err2
			}
		}
	}
	if errors.Is(err, io.EOF) {
		d.errorf(nil, RuleMissingField, "the file is empty")
		return nil
	}
	d.yamlError(err)
	return nil
}

// documentStart points at the first line of a document's content.
func documentStart(doc *yaml.Node) *yaml.Node {
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		return doc.Content[0]
	}
	return doc
}

// yamlError reports a parse error in plain words, at the place to fix,
// with the source line under it: the parser's own messages name its
// grammar ("mapping values are not allowed in this context"), not the
// mistake, and often the line after it.
func (d *decoder) yamlError(err error) {
	var le *yaml.LoadError
	if !errors.As(err, &le) {
		d.problems = append(d.problems, Pos{File: d.file}.Errorf(RuleYAMLSyntax, "%s", err))
		return
	}
	e := explainYAML(le, d.lines, d.lineOffset)
	rule := RuleYAMLSyntax
	if strings.Contains(le.Message, "max depth") || strings.Contains(le.Message, "alias") && !strings.Contains(le.Message, "unknown anchor") {
		rule = RuleYAMLLimit
	}
	p := Problem{File: d.file, Col: e.col, Severity: SeverityError, Rule: rule, Message: e.msg}
	if e.line > 0 {
		p.Line = e.line + d.lineOffset
		if e.line <= len(d.lines) {
			p.Excerpt = excerptLine(d.lines[e.line-1])
		}
	}
	d.problems = append(d.problems, p)
}

// explained is a parse error as an instructor reads it: where, in the
// parsed text's 1-based lines and columns (characters), and what to do.
type explained struct {
	line, col int
	msg       string
}

// explainYAML rewrites the parser's errors that real mistakes cause; the
// rest keep the parser's words, with its context. Line numbers in messages
// are the file's: the parsed text's plus off.
func explainYAML(le *yaml.LoadError, lines []string, off int) explained {
	at := explained{line: le.Mark.Line, col: le.Mark.Column, msg: le.Message}
	if ctx, ok := unclosed(le); ok && !strings.Contains(le.Message, "escape") {
		// An unclosed [, { or quote is found only where the file ends or the
		// next key starts; the place to fix is where it was opened.
		return explained{le.ContextMark.Line, le.ContextMark.Column,
			fmt.Sprintf("%s that starts here is never closed: %s (noticed at line %d, column %d)", ctx, le.Message, le.Mark.Line+off, le.Mark.Column)}
	}
	src := sourceLine(lines, at.line)
	switch msg := le.Message; {
	case strings.Contains(msg, "control characters are not allowed"):
		return controlCharacter(lines, at)
	case strings.Contains(msg, "tab character"), strings.Contains(msg, "cannot start any token") && leadingTab(src):
		return tabIndent(lines, at)
	case strings.Contains(msg, "cannot start any token"):
		ch := charAt(src, at.col)
		at.msg = fmt.Sprintf("YAML reserves %q, so no value may start with it: put the value in quotes", ch)
		return at
	case strings.HasPrefix(msg, "unknown anchor"):
		at.msg = "a value that starts with * is an alias of an &anchor in YAML, and there is no such anchor: if the value is text, put it in quotes"
		return at
	case strings.Contains(msg, "unknown escape character"):
		at.msg = fmt.Sprintf(`%s is not an escape that "double quotes" know: write \\ for a backslash, or put the value in 'single quotes', where a backslash is plain (regular expressions read best that way)`, charAt(src, at.col)+charAt(src, at.col+1))
		return at
	case strings.Contains(msg, "mapping values are not allowed"):
		return unexpectedColon(lines, at, off)
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-' indicator"):
		return misplaced(lines, at, strings.Contains(msg, "'-'"))
	case strings.Contains(msg, "could not find expected ':'") && le.ContextMark.Line > 0:
		at = explained{line: le.ContextMark.Line, col: le.ContextMark.Column}
		at.msg = "this line is neither key: value nor indented under the line above: indent it to continue the value above, or give it a key"
		return at
	}
	if le.ContextMsg != "" {
		at.msg = le.ContextMsg + ": " + at.msg
	}
	return at
}

// unclosed names, in an instructor's words, the construct a parse error
// left open, when the error has one and a separate place where it began.
func unclosed(le *yaml.LoadError) (string, bool) {
	if le.ContextMark.Line == 0 || le.ContextMark == le.Mark {
		return "", false
	}
	for construct, plain := range map[string]string{"a flow sequence": "the [ list", "a flow mapping": "the { mapping", "a quoted scalar": "the quoted text"} {
		if strings.HasSuffix(le.ContextMsg, construct) {
			return plain, true
		}
	}
	return "", false
}

// sourceLine is line n (1-based) of lines, or "".
func sourceLine(lines []string, n int) string {
	if n < 1 || n > len(lines) {
		return ""
	}
	return lines[n-1]
}

// charAt is the character at a 1-based column of s, or "".
func charAt(s string, col int) string {
	r := []rune(s)
	if col < 1 || col > len(r) {
		return ""
	}
	return string(r[col-1])
}

// indentOf is the number of spaces a line starts with.
func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

func leadingTab(s string) bool {
	return strings.HasPrefix(strings.TrimLeft(s, " "), "\t")
}

// blank is a line that holds nothing YAML reads: spaces or a comment.
func blank(s string) bool {
	t := strings.TrimSpace(s)
	return t == "" || strings.HasPrefix(t, "#")
}

// tabIndent points at the tab that indents a line: the parser complains
// where the tab's line, or the next token, begins.
func tabIndent(lines []string, at explained) explained {
	for n := at.line; n >= max(1, at.line-1); n-- {
		if src := sourceLine(lines, n); leadingTab(src) {
			return explained{n, 1 + indentOf(src), "a tab indents this line; YAML indents with spaces only: replace the tab with spaces"}
		}
	}
	at.msg = "a tab here breaks the indentation; YAML indents with spaces only: replace the tab with spaces"
	return at
}

// controlCharacter finds the control character the parser refuses without
// saying where it is.
func controlCharacter(lines []string, at explained) explained {
	for n, src := range lines {
		for col, r := range []rune(src) {
			if r < 0x20 && r != '\t' && r != '\r' || r == 0x7f || r >= 0x80 && r <= 0x9f {
				return explained{n + 1, col + 1, fmt.Sprintf("the control character U+%04X is not allowed in YAML (editors often do not show it): delete it", r)}
			}
		}
	}
	at.msg = "the file holds a control character, which YAML does not allow: delete it"
	return at
}

// unexpectedColon explains "mapping values are not allowed": either a
// value holds ": " (YAML reads a second key on one line), or the line is
// indented deeper than the one above, so the parser took it for more of
// that line's value. Then the mistake is in whichever of the two lines is
// out of line with the rest of the file: a list entry above, when an
// earlier line starts where this one does, else this line.
func unexpectedColon(lines []string, at explained, off int) explained {
	src := []rune(sourceLine(lines, at.line))
	before := string(src[:min(max(at.col-1, 0), len(src))])
	if strings.Contains(before, ": ") {
		at.msg = "this value holds ': ', which YAML reads as a new key: put the value in quotes"
		return at
	}
	this := sourceLine(lines, at.line)
	prev := at.line - 1
	for prev > 0 && blank(lines[prev-1]) {
		prev--
	}
	if prev == 0 {
		at.msg = "this value holds ':', which YAML reads as a new key: put the value in quotes"
		return at
	}
	above := lines[prev-1]
	for n := prev - 1; n > 0 && strings.HasPrefix(strings.TrimLeft(above, " "), "- "); n-- {
		if src := lines[n-1]; !blank(src) && indentOf(src) == indentOf(this) && indentOf(src) > indentOf(above) {
			return explained{prev, 1 + indentOf(above), fmt.Sprintf(
				"this line is indented less than the lines around it (line %d below starts in column %d, like line %d), so YAML reads line %d as more of this line's value: indent this line to match the others of its list or mapping",
				at.line+off, 1+indentOf(this), n+off, at.line+off)}
		}
	}
	return explained{at.line, 1 + indentOf(this), fmt.Sprintf(
		"this line is indented more than line %d above it, so YAML reads it as more of that line's value: line it up with the keys it belongs with, or, if it does go on with that value, put the whole value in quotes", prev+off)}
}

// misplaced explains "did not find expected key" and "expected '-'
// indicator": at the start of a line, the line lines up with no level
// above it; inside a line, something follows a complete value.
func misplaced(lines []string, at explained, inList bool) explained {
	src := sourceLine(lines, at.line)
	if at.col != 1+indentOf(src) {
		at.msg = "YAML expected the next key, on a line of its own, here: if this text belongs to the value, put the whole value in quotes"
		return at
	}
	if inList && !strings.HasPrefix(strings.TrimLeft(src, " "), "-") {
		at.msg = fmt.Sprintf("this line starts in the column of the list's `- ` dashes but has none: indent it to column %d to go on with the entry above, or begin it with `- ` for a new entry", at.col+2)
		return at
	}
	at.msg = fmt.Sprintf("this line starts in column %d, which lines up with nothing above it%s: indent it like the lines it belongs with", at.col, levelsAbove(lines, at.line))
	return at
}

// levelsAbove names the columns the lines enclosing line n start in, as
// " (the lines above start in columns 1, 3, 5)".
func levelsAbove(lines []string, n int) string {
	var cols []int
	deepest := -1
	for i := n - 1; i > 0 && deepest != 0; i-- {
		src := lines[i-1]
		if blank(src) {
			continue
		}
		if ind := indentOf(src); deepest < 0 || ind < deepest {
			deepest = ind
			cols = append(cols, ind+1)
			if strings.HasPrefix(src[ind:], "- ") {
				cols = append(cols, ind+3) // where the keys of the entry's mapping start
			}
		}
	}
	if len(cols) == 0 {
		return ""
	}
	slices.Sort(cols)
	names := make([]string, 0, len(cols))
	for _, c := range slices.Compact(cols) {
		names = append(names, strconv.Itoa(c))
	}
	return " (the lines above start in columns " + strings.Join(names, ", ") + ")"
}

// resolve follows aliases and counts every node it is handed, so that a
// billion-laughs file is cut off instead of walked.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	d.nodes++
	if d.nodes > MaxYAMLNodes && !d.overBudget {
		d.overBudget = true
		d.errorf(n, RuleYAMLLimit, "the file expands to more than %d YAML values (too many aliases?)", MaxYAMLNodes)
	}
	return n
}

// field is one key a mapping may hold.
type field struct {
	name string
	set  func(value *yaml.Node)
}

// mapping walks a mapping node: unknown and duplicate keys are problems, each
// known key's handler gets its non-empty value. It records every key's value
// position in pos (under the key name) and returns the keys whose handler
// ran, or nil when n is not a mapping.
func (d *decoder) mapping(n *yaml.Node, what string, pos map[string]Pos, fields ...field) map[string]bool {
	n = d.resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		d.errorf(n, RuleWrongType, "%s must be a mapping of key: value lines, not %s", what, describe(n))
		return nil
	}
	present := map[string]bool{}
	seen := map[string]bool{}
	var written map[string]bool // the mapping's keys, gathered at the first unknown one
	for i := 0; i+1 < len(n.Content) && !d.overBudget; i += 2 {
		k, v := d.resolve(n.Content[i]), n.Content[i+1]
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, RuleWrongType, "keys in %s must be plain words", what)
			continue
		}
		j := slices.IndexFunc(fields, func(f field) bool { return f.name == key })
		if j < 0 {
			d.errorf(k, RuleUnknownKey, "unknown key %q in %s%s", key, what, Nearest(key, fieldNames(fields)))
			if written == nil {
				written = d.keysOf(n)
			}
			if j = meant(key, fields, written); j < 0 {
				continue
			}
			key = fields[j].name
		}
		if seen[key] {
			d.errorf(k, RuleDuplicateKey, "key %q appears twice in %s; YAML keeps only one, so remove the other", key, what)
			continue
		}
		seen[key] = true
		if pos != nil {
			pos[key] = d.pos(d.resolveQuiet(v))
		}
		if isNull(d.resolveQuiet(v)) {
			continue // an empty value is reported as missing by the caller's require
		}
		present[key] = true
		fields[j].set(v)
	}
	return present
}

// meant is the field a misspelt key stands for, when one is close and the
// mapping's keys (written) do not hold it too, or -1. Its value is then read as that
// field's, so that the misspelling is the one problem reported: `corect:
// true` read as no key at all would also make the choice wrong and the
// question's key broken.
func meant(key string, fields []field, written map[string]bool) int {
	name, ok := nearest(key, fieldNames(fields))
	if !ok || written[name] {
		return -1
	}
	return slices.IndexFunc(fields, func(f field) bool { return f.name == name })
}

// keysOf is the set of a mapping's plain keys, gathered once so that many
// misspelt keys cost one pass, not one each.
func (d *decoder) keysOf(n *yaml.Node) map[string]bool {
	keys := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := d.resolveQuiet(n.Content[i]); k.Kind == yaml.ScalarNode {
			keys[k.Value] = true
		}
	}
	return keys
}

// resolveQuiet follows aliases without counting, for peeking at positions.
func (d *decoder) resolveQuiet(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// require reports each named key that is absent or empty. A key whose value
// was there but wrong has been reported already and is not missing.
func (d *decoder) require(at *yaml.Node, what string, pos map[string]Pos, present map[string]bool, keys ...string) {
	for _, k := range keys {
		if !present[k] {
			p := d.pos(at)
			if vp, ok := pos[k]; ok {
				p = vp // the key is there but empty
			}
			d.problems = append(d.problems, p.Errorf(RuleMissingField, "%s needs %q", what, k))
		}
	}
}

// str reads a scalar as text. Numbers and booleans are accepted as the text
// the author typed (a choice may well read True), but lists and maps are not.
func (d *decoder) str(n *yaml.Node, what string) (string, bool) {
	n = d.resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		d.errorf(n, RuleWrongType, "%s must be text, not %s", what, describe(n))
		return "", false
	}
	if len(n.Value) > MaxStringLen {
		d.errorf(n, RuleTooLong, "%s is %d bytes long; the limit is %d", what, len(n.Value), MaxStringLen)
		return "", false
	}
	return n.Value, true
}

func (d *decoder) boolean(n *yaml.Node, what string) (bool, bool) {
	n = d.resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.errorf(n, RuleWrongType, "%s must be true or false, not %s", what, describe(n))
		return false, false
	}
	b, err := strconv.ParseBool(n.Value)
	if err != nil { // YAML 1.1 spellings such as "yes" are tagged !!bool by some writers
		d.errorf(n, RuleWrongType, "%s must be true or false, not %q", what, n.Value)
		return false, false
	}
	return b, true
}

func (d *decoder) number(n *yaml.Node, what string) (float64, bool) {
	n = d.resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || (n.Tag != "!!float" && n.Tag != "!!int") {
		d.errorf(n, RuleWrongType, "%s must be a number, not %s", what, describe(n))
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil {
		d.errorf(n, RuleWrongType, "%s must be a number, not %q", what, n.Value)
		return 0, false
	}
	return f, true
}

func (d *decoder) integer(n *yaml.Node, what string) (int, bool) {
	n = d.resolve(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		d.errorf(n, RuleWrongType, "%s must be a whole number, not %s", what, describe(n))
		return 0, false
	}
	i, err := strconv.Atoi(n.Value)
	if err != nil {
		d.errorf(n, RuleWrongType, "%s must be a whole number, not %q", what, n.Value)
		return 0, false
	}
	return i, true
}

// list walks a sequence, calling each for every element; a single scalar
// where a list belongs is reported, since `tags: gather` is an easy slip.
func (d *decoder) list(n *yaml.Node, what string, each func(i int, item *yaml.Node)) bool {
	n = d.resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		d.errorf(n, RuleWrongType, "%s must be a list (one `- item` per line, or [a, b]), not %s", what, describe(n))
		return false
	}
	if len(n.Content) > MaxListLen {
		d.errorf(n, RuleTooLong, "%s has %d entries; the limit is %d", what, len(n.Content), MaxListLen)
		return false
	}
	for i, item := range n.Content {
		if d.overBudget {
			return false
		}
		each(i, item)
	}
	return true
}

func (d *decoder) strList(n *yaml.Node, what string) ([]string, bool) {
	var out []string
	ok := d.list(n, what, func(i int, item *yaml.Node) {
		if s, good := d.str(item, fmt.Sprintf("entry %d of %s", i+1, what)); good {
			out = append(out, s)
		}
	})
	return out, ok && len(out) == len(d.resolveQuiet(n).Content)
}

func describe(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "empty"
		case "!!bool":
			return "true/false"
		case "!!int", "!!float":
			return "a number (" + n.Value + ")"
		}
		return fmt.Sprintf("the text %q", truncate(n.Value, 40))
	}
	return "something else"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func fieldNames(fields []field) []string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return names
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
