package check

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// xmlNode is any element, kept whole, so a test sees the attributes a
// schema checks rather than the ones a struct happens to name.
type xmlNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []xmlNode  `xml:",any"`
}

func (n xmlNode) attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

func (n xmlNode) children(name string) []xmlNode {
	var out []xmlNode
	for _, c := range n.Nodes {
		if c.XMLName.Local == name {
			out = append(out, c)
		}
	}
	return out
}

// What junit-10.xsd (the Jenkins xUnit plugin's schema) requires and allows.
var junitSchema = map[string]struct{ required, allowed []string }{
	"testsuites": {nil, []string{"name", "time", "tests", "failures", "errors"}},
	"testsuite":  {[]string{"name", "tests", "failures", "errors"}, []string{"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname", "id", "package", "file", "log", "url"}},
	"testcase":   {[]string{"name"}, []string{"name", "time", "classname", "group"}},
}

// surefireTime is the schema's pattern for time attributes.
var surefireTime = regexp.MustCompile(`^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$`)

func junitOf(t *testing.T, r *Report) xmlNode {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, WriteJUnit(&b, r))
	var doc xmlNode
	require.NoError(t, xml.Unmarshal(b.Bytes(), &doc), b.String())
	require.Equal(t, "testsuites", doc.XMLName.Local)
	assertSchemaAttrs(t, doc)
	return doc
}

func assertSchemaAttrs(t *testing.T, n xmlNode) {
	t.Helper()
	if rule, ok := junitSchema[n.XMLName.Local]; ok {
		for _, name := range rule.required {
			_, has := n.attr(name)
			assert.True(t, has, "<%s> lacks %s=", n.XMLName.Local, name)
		}
		for _, a := range n.Attrs {
			assert.Contains(t, rule.allowed, a.Name.Local, "<%s> may not have %s=", n.XMLName.Local, a.Name.Local)
		}
		if v, has := n.attr("time"); has {
			assert.Regexp(t, surefireTime, v)
		}
	}
	for _, c := range n.Nodes {
		assertSchemaAttrs(t, c)
	}
}

func onlySuite(t *testing.T, doc xmlNode) xmlNode {
	t.Helper()
	suites := doc.children("testsuite")
	require.Len(t, suites, 1)
	return suites[0]
}

func caseNamed(t *testing.T, suite xmlNode, name string) xmlNode {
	t.Helper()
	for _, c := range suite.children("testcase") {
		if v, _ := c.attr("name"); v == name {
			return c
		}
	}
	require.Failf(t, "no test case", "%q", name)
	return xmlNode{}
}

func TestJUnitCleanCourseHasAPassingCasePerFile(t *testing.T) {
	r := checkDir(t, "testdata/good")
	r.Elapsed = 1234567 * time.Microsecond
	doc := junitOf(t, r)
	suite := onlySuite(t, doc)
	var names []string
	for _, c := range suite.children("testcase") {
		name, _ := c.attr("name")
		names = append(names, name)
		assert.Empty(t, c.children("failure"), name)
		assert.Empty(t, c.children("skipped"), name)
	}
	assert.Equal(t, []string{
		"testdata/good/lessons/01-waits.md",
		"testdata/good/lessons/th/01-waits.md",
		"testdata/good/quizzes/01-waits.yaml",
		"testdata/good/quizzes/th/01-waits.yaml",
	}, names)
	for _, n := range []xmlNode{doc, suite} {
		for attr, want := range map[string]string{"tests": "4", "failures": "0", "errors": "0", "time": "1.235"} {
			got, _ := n.attr(attr)
			assert.Equal(t, want, got, "<%s %s=>", n.XMLName.Local, attr)
		}
	}
	assert.Equal(t, "asyncio-tutor.lessons", attrOf(caseNamed(t, suite, "testdata/good/lessons/th/01-waits.md"), "classname"))
	assert.Equal(t, "asyncio-tutor.quizzes", attrOf(caseNamed(t, suite, "testdata/good/quizzes/01-waits.yaml"), "classname"))
}

func attrOf(n xmlNode, name string) string {
	v, _ := n.attr(name)
	return v
}

func TestJUnitBrokenCourseHasOneFailurePerFile(t *testing.T) {
	r := checkDir(t, "testdata/bad")
	doc := junitOf(t, r)
	suite := onlySuite(t, doc)
	cases := suite.children("testcase")
	seen := map[string]bool{}
	failed := 0
	for _, c := range cases {
		name := attrOf(c, "name")
		assert.False(t, seen[name], "two test cases named %q", name)
		seen[name] = true
		assert.NotRegexp(t, `^\d`, name, "a name must not count files: it would change as the course grows")
		assert.LessOrEqual(t, len(c.children("failure")), 1, name)
		if len(c.children("failure")) == 1 {
			failed++
		}
	}
	for _, p := range r.Problems {
		assert.True(t, seen[p.File], "no test case for %s", p.File)
	}
	assert.Equal(t, r.Failed(), failed)
	assert.Equal(t, strconv.Itoa(failed), attrOf(suite, "failures"))
	assert.Equal(t, strconv.Itoa(len(cases)), attrOf(suite, "tests"))
	assert.Equal(t, strconv.Itoa(len(cases)), attrOf(doc, "tests"))

	// Each failure holds all of its file's errors, a line each, and the
	// file's warnings are in its output.
	warnedOnly := 0
	for file, f := range groupByFile(r) {
		c := caseNamed(t, suite, file)
		failures := c.children("failure")
		if len(f.errors) > 0 {
			require.Len(t, failures, 1, file)
			assert.Equal(t, plural(len(f.errors), "error"), attrOf(failures[0], "message"), file)
			lines := strings.Split(failures[0].Text, "\n")
			require.Len(t, lines, len(f.errors), "one line per problem in %s", file)
			for i, p := range f.errors {
				assert.Equal(t, p.Shown(), lines[i])
			}
		} else {
			assert.Empty(t, failures, "a warning does not fail %s", file)
			warnedOnly++
		}
		if len(f.warnings) > 0 {
			require.Len(t, c.children("system-out"), 1, file)
			assert.Contains(t, c.children("system-out")[0].Text, f.warnings[0].Shown())
		}
	}
	assert.Positive(t, warnedOnly, "the fixture has a file with warnings only")
}

// A file whose only trouble is a proof that could not run here is skipped;
// with errors too, it fails, and the skip is told in its output, since a
// case both failed and skipped reads as skipped on some dashboards.
func TestJUnitSkippedProofs(t *testing.T) {
	skip := func(file string) course.Problem {
		return course.Problem{File: file, Line: 3, Col: 14, Severity: SeveritySkipped, Rule: RuleOutputProof, Message: "python3 is not installed"}
	}
	r := &Report{
		FileNames: []string{"quizzes/01-a.yaml", "quizzes/02-b.yaml", "quizzes/03-c.yaml"},
		Problems:  []course.Problem{{File: "quizzes/02-b.yaml", Line: 9, Col: 5, Severity: course.SeverityError, Rule: RuleSingleCorrect, Message: "no correct choice"}},
		Skipped:   []course.Problem{skip("quizzes/01-a.yaml"), skip("quizzes/02-b.yaml")},
		Files:     3,
	}
	suite := onlySuite(t, junitOf(t, r))
	assert.Equal(t, "1", attrOf(suite, "skipped"))
	assert.Equal(t, "1", attrOf(suite, "failures"))

	skipped := caseNamed(t, suite, "quizzes/01-a.yaml").children("skipped")
	require.Len(t, skipped, 1)
	assert.Equal(t, "1 proof skipped", attrOf(skipped[0], "message"))
	assert.Equal(t, "quizzes/01-a.yaml:3:14: skipped: python3 is not installed [output-proof]", skipped[0].Text)

	both := caseNamed(t, suite, "quizzes/02-b.yaml")
	assert.Len(t, both.children("failure"), 1)
	assert.Empty(t, both.children("skipped"))
	assert.Contains(t, both.children("system-out")[0].Text, "skipped: python3")

	clean := caseNamed(t, suite, "quizzes/03-c.yaml")
	assert.Empty(t, clean.Nodes)
}

// A problem that names no file of the course (a missing folder) still has
// a case to hold it, so the failure count matches the check's.
func TestJUnitProblemOutsideAnyFile(t *testing.T) {
	r := checkDir(t, t.TempDir())
	suite := onlySuite(t, junitOf(t, r))
	require.Len(t, suite.children("testcase"), 2)
	assert.Equal(t, "2", attrOf(suite, "failures"))
}
