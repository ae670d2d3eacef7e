package plain

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"testing/synctest"
	"time"

	"github.com/adrg/xdg"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// Examples and the line reader start goroutines; none may outlive a session.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const seed = 42

// at is the time every progress record of a played session carries.
var at = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

// fixture is a two-lesson course whose quiz has every question type.
func fixture(t *testing.T) *course.Course {
	t.Helper()
	lessons := fstest.MapFS{
		"01-first.md": {Data: []byte("---\nid: first\ntitle: First waits\nsummary: Two waits, one after the other.\nquiz: first\n---\n\n" +
			"# Waiting\n\nA blocking wait holds the &#27;[31mthread.\n\n## Two of them\n\nThey add up.\n\n" +
			"```example sequential\nWatch main wait for say1, then for say2.\n```\n\nThat is why.\n")},
		"02-second.md": {Data: []byte("---\nid: second\ntitle: Second\n---\n\nMore.\n")},
	}
	quizzes := fstest.MapFS{"01-first.yaml": {Data: []byte(`id: first
title: First
questions:
  - id: total
    type: single
    prompt: How long do two blocking 1 s sleeps take?
    choices:
      - {text: 1 s, feedback: That is the overlapped time.}
      - {text: 2 s, correct: true, feedback: They add up.}
    explanation: Blocking waits add up.
  - id: io-bound
    type: multi
    prompt: Which gain from async IO?
    choices:
      - {text: A crawler, correct: true}
      - {text: A chat server, correct: true}
      - {text: Computing pi, feedback: CPU-bound work gains nothing.}
    explanation: Many waits overlap.
  - id: keywords
    type: text
    prompt: "___ def, then ___"
    answers: [[async], [await]]
    explanation: The two keywords.
  - id: steps
    type: order
    prompt: Put the steps of an await in order.
    items: [reach the await, hand the turn to the loop, timer fires, resume]
    explanation: The loop resumes a task once its timer fired.
  - id: done-lines
    type: output
    prompt: In which order does gather print its done lines?
    example: gather
    lines: [func3 done, func1 done, func2 done]
    explanation: The shortest sleep finishes first.
`)}}
	c, problems := course.Load(context.Background(), course.Source{Lessons: lessons, Quizzes: quizzes})
	require.False(t, course.HasErrors(problems), "%v", problems)
	return c
}

// stateStore opens a progress store in a fresh state folder.
func stateStore(t *testing.T) (*progress.Store, string) {
	t.Helper()
	t.Cleanup(xdg.Reload)
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	xdg.Reload()
	path, err := progress.DefaultPath()
	require.NoError(t, err)
	store, err := progress.Open(path)
	require.NoError(t, err)
	return store, path
}

// play runs a session on script inside a synctest bubble, so examples run
// in exact virtual time, and returns the transcript.
func play(t *testing.T, c *course.Course, store *progress.Store, script string) string {
	t.Helper()
	var out strings.Builder
	synctest.Test(t, func(t *testing.T) {
		err := Run(context.Background(), strings.NewReader(script), &out, Options{
			Course: c, CourseKey: "fixture", Store: store, Seed: seed, Width: 72,
			Now:     func() time.Time { return at },
			Notices: []string{"another asyncio-tutor is running: progress is read-only this session"},
		})
		require.NoError(t, err)
	})
	return out.String()
}

// answerFor types the numbers that put a question's shuffled items right.
func answerFor(q *course.Question, attempt int) string {
	return positions(quiz.Shuffle(quiz.Key(q).Items, seed, attempt, q.ID), quiz.Key(q).Items)
}

func TestFullPath(t *testing.T) {
	c := fixture(t)
	store, path := stateStore(t)
	q := c.Quiz("first")
	steps := q.Questions[3]
	require.NotEqual(t, "1 2 3 4", answerFor(steps, 1), "the shuffle never shows the right order")

	script := strings.Join([]string{
		"",               // menu: continue with lesson 1
		"",               // read on to the second section
		"y",              // run the example
		"2",              // predict 2 s
		"2",              // and "hello from say1" to print first
		"",               // read on after the run
		"t",              // take the quiz
		"9",              // single: no choice 9, asked again
		"2",              // single: right
		"1,2",            // multi: right
		"async", "AWAIT", // text: right, case folded
		"1 1 2 3",           // order: a number twice, asked again
		answerFor(steps, 1), // order: right
		"1 2 3",             // output: the shown order, never right
		"m",                 // back to the menu
	}, "\n") + "\n" // then end of input
	out := play(t, c, store, script)

	assert.NotContains(t, out, "\x1b", "plain mode writes no escape code")
	for _, want := range []string{
		"2 lessons.",
		"Note: another asyncio-tutor is running: progress is read-only this\nsession\n",
		"Progress: 0 of 2 lessons read, 0 quizzes passed.",
		" 1. First waits (new)\n 2. Second (new)\n",
		"Lesson number, c to continue (lesson 1), q to quit: ",
		"Lesson 1 of 2: First waits\nTwo waits, one after the other.\n",
		"# Waiting\n\nA blocking wait holds the thread.\nEnter to read on, m for the menu: ",
		"Example sequential (goroutines): One thing after another\nWatch main wait for say1, then for say2.\nRun example sequential now? [y/N] ",
		"Predict the total in seconds first (Enter to skip): ",
		"Which of these lines prints first?\n  1. exit\n  2. hello from say1\n  3. hello from say2\nYour pick, a number from 1 to 3 (Enter to skip): ",
		"Running sequential (goroutines). Time, then what happens:\n" +
			"0 s  main starts\n" +
			"0 s  main prints \"start\"\n" +
			"0 s  main waits for other work to finish: say1()\n" +
			"0 s  say1 starts\n" +
			"0 s  say1 waits for a timer: sleep 1s\n" +
			"1 s  say1 wakes from its 1 s sleep\n" +
			"1 s  say1 prints \"hello from say1\"\n" +
			"1 s  say1 finishes\n" +
			"1 s  main goes on: the work it waited 1 s for is done\n" +
			"1 s  main waits for other work to finish: say2()\n" +
			"1 s  say2 starts\n" +
			"1 s  say2 waits for a timer: sleep 1s\n" +
			"2 s  say2 wakes from its 1 s sleep\n" +
			"2 s  say2 prints \"hello from say2\"\n" +
			"2 s  say2 finishes\n" +
			"2 s  main goes on: the work it waited 1 s for is done\n" +
			"2 s  main prints \"exit\"\n" +
			"2 s  main finishes\n" +
			"Finished in 2.00 s.\n" +
			"You predicted 2 s; it took 2.00 s. Right, well reasoned.\n" +
			"You picked \"hello from say1\" to print first, and it did.\n" +
			"Two tasks sleep 1 s each, one after the other, on one goroutine: 2 s in\nall.\n" +
			"Enter to read on, r to run it again, p to change the parameters: ",
		"That is why.\n\nEnd of lesson 1: First waits.\nt take the quiz, n next lesson (2. Second), m menu, q quit [t]: ",
		"Quiz: First. 5 questions; you pass with 70%.",
		"Question 1 of 5, pick one:\nHow long do two blocking 1 s sleeps take?\n  1. 1 s\n  2. 2 s\nYour answer, a number from 1 to 2: ",
		"There is no 9: the numbers go from 1 to 2. Try again, or q to quit.\nYour answer, a number from 1 to 2: Right.\n  They add up.\nBlocking waits add up.\n",
		"Question 2 of 5, pick every right choice:",
		"Question 3 of 5, fill in 2 blanks:\n(blank 1) def, then (blank 2)\nBlank 1: Blank 2: Right.\n",
		"Question 4 of 5, put in order:",
		"1 is there twice; give each number once. Try again, or q to quit.",
		"Question 5 of 5, put the lines in the order example gather prints them:",
		"Wrong.\nThe shortest sleep finishes first.\nThe right answer:\n  1. func3 done\n  2. func1 done\n  3. func2 done\nIn the numbers shown: ",
		"Score: 80%, 4 of 5 right. Passed (you pass with 70%).\nMissed:\n  5. In which order does gather print its done lines? (wrong)\n",
		"r retake the quiz, n next lesson (2. Second), m menu, q quit [n]: ",
		"Progress: 1 of 2 lessons read, 1 quiz passed.\n 1. First waits (read, quiz 80% passed)\n 2. Second (new)\n",
	} {
		assert.Contains(t, out, want)
	}
	assert.True(t, strings.HasSuffix(out, "q to quit: \n"), "end of input ends the session on a new line:\n%s", out)
	// The whole transcript, word for word: go test ./internal/plain -run
	// TestFullPath -update rewrites testdata/TestFullPath.golden.
	golden.RequireEqual(t, out)
	require.NoError(t, store.Close())

	// The saved file, byte for byte: every record carries Options.Now.
	saved, err := os.ReadFile(path)
	require.NoError(t, err)
	want, err := os.ReadFile(filepath.Join("testdata", "TestFullPath.progress.json"))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(saved))

	// The progress file holds all of it, in the full-screen player's shapes.
	reopened, err := progress.Open(path)
	require.NoError(t, err)
	defer reopened.Close()
	p := reopened.Snapshot().Courses["fixture"]
	require.NotNil(t, p)
	assert.Equal(t, "first", p.Resume.Lesson)
	lp := p.Lessons["first"]
	require.True(t, lp.Read())
	assert.Equal(t, at, lp.ReadAt.UTC(), "Options.Now is the clock of every record")
	require.Len(t, lp.QuizAttempts, 1)
	a := lp.QuizAttempts[0]
	assert.Equal(t, at, a.At.UTC())
	assert.Equal(t, "first", a.Quiz)
	assert.InDelta(t, 0.8, a.Score, 1e-9)
	assert.True(t, a.Passed)
	assert.Equal(t, []progress.QuestionResult{
		{ID: "total", Correct: true, Score: 1}, {ID: "io-bound", Correct: true, Score: 1},
		{ID: "keywords", Correct: true, Score: 1}, {ID: "steps", Correct: true, Score: 1},
		{ID: "done-lines", Correct: false, Score: 0},
	}, a.Questions)
	require.Contains(t, p.Examples, "sequential")
	assert.Equal(t, 1, p.Examples["sequential"].Runs)
	assert.Equal(t, at, p.Examples["sequential"].LastRun.UTC())
	require.Len(t, p.Predictions, 2)
	for i := range p.Predictions {
		assert.Equal(t, at, p.Predictions[i].At.UTC())
		p.Predictions[i].At = at
	}
	assert.Equal(t, []progress.Prediction{
		{Lesson: "first", Example: "sequential", What: "total", Guess: "2 s", Actual: "2.00 s", Right: true, At: at},
		{Lesson: "first", Example: "sequential", What: "first line", Guess: "hello from say1", Actual: "hello from say1", Right: true, At: at},
	}, p.Predictions)
}

func TestQuitAndEndOfInputAnywhere(t *testing.T) {
	c := fixture(t)
	// Every prefix of a session ends cleanly, at whatever prompt input runs out.
	script := []string{"1", "", "y", "", "t", "1", "3", "x", "y"}
	for n := range len(script) + 1 {
		out := play(t, c, nil, strings.Join(script[:n], "\n"))
		assert.NotContains(t, out, "\x1b")
		assert.True(t, strings.HasSuffix(out, ": \n"), "step %d ends after a prompt:\n%s", n, out)
	}
	out := play(t, c, nil, "1\nq\nthis is never read\n")
	assert.True(t, strings.HasSuffix(out, "Enter to read on, m for the menu: Goodbye.\n"), out)
}

func TestPartlyRightAndWrongLesson(t *testing.T) {
	c := fixture(t)
	// Lesson 2 by number: no quiz, and the last lesson, so the menu is the way on.
	out := play(t, c, nil, "2\n\n1\n\nn\nt\n1\n2\n")
	assert.Contains(t, out, "End of lesson 2: Second.\nm menu, q quit [m]: ")
	assert.Contains(t, out, " 2. Second (read)\nLesson number, c to continue (lesson 2), q to quit: ")
	assert.Contains(t, out, "Run example sequential now? [y/N] \nThat is why.\n\nEnd of lesson 1")
	assert.Contains(t, out, "Your answer, a number from 1 to 2: Wrong.\n  That is the overlapped time.\nBlocking waits add up.\nThe right answer:\n  2. 2 s\n")
	assert.Contains(t, out, "Partly right: 50% of the marks.\nMany waits overlap.\nThe right answer:\n  1. A crawler\n  2. A chat server\n")
}

func TestCancelStopsARun(t *testing.T) {
	c := fixture(t)
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		var out strings.Builder
		go func() {
			time.Sleep(1500 * time.Millisecond) // in the bubble: half way through the example
			cancel()
		}()
		err := Run(ctx, strings.NewReader("1\n\ny\n\n\n"), &out, Options{Course: c, CourseKey: "k"})
		require.NoError(t, err)
		assert.Contains(t, out.String(), "1 s  main waits for other work to finish: say2()\n")
		assert.NotContains(t, out.String(), "Finished")
		assert.True(t, strings.HasSuffix(out.String(), "\nStopped.\n"), out.String())
	})
}

func TestEventLines(t *testing.T) {
	// The words are learn.Narrate's, as in the full-screen player; a resume
	// is told with the wait it ends.
	evs := []trace.Event{
		{T: 0, Task: "say1", Kind: trace.KindStart},
		{T: 0, Task: "say1", Kind: trace.KindWait, Reason: trace.ReasonSleep, Text: "sleep 1s"},
		{T: 1500 * time.Millisecond, Task: "say1", Kind: trace.KindResume},
		{T: 1500 * time.Millisecond, Task: "say1\x1b[2J\nx", Kind: trace.KindPrint, Text: "hi\x1b]52;c;x\x07\nthere"},
	}
	assert.Equal(t, "0 s  say1 starts", eventLine(evs, 0))
	assert.Equal(t, "0 s  say1 waits for a timer: sleep 1s", eventLine(evs, 1))
	assert.Equal(t, "1.5 s  say1 wakes from its 1.5 s sleep", eventLine(evs, 2))
	line := eventLine(evs, 3)
	assert.NotContains(t, line, "\x1b")
	assert.NotContains(t, line, "\n")
	assert.Empty(t, eventLine(evs, 4))
	assert.Empty(t, eventLine(evs, -1))
}

func TestParseNumbers(t *testing.T) {
	ns, problem := parseNumbers("3, 1 2", 3, 3, 3)
	assert.Empty(t, problem)
	assert.Equal(t, []int{3, 1, 2}, ns)
	for in, want := range map[string]string{
		"":      "Type a number from 1 to 3.",
		"a":     `"a" is not a number.`,
		"4":     "There is no 4: the numbers go from 1 to 3.",
		"0":     "There is no 0: the numbers go from 1 to 3.",
		"1 2":   "Give all 3 numbers, each once; you gave 2.",
		"1 1 2": "1 is there twice; give each number once.",
	} {
		_, problem := parseNumbers(in, 3, 3, 3)
		assert.Equal(t, want, problem, in)
	}
	_, problem = parseNumbers("1 2", 3, 1, 1)
	assert.Equal(t, "Pick only one number.", problem)
}

func TestMarkdownTidyAndASCII(t *testing.T) {
	var out strings.Builder
	s := &session{opt: Options{ASCII: true, Markdown: markdown.New()}, width: 40, out: &writer{w: &out}}
	s.markdown("# Title\n\n- one\n- two\n\n```go\nfunc main() {\n\tprintln(\"\x1b[2J\")\n}\n```\n")
	got := out.String()
	assert.NotContains(t, got, "\x1b")
	assert.Contains(t, got, "* one\n")
	assert.Contains(t, got, "Code, go:\n    func main() {\n        println(\"\")\n    }\nEnd of code.\n")
	for _, l := range strings.Split(got, "\n") {
		assert.Equal(t, strings.TrimRight(l, " "), l, "no padding to the width")
	}
}

func TestPredictionIsLearnsRule(t *testing.T) {
	c := fixture(t)
	// "abc" is refused with learn's words, "0" is a prediction and scored.
	out := play(t, c, nil, "1\n\ny\nabc\n0\n\n\nm\n")
	assert.Contains(t, out, "Predict the total in seconds first (Enter to skip): Type a number of seconds, like 1.5, or leave it empty to skip.\nPredict the total in seconds first (Enter to skip): Which")
	assert.Contains(t, out, "You predicted 0 s; it took 2.00 s. Not quite")
	assert.Equal(t, 2, strings.Count(out, "Predict the total"), "once refused, once taken: %s", out)
}

func TestAPredictionIsAskedOnEveryCardAndAfterEveryParameterChange(t *testing.T) {
	c := fixture(t)
	script := strings.Join([]string{
		"1", "", "y", "2", "", // lesson 1, read on, run, predict 2 s, no pick
		"r",           // run it again: the same parameters, no new question
		"p", "3s", "", // delay1=3s, delay2 kept
		"4", "3", "", // a new prediction for the new parameters; read on
		"m", "1", "", "y", // the same card again, in a later visit
		"", "", "", // asked again: skipped
		"m",
	}, "\n") + "\n"
	out := play(t, c, nil, script)
	assert.Equal(t, 3, strings.Count(out, "Predict the total"), "on opening, after p, on the next visit: %s", out)
	assert.Equal(t, 4, strings.Count(out, "Finished in"), out)
	assert.Contains(t, out, "Running sequential (goroutines; delay1=3s). Time, then what happens:\n")
	assert.Contains(t, out, "You predicted 4 s; it took 4.00 s. Right")
	assert.Contains(t, out, "You picked \"hello from say2\" to print first; \"hello from say1\" did.")
	assert.Equal(t, 1, strings.Count(out, "You predicted 2 s"), "a verdict is told for the run it scored, not the rerun")
	assert.Equal(t, 3, strings.Count(out, "2 s in\nall."), "the summary, with the default run only and after it: %s", out)
	assert.NotContains(t, out[:strings.Index(out, "Finished in")], "2 s in", "no outcome before the first run")
}

func TestPredictionInputs(t *testing.T) {
	c := fixture(t)
	const prompt = "Predict the total in seconds first (Enter to skip): "
	refusal := "Type a number of seconds, like 1.5, or leave it empty to skip."
	require.True(t, strings.EqualFold(refusal, learn.ErrPrediction.Error()+"."), "the refusal is learn.ErrPrediction's message")

	// A number of seconds, "s" or not, spaces around: taken, scored against
	// the 2 s run, and saved as learn.Ran saves it. "0" is a prediction.
	for in, want := range map[string]struct {
		guess string
		right bool
	}{
		"0":    {"0 s", false},
		"0 s":  {"0 s", false},
		"1.5s": {"1.5 s", false},
		" 2 ":  {"2 s", true},
	} {
		t.Run("takes "+strconv.Quote(in), func(t *testing.T) {
			store, path := stateStore(t)
			out := play(t, c, store, "1\n\ny\n"+in+"\n\n")
			require.NoError(t, store.Close())
			assert.Contains(t, out, prompt+"Which of these lines prints first?")
			assert.NotContains(t, out, refusal)
			assert.Contains(t, out, "You predicted "+want.guess+"; it took 2.00 s.")
			reopened, err := progress.Open(path)
			require.NoError(t, err)
			defer reopened.Close()
			p := reopened.Snapshot().Courses["fixture"]
			require.NotNil(t, p)
			assert.Equal(t, []progress.Prediction{{Lesson: "first", Example: "sequential", What: "total", Guess: want.guess, Actual: "2.00 s", Right: want.right, At: at}},
				p.Predictions)
		})
	}

	// Anything else is refused with learn's words and asked again; Enter
	// then skips, and nothing is saved as a prediction.
	for _, in := range []string{"abc", "-1", "NaN", "Inf"} {
		t.Run("refuses "+strconv.Quote(in), func(t *testing.T) {
			store, path := stateStore(t)
			out := play(t, c, store, "1\n\ny\n"+in+"\n\n\n")
			require.NoError(t, store.Close())
			assert.Contains(t, out, prompt+refusal+"\n"+prompt+"Which of these lines prints first?")
			assert.NotContains(t, out, "You predicted")
			reopened, err := progress.Open(path)
			require.NoError(t, err)
			defer reopened.Close()
			p := reopened.Snapshot().Courses["fixture"]
			require.NotNil(t, p)
			assert.Empty(t, p.Predictions)
			assert.Equal(t, 1, p.Examples["sequential"].Runs, "the run still counts")
		})
	}
}

// The place reached in a lesson is saved as the learner reads, so that
// however the session ends (here q at the card's question), Continue picks
// up at the section they were in; a lesson picked by number opens at its
// top.
func TestThePlaceReachedIsSavedAndContinued(t *testing.T) {
	c := fixture(t)
	store, path := stateStore(t)
	play(t, c, store, "1\n\nq\n") // lesson 1, read on, quit at the card
	require.NoError(t, store.Close())
	reopened, err := progress.Open(path)
	require.NoError(t, err)
	p := reopened.Snapshot().Courses["fixture"]
	require.NotNil(t, p)
	assert.Equal(t, "first", p.Resume.Lesson)
	ps := parts(c.Lessons[0])
	require.Len(t, ps, 4)
	require.NotNil(t, ps[2].example)
	assert.Equal(t, 9, p.Resume.Line, "the card's line in the lesson's body, not its top")
	assert.Equal(t, c.Lessons[0].Segments[1].Line, p.Resume.Line, "where the card's segment starts")

	out := play(t, c, reopened, "c\nq\n")
	assert.Contains(t, out, "Picking up where you left off: section 3 of 4.\n\nExample sequential")
	assert.NotContains(t, out, "# Waiting", "the sections read before are not printed again")

	out = play(t, c, reopened, "1\nq\n")
	assert.Contains(t, out, "# Waiting", "by its number, from the top")
	require.NoError(t, reopened.Close())
}
