package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
)

// stateHome points the progress file at a fresh folder and returns the path.
func stateHome(t *testing.T) string {
	t.Helper()
	t.Cleanup(xdg.Reload) // after Setenv's own cleanup restores the variable
	dir := t.TempDir()
	t.Setenv("XDG_STATE_HOME", dir)
	xdg.Reload()
	return filepath.Join(dir, "asyncio-tutor", "progress.json")
}

// runProgress runs the CLI with `progress` registered (whether main.go
// registers it yet or not) and the exit codes of run.
func runProgress(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	root := newRootCmd()
	registered := false
	for _, c := range root.Commands() {
		registered = registered || c.Name() == "progress"
	}
	if !registered {
		root.AddCommand(newProgressCmd())
	}
	var out, errOut bytes.Buffer
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SilenceErrors, root.SilenceUsage = true, true
	err := root.ExecuteContext(context.Background())
	code := exitCode(err)
	if e := (*exitError)(nil); err != nil && !(errors.As(err, &e) && e.reported()) {
		fmt.Fprintf(&errOut, "asyncio-tutor: %v\n", err)
	}
	return result{code, out.String(), errOut.String()}
}

// twoLessonCourse writes a course folder: waits (quiz, example sequential)
// and gathers (examples gather and sequential, no quiz).
func twoLessonCourse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"lessons/01-waits.md":   "---\nid: waits\ntitle: Waits\nsummary: Two waits.\nquiz: waits\n---\n\nText.\n\n```example sequential\nRun it.\n```\n",
		"lessons/02-gathers.md": "---\nid: gathers\ntitle: Gathers\nsummary: Together.\n---\n\nText.\n\n```example gather\nRun it.\n```\n\n```example sequential\nAgain.\n```\n",
	} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	quiz, err := os.ReadFile(filepath.Join(goodCourse, "quizzes", "01-waits.yaml"))
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "quizzes"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "quizzes", "01-waits.yaml"), quiz, 0o644))
	return dir
}

var day = time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)

// seed stores progress in the course at dir, and some in another course.
// The example sequential is on a card of both lessons, but was run and
// predicted only in waits.
func seed(t *testing.T, path, dir string) {
	t.Helper()
	s, err := progress.Open(path)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.Update(func(p *progress.Progress) {
		c := p.Course(progress.CourseKey(dir))
		c.MarkRead("waits", day)
		c.SetResume("gathers", 4)
		c.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "waits", At: day, Score: 0.5})
		c.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "waits", At: day, Score: 0.75, Passed: true})
		c.RanExampleIn("waits", "sequential", day)
		c.RanExampleIn("gathers", "gather", day)
		c.RanExample("gather", day) // from a file older than runs kept per lesson
		c.AddPrediction(progress.Prediction{Example: "gather", Lesson: "gathers", What: "total", Guess: "1s", Actual: "1s", Right: true, At: day})
		c.AddPrediction(progress.Prediction{Example: "sequential", Lesson: "waits", What: "total", Guess: "1s", Actual: "2s", At: day})
		c.AddPrediction(progress.Prediction{Example: "sequential", What: "total", Guess: "2s", Actual: "2s", Right: true, At: day})
		c.MarkRead("renamed-lesson", day)
		p.Course("/elsewhere").MarkRead("waits", day)
	}))
}

func TestProgressText(t *testing.T) {
	path := stateHome(t)
	dir := twoLessonCourse(t)
	seed(t, path, dir)

	r := runProgress(t, nil, "progress", "--course", dir)
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(r.stdout, "\n")
	assert.Equal(t, "Progress in the course in "+dir, lines[0])
	assert.Regexp(t, `^\s+#\s+LESSON\s+STATUS\s+EXAMPLES RUN\s+PREDICTIONS$`, lines[2])
	assert.Regexp(t, `^\s+1\s+Waits\s+read, quiz 75% passed\s+1 of 1\s+0 of 1 right$`, lines[3])
	assert.Regexp(t, `^\s+2\s+Gathers\s+reading\s+1 of 2\s+1 of 1 right$`, lines[4],
		"runs and predictions count in the lesson they were made in, not in every lesson with the example")
	assert.Contains(t, r.stdout, "\n1 of 2 lessons read, 1 of 1 quiz passed.\n")
	assert.Contains(t, r.stdout, "\nContinue at 2. Gathers (about 40% in).\n")
	assert.Contains(t, r.stdout, "\nNext: read on in 2. Gathers (run asyncio-tutor and press enter).\n")
	assert.Contains(t, r.stdout, "\nNot counted above: 1 run and 1 prediction from before progress kept them per lesson.\n")
	assert.Contains(t, r.stdout, "lessons no longer in the course: renamed-lesson")
	assert.Contains(t, r.stdout, "Progress file: "+path)
	assert.NotContains(t, r.stdout, "Note:")
}

// progressAfter is the progress command's output for the two-lesson
// course after fill changes the learner's progress in it.
func progressAfter(t *testing.T, fill func(c *progress.Course)) string {
	t.Helper()
	path := stateHome(t)
	dir := twoLessonCourse(t)
	s, err := progress.Open(path)
	require.NoError(t, err)
	require.NoError(t, s.Update(func(p *progress.Progress) { fill(p.Course(progress.CourseKey(dir))) }))
	require.NoError(t, s.Close())
	r := runProgress(t, nil, "progress", "--course", dir)
	require.Equal(t, exitOK, r.code, r.stderr)
	return r.stdout
}

func TestProgressSaysWhatToDoNext(t *testing.T) {
	passWaits := func(c *progress.Course) {
		c.MarkRead("waits", day)
		c.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "waits", At: day, Score: 1, Passed: true})
	}
	cases := []struct {
		name string
		fill func(c *progress.Course)
		want string
	}{
		{"nothing done", func(*progress.Course) {}, "Next: start with 1. Waits (run asyncio-tutor and press enter)."},
		{"in a lesson", func(c *progress.Course) { c.SetResume("waits", 2) },
			"Next: read on in 1. Waits, then take its quiz (run asyncio-tutor and press enter)."},
		{"read, quiz not taken", func(c *progress.Course) { c.SetResume("waits", 9); c.MarkRead("waits", day) },
			"Next: take the quiz of 1. Waits (run asyncio-tutor and press enter, then t)."},
		{"quiz not passed", func(c *progress.Course) {
			c.SetResume("waits", 9)
			c.MarkRead("waits", day)
			c.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "waits", At: day, Score: 0.25})
		}, "Next: retake the quiz of 1. Waits: your best is 25%, 70% passes (run asyncio-tutor and press enter, then t)."},
		{"quiz under way", func(c *progress.Course) {
			c.SetResume("waits", 9)
			c.MarkRead("waits", day)
			c.SetQuizDraft("waits", &progress.QuizDraft{Quiz: "waits", Asked: []string{"total", "io-bound", "keywords"},
				Answers: []progress.DraftAnswer{{ID: "total", Choices: []int{1}}}})
		}, "Next: finish the quiz of 1. Waits, at question 2 of 3 (run asyncio-tutor and press enter, then t)."},
		{"a lesson done", func(c *progress.Course) { c.SetResume("waits", 9); passWaits(c) },
			"Next: read 2. Gathers (run asyncio-tutor, type 2 and press enter)."},
		{"everything done", func(c *progress.Course) {
			passWaits(c)
			c.MarkRead("gathers", day)
			c.SetResume("gathers", 3)
		}, "Course complete: every lesson read and every quiz passed, best scores 100% on average.\nTry next: "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := progressAfter(t, tc.fill)
			assert.Contains(t, out, "\n"+tc.want, out)
			assert.Equal(t, 1, strings.Count(out, "Next:")+strings.Count(out, "Course complete:"), out)
		})
	}
}

func TestProgressCountsAgreeWithTheirNumber(t *testing.T) {
	out := progressAfter(t, func(c *progress.Course) {
		c.MarkRead("waits", day)
		c.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "waits", At: day, Score: 1, Passed: true})
	})
	assert.Contains(t, out, "\n1 of 2 lessons read, 1 of 1 quiz passed.\n")
	assert.NotContains(t, out, "1 quizzes")
}

func TestProgressLinesUpTitlesByTheirWidthOnScreen(t *testing.T) {
	stateHome(t)
	r := runProgress(t, nil, "progress", "--lang", "th")
	require.Equal(t, exitOK, r.code, r.stderr)
	lines := strings.Split(r.stdout, "\n")
	header := strings.Index(lines[2], "STATUS")
	require.Positive(t, header, lines[2])
	for _, l := range lines[3:14] {
		title, _, _ := strings.Cut(l, "  new")
		assert.Equal(t, header, ansi.StringWidthWc(title)+2, "%q: its status starts under STATUS", l)
	}
	assert.NotContains(t, r.stdout, "Why concurrency?", "the titles of the translation")
}

func TestProgressCountsOnlyWhatIsLeftOver(t *testing.T) {
	out := progressAfter(t, func(c *progress.Course) { c.RanExample("gather", day) })
	assert.Contains(t, out, "\nNot counted above: 1 run from before progress kept them per lesson.\n")
	assert.NotContains(t, progressAfter(t, func(c *progress.Course) { c.RanExampleIn("gathers", "gather", day) }), "Not counted")
}

func TestProgressShowsAPassedQuizOfAnUnreadLessonOnce(t *testing.T) {
	out := progressAfter(t, func(c *progress.Course) {
		c.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "waits", At: day, Score: 1, Passed: true})
	})
	assert.Regexp(t, `\n\s+1\s+Waits\s+quiz 100% passed, end not read\s`, out)
	assert.Contains(t, out, "\nNext: read 1. Waits to its end (")
}

func TestProgressOfAnUntouchedCourse(t *testing.T) {
	path := stateHome(t)
	r := runProgress(t, nil, "progress", "--course", goodCourse)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Regexp(t, `1\s+Waits\s+new\s+0 of 1\s+-\n`, r.stdout)
	assert.Contains(t, r.stdout, "0 of 1 lesson read, 0 of 1 quiz passed.")
	assert.Contains(t, r.stdout, "Progress file: "+path)
}

func TestProgressBuiltInCourse(t *testing.T) {
	stateHome(t)
	r := runProgress(t, nil, "progress")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.True(t, strings.HasPrefix(r.stdout, "Progress in the built-in course\n"), r.stdout)
}

func TestProgressJSON(t *testing.T) {
	path := stateHome(t)
	dir := twoLessonCourse(t)
	seed(t, path, dir)

	r := runProgress(t, nil, "progress", "--course", dir, "--format", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var got progress.Course
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	s, err := progress.Open(path)
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, *s.Snapshot().Courses[progress.CourseKey(dir)], got, "exactly what the file holds for that course")

	empty := runProgress(t, nil, "progress", "--course", goodCourse, "-f", "json")
	require.Equal(t, exitOK, empty.code, empty.stderr)
	assert.JSONEq(t, `{}`, empty.stdout)

	bad := runProgress(t, nil, "progress", "--format", "xml")
	assert.Equal(t, exitUsage, bad.code)
	assert.Contains(t, bad.stderr, `unknown format "xml"`)
}

func TestProgressSaysWhatHappenedToTheFile(t *testing.T) {
	path := stateHome(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, os.WriteFile(path, []byte("not json"), 0o600))

	r := runProgress(t, nil, "progress", "--course", goodCourse)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Regexp(t, `Note: your progress file was damaged \(.*\) and was moved aside to `+
		strings.ReplaceAll(path, ".", `\.`)+`\.corrupt-\d{8}-\d{6}; starting fresh`, r.stdout)

	// While the player runs, the command reads its last save and says so.
	s, err := progress.Open(path)
	require.NoError(t, err)
	defer s.Close()
	r = runProgress(t, nil, "progress", "--course", goodCourse, "-f", "json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stderr, "note: asyncio-tutor is running elsewhere")
	assert.JSONEq(t, `{}`, r.stdout, "notices stay off standard output in JSON")
}

func storedCourse(t *testing.T, path, dir string) *progress.Course {
	t.Helper()
	s, err := progress.Open(path)
	require.NoError(t, err)
	defer s.Close()
	return s.Snapshot().Courses[progress.CourseKey(dir)]
}

func TestResetALessonAfterYes(t *testing.T) {
	path := stateHome(t)
	dir := twoLessonCourse(t)

	for _, answer := range []string{"y\n", "YES\n", " yes "} {
		seed(t, path, dir)
		r := runProgress(t, strings.NewReader(answer), "progress", "reset", "waits", "--course", dir)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Equal(t, "Reset progress of lesson 1. Waits (waits) in the course in "+dir+"? [y/N] "+
			"Reset progress of lesson 1. Waits (waits) in the course in "+dir+".\n", r.stdout)
		c := storedCourse(t, path, dir)
		assert.NotContains(t, c.Lessons, "waits", "read state and quiz attempts forgotten")
		assert.Positive(t, c.Lessons["gathers"].Examples["gather"].Runs, "the other lesson's runs kept")
		for _, p := range c.Predictions {
			assert.NotEqual(t, "waits", p.Lesson, "the lesson's predictions forgotten")
		}
	}
	assert.True(t, storedCourse(t, path, "/elsewhere").Lessons["waits"].Read(), "another course's lesson of the same id is kept")
}

func TestResetALessonByItsNumber(t *testing.T) {
	path := stateHome(t)
	dir := twoLessonCourse(t)
	seed(t, path, dir)

	r := runProgress(t, nil, "progress", "reset", "2", "--course", dir, "--yes")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "Reset progress of lesson 2. Gathers (gathers) in the course in "+dir+".\n", r.stdout)
	c := storedCourse(t, path, dir)
	assert.NotContains(t, c.Lessons, "gathers")
	assert.Empty(t, c.Resume.Lesson, "the place to continue was in that lesson")
	assert.True(t, c.Lessons["waits"].Read(), "lesson 1 is kept")

	for _, n := range []string{"0", "3", "12"} {
		r := runProgress(t, nil, "progress", "reset", n, "--course", dir, "--yes")
		assert.Equal(t, exitUsage, r.code, n)
		assert.Contains(t, r.stderr, "the course in "+dir+" has no lesson "+n+"; its lessons are numbered 1 to 2", n)
	}
}

func TestResetTakesALessonsIDBeforeANumber(t *testing.T) {
	path := stateHome(t)
	dir := twoLessonCourse(t)
	renamed := filepath.Join(dir, "lessons", "02-gathers.md")
	body, err := os.ReadFile(renamed)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(renamed, []byte(strings.Replace(string(body), "id: gathers", "id: \"1\"", 1)), 0o644))
	seed(t, path, dir)

	r := runProgress(t, nil, "progress", "reset", "1", "--course", dir, "--yes")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "Reset progress of lesson 2. Gathers (1) in the course in "+dir+".\n", r.stdout)
}

func TestResetAnythingButYesResetsNothing(t *testing.T) {
	path := stateHome(t)
	dir := twoLessonCourse(t)
	seed(t, path, dir)
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	for _, answer := range []string{"\n", "n\n", "no\n", "yes please\n", ""} {
		r := runProgress(t, strings.NewReader(answer), "progress", "reset", "--course", dir)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.Equal(t, "Reset progress of the whole of the course in "+dir+"? [y/N] Nothing reset.\n", r.stdout)
	}
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, before, after)
}

func TestResetACourseWithYesFlag(t *testing.T) {
	path := stateHome(t)
	dir := twoLessonCourse(t)
	seed(t, path, dir)

	r := runProgress(t, nil, "progress", "reset", "--course", dir, "--yes")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, "Reset progress of the whole of the course in "+dir+".\n", r.stdout)
	assert.Nil(t, storedCourse(t, path, dir))
	assert.NotNil(t, storedCourse(t, path, "/elsewhere"), "other courses are not touched")
}

func TestResetRefusesWithoutATerminal(t *testing.T) {
	path := stateHome(t)
	dir := twoLessonCourse(t)
	seed(t, path, dir)
	devNull, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer devNull.Close()

	r := runProgress(t, devNull, "progress", "reset", "--course", dir)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "standard input is not a terminal")
	assert.Contains(t, r.stderr, "--yes")
	assert.NotNil(t, storedCourse(t, path, dir), "nothing reset")
}

func TestResetUnknownLesson(t *testing.T) {
	path := stateHome(t)
	dir := twoLessonCourse(t)
	seed(t, path, dir)

	r := runProgress(t, strings.NewReader("y\n"), "progress", "reset", "wait", "--course", dir)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, `has no lesson "wait"; did you mean "waits"?; known: waits, gathers, renamed-lesson (or give a lesson's number, 1 to 2)`)
	assert.Empty(t, r.stdout, "nothing asked")

	r = runProgress(t, nil, "progress", "reset", "zzzzzzzz", "--course", dir, "--yes")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "known: waits, gathers, renamed-lesson")

	// A lesson gone from the course can still be forgotten.
	r = runProgress(t, nil, "progress", "reset", "renamed-lesson", "--course", dir, "--yes")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.NotContains(t, storedCourse(t, path, dir).Lessons, "renamed-lesson")

	assert.Equal(t, exitUsage, runProgress(t, nil, "progress", "reset", "a", "b").code)
}

func TestResetWhilePlayerRuns(t *testing.T) {
	path := stateHome(t)
	dir := twoLessonCourse(t)
	seed(t, path, dir)
	s, err := progress.Open(path)
	require.NoError(t, err)
	defer s.Close()

	r := runProgress(t, nil, "progress", "reset", "--course", dir, "--yes")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "cannot reset progress while asyncio-tutor is running; quit it first")
	assert.NotNil(t, storedCourse(t, path, dir))
}
