package course

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
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
	// Excerpt is the source line the problem is on, made safe to print and
	// one character per character of the line, for problems whose message
	// alone does not show which text is wrong (syntax, encoding); else "".
	Excerpt string `json:"excerpt,omitempty"`
}

// String is the form editors and terminals understand: file:line:col: ...
func (p Problem) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", p.Where(), p.Severity, p.Message, p.Rule)
}

// Shown is p on one line, as the text report prints it, for any message
// that names a problem: its file name shown as termtext.Name shows a name,
// so a line break or a bidirectional control in it cannot forge a line of
// its own or make it read as another file.
func (p Problem) Shown() string {
	p.File = termtext.Name(p.File)
	return termtext.Message(p.String())
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

// Snippet is the problem's source line with a caret under its column, as
// rustc and mdbook print them, to go under the problem's line; "" when it
// has no excerpt. It ends in a newline.
func (p Problem) Snippet() string {
	if p.Excerpt == "" || p.Line == 0 {
		return ""
	}
	num := strconv.Itoa(p.Line)
	gutter := strings.Repeat(" ", len(num)) + " |"
	caret := ""
	if p.Col > 0 {
		caret = " " + strings.Repeat(" ", p.Col-1) + "^"
	}
	return fmt.Sprintf("%s\n%s | %s\n%s%s\n", gutter, num, p.Excerpt, gutter, caret)
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

	// Lost cards, unread files and silent passes (issue 10).
	RuleUnclosedFence   = "unclosed-fence"    // a code block never closed: the rest of the lesson is code (an open card is example-block)
	RuleExampleNearMiss = "example-near-miss" // ```Example gather, ```examples gather: a code block meant as a card
	RuleCardInBlock     = "card-in-block"     // a card line inside a code block that it was meant to follow
	RuleControlChar     = "control-character" // a control character or &#27; in a lesson, which the player strips
	RuleIgnoredFile     = "ignored-file"      // a file in lessons/ or quizzes/ that is not read (.markdown, a quiz among lessons)
	RuleSameOrder       = "same-order"        // two lessons with one order number: only their file names sort them
	RuleSharedQuiz      = "shared-quiz"       // two lessons linking one quiz
	RuleNotUTF8         = "not-utf8"          // a lesson or quiz with bytes that are not UTF-8 (saved as Windows-1252)
)

// SortProblems orders problems by file, line and column, keeping the order
// of problems at one place, and returns ps.
func SortProblems(ps []Problem) []Problem {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return ps
}
