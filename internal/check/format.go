package check

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

// Formats lists the report formats in the order --help shows them.
var Formats = []string{"text", "json", "github", "junit"}

// Write writes the report in one of Formats.
func Write(w io.Writer, r *Report, format string) error {
	switch format {
	case "text":
		return WriteText(w, r)
	case "json":
		return WriteJSON(w, r)
	case "github":
		return WriteGitHub(w, r)
	case "junit":
		return WriteJUnit(w, r)
	}
	return fmt.Errorf("unknown format %q; use one of %s", format, strings.Join(Formats, ", "))
}

// WriteText writes one line per problem, file:line:col first so editors jump
// to it, then one per skipped proof ("file:line:col: skipped: ..."), then a
// summary ending in the line "N passed, N failed" (files).
func WriteText(w io.Writer, r *Report) error {
	var b strings.Builder
	for _, p := range slices.Concat(r.Problems, r.Skipped) {
		b.WriteString(ProblemLine(p))
		b.WriteByte('\n')
	}
	writeSummary(&b, r)
	_, err := io.WriteString(w, b.String())
	return err
}

// ProblemLine is p on one line, as the text report prints it, for any
// message that names a problem: its file name shown as termtext.Name shows
// a name, so a line break or a bidirectional control in it cannot forge a
// line of its own or make it read as another file.
func ProblemLine(p course.Problem) string {
	p.File = termtext.Name(p.File)
	return termtext.Message(p.String())
}

// writeSummary counts errors, warnings and, when there are any, skipped
// proofs, then files passed and failed.
func writeSummary(b *strings.Builder, r *Report) {
	skipped := ""
	if len(r.Skipped) > 0 {
		skipped = fmt.Sprintf(", %d skipped", len(r.Skipped))
	}
	fmt.Fprintf(b, "%s, %s%s in %s\n", plural(r.Errors(), "error"), plural(r.Warnings(), "warning"), skipped, plural(r.Files, "file"))
	fmt.Fprintf(b, "%d passed, %d failed\n", r.Passed(), r.Failed())
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

type jsonReport struct {
	Problems []course.Problem `json:"problems"`
	Skips    []course.Problem `json:"skips"`
	Files    int              `json:"files"`
	Errors   int              `json:"errors"`
	Warnings int              `json:"warnings"`
	Skipped  int              `json:"skipped"`
}

// WriteJSON writes {"problems":[...],"skips":[...],"files":N,"errors":N,
// "warnings":N,"skipped":N}; a skip has a problem's fields, with severity
// "skipped".
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonReport{Problems: orEmpty(r.Problems), Skips: orEmpty(r.Skipped), Files: r.Files, Errors: r.Errors(), Warnings: r.Warnings(), Skipped: len(r.Skipped)})
}

// orEmpty is [] rather than null: easier for jq users.
func orEmpty(ps []course.Problem) []course.Problem {
	if ps == nil {
		return []course.Problem{}
	}
	return ps
}

// WriteGitHub writes GitHub Actions workflow commands, which annotate the
// pull request at each problem, then the text summary.
func WriteGitHub(w io.Writer, r *Report) error {
	var b strings.Builder
	for _, p := range r.Problems {
		level := "error"
		if p.Severity == course.SeverityWarning {
			level = "warning"
		}
		fmt.Fprintf(&b, "::%s file=%s", level, ghProperty(termtext.Name(p.File)))
		if p.Line > 0 {
			fmt.Fprintf(&b, ",line=%d", p.Line)
		}
		if p.Col > 0 {
			fmt.Fprintf(&b, ",col=%d", p.Col)
		}
		fmt.Fprintf(&b, ",title=%s::%s\n", ghProperty(p.Rule), ghData(p.Message))
	}
	for _, p := range r.Skipped { // a notice: shown on the pull request, never failing it
		fmt.Fprintf(&b, "::notice file=%s,line=%d,col=%d,title=%s::%s\n", ghProperty(termtext.Name(p.File)), p.Line, p.Col, ghProperty(p.Rule+" skipped"), ghData(p.Message))
	}
	writeSummary(&b, r)
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes a workflow command's message as the runner unescapes it.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(termtext.Text(s))
}

// ghProperty escapes a workflow command property, where : and , also end a value.
func ghProperty(s string) string {
	return strings.NewReplacer(":", "%3A", ",", "%2C").Replace(ghData(s))
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr,omitempty"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Skipped  int         `xml:"skipped,attr,omitempty"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failures  []junitFailed `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

type junitFailed struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// WriteJUnit writes a JUnit XML report: one test case per file with a problem
// (a failure per error, warnings in system-out), one passing case that
// stands for the files without any, so CI dashboards count every file, and
// one skipped case per output key that could not be proved here.
func WriteJUnit(w io.Writer, r *Report) error {
	byFile := map[string][]course.Problem{}
	var files []string
	for _, p := range r.Problems {
		if _, seen := byFile[p.File]; !seen {
			files = append(files, p.File)
		}
		byFile[p.File] = append(byFile[p.File], p)
	}
	slices.Sort(files)
	suite := junitSuite{Name: "asyncio-tutor check"}
	for _, f := range files {
		c := junitCase{Name: termtext.Name(f), Classname: "course"}
		var warnings []string
		for _, p := range byFile[f] {
			if p.Severity == course.SeverityError {
				c.Failures = append(c.Failures, junitFailed{Message: termtext.Message(p.Message), Type: p.Rule, Body: ProblemLine(p)})
			} else {
				warnings = append(warnings, ProblemLine(p))
			}
		}
		c.SystemOut = strings.Join(warnings, "\n")
		suite.Cases = append(suite.Cases, c)
		if len(c.Failures) > 0 {
			suite.Failures++
		}
	}
	if clean := r.Files - len(files); clean > 0 {
		suite.Cases = append(suite.Cases, junitCase{Name: fmt.Sprintf("%d files without problems", clean), Classname: "course"})
	}
	for _, p := range r.Skipped {
		suite.Cases = append(suite.Cases, junitCase{Name: termtext.Name(p.Where()), Classname: p.Rule, Skipped: &junitSkipped{Message: termtext.Message(p.Message)}})
		suite.Skipped++
	}
	suite.Tests = len(suite.Cases)
	doc := junitSuites{Name: "asyncio-tutor", Tests: suite.Tests, Failures: suite.Failures, Skipped: suite.Skipped, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
