package course

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func lessonFile(id, extra string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\nid: " + id + "\ntitle: T\n" + extra + "---\n")}
}

func quizFile(id string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("id: " + id + "\ntitle: Q\nquestions:\n  - id: q\n    type: text\n    prompt: ___\n    answers: [[x]]\n")}
}

// loadProblems loads a course whose folders are lessons and quizzes and
// returns its problems of the given rules.
func loadProblems(t *testing.T, lessons, quizzes fstest.MapFS, rules ...string) []Problem {
	t.Helper()
	_, ps := Load(context.Background(), Source{Lessons: lessons, Quizzes: quizzes, Root: "c"})
	var out []Problem
	for _, p := range ps {
		for _, r := range rules {
			if p.Rule == r {
				out = append(out, p)
			}
		}
	}
	return out
}

func TestEveryUnreadFileIsReportedOnceWithItsRightName(t *testing.T) {
	lessons := fstest.MapFS{
		"01-a.md":           lessonFile("a", "quiz: a\n"),
		"02-intro.markdown": lessonFile("intro", ""),
		"03-b.MD":           lessonFile("b", ""),
		"04-x.yml":          quizFile("x"),
		"notes.txt":         {Data: []byte("todo")},
		"README.md":         {Data: []byte("# about")},
		".DS_Store":         {Data: []byte{0}},
		"embed.go":          {Data: []byte("package lessons")},
		"th/01-a.md":        lessonFile("a", ""),
		"th/01-a.mdown":     lessonFile("a", ""),
		"th/01-a.yaml":      quizFile("a"),
	}
	quizzes := fstest.MapFS{
		"01-a.yaml":   quizFile("a"),
		"02-b.yml":    quizFile("b"),
		"03-c.YAML":   quizFile("c"),
		"04-d.md":     lessonFile("d", ""),
		"schema.json": {Data: []byte("{}")},
		"readme.txt":  {Data: []byte("x")},
		"th/01-a.yml": quizFile("a"),
		"th/02-b.md":  lessonFile("b", ""),
	}
	ps := loadProblems(t, lessons, quizzes, RuleIgnoredFile)
	got := map[string]string{}
	for _, p := range ps {
		assert.Equal(t, SeverityWarning, p.Severity)
		assert.Zero(t, p.Line)
		_, twice := got[p.File]
		assert.False(t, twice, "%s reported twice", p.File)
		got[p.File] = p.Message
	}
	want := map[string]string{
		"c/lessons/02-intro.markdown": "rename it to 02-intro.md",
		"c/lessons/03-b.MD":           "rename it to 03-b.md",
		"c/lessons/04-x.yml":          "move it to quizzes/04-x.yaml",
		"c/lessons/notes.txt":         "lessons/ holds lessons named NN-slug.md",
		"c/lessons/th/01-a.mdown":     "rename it to 01-a.md",
		"c/lessons/th/01-a.yaml":      "move it to quizzes/th/01-a.yaml",
		"c/quizzes/03-c.YAML":         "rename it to 03-c.yaml",
		"c/quizzes/04-d.md":           "move it to lessons/04-d.md",
		"c/quizzes/th/02-b.md":        "move it to lessons/th/02-b.md",
	}
	require.Len(t, got, len(want), "%v", got)
	for file, hint := range want {
		assert.Contains(t, got[file], hint, file)
	}
}

func TestAFolderFullOfStrayFilesIsNotAFloodOfWarnings(t *testing.T) {
	lessons := fstest.MapFS{"01-a.md": lessonFile("a", "")}
	for i := range 50 {
		lessons[fmt.Sprintf("junk%02d.txt", i)] = &fstest.MapFile{Data: []byte("x")}
	}
	ps := loadProblems(t, lessons, fstest.MapFS{}, RuleIgnoredFile)
	require.Len(t, ps, maxIgnoredReported+1)
	assert.Equal(t, "c/lessons", ps[0].File, "the summary is about the folder")
	assert.Contains(t, ps[0].Message, "30 more files")
}

func TestTwoLessonsWithOneOrder(t *testing.T) {
	lessons := fstest.MapFS{
		"01-a.md":  lessonFile("a", ""),
		"01-b.md":  lessonFile("b", ""),
		"01-b2.md": lessonFile("b2", ""),
		"02-c.md":  lessonFile("c", "order: 5\n"),
		"05-d.md":  lessonFile("d", ""),
		"07-e.md":  lessonFile("e", "order: 5\n"),
		// two lessons whose place is already an error are not also the same order
		"f.md":       lessonFile("f", ""),
		"g.md":       lessonFile("g", ""),
		"th/01-a.md": lessonFile("a", ""),
		"th/01-b.md": lessonFile("b", ""),
	}
	ps := loadProblems(t, lessons, fstest.MapFS{}, RuleSameOrder)
	require.Equal(t, []string{"c/lessons/01-b.md:1:1 same-order", "c/lessons/01-b2.md:1:1 same-order", "c/lessons/05-d.md:1:1 same-order", "c/lessons/07-e.md:4:8 same-order"}, brief(ps))
	for _, p := range ps {
		assert.Equal(t, SeverityWarning, p.Severity)
	}
	assert.Contains(t, ps[0].Message, "also that of c/lessons/01-a.md (its file name)")
	assert.Contains(t, ps[1].Message, "also that of c/lessons/01-a.md", "each names the first with that number")
	assert.Contains(t, ps[3].Message, "order, 5 (its order: key)")
}

func TestTwoLessonsLinkingOneQuiz(t *testing.T) {
	lessons := fstest.MapFS{
		"01-a.md":    lessonFile("a", "quiz: q\n"),
		"02-b.md":    lessonFile("b", "summary: S\nquiz: q\n"),
		"03-c.md":    lessonFile("c", "quiz: q\n"),
		"04-d.md":    lessonFile("d", "quiz: missing\n"),
		"05-e.md":    lessonFile("e", "quiz: missing\n"),
		"th/01-a.md": lessonFile("a", "quiz: q\n"),
		"th/02-b.md": lessonFile("b", "quiz: q\n"),
	}
	ps := loadProblems(t, lessons, fstest.MapFS{"01-q.yaml": quizFile("q")}, RuleSharedQuiz)
	require.Equal(t, []string{"c/lessons/02-b.md:5:7 shared-quiz", "c/lessons/03-c.md:4:7 shared-quiz"}, brief(ps))
	assert.Equal(t, SeverityError, ps[0].Severity)
	assert.Contains(t, ps[1].Message, "already the quiz of c/lessons/01-a.md")
}
