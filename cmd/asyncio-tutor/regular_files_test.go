//go:build unix

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Hostile course packs and files: only plain files inside the course are
// read, a pipe never hangs a command, and a link out of the course never
// shows what it points at.

const (
	leakyToken = "https://ci:ghp_FAKEtoken0123456789abcdefSECRET@git.example.com/repo"
	tokenPart  = "FAKEtoken0123456789"
)

// packWith is a course folder with one good lesson, and a file outside it
// holding a fake credential.
func packWith(t *testing.T) (dir, secret string) {
	t.Helper()
	base := t.TempDir()
	dir = filepath.Join(base, "course")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "lessons"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "quizzes"), 0o755))
	lesson := "---\nid: first\ntitle: First\n---\n# First\n\nHello.\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "lessons", "01-first.md"), []byte(lesson), 0o644))
	secret = filepath.Join(base, "creds")
	require.NoError(t, os.WriteFile(secret, []byte("id: "+leakyToken+"\n"), 0o600))
	return dir, secret
}

func TestCheckOfACourseWithAFIFOEndsWhenCancelled(t *testing.T) {
	dir, _ := packWith(t)
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "lessons", "02-fifo.md"), 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as SIGINT does, through fang's signal handling

	code := run(ctx, []string{"check", dir}, strings.NewReader(""), &strings.Builder{}, &strings.Builder{})
	assert.NotEqual(t, exitOK, code, "a check cut short does not pass")
}

func TestCheckReportsAFIFOAndDoesNotWait(t *testing.T) {
	dir, _ := packWith(t)
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "lessons", "02-fifo.md"), 0o644))
	r := runCLI(t, "", "check", dir)
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stdout, "02-fifo.md: error: this is a named pipe (FIFO)")
	assert.Contains(t, r.stdout, "[not-regular-file]")
}

func TestCheckNeverShowsWhatALinkOutHolds(t *testing.T) {
	dir, secret := packWith(t)
	require.NoError(t, os.Symlink(secret, filepath.Join(dir, "quizzes", "02-creds.yaml")))
	for _, format := range []string{"text", "github", "json"} {
		r := runCLI(t, "", "check", dir, "--format", format)
		assert.Equal(t, exitFail, r.code, format)
		assert.Contains(t, r.stdout, "outside-course", format)
		assert.NotContains(t, r.stdout+r.stderr, tokenPart, format)
		assert.NotContains(t, r.stdout+r.stderr, "ghp_", format)
	}
}

func TestCheckRefusesALessonsFolderThatLinksOut(t *testing.T) {
	dir, secret := packWith(t)
	outside := filepath.Join(filepath.Dir(secret), "elsewhere")
	require.NoError(t, os.MkdirAll(outside, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(outside, "01-leak.md"), []byte("---\nid: leak\ntitle: x\n---\n"+leakyToken+"\n"), 0o600))
	require.NoError(t, os.RemoveAll(filepath.Join(dir, "lessons")))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "lessons")))

	r := runCLI(t, "", "check", dir, "--format", "github")
	assert.Equal(t, exitFail, r.code)
	assert.Contains(t, r.stdout, "lessons/ is a link to outside the course folder")
	assert.NotContains(t, r.stdout+r.stderr, tokenPart)
}

func TestGradeRefusesAnswersThatAreNotAFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "answers.yaml")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	big := filepath.Join(dir, "big.yaml")
	require.NoError(t, os.WriteFile(big, []byte("total: 2\n"+strings.Repeat("# pad\n", 200_000)), 0o644))
	for _, c := range []struct{ file, says string }{
		{fifo, "named pipe"},
		{"/dev/zero", "a device"},
		{dir, "a folder"},
		{big, "larger than 1024 KiB"},
	} {
		r := runCLI(t, "", "grade", "--course", goodCourse, "--quiz", "waits", "--answers", c.file)
		assert.Equal(t, exitUsage, r.code, c.file)
		assert.Contains(t, r.stderr, "the answers file "+c.file, c.file)
		assert.Contains(t, r.stderr, c.says, c.file)
	}
}

func TestProgressLeavesALinkedStateFileAlone(t *testing.T) {
	path := stateHome(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	notes := filepath.Join(t.TempDir(), "notes.txt")
	require.NoError(t, os.WriteFile(notes, []byte("my own notes, not progress"), 0o600))
	require.NoError(t, os.Symlink(notes, path))

	r := runCLI(t, "", "progress")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout+r.stderr, "is a symbolic link")
	b, err := os.ReadFile(notes)
	require.NoError(t, err)
	assert.Equal(t, "my own notes, not progress", string(b))
	entries, err := os.ReadDir(filepath.Dir(notes))
	require.NoError(t, err)
	require.Len(t, entries, 1, "nothing renamed, no lock beside the learner's file")
}
