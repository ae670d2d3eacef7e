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

func (d *decoder) yamlError(err error) {
	var le *yaml.LoadError
	if !errors.As(err, &le) {
		d.problems = append(d.problems, Pos{File: d.file}.Errorf(RuleYAMLSyntax, "%s", err))
		return
	}
	msg, mark := le.Message, le.Mark
	if ctx, ok := unclosed(le); ok {
		// An unclosed [, { or quote is found only where the file ends or the
		// next key starts; the place to fix is where it was opened.
		msg = fmt.Sprintf("%s that starts here is never closed: %s (noticed at line %d, column %d)", ctx, msg, le.Mark.Line+d.lineOffset, le.Mark.Column)
		mark = le.ContextMark
	} else if le.ContextMsg != "" {
		msg = le.ContextMsg + ": " + msg
	}
	rule := RuleYAMLSyntax
	if strings.Contains(msg, "max depth") || strings.Contains(msg, "alias") {
		rule = RuleYAMLLimit
	}
	line := mark.Line
	if line > 0 {
		line += d.lineOffset
	}
	d.problems = append(d.problems, Problem{File: d.file, Line: line, Col: mark.Column, Severity: SeverityError, Rule: rule, Message: msg})
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
			continue
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
