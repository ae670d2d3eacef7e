package check

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// sarifShape is the part of SARIF 2.1.0 GitHub code scanning reads.
type sarifShape struct {
	Version string `json:"version"`
	Schema  string `json:"$schema"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string `json:"id"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					HelpURI string `json:"helpUri"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		ColumnKind string `json:"columnKind"`
		Results    []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
					ContextRegion *struct {
						StartLine int `json:"startLine"`
						Snippet   struct {
							Text string `json:"text"`
						} `json:"snippet"`
					} `json:"contextRegion"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func sarifOf(t *testing.T, r *Report) sarifShape {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Write(&b, r, "sarif"))
	var log sarifShape
	dec := json.NewDecoder(&b)
	dec.DisallowUnknownFields() // every field written is one this test knows
	require.NoError(t, dec.Decode(&log))
	return log
}

func TestSARIFShape(t *testing.T) {
	wd, err := os.Getwd()
	require.NoError(t, err)
	t.Setenv("GITHUB_WORKSPACE", wd)
	r := checkDir(t, "testdata/bad")
	r.Skipped = []course.Problem{{File: "testdata/bad/quizzes/03-order.yaml", Line: 17, Col: 14, Severity: SeveritySkipped, Rule: RuleOutputProof, Message: "python3 is not installed"}}
	log := sarifOf(t, r)

	assert.Equal(t, "2.1.0", log.Version)
	assert.Equal(t, "https://json.schemastore.org/sarif-2.1.0.json", log.Schema)
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Equal(t, "unicodeCodePoints", run.ColumnKind, "columns count code points, as every problem's do")
	assert.Equal(t, "asyncio-tutor check", run.Tool.Driver.Name)
	assert.True(t, strings.HasPrefix(run.Tool.Driver.InformationURI, "https://"))
	ruleIDs := map[string]bool{}
	for _, rule := range run.Tool.Driver.Rules {
		assert.False(t, ruleIDs[rule.ID], "rule %s listed twice", rule.ID)
		ruleIDs[rule.ID] = true
		assert.NotEmpty(t, rule.ShortDescription.Text, rule.ID)
	}

	require.Len(t, run.Results, len(r.Problems)+len(r.Skipped))
	excerpts := 0
	for i, res := range run.Results {
		p := append(r.Problems, r.Skipped...)[i]
		require.Less(t, res.RuleIndex, len(run.Tool.Driver.Rules))
		assert.Equal(t, res.RuleID, run.Tool.Driver.Rules[res.RuleIndex].ID)
		assert.Equal(t, p.Rule, res.RuleID)
		assert.Equal(t, map[course.Severity]string{course.SeverityError: "error", course.SeverityWarning: "warning", SeveritySkipped: "note"}[p.Severity], res.Level)
		assert.NotEmpty(t, res.Message.Text)
		require.Len(t, res.Locations, 1)
		loc := res.Locations[0].PhysicalLocation
		assert.Equal(t, p.File, loc.ArtifactLocation.URI, "relative to the repository, as GitHub's annotations are")
		if p.Line == 0 {
			assert.Nil(t, loc.Region, "no line is better than a wrong one: %s", p.Where())
			continue
		}
		require.NotNil(t, loc.Region, p.Where())
		assert.Equal(t, p.Line, loc.Region.StartLine)
		assert.Equal(t, p.Col, loc.Region.StartColumn)
		if p.Excerpt == "" {
			assert.Nil(t, loc.ContextRegion)
			continue
		}
		excerpts++
		require.NotNil(t, loc.ContextRegion, p.Where())
		assert.Equal(t, p.Line, loc.ContextRegion.StartLine)
		assert.Equal(t, p.Excerpt, loc.ContextRegion.Snippet.Text, "the source line is shown with the result")
	}
	assert.Positive(t, excerpts, "the fixture has problems with a source line")
	assert.Equal(t, "skipped: python3 is not installed", run.Results[len(run.Results)-1].Message.Text)
}

func TestSARIFCleanCourseHasEmptyResults(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteSARIF(&b, checkDir(t, "testdata/good")))
	assert.Contains(t, b.String(), `"results": []`, "an empty array says the run found nothing; null would say it did not run")
	assert.Contains(t, b.String(), `"rules": []`)
}

func TestSARIFURIs(t *testing.T) {
	ws := t.TempDir()
	t.Setenv("GITHUB_WORKSPACE", ws)
	outside := t.TempDir()
	r := &Report{Files: 2, Problems: []course.Problem{
		{File: ws + "/lessons/01 intro#1.md", Line: 2, Severity: course.SeverityError, Rule: "r", Message: "m"},
		{File: outside + "/x.md", Severity: course.SeverityWarning, Rule: "r", Message: "m"},
	}}
	log := sarifOf(t, r)
	results := log.Runs[0].Results
	assert.Equal(t, "lessons/01%20intro%231.md", results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI)
	assert.Equal(t, 0, results[0].Locations[0].PhysicalLocation.Region.StartColumn, "a column the check does not know is left out")
	assert.True(t, strings.HasPrefix(results[1].Locations[0].PhysicalLocation.ArtifactLocation.URI, "file:///"), "outside the repository, an absolute file: URI")
}
