package check

import (
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

// Formats lists the report formats in the order --help shows them.
var Formats = []string{"text", "json", "github", "junit", "sarif"}

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
	case "sarif":
		return WriteSARIF(w, r)
	}
	return fmt.Errorf("unknown format %q; use one of %s", format, strings.Join(Formats, ", "))
}

// WriteText writes one line per problem, file:line:col first so editors jump
// to it, then one per skipped proof ("file:line:col: skipped: ..."), then a
// summary ending in the line "N passed, N failed" (files).
func WriteText(w io.Writer, r *Report) error {
	var b strings.Builder
	for _, p := range slices.Concat(r.Problems, r.Skipped) {
		b.WriteString(p.Shown())
		b.WriteByte('\n')
		b.WriteString(p.Snippet()) // the source line with a caret, where there is one
	}
	if len(r.Problems) > 0 {
		b.WriteString(ExplainHint)
	}
	writeSummary(&b, r)
	_, err := io.WriteString(w, b.String())
	return err
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
// pull request at each problem, then the text summary. Paths are relative
// to the repository (see repoPaths), since that is all GitHub matches.
func WriteGitHub(w io.Writer, r *Report) error {
	var b strings.Builder
	paths := newRepoPaths()
	for _, p := range r.Problems {
		level := "error"
		if p.Severity == course.SeverityWarning {
			level = "warning"
		}
		writeGitHubCommand(&b, level, paths.of(p.File), p, p.Rule)
	}
	for _, p := range r.Skipped { // a notice: shown on the pull request, never failing it
		writeGitHubCommand(&b, "notice", paths.of(p.File), p, p.Rule+" skipped")
	}
	writeSummary(&b, r)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeGitHubCommand writes one annotation. A position the check does not
// know is left out rather than guessed: GitHub then annotates the file.
func writeGitHubCommand(b *strings.Builder, level, file string, p course.Problem, title string) {
	fmt.Fprintf(b, "::%s file=%s", level, ghProperty(termtext.Name(file)))
	if p.Line > 0 {
		fmt.Fprintf(b, ",line=%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(b, ",col=%d", p.Col)
		}
	}
	fmt.Fprintf(b, ",title=%s::%s\n", ghProperty(title), ghData(p.Message))
}

var (
	ghDataEscapes     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropertyEscapes = strings.NewReplacer(":", "%3A", ",", "%2C")
)

// ghData escapes a workflow command's message as the runner unescapes it.
func ghData(s string) string { return ghDataEscapes.Replace(termtext.Text(s)) }

// ghProperty escapes a workflow command property, where : and , also end a value.
func ghProperty(s string) string { return ghPropertyEscapes.Replace(ghData(s)) }

// repoPaths turns the paths problems carry (relative to the working
// directory, or absolute) into paths relative to the folder GitHub resolves
// annotations and code-scanning results against: $GITHUB_WORKSPACE when
// set, else the git root above the working directory, else the working
// directory itself.
type repoPaths struct {
	base string // absolute; "" when not even the working directory is known
}

func newRepoPaths() repoPaths {
	if ws := os.Getenv("GITHUB_WORKSPACE"); ws != "" {
		if abs, err := filepath.Abs(ws); err == nil {
			return repoPaths{base: abs}
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		return repoPaths{}
	}
	if root, ok := gitRoot(wd); ok {
		return repoPaths{base: root}
	}
	return repoPaths{base: wd}
}

// gitRoot is the nearest folder at or above dir holding .git (a folder in
// a clone, a file in a worktree or submodule).
func gitRoot(dir string) (string, bool) {
	for {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// of is file relative to the base, with forward slashes. A file outside the
// base keeps its absolute path, which names it without ambiguity although
// GitHub cannot attach it.
func (rp repoPaths) of(file string) string {
	if rp.base == "" || file == "" {
		return file
	}
	abs, err := filepath.Abs(filepath.FromSlash(file))
	if err != nil {
		return file
	}
	if rel, ok := inside(rp.base, abs); ok {
		return rel
	}
	// The same folder reached two ways (a workspace behind a symbolic
	// link, macOS's /var and /private/var) compares equal once resolved.
	if base, err := filepath.EvalSymlinks(rp.base); err == nil {
		if rel, ok := inside(base, resolveLinks(abs)); ok {
			return rel
		}
	}
	return filepath.ToSlash(abs)
}

func inside(base, abs string) (string, bool) {
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// resolveLinks resolves the links in abs, or in the nearest folder above it
// that exists: a problem may name a folder that is missing.
func resolveLinks(abs string) string {
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest)
		}
		if filepath.Dir(dir) == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// The JUnit report follows junit-10.xsd, the schema of Jenkins' xUnit
// plugin, which most CI dashboards read: it requires name, tests, failures
// and errors on a testsuite and name on a testcase, and allows no skipped
// attribute on testsuites.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr,omitempty"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Skipped   *junitProblem `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

// junitProblem is a <failure> or a <skipped>: a summary, and one line per
// problem in its body.
type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Body    string `xml:",chardata"`
}

// WriteJUnit writes a JUnit XML report with one test case per course file,
// passing files included, named by the file's path so a dashboard's history
// follows each file as the course grows. A file with errors has one
// <failure> listing them all; warnings go to <system-out>; a file whose
// only trouble is a proof that could not run here is <skipped>. Every
// problem is a failure, so errors (a broken test harness, in JUnit's terms)
// is always 0. time is how long the check took, in seconds.
func WriteJUnit(w io.Writer, r *Report) error {
	byFile := groupByFile(r)
	suite := junitSuite{Name: "asyncio-tutor check", Time: junitSeconds(r)}
	for _, file := range caseNames(r, byFile) {
		c := junitFileCase(file, byFile[file])
		if c.Failure != nil {
			suite.Failures++
		}
		if c.Skipped != nil {
			suite.Skipped++
		}
		suite.Cases = append(suite.Cases, c)
	}
	suite.Tests = len(suite.Cases)
	doc := junitSuites{Name: "asyncio-tutor", Tests: suite.Tests, Failures: suite.Failures, Time: suite.Time, Suites: []junitSuite{suite}}
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

// fileFindings are one file's problems and skipped proofs.
type fileFindings struct {
	errors, warnings, skips []course.Problem
}

func groupByFile(r *Report) map[string]*fileFindings {
	byFile := map[string]*fileFindings{}
	at := func(file string) *fileFindings {
		if byFile[file] == nil {
			byFile[file] = &fileFindings{}
		}
		return byFile[file]
	}
	for _, p := range r.Problems {
		f := at(p.File)
		if p.Severity == course.SeverityError {
			f.errors = append(f.errors, p)
		} else {
			f.warnings = append(f.warnings, p)
		}
	}
	for _, p := range r.Skipped {
		at(p.File).skips = append(at(p.File).skips, p)
	}
	return byFile
}

// caseNames are the files that loaded and every place a problem names
// (a file that did not load, a folder), sorted, once each.
func caseNames(r *Report, byFile map[string]*fileFindings) []string {
	names := slices.Clone(r.FileNames)
	for file := range byFile {
		names = append(names, file)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

func junitFileCase(file string, f *fileFindings) junitCase {
	c := junitCase{Name: cmp.Or(termtext.Name(file), "course"), Classname: junitClassname(file)}
	if f == nil {
		return c
	}
	out := slices.Clone(f.warnings)
	switch {
	case len(f.errors) > 0:
		c.Failure = &junitProblem{Message: plural(len(f.errors), "error"), Type: rulesOf(f.errors), Body: problemLines(f.errors)}
		// A case both failed and skipped reads as skipped on some
		// dashboards, which would hide the failure.
		out = append(out, f.skips...)
	case len(f.skips) > 0:
		c.Skipped = &junitProblem{Message: plural(len(f.skips), "proof") + " skipped", Type: rulesOf(f.skips), Body: problemLines(f.skips)}
	}
	c.SystemOut = problemLines(out)
	return c
}

// junitClassname groups cases as a dashboard shows them:
// asyncio-tutor.lessons, asyncio-tutor.quizzes, translations with their
// originals, and asyncio-tutor.course for anything else.
func junitClassname(file string) string {
	dirs := strings.Split(path.Dir(filepath.ToSlash(file)), "/")
	for i := len(dirs) - 1; i >= 0; i-- {
		if dirs[i] == "lessons" || dirs[i] == "quizzes" {
			return "asyncio-tutor." + dirs[i]
		}
	}
	return "asyncio-tutor.course"
}

func junitSeconds(r *Report) string {
	return fmt.Sprintf("%.3f", r.Elapsed.Seconds())
}

func problemLines(ps []course.Problem) string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Shown()
	}
	return strings.Join(lines, "\n")
}

// rulesOf lists the rules of ps once each, in order of first appearance.
func rulesOf(ps []course.Problem) string {
	var rules []string
	for _, p := range ps {
		if !slices.Contains(rules, p.Rule) {
			rules = append(rules, p.Rule)
		}
	}
	return strings.Join(rules, ", ")
}

// SARIF 2.1.0, the format GitHub code scanning uploads
// (github/codeql-action/upload-sarif); only the parts it reads.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	projectURL   = "https://github.com/asyncio-tutor/asyncio-tutor"
	rulesURL     = projectURL + "#what-check-reports"
)

type sarifLog struct {
	Version string     `json:"version"`
	Schema  string     `json:"$schema"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
	// ColumnKind says columns count code points, as every problem's do;
	// SARIF's default is UTF-16 units, which differ past the BMP.
	ColumnKind string `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string    `json:"id"`
	ShortDescription sarifText `json:"shortDescription"`
	HelpURI          string    `json:"helpUri"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
	// ContextRegion is the whole source line, shown with the result, for
	// the problems that carry it (syntax, encoding).
	ContextRegion *sarifRegion `json:"contextRegion,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int        `json:"startLine"`
	StartColumn int        `json:"startColumn,omitempty"`
	Snippet     *sarifText `json:"snippet,omitempty"`
}

// WriteSARIF writes a SARIF 2.1.0 log for GitHub code scanning: one result
// per problem (level error or warning) and per skipped proof (level note),
// at its file relative to the repository, as in WriteGitHub, and at its
// line and column when the check knows them.
func WriteSARIF(w io.Writer, r *Report) error {
	findings := slices.Concat(r.Problems, r.Skipped)
	rules := sarifRules(findings)
	paths := newRepoPaths()
	results := make([]sarifResult, 0, len(findings))
	for _, p := range findings {
		index := slices.IndexFunc(rules, func(rule sarifRule) bool { return rule.ID == p.Rule })
		results = append(results, sarifResult{
			RuleID:    p.Rule,
			RuleIndex: index,
			Level:     sarifLevel(p.Severity),
			Message:   sarifText{Text: sarifMessage(p)},
			Locations: []sarifLocation{{PhysicalLocation: sarifPlace(paths.of(p.File), p)}},
		})
	}
	driver := sarifDriver{Name: "asyncio-tutor check", InformationURI: projectURL, Rules: rules}
	doc := sarifLog{Version: sarifVersion, Schema: sarifSchema, Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results, ColumnKind: "unicodeCodePoints"}}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// sarifRules describes each rule that has a result, sorted by id; helpUri
// points to the README's rules table, which says more.
func sarifRules(ps []course.Problem) []sarifRule {
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.Rule)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	rules := make([]sarifRule, len(ids))
	for i, id := range ids {
		rules[i] = sarifRule{ID: id, ShortDescription: sarifText{Text: ruleSummary(id)}, HelpURI: rulesURL}
	}
	return rules
}

// ruleSummaries are the one-line descriptions code scanning shows as an
// alert's title. A rule missing here is described by its name in words.
var ruleSummaries = map[string]string{
	"bad-file-name":         "A course file not named NN-slug",
	"bad-id":                "An id that is not lower-case-with-dashes",
	"bad-regex":             "A text answer pattern that does not compile",
	"bad-value":             "A value out of range or not one of those allowed",
	"card-in-block":         "An example card line inside another block",
	"choices-count":         "A choice question with fewer than two choices",
	"control-character":     "A control character or escape sequence in the text",
	"duplicate-id":          "Two lessons, quizzes or questions with one id",
	"duplicate-key":         "A key given twice",
	"empty-course":          "A course without lessons",
	"example-block":         "A malformed example block",
	"example-near-miss":     "A code block that looks meant as an example card",
	"example-settings":      "A setting the example does not have",
	"field-for-other-type":  "A key that belongs to another question type",
	"file-too-large":        "A course file over the size limit",
	"front-matter":          "A lesson without valid front matter",
	"grader-self-test":      "An answer key the grader does not accept in full",
	"ignored-file":          "A file in the course that is never loaded",
	"markdown-budget":       "Lesson text too costly to render formatted",
	"markdown-nesting":      "Lists and quotes nested too deep",
	"missing-field":         "A required key missing or empty",
	"multi-all-correct":     "A multi question whose every choice is correct",
	"multi-correct":         "A multi question without a correct choice",
	"not-regular-file":      "A course file that is not a regular file",
	"order-items":           "Order items too few or repeated",
	"order-items-alike":     "Order items that differ only in case or spacing",
	"output-lines":          "Output lines too few or repeated",
	"output-proof":          "An output key the example does not print in that order",
	"outside-course":        "A link that leads out of the course folder",
	"read-failed":           "A course file or folder that cannot be read",
	"regex-like-answer":     "A fold or exact answer that looks like a pattern",
	"regex-too-large":       "A text answer pattern over the size limit",
	"same-order":            "Two lessons with the same order",
	"shared-quiz":           "Two lessons linking the same quiz",
	"single-correct":        "A single question without exactly one correct choice",
	"smell-all-none":        "An all- or none-of-the-above choice",
	"smell-longest-correct": "The correct choice is usually the longest",
	"smell-no-explanation":  "A question without an explanation",
	"smell-no-feedback":     "A wrong choice without feedback",
	"text-blanks":           "Blanks and answers that differ in number",
	"too-long":              "A string or list over its limit",
	"translation-mismatch":  "A translation whose key differs from the original",
	"translation-orphan":    "A translation of nothing",
	"unclosed-fence":        "A code block that is never closed",
	"unknown-example":       "An example that does not exist",
	"unknown-folder":        "A folder that is not a language code",
	"unknown-key":           "A key the format does not have",
	"unknown-quiz":          "A lesson linking a quiz that does not exist",
	"unused-quiz":           "A quiz no lesson links",
	"wrong-type":            "A value of the wrong kind",
	"yaml-limit":            "YAML nested too deep or too large",
	"yaml-syntax":           "A file that cannot be read as YAML",
}

// ruleSummary is the rule's description, or "unknown-example" as "Unknown example".
func ruleSummary(id string) string {
	if s, ok := ruleSummaries[id]; ok {
		return s
	}
	words := strings.ReplaceAll(termtext.Message(id), "-", " ")
	if words == "" {
		return "Course problem"
	}
	return strings.ToUpper(words[:1]) + words[1:]
}

func sarifLevel(s course.Severity) string {
	switch s {
	case course.SeverityError:
		return "error"
	case course.SeverityWarning:
		return "warning"
	}
	return "note" // a skipped proof: neither passed nor failed
}

func sarifMessage(p course.Problem) string {
	if p.Severity == SeveritySkipped {
		return "skipped: " + termtext.Message(p.Message)
	}
	return termtext.Message(p.Message)
}

// sarifPlace is where a result is: a relative path is a relative URI
// reference, resolved against the repository root; an absolute path, a
// file outside it, a file: URI.
func sarifPlace(file string, p course.Problem) sarifPhysical {
	uri := (&url.URL{Path: file}).EscapedPath()
	if filepath.IsAbs(filepath.FromSlash(file)) {
		uri = (&url.URL{Scheme: "file", Path: "/" + strings.TrimPrefix(file, "/")}).String()
	}
	place := sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri}}
	if p.Line > 0 {
		place.Region = &sarifRegion{StartLine: p.Line, StartColumn: p.Col}
		if p.Excerpt != "" {
			place.ContextRegion = &sarifRegion{StartLine: p.Line, Snippet: &sarifText{Text: termtext.Message(p.Excerpt)}}
		}
	}
	return place
}
