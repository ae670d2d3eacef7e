package examples

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ParamKind says how a parameter's value is written and read.
type ParamKind string

const (
	// Duration values are Go durations ("1s", "500ms", "1m30s") or plain
	// numbers of seconds ("1.5"). They are program times: at --speed 4 a
	// "1s" sleep still counts as one second.
	Duration ParamKind = "duration"
	// Count values are whole numbers ("4").
	Count ParamKind = "count"
	// Failure values are "none" or "N@D": task N raises an exception at
	// program time D ("2@1s": func2 fails at 1 s). Max is the last task
	// that may fail and the latest time, written the same way ("3@10s").
	Failure ParamKind = "failure"
)

// noFailure is how a Failure parameter says that nothing fails.
const noFailure = "none"

// Param describes one knob of an example. Default, Min and Max are written
// the way a user would write the value (--param name=value) and are always
// valid values of the parameter; Min and Max are inclusive.
type Param struct {
	Name    string
	Kind    ParamKind
	Default string
	Min     string
	Max     string
	Unit    string // "s" for durations (the unit of a plain number); what is counted for counts
	Help    string // one line, for a help screen
}

// ParamError reports a parameter the example cannot take: an unknown name,
// a value that does not parse, or a value out of range. The message names the
// example and the parameter and says what would be accepted.
type ParamError struct {
	Example string
	Param   string // the name as given
	Value   string // the value as given
	Problem string // what is wrong, and what is allowed
}

func (e *ParamError) Error() string {
	return fmt.Sprintf("example %s: parameter %q: %s", e.Example, e.Param, e.Problem)
}

// value is a parsed parameter: nanoseconds for durations, the number for
// counts.
type value = int64

// parse reads s as a value of p without checking the range.
func (p Param) parse(s string) (value, error) {
	s = strings.TrimSpace(s)
	switch p.Kind {
	case Duration:
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 1e6 {
				return 0, fmt.Errorf("%q is not a usable number of seconds", s)
			}
			return value(math.Round(f * float64(time.Second))), nil
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, fmt.Errorf("%q is not a duration: write it like 1s, 500ms or 1.5 (seconds)", s)
		}
		return value(d), nil
	case Count:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a whole number", s)
		}
		return n, nil
	case Failure:
		if s == noFailure {
			return 0, nil
		}
		task, at, ok := strings.Cut(s, "@")
		n, err := strconv.ParseInt(task, 10, 64)
		if !ok || err != nil || n < 1 {
			return 0, fmt.Errorf("%q is not a failure: write none, or N@TIME such as 2@1s (task 2 fails at 1 s)", s)
		}
		d, err := Param{Kind: Duration}.parse(at)
		if err != nil {
			return 0, fmt.Errorf("%q is not a failure: %w", s, err)
		}
		if d < 0 || d >= 1<<failureShift {
			return 0, fmt.Errorf("%q: the time must be from 0s to %v", s, time.Duration(1<<failureShift-1))
		}
		return n<<failureShift | d, nil
	}
	return 0, fmt.Errorf("parameter kind %q is unknown", p.Kind)
}

// A failure value keeps its time in the low failureShift bits and the
// task's number above them: one int64 like every other value.
const failureShift = 40

// failureOf splits a failure value; n is 0 when nothing fails.
func failureOf(v value) (n int, at time.Duration) {
	return int(v >> failureShift), time.Duration(v & (1<<failureShift - 1))
}

// check parses s and checks it lies within [Min, Max].
func (p Param) check(s string) (value, error) {
	v, err := p.parse(s)
	if err != nil {
		return 0, err
	}
	if p.Kind == Failure {
		n, at := failureOf(v)
		most, _ := p.parse(p.Max)
		maxN, maxAt := failureOf(most)
		if n > maxN || at > maxAt {
			return 0, fmt.Errorf("%s is out of range: a task from 1 to %d, a time up to %v", p.typed(s), maxN, maxAt)
		}
		return v, nil
	}
	lo, _ := p.parse(p.Min)
	hi, _ := p.parse(p.Max)
	if v < lo || v > hi {
		return 0, fmt.Errorf("%s is out of range: allowed from %s to %s", p.typed(s), p.Min, p.Max)
	}
	return v, nil
}

// typed is a value as the learner wrote it, for a message: 99s stays 99s
// rather than becoming 1m39s. A plain number of seconds gets its unit, so
// that it reads like the range beside it.
func (p Param) typed(s string) string {
	s = strings.TrimSpace(s)
	if _, err := strconv.ParseFloat(s, 64); err == nil && p.Kind == Duration {
		return s + "s"
	}
	return s
}

// Check reports whether s is a valid value for the parameter.
func (p Param) Check(s string) error {
	_, err := p.check(s)
	return err
}

// args are an example's parameters, parsed and checked. The getters panic
// on a name the example does not declare: that is a bug in the example, and
// every example runs in the tests with its defaults.
type args struct {
	vals map[string]value
}

// Duration returns a duration parameter.
func (a args) Duration(name string) time.Duration { return time.Duration(a.get(name)) }

// Count returns a count parameter.
func (a args) Count(name string) int { return int(a.get(name)) }

// Failure returns a failure parameter: the number of the task that fails
// and when, or 0 when none does.
func (a args) Failure(name string) (task int, at time.Duration) { return failureOf(a.get(name)) }

func (a args) get(name string) value {
	v, ok := a.vals[name]
	if !ok {
		panic(fmt.Sprintf("examples: parameter %q is not declared", name))
	}
	return v
}

// resolve checks the given values against the example's parameters and
// fills in defaults. It returns the parsed values and the effective values
// as strings (as given, or the default), for the trace.
func (x Example) resolve(given map[string]string) (args, map[string]string, error) {
	known := make(map[string]Param, len(x.Params))
	for _, p := range x.Params {
		known[p.Name] = p
	}
	// Report unknown names in a stable order.
	names := make([]string, 0, len(given))
	for name := range given {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if _, ok := known[name]; !ok {
			problem := "this example has no parameters"
			if len(x.Params) > 0 {
				problem = "unknown parameter; known: " + strings.Join(x.paramNames(), ", ")
			}
			return args{}, nil, &ParamError{Example: x.Name, Param: name, Value: given[name], Problem: problem}
		}
	}
	a := args{vals: make(map[string]value, len(x.Params))}
	eff := make(map[string]string, len(x.Params))
	for _, p := range x.Params {
		s, ok := given[p.Name]
		if !ok {
			s = p.Default
		}
		v, err := p.check(s)
		if err != nil {
			return args{}, nil, &ParamError{Example: x.Name, Param: p.Name, Value: s, Problem: err.Error()}
		}
		a.vals[p.Name] = v
		eff[p.Name] = strings.TrimSpace(s)
	}
	return a, eff, nil
}

func (x Example) paramNames() []string {
	names := make([]string, len(x.Params))
	for i, p := range x.Params {
		names[i] = p.Name
	}
	return names
}

// Defaults returns the example's parameters at their default values.
func (x Example) Defaults() map[string]string {
	m := make(map[string]string, len(x.Params))
	for _, p := range x.Params {
		m[p.Name] = p.Default
	}
	return m
}
