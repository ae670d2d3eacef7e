package examples

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Each Python twin starts with a parameter block: one top-level line per
// parameter of the example, `name = value`, perhaps followed by a comment.
// renderPython rewrites the values of that block so the twin a learner
// reads, and the one CPython runs, use the parameters of the run.

// blockLine matches a top-level `name = value  # comment` line.
var blockLine = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*) = (.*?)(\s+#.*)?$`)

// rebinding matches any top-level line that binds a name: an assignment,
// an augmented or annotated assignment.
var rebinding = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)\s*(?:[-+*/%&|^@]|//|\*\*|>>|<<)?=[^=]|^([A-Za-z_][A-Za-z0-9_]*)\s*:[^=]`)

// renderPython returns src with the parameter block's values replaced by
// the ones in params (names missing from params keep the value written in
// src). decl is the example's parameters: each is read as its kind says
// (Param.parse) and written as Python: a duration as seconds, a count as a
// whole number, a failure ("none", "2@1s") as None or (N, seconds).
//
// It fails if the block does not have exactly one line for each parameter
// in decl, if something else at top level binds one of those names, if
// params names a parameter decl does not have, or if a value does not
// parse.
func renderPython(src string, params map[string]string, decl []Param) (string, error) {
	known := make(map[string]Param, len(decl))
	for _, p := range decl {
		known[p.Name] = p
	}
	for name := range params {
		if _, ok := known[name]; !ok {
			return "", fmt.Errorf("python twin: parameter %q is not one of the example's", name)
		}
	}
	lines := strings.SplitAfter(src, "\n")
	at := make(map[string]int, len(known)) // name -> index of its block line
	for i, line := range lines {
		text := strings.TrimRight(line, "\r\n")
		m := rebinding.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		name := m[1] + m[2]
		if _, ok := known[name]; !ok {
			continue
		}
		if !blockLine.MatchString(text) {
			return "", fmt.Errorf("python twin line %d: %q binds parameter %s but is not a `%s = value` line", i+1, text, name, name)
		}
		if prev, dup := at[name]; dup {
			return "", fmt.Errorf("python twin line %d: parameter %s is already set on line %d; it must be set once", i+1, name, prev+1)
		}
		at[name] = i
	}
	for _, p := range decl {
		if _, ok := at[p.Name]; !ok {
			return "", fmt.Errorf("python twin: no `%s = value` line in the parameter block", p.Name)
		}
	}
	for name, value := range params {
		lit, err := pythonLiteral(known[name], value)
		if err != nil {
			return "", fmt.Errorf("python twin: parameter %s: %w", name, err)
		}
		i := at[name]
		line := lines[i]
		end := line[len(strings.TrimRight(line, "\r\n")):]
		m := blockLine.FindStringSubmatch(strings.TrimRight(line, "\r\n"))
		lines[i] = name + " = " + lit + m[3] + end
	}
	return strings.Join(lines, ""), nil
}

// pythonLiteral writes value, read as p reads it, as Python.
func pythonLiteral(p Param, value string) (string, error) {
	v, err := p.parse(value)
	if err != nil {
		return "", err
	}
	switch p.Kind {
	case Duration:
		return pySeconds(time.Duration(v), false), nil
	case Failure:
		n, at := failureOf(v)
		if n == 0 {
			return "None", nil
		}
		return fmt.Sprintf("(%d, %s)", n, pySeconds(at, true)), nil
	}
	return strconv.FormatInt(v, 10), nil
}

// pySeconds writes d as seconds: 2, 0.5, 1.5; with float set, always with
// a decimal point (1.0), for values the twin reads as floats.
func pySeconds(d time.Duration, float bool) string {
	s := strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
	if float && !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}
