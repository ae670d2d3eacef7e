package check

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

var update = flag.Bool("update", false, "rewrite golden files")

func checkDir(t testing.TB, dir string) *Report {
	t.Helper()
	c, problems := course.Load(context.Background(), course.Dir(dir))
	return Course(context.Background(), c, problems, Options{})
}

func brief(r *Report) []string {
	out := make([]string, len(r.Problems))
	for i, p := range r.Problems {
		out[i] = fmt.Sprintf("%s %s %s", p.Where(), p.Severity, p.Rule)
	}
	return out
}

// Every rule has a failing fixture in testdata/bad, asserted at its exact
// file:line:col. A new rule adds a fixture and a line here.
func TestBadCourseReportsEveryRuleAtItsPlace(t *testing.T) {
	r := checkDir(t, "testdata/bad")
	want := []string{
		"testdata/bad/lessons/01-unknown-key.md:4:1 error unknown-key",
		"testdata/bad/lessons/02-missing-title.md:1:1 error missing-field",
		"testdata/bad/lessons/03-duplicate.md:2:5 error duplicate-id",
		"testdata/bad/lessons/04-unknown-quiz.md:4:7 error unknown-quiz",
		"testdata/bad/lessons/05-unknown-example.md:6:12 error unknown-example",
		"testdata/bad/lessons/06-syntax.md:3:8 error yaml-syntax",
		"testdata/bad/lessons/07-no-front-matter.md:1:1 error front-matter",
		"testdata/bad/lessons/08-deep-nesting.md:24:33 error markdown-nesting",
		"testdata/bad/lessons/09-card-settings.md:6:19 error example-settings",
		"testdata/bad/lessons/09-card-settings.md:6:33 error example-settings",
		"testdata/bad/lessons/09-card-settings.md:6:43 error example-settings",
		"testdata/bad/lessons/09-card-settings.md:9:18 error example-block",
		"testdata/bad/lessons/notes warning unknown-folder",
		"testdata/bad/lessons/th/01-orphan.md:2:5 error translation-orphan",
		"testdata/bad/lessons/th/02-intro.md:1:1 error translation-mismatch",
		"testdata/bad/lessons/th/02-intro.md:4:7 error translation-mismatch",
		"testdata/bad/quizzes/01-basics.yaml:8:7 error single-correct",
		"testdata/bad/quizzes/01-basics.yaml:17:7 error choices-count",
		"testdata/bad/quizzes/01-basics.yaml:24:7 error multi-correct",
		"testdata/bad/quizzes/02-text.yaml:1:5 warning unused-quiz",
		"testdata/bad/quizzes/02-text.yaml:7:14 error text-blanks",
		"testdata/bad/quizzes/02-text.yaml:13:14 error bad-regex",
		"testdata/bad/quizzes/02-text.yaml:19:14 error grader-self-test",
		"testdata/bad/quizzes/03-order.yaml:1:5 warning unused-quiz",
		"testdata/bad/quizzes/03-order.yaml:7:12 error order-items",
		"testdata/bad/quizzes/03-order.yaml:12:12 error order-items",
		"testdata/bad/quizzes/03-order.yaml:17:14 error unknown-example",
		"testdata/bad/quizzes/03-order.yaml:18:12 error output-lines",
		"testdata/bad/quizzes/04-smells.yaml:1:5 warning unused-quiz",
		"testdata/bad/quizzes/04-smells.yaml:1:5 warning smell-longest-correct",
		"testdata/bad/quizzes/04-smells.yaml:4:5 warning smell-no-explanation",
		"testdata/bad/quizzes/04-smells.yaml:10:9 warning smell-all-none",
		"testdata/bad/quizzes/04-smells.yaml:24:9 warning smell-no-feedback",
		"testdata/bad/quizzes/05-unused.yaml:1:5 warning unused-quiz",
		"testdata/bad/quizzes/06-duplicates.yaml:1:5 error duplicate-id",
		"testdata/bad/quizzes/06-duplicates.yaml:1:5 warning unused-quiz",
		"testdata/bad/quizzes/06-duplicates.yaml:5:10 error duplicate-id",
		"testdata/bad/quizzes/07-syntax.yaml:2:8 error yaml-syntax",
		"testdata/bad/quizzes/08-two-documents.yaml:5:1 error yaml-syntax",
		"testdata/bad/quizzes/09-types.yaml:1:5 warning unused-quiz",
		"testdata/bad/quizzes/09-types.yaml:3:7 error wrong-type",
		"testdata/bad/quizzes/09-types.yaml:5:5 warning smell-no-explanation",
		"testdata/bad/quizzes/09-types.yaml:6:11 error bad-value",
		"testdata/bad/quizzes/09-types.yaml:7:13 error wrong-type",
		"testdata/bad/quizzes/11-output-settings.yaml:1:5 warning unused-quiz",
		"testdata/bad/quizzes/11-output-settings.yaml:8:12 error bad-value",
		"testdata/bad/quizzes/11-output-settings.yaml:16:14 error example-settings",
		"testdata/bad/quizzes/11-output-settings.yaml:16:26 error example-settings",
		"testdata/bad/quizzes/th/04-smells.yaml:4:5 error translation-mismatch",
		"testdata/bad/quizzes/th/04-smells.yaml:12:5 error translation-mismatch",
		"testdata/bad/quizzes/th/10-orphan.yaml:1:5 error translation-orphan",
	}
	assert.Equal(t, want, brief(r))
	assert.False(t, r.OK())
}

func TestGoodCourseHasNoProblems(t *testing.T) {
	r := checkDir(t, "testdata/good")
	assert.Empty(t, brief(r))
	assert.Equal(t, 4, r.Files)
	assert.True(t, r.OK())
}

func TestDefaultCourseHasNoProblems(t *testing.T) {
	c, problems := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS})
	r := Course(context.Background(), c, problems, Options{})
	assert.Empty(t, brief(r), "the built-in course must pass check with no warnings")
}

func TestMissingFolders(t *testing.T) {
	r := checkDir(t, t.TempDir())
	require.Len(t, r.Problems, 2)
	assert.Contains(t, r.Problems[0].Message, "no lessons/ folder")
	assert.Contains(t, r.Problems[1].Message, "no quizzes/ folder")
}

func TestOversizedFileIsRefusedUnread(t *testing.T) {
	big := "---\nid: big\ntitle: Big\n---\n" + strings.Repeat("x", course.MaxFileSize)
	c, problems := course.Load(context.Background(), course.Source{Lessons: fstest.MapFS{"01-big.md": {Data: []byte(big)}}, Quizzes: fstest.MapFS{}})
	r := Course(context.Background(), c, problems, Options{})
	assert.Equal(t, []string{"lessons error empty-course", "lessons/01-big.md error file-too-large"}, brief(r))
}

// The formats are public; their goldens show exactly what CI parses.
func TestFormatsGolden(t *testing.T) {
	r := checkDir(t, "testdata/bad")
	r.Elapsed = 412 * time.Millisecond // the time a check takes varies; a golden may not
	wd, err := os.Getwd()
	require.NoError(t, err)
	t.Setenv("GITHUB_WORKSPACE", wd) // paths as the text report has them, wherever the checkout is
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, Write(&b, r, format))
			golden := filepath.Join("testdata", "golden", "bad."+format)
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, b.Bytes(), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test ./internal/check -update to create it")
			assert.Equal(t, string(want), b.String())
		})
	}
}

func TestTextEndsWithPassedFailed(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, WriteText(&b, checkDir(t, "testdata/good")))
	assert.Equal(t, "0 errors, 0 warnings in 4 files\n4 passed, 0 failed\n", b.String())
}

func TestGitHubEscapesWorkflowCommands(t *testing.T) {
	t.Setenv("GITHUB_WORKSPACE", ".")
	r := &Report{Files: 1, Problems: []course.Problem{{File: "a,b:c.yaml", Line: 1, Col: 2, Severity: course.SeverityError, Rule: "r", Message: "50% done\nnext ::error::x"}}}
	var b bytes.Buffer
	require.NoError(t, WriteGitHub(&b, r))
	assert.Equal(t, "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=r::50%25 done%0Anext ::error::x\n", strings.SplitAfter(b.String(), "\n")[0])
}

func TestTextDropsEscapeSequencesFromFileNames(t *testing.T) {
	r := &Report{Files: 1, Problems: []course.Problem{{File: "evil\x1b]52;c;aGk=\a.md", Severity: course.SeverityError, Rule: "r", Message: "m"}}}
	var b bytes.Buffer
	require.NoError(t, WriteText(&b, r))
	assert.NotContains(t, b.String(), "\x1b")
	assert.NotContains(t, b.String(), "\a")
}
