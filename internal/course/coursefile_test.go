package course

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseMetaReadsEveryKey(t *testing.T) {
	m, ps := ParseMeta("c/course.yaml", []byte("title: Async, run live\nsummary: One line\nauthors: [Ann, Bo]\nlanguages: [th, pt-BR]\nversion: 1.10\n"))
	require.Empty(t, ps)
	assert.Equal(t, "Async, run live", m.Title)
	assert.Equal(t, "One line", m.Summary)
	assert.Equal(t, []string{"Ann", "Bo"}, m.Authors)
	assert.Equal(t, []string{"th", "pt-BR"}, m.Languages)
	assert.Equal(t, "1.10", m.Version, "a version is the text written, not a number")
}

func TestParseMetaIsStrict(t *testing.T) {
	_, ps := ParseMeta("course.yaml", []byte("titel: T\nauthors: Ann\nlanguages: [th, th, en, Thai!]\nsummary: [a]\n"))
	assert.Equal(t, []string{
		"course.yaml:1:1 unknown-key",
		"course.yaml:2:10 wrong-type",
		"course.yaml:3:17 course-languages",
		"course.yaml:3:21 course-languages",
		"course.yaml:3:25 bad-value",
		"course.yaml:4:10 wrong-type",
	}, brief(ps))
	assert.Contains(t, ps[0].Message, `did you mean "title"?`)
}

func TestParseMetaNeedsATitle(t *testing.T) {
	_, ps := ParseMeta("course.yaml", []byte("summary: S\n"))
	require.Equal(t, []string{"course.yaml:1:1 missing-field"}, brief(ps))
	assert.Contains(t, ps[0].Message, `"title"`)

	_, ps = ParseMeta("course.yaml", []byte("title: [x\n"))
	assert.Equal(t, []string{"course.yaml:1:8 yaml-syntax"}, brief(ps))
}

func TestLoadReadsCourseYAML(t *testing.T) {
	top := fstest.MapFS{"course.yaml": {Data: []byte("title: My course\n")}}
	c, ps := Load(context.Background(), Source{Lessons: fstest.MapFS{"01-a.md": lessonFile("a", "")}, Quizzes: fstest.MapFS{}, Top: top, Root: "c"})
	require.Empty(t, ps)
	assert.Equal(t, "My course", c.Title())
	assert.Equal(t, 2, c.Files, "course.yaml is a course file")
	assert.Equal(t, []string{"c/course.yaml", "c/lessons/01-a.md"}, c.FileNames())

	c, ps = Load(context.Background(), Source{Lessons: fstest.MapFS{"01-a.md": lessonFile("a", "")}, Quizzes: fstest.MapFS{}, Top: fstest.MapFS{}, Root: "c"})
	require.Empty(t, ps, "course.yaml is optional")
	assert.Empty(t, c.Title())
}

func TestLanguagesMustMatchTheTranslationFolders(t *testing.T) {
	lessons := fstest.MapFS{"01-a.md": lessonFile("a", ""), "th/01-a.md": lessonFile("a", ""), "ja/01-a.md": lessonFile("a", "")}
	top := fstest.MapFS{"course.yaml": {Data: []byte("title: T\nlanguages:\n  - th\n  - de\n")}}
	_, ps := Load(context.Background(), Source{Lessons: lessons, Quizzes: fstest.MapFS{}, Top: top, Root: "c"})
	assert.Equal(t, []string{"c/course.yaml:3:3 course-languages", "c/course.yaml:4:5 course-languages"}, brief(ps))
	assert.Contains(t, ps[0].Message, "ja translation folder")
	assert.Contains(t, ps[1].Message, "lists de, but there is no lessons/de/")

	top["course.yaml"] = &fstest.MapFile{Data: []byte("title: T\n")}
	_, ps = Load(context.Background(), Source{Lessons: lessons, Quizzes: fstest.MapFS{}, Top: top, Root: "c"})
	assert.Empty(t, ps, "without languages: nothing is compared")
}

func TestCourseYAMLIsReadSafely(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "lessons"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "quizzes"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "lessons", "01-a.md"), lessonFile("a", "").Data, 0o644))
	outside := filepath.Join(t.TempDir(), "secret.yaml")
	require.NoError(t, os.WriteFile(outside, []byte("title: secret\n"), 0o644))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, CourseFile)))

	c, ps := Load(context.Background(), Dir(dir))
	require.Len(t, ps, 1)
	assert.Equal(t, RuleOutsideCourse, ps[0].Rule)
	assert.Empty(t, c.Title())

	require.NoError(t, os.Remove(filepath.Join(dir, CourseFile)))
	require.NoError(t, os.WriteFile(filepath.Join(dir, CourseFile), make([]byte, MaxFileSize+1), 0o644))
	_, ps = Load(context.Background(), Dir(dir))
	require.Len(t, ps, 1)
	assert.Equal(t, RuleFileTooLarge, ps[0].Rule)
}

func TestCourseSchemaNamesEveryKeyParseMetaReads(t *testing.T) {
	var s struct {
		Properties map[string]any `json:"properties"`
		Required   []string       `json:"required"`
	}
	require.NoError(t, json.Unmarshal(CourseSchema(), &s))
	assert.Equal(t, []string{"title"}, s.Required)
	for key := range s.Properties {
		_, ps := ParseMeta("course.yaml", []byte("title: T\n"+key+": [x]\n"))
		for _, p := range ps {
			assert.NotEqual(t, RuleUnknownKey, p.Rule, "the schema has %q, ParseMeta does not", key)
		}
	}
	assert.Len(t, s.Properties, 5)
}

// BenchmarkParseMeta is what course.yaml adds to every start-up.
func BenchmarkParseMeta(b *testing.B) {
	src := []byte("title: My asyncio course\nsummary: A first lesson and its quiz\nauthors: [Your Name]\nlanguages: [th]\nversion: \"0.1\"\n")
	for b.Loop() {
		if _, ps := ParseMeta("course.yaml", src); len(ps) > 0 {
			b.Fatal(ps)
		}
	}
}
