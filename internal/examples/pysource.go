package examples

import (
	"fmt"
	"math"
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
// src). kinds says, for every parameter of the example, how its value is
// written: Duration values ("1.5s", "500ms", "2") become seconds, Count
// values whole numbers, and any other kind is a failure spec, "none" or
// "N@D" ("2@1s": task N raises after D), which becomes None or (N, D).
//
// It fails if the block does not have exactly one line for each name in
// kinds, if something else at top level binds one of those names, if
// params names a parameter kinds does not know, or if a value does not
// parse.
func renderPython(src string, params map[string]string, kinds map[string]ParamKind) (string, error) {
	for name := range params {
		if _, ok := kinds[name]; !ok {
			return "", fmt.Errorf("python twin: parameter %q is not one of the example's", name)
		}
	}
	lines := strings.SplitAfter(src, "\n")
	at := make(map[string]int, len(kinds)) // name -> index of its block line
	for i, line := range lines {
		text := strings.TrimRight(line, "\r\n")
		m := rebinding.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		name := m[1] + m[2]
		if _, ok := kinds[name]; !ok {
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
	for name := range kinds {
		if _, ok := at[name]; !ok {
			return "", fmt.Errorf("python twin: no `%s = value` line in the parameter block", name)
		}
	}
	for name, value := range params {
		lit, err := pythonLiteral(kinds[name], value)
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

// pythonLiteral writes value, in the notation of its kind, as Python.
func pythonLiteral(kind ParamKind, value string) (string, error) {
	value = strings.TrimSpace(value)
	switch kind {
	case Duration:
		d, err := parseSeconds(value)
		if err != nil {
			return "", err
		}
		return pySeconds(d, false), nil
	case Count:
		n, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return "", fmt.Errorf("%q is not a whole number", value)
		}
		return strconv.FormatInt(n, 10), nil
	default:
		if strings.EqualFold(value, "none") || value == "" {
			return "None", nil
		}
		ns, ds, ok := strings.Cut(value, "@")
		n, err := strconv.Atoi(strings.TrimSpace(ns))
		if !ok || err != nil || n < 1 {
			return "", fmt.Errorf("%q is not a failure: write none, or N@D such as 2@1s (task N fails after D)", value)
		}
		d, err := parseSeconds(strings.TrimSpace(ds))
		if err != nil {
			return "", fmt.Errorf("%q is not a failure: %w", value, err)
		}
		return fmt.Sprintf("(%d, %s)", n, pySeconds(d, true)), nil
	}
}

// parseSeconds reads a duration the way the examples' parameters are
// written: a Go duration or a plain number of seconds.
func parseSeconds(s string) (time.Duration, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e6 {
			return 0, fmt.Errorf("%q is not a usable number of seconds", s)
		}
		return time.Duration(math.Round(f * float64(time.Second))), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration: write it like 1s, 500ms or 1.5 (seconds)", s)
	}
	return d, nil
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
