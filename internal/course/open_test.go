//go:build unix

package course

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	fakeToken  = "https://ci:ghp_FAKEtoken0123456789abcdefSECRET@git.example.com/repo"
	tokenShard = "FAKEtoken0123456789"
	okLesson   = "---\nid: first\ntitle: First\n---\n# First\n\nHello.\n"
)

// hostileCourse is a course folder with one good lesson, and a folder
// outside it holding a file with a fake credential, for links to point at.
func hostileCourse(t *testing.T) (dir, secret string) {
	t.Helper()
	base := t.TempDir()
	dir = filepath.Join(base, "course")
	for _, sub := range []string{"lessons", "quizzes"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, sub), 0o755))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "lessons", "01-first.md"), []byte(okLesson), 0o644))
	outside := filepath.Join(base, "private")
	require.NoError(t, os.MkdirAll(outside, 0o755))
	secret = filepath.Join(outside, "creds")
	require.NoError(t, os.WriteFile(secret, []byte("id: "+fakeToken+"\n"), 0o600))
	return dir, secret
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	require.NoError(t, os.Symlink(target, link))
}

// problemAt is the problem of file (relative to the course), or fails.
func problemAt(t *testing.T, ps []Problem, dir, file string) Problem {
	t.Helper()
	want := filepath.ToSlash(filepath.Join(dir, file))
	for _, p := range ps {
		if p.File == want {
			return p
		}
	}
	require.Failf(t, "no problem for the file", "%s in %v", want, ps)
	return Problem{}
}

// noSecret fails when any problem shows a piece of the fake credential.
func noSecret(t *testing.T, ps []Problem) {
	t.Helper()
	for _, p := range ps {
		assert.NotContains(t, p.String(), tokenShard)
		assert.NotContains(t, p.String(), "ghp_")
	}
}

func TestAFIFOLessonIsAProblemNotAHang(t *testing.T) {
	dir, _ := hostileCourse(t)
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "lessons", "02-fifo.md"), 0o644))
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "quizzes", "02-fifo.yaml"), 0o644))

	c, ps := Load(context.Background(), Dir(dir))
	p := problemAt(t, ps, dir, "lessons/02-fifo.md")
	assert.Equal(t, RuleNotRegularFile, p.Rule)
	assert.Equal(t, SeverityError, p.Severity)
	assert.Contains(t, p.Message, "named pipe")
	assert.Equal(t, RuleNotRegularFile, problemAt(t, ps, dir, "quizzes/02-fifo.yaml").Rule)
	require.Len(t, c.Lessons, 1, "the good lesson still loads")
}

func TestALinkToAFIFOInsideTheCourseIsNotOpened(t *testing.T) {
	dir, _ := hostileCourse(t)
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "pipe"), 0o644))
	symlink(t, "../pipe", filepath.Join(dir, "lessons", "02-pipe.md"))

	_, ps := Load(context.Background(), Dir(dir))
	assert.Equal(t, RuleNotRegularFile, problemAt(t, ps, dir, "lessons/02-pipe.md").Rule)
}

func TestLinksToDevicesAreNotRead(t *testing.T) {
	for _, dev := range []string{"/dev/null", "/dev/tty", "/dev/zero"} {
		t.Run(dev, func(t *testing.T) {
			dir, _ := hostileCourse(t)
			symlink(t, dev, filepath.Join(dir, "lessons", "02-dev.md"))
			_, ps := Load(context.Background(), Dir(dir))
			p := problemAt(t, ps, dir, "lessons/02-dev.md")
			assert.Equal(t, RuleOutsideCourse, p.Rule, p.String())
			assert.NotContains(t, p.Message, dev, "the target is not shown")
		})
	}
}

func TestALinkOutOfTheCourseIsNotReadNorShown(t *testing.T) {
	dir, secret := hostileCourse(t)
	symlink(t, secret, filepath.Join(dir, "quizzes", "02-creds.yaml"))
	symlink(t, "/etc/passwd", filepath.Join(dir, "lessons", "03-passwd.md"))
	symlink(t, "../../private/creds", filepath.Join(dir, "lessons", "04-relative.md"))

	c, ps := Load(context.Background(), Dir(dir))
	for _, f := range []string{"quizzes/02-creds.yaml", "lessons/03-passwd.md", "lessons/04-relative.md"} {
		assert.Equal(t, RuleOutsideCourse, problemAt(t, ps, dir, f).Rule, f)
	}
	noSecret(t, ps)
	assert.Empty(t, c.Quizzes)
	assert.Len(t, c.Lessons, 1)
}

func TestALessonsFolderThatLinksOutIsNotRead(t *testing.T) {
	dir, secret := hostileCourse(t)
	outside := filepath.Dir(secret)
	require.NoError(t, os.WriteFile(filepath.Join(outside, "01-leak.md"), []byte("---\nid: leak\ntitle: "+fakeToken+"\n---\n"+fakeToken+"\n"), 0o600))
	require.NoError(t, os.RemoveAll(filepath.Join(dir, "lessons")))
	symlink(t, outside, filepath.Join(dir, "lessons"))

	c, ps := Load(context.Background(), Dir(dir))
	p := problemAt(t, ps, dir, "lessons")
	assert.Equal(t, RuleOutsideCourse, p.Rule)
	assert.Empty(t, c.Lessons)
	noSecret(t, ps)
}

func TestALinkInsideTheCourseKeepsWorking(t *testing.T) {
	dir, _ := hostileCourse(t)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "shared"), 0o755))
	second := strings.ReplaceAll(okLesson, "first", "second")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "shared", "second.md"), []byte(second), 0o644))
	symlink(t, "../shared/second.md", filepath.Join(dir, "lessons", "02-second.md"))

	c, ps := Load(context.Background(), Dir(dir))
	assert.Empty(t, ps)
	require.Len(t, c.Lessons, 2)
	assert.Equal(t, "second", c.Lessons[1].ID)
}

func TestAFolderNamedLikeALessonIsAnError(t *testing.T) {
	dir, _ := hostileCourse(t)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "lessons", "02-folder.md"), 0o755))
	symlink(t, "02-folder.md", filepath.Join(dir, "lessons", "03-link.md"))

	_, ps := Load(context.Background(), Dir(dir))
	for _, f := range []string{"lessons/02-folder.md", "lessons/03-link.md"} {
		p := problemAt(t, ps, dir, f)
		assert.Equal(t, RuleNotRegularFile, p.Rule, f)
		assert.Equal(t, SeverityError, p.Severity, f)
	}
}

func TestACancelledLoadReadsNothing(t *testing.T) {
	dir, _ := hostileCourse(t)
	require.NoError(t, syscall.Mkfifo(filepath.Join(dir, "lessons", "02-fifo.md"), 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	c, ps := Load(ctx, Dir(dir))
	assert.Empty(t, c.Lessons, "nothing is read once the context ends")
	require.True(t, HasErrors(ps), "a course cut short is not a good course")
	assert.Contains(t, problemAt(t, ps, dir, "lessons").Message, "not read to its end")
}

func TestReadRegularRefusesPipesAndBigFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "answers.yaml")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	_, err := ReadRegular(fifo, MaxFileSize)
	assert.ErrorIs(t, err, ErrNotRegular)
	assert.Contains(t, err.Error(), "named pipe")

	_, err = ReadRegular(dir, MaxFileSize)
	assert.ErrorIs(t, err, ErrNotRegular)

	big := filepath.Join(dir, "big.yaml")
	require.NoError(t, os.WriteFile(big, make([]byte, 11), 0o644))
	_, err = ReadRegular(big, 10)
	assert.ErrorIs(t, err, ErrTooLarge)

	b, err := ReadRegular(big, 11)
	require.NoError(t, err)
	assert.Len(t, b, 11)
}

// BenchmarkLoadDir loads a course folder of 30 lessons and 30 quizzes from
// disk, every file opened through the course folder's os.Root.
func BenchmarkLoadDir(b *testing.B) {
	dir := b.TempDir()
	for _, sub := range []string{"lessons", "quizzes"} {
		require.NoError(b, os.MkdirAll(filepath.Join(dir, sub), 0o755))
	}
	for i := range 30 {
		id := "l" + strings.Repeat("x", i%5) + string(rune('a'+i%26)) + string(rune('a'+i/26))
		lesson := "---\nid: " + id + "\ntitle: T\nquiz: " + id + "\n---\n# T\n\n" + strings.Repeat("Some text.\n", 50)
		require.NoError(b, os.WriteFile(filepath.Join(dir, "lessons", fmt.Sprintf("%02d-%s.md", i+1, id)), []byte(lesson), 0o644))
		require.NoError(b, os.WriteFile(filepath.Join(dir, "quizzes", fmt.Sprintf("%02d-%s.yaml", i+1, id)), []byte(strings.Replace(benchQuiz, "ID", id, 1)), 0o644))
	}
	_, ps := Load(context.Background(), Dir(dir))
	require.False(b, HasErrors(ps), "%v", ps)
	for b.Loop() {
		Load(context.Background(), Dir(dir))
	}
}

const benchQuiz = `id: ID
title: Q
questions:
  - id: why
    type: single
    prompt: Why?
    choices:
      - text: Because
        correct: true
      - text: No
`

// A translation folder that is a link out of the course is refused, as a
// lessons/ that is one would be, not passed over in silence.
func TestATranslationFolderThatLinksOutIsRefused(t *testing.T) {
	dir, secret := hostileCourse(t)
	symlink(t, filepath.Dir(secret), filepath.Join(dir, "lessons", "th"))
	c, ps := Load(context.Background(), Dir(dir))
	p := problemAt(t, ps, dir, "lessons/th")
	assert.Equal(t, RuleOutsideCourse, p.Rule)
	assert.Empty(t, c.Langs(), "nothing of it is read")
	noSecret(t, ps)
}

// Thousands of folders named like languages cost a bounded amount: the
// first MaxLanguages are translations, the rest one problem.
func TestTranslationsAreBounded(t *testing.T) {
	dir, _ := hostileCourse(t)
	for i := range MaxLanguages + 40 {
		name := fmt.Sprintf("%c%c", 'a'+i/26, 'a'+i%26)
		require.NoError(t, os.Mkdir(filepath.Join(dir, "lessons", name), 0o755))
	}
	c, ps := Load(context.Background(), Dir(dir))
	assert.Len(t, c.Langs(), MaxLanguages)
	var tooMany []string
	for _, p := range ps {
		if p.Rule == RuleTooLong {
			tooMany = append(tooMany, p.Where())
		}
	}
	assert.Equal(t, []string{filepath.ToSlash(dir) + "/lessons/bg"}, tooMany, "the 33rd folder, once")
}
