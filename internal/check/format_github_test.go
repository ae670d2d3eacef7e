package check

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

const unknownKeyLesson = "---\nid: intro\ntitle: Intro\nsumary: Hi\n---\nHello.\n"

// courseIn writes a course with one broken lesson (an unknown key at 4:1)
// and no quizzes/ folder (a problem without a line) into dir/course.
func courseIn(t *testing.T, dir string) string {
	t.Helper()
	root := filepath.Join(dir, "course")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "lessons"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "lessons", "01-intro.md"), []byte(unknownKeyLesson), 0o644))
	return root
}

// annotations checks the course at dir as `check DIR --format github` does
// and returns its workflow commands.
func annotations(t *testing.T, dir string) []string {
	t.Helper()
	c, problems := course.Load(context.Background(), course.Dir(dir))
	var b bytes.Buffer
	require.NoError(t, WriteGitHub(&b, Course(context.Background(), c, problems, Options{})))
	var out []string
	for _, line := range strings.Split(b.String(), "\n") {
		if strings.HasPrefix(line, "::") {
			out = append(out, line[:strings.Index(line, ",title=")])
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

var wantAnnotations = []string{
	"::error file=course/lessons/01-intro.md,line=4,col=1",
	"::error file=course/quizzes",
}

func noGitAbove(t *testing.T, dir string) {
	t.Helper()
	_, found := gitRoot(dir)
	require.False(t, found, "%s is inside a git repository, which this test needs it not to be", dir)
}

func TestGitHubPathsRelativeToWorkspace(t *testing.T) {
	ws := t.TempDir()
	root := courseIn(t, ws)
	t.Setenv("GITHUB_WORKSPACE", ws)
	t.Chdir(t.TempDir()) // the working directory plays no part

	assert.Equal(t, wantAnnotations, annotations(t, root), "an absolute course path")

	t.Chdir(root)
	assert.Equal(t, wantAnnotations, annotations(t, "."), "check . in the course folder")

	t.Chdir(ws)
	assert.Equal(t, wantAnnotations, annotations(t, "course"))
}

func TestGitHubPathsRelativeToGitRoot(t *testing.T) {
	repo := t.TempDir()
	noGitAbove(t, repo)
	require.NoError(t, os.Mkdir(filepath.Join(repo, ".git"), 0o755))
	root := courseIn(t, repo)
	t.Setenv("GITHUB_WORKSPACE", "")

	t.Chdir(root)
	assert.Equal(t, wantAnnotations, annotations(t, "."), "check . in the course folder")
	assert.Equal(t, wantAnnotations, annotations(t, root), "an absolute course path")

	t.Chdir(filepath.Join(root, "lessons"))
	assert.Equal(t, wantAnnotations, annotations(t, ".."))
}

// In a worktree or a submodule, .git is a file.
func TestGitHubPathsGitFile(t *testing.T) {
	repo := t.TempDir()
	noGitAbove(t, repo)
	require.NoError(t, os.WriteFile(filepath.Join(repo, ".git"), []byte("gitdir: ../elsewhere\n"), 0o644))
	root := courseIn(t, repo)
	t.Setenv("GITHUB_WORKSPACE", "")
	t.Chdir(root)
	assert.Equal(t, wantAnnotations, annotations(t, "."))
}

func TestGitHubPathsRelativeToWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	noGitAbove(t, dir)
	root := courseIn(t, dir)
	t.Setenv("GITHUB_WORKSPACE", "")
	t.Chdir(dir)
	assert.Equal(t, wantAnnotations, annotations(t, root), "an absolute course path")
	assert.Equal(t, wantAnnotations, annotations(t, "course"))
}

// A workspace reached through a symbolic link (or macOS's /var, which is
// /private/var) is the same folder as the real one.
func TestGitHubPathsThroughALink(t *testing.T) {
	real := t.TempDir()
	root := courseIn(t, real)
	link := filepath.Join(t.TempDir(), "ws")
	require.NoError(t, os.Symlink(real, link))
	t.Setenv("GITHUB_WORKSPACE", link)
	t.Chdir(root)
	assert.Equal(t, wantAnnotations, annotations(t, "."))
}

func TestGitHubPathOutsideWorkspaceStaysAbsolute(t *testing.T) {
	root := courseIn(t, t.TempDir())
	t.Setenv("GITHUB_WORKSPACE", t.TempDir())
	got := annotations(t, root)
	require.NotEmpty(t, got)
	assert.Equal(t, "::error file="+ghProperty(filepath.ToSlash(filepath.Join(root, "lessons", "01-intro.md")))+",line=4,col=1", got[0])
}

// line= only where the check knows the line, and col= only with a line:
// a wrong position would point GitHub at the wrong place.
func TestGitHubPositionsOnlyWhereKnown(t *testing.T) {
	t.Setenv("GITHUB_WORKSPACE", "/ws")
	at := func(line, col int) course.Problem {
		return course.Problem{File: "/ws/q.yaml", Line: line, Col: col, Severity: course.SeverityError, Rule: "r", Message: "m"}
	}
	skip := at(0, 0)
	skip.Severity = SeveritySkipped
	r := &Report{Files: 1, Problems: []course.Problem{at(3, 7), at(3, 0), at(0, 0), at(0, 5)}, Skipped: []course.Problem{skip}}
	var b bytes.Buffer
	require.NoError(t, WriteGitHub(&b, r))
	assert.Equal(t, []string{
		"::error file=q.yaml,line=3,col=7,title=r::m",
		"::error file=q.yaml,line=3,title=r::m",
		"::error file=q.yaml,title=r::m",
		"::error file=q.yaml,title=r::m",
		"::notice file=q.yaml,title=r skipped::m",
	}, strings.Split(b.String(), "\n")[:5])
}
