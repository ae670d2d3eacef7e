package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mkdirs makes the folders rel (slash-separated) under root.
func mkdirs(t testing.TB, root string, rel ...string) {
	t.Helper()
	for _, r := range rel {
		require.NoError(t, os.MkdirAll(filepath.Join(root, filepath.FromSlash(r)), 0o755))
	}
}

// strayCourse is a course folder with a Thai translation and n empty
// folders that are no part of a course: in lessons/, in the translation,
// nested deep, and at the top.
func strayCourse(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	mkdirs(t, dir, "lessons/th", "quizzes/th")
	for i := range n {
		mkdirs(t, dir, fmt.Sprintf("lessons/stray-%d", i), fmt.Sprintf("lessons/th/stray-%d", i),
			fmt.Sprintf("quizzes/deep/a/b/c-%d", i), fmt.Sprintf("assets-%d", i))
	}
	return dir
}

// --watch watches the folders a course's files live in, not every folder
// of the tree: a pack of thousands of empty folders takes four watches.
func TestWatchTakesOnlyTheCoursesFolders(t *testing.T) {
	dir := strayCourse(t, 500)
	got := newCourseFolders(dir).initial()
	assert.ElementsMatch(t, []string{
		filepath.Join(dir, "lessons"), filepath.Join(dir, "lessons", "th"),
		filepath.Join(dir, "quizzes"), filepath.Join(dir, "quizzes", "th"),
	}, got)
}

// A folder made while the player runs is watched when it is a new
// translation, and not otherwise.
func TestWatchAddsOnlyNewTranslationFolders(t *testing.T) {
	dir := strayCourse(t, 0)
	cf := newCourseFolders(dir)
	cf.initial()
	outside := t.TempDir()
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "lessons", "fr")))
	mkdirs(t, dir, "lessons/pt-BR", "lessons/notes", "lessons/th/drafts", "quizzes/th/xx", "ja")
	assert.True(t, cf.admit(filepath.Join(dir, "lessons", "pt-BR")), "a new translation")
	for _, no := range []string{"lessons/notes", "lessons/th/drafts", "quizzes/th/xx", "ja", "lessons/fr"} {
		assert.False(t, cf.admit(filepath.Join(dir, filepath.FromSlash(no))), "%s is no course folder", no)
	}
}

// Folders named like languages count too, up to a bound.
func TestWatchBoundsTranslationFolders(t *testing.T) {
	dir := t.TempDir()
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			mkdirs(t, dir, "lessons/"+string([]rune{a, b}))
		}
	}
	mkdirs(t, dir, "quizzes")
	got := newCourseFolders(dir).initial()
	assert.Len(t, got, 2+maxLanguageFolders)
}

func BenchmarkWatchFolders20000Strays(b *testing.B) {
	dir := b.TempDir()
	mkdirs(b, dir, "lessons/th", "quizzes/th")
	for i := range 20000 {
		mkdirs(b, dir, fmt.Sprintf("lessons/stray-%d", i))
	}
	for b.Loop() {
		if n := len(newCourseFolders(dir).initial()); n != 4 {
			b.Fatalf("%d folders watched", n)
		}
	}
}
