package course

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a problem fails a check (error) or only advises (warning).
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Problem is one thing wrong with a course, at the place an instructor must
// look. Line and Col are 1-based; 0 means the whole file.
type Problem struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Rule     string   `json:"rule"`
	Message  string   `json:"message"`
}

// String is the form editors and terminals understand: file:line:col: ...
func (p Problem) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", p.Where(), p.Severity, p.Message, p.Rule)
}

// Where is file:line:col, shortened when the position is unknown.
func (p Problem) Where() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Pos is a place in a course file.
type Pos struct {
	File      string
	Line, Col int
}

// Problem builds a problem at p.
func (p Pos) Problem(sev Severity, rule, format string, args ...any) Problem {
	return Problem{File: p.File, Line: p.Line, Col: p.Col, Severity: sev, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// Errorf is Problem with SeverityError.
func (p Pos) Errorf(rule, format string, args ...any) Problem {
	return p.Problem(SeverityError, rule, format, args...)
}

// Warnf is Problem with SeverityWarning.
func (p Pos) Warnf(rule, format string, args ...any) Problem {
	return p.Problem(SeverityWarning, rule, format, args...)
}

// HasErrors reports whether any problem is an error.
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Rule names: stable, because CI annotations and the README's rules table quote them.
const (
	RuleFileTooLarge      = "file-too-large"
	RuleReadFailed        = "read-failed"
	RuleYAMLSyntax        = "yaml-syntax"
	RuleYAMLLimit         = "yaml-limit"
	RuleFrontMatter       = "front-matter"
	RuleUnknownKey        = "unknown-key"
	RuleDuplicateKey      = "duplicate-key"
	RuleMissingField      = "missing-field"
	RuleWrongType         = "wrong-type"
	RuleTooLong           = "too-long"
	RuleBadID             = "bad-id"
	RuleBadFileName       = "bad-file-name"
	RuleFieldForType      = "field-for-other-type"
	RuleBadValue          = "bad-value"
	RuleDuplicateID       = "duplicate-id"
	RuleUnknownQuiz       = "unknown-quiz"
	RuleExampleBlock      = "example-block"
	RuleUnknownFolder     = "unknown-folder"
	RuleEmptyCourse       = "empty-course"
	RuleTranslationOrphan = "translation-orphan"
	RuleUnusedQuiz        = "unused-quiz"
	RuleMarkdownNesting   = "markdown-nesting" // lists or quotes nested deeper than mdnest.MaxDepth
	RuleMarkdownBudget    = "markdown-budget"  // a part of a lesson too costly to format: shown as plain text
	RuleRegexTooLarge     = "regex-too-large"  // a regex answer over MaxPatternLen or MaxPatternInsts, or a quiz's over MaxQuizPatternInsts
	RuleNotRegularFile    = "not-regular-file" // a pipe, device, socket or folder named like a course file
	RuleOutsideCourse     = "outside-course"   // a link that leads out of the course folder
)

// SortProblems orders problems by file, line and column, keeping the order
// of problems at one place, and returns ps.
func SortProblems(ps []Problem) []Problem {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return ps
}
