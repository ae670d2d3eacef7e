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
// to it, then a summary ending in the line "N passed, N failed" (files).
func WriteText(w io.Writer, r *Report) error {
	var b strings.Builder
	for _, p := range r.Problems {
		b.WriteString(termtext.Line(p.String()))
		b.WriteByte('\n')
	}
	writeSummary(&b, r)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeSummary(b *strings.Builder, r *Report) {
	fmt.Fprintf(b, "%s, %s in %s\n", plural(r.Errors(), "error"), plural(r.Warnings(), "warning"), plural(r.Files, "file"))
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
	Files    int              `json:"files"`
	Errors   int              `json:"errors"`
	Warnings int              `json:"warnings"`
}

// WriteJSON writes {"problems":[...],"files":N,"errors":N,"warnings":N}.
func WriteJSON(w io.Writer, r *Report) error {
	problems := r.Problems
	if problems == nil {
		problems = []course.Problem{} // [] rather than null: easier for jq users
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonReport{Problems: problems, Files: r.Files, Errors: r.Errors(), Warnings: r.Warnings()})
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
		fmt.Fprintf(&b, "::%s file=%s", level, ghProperty(p.File))
		if p.Line > 0 {
			fmt.Fprintf(&b, ",line=%d", p.Line)
		}
		if p.Col > 0 {
			fmt.Fprintf(&b, ",col=%d", p.Col)
		}
		fmt.Fprintf(&b, ",title=%s::%s\n", ghProperty(p.Rule), ghData(p.Message))
	}
	writeSummary(&b, r)
	_, err := io.WriteString(w, b.String())
	return err
}

// ghData escapes a workflow command's message as the runner unescapes it.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(termtext.Clean(s))
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
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failures  []junitFailed `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailed struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Body    string `xml:",chardata"`
}

// WriteJUnit writes a JUnit XML report: one test case per file with a problem
// (a failure per error, warnings in system-out), and one passing case that
// stands for the files without any, so CI dashboards count every file.
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
		c := junitCase{Name: termtext.Line(f), Classname: "course"}
		var warnings []string
		for _, p := range byFile[f] {
			if p.Severity == course.SeverityError {
				c.Failures = append(c.Failures, junitFailed{Message: termtext.Line(p.Message), Type: p.Rule, Body: termtext.Line(p.String())})
			} else {
				warnings = append(warnings, termtext.Line(p.String()))
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
	suite.Tests = len(suite.Cases)
	doc := junitSuites{Name: "asyncio-tutor", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
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
