package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

func newProgressCmd() *cobra.Command {
	var flags courseFlags
	var format string
	cmd := &cobra.Command{
		Use:   "progress",
		Short: "Show what you have read, the quizzes you passed and the examples you ran",
		Long: `progress shows your progress in the built-in course, or in the course folder given with
--course: each lesson's status (new, reading, read, its quiz's best score and whether you
passed), how many of its examples you ran there and how many of the predictions you made
there were right; where to continue and what to do next. It also says where the progress
file is and anything you should know about it.

--format json prints what the file holds for that course (the format is documented in
the progress package: go doc ./internal/progress). progress reset forgets a lesson, or the whole course.`,
		Example: `  asyncio-tutor progress
  asyncio-tutor progress --course ./my-course
  asyncio-tutor progress --format json
  asyncio-tutor progress reset 7            # forget lesson 7
  asyncio-tutor progress reset --yes        # the whole course, without asking`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return usageError("unknown format %q; use text or json", format)
			}
			c, err := flags.loadUsable()
			if err != nil {
				return err
			}
			store, err := openProgressStore()
			if err != nil {
				return err
			}
			defer store.Close()
			key := progress.CourseKey(flags.dir)
			stored := store.Snapshot().Courses[key]
			if format == "json" {
				for _, n := range store.Notices() {
					fmt.Fprintf(cmd.ErrOrStderr(), "note: %s\n", termtext.Message(noticeText(n)))
				}
				if stored == nil {
					stored = &progress.Course{}
				}
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				if err := enc.Encode(stored); err != nil {
					return ioError("cannot write the progress", err)
				}
				return nil
			}
			if err := writeProgress(cmd.OutOrStdout(), c, stored, describeCourse(&flags), store); err != nil {
				return ioError("cannot write the progress", err)
			}
			return nil
		},
	}
	flags.register(cmd, true)
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	cmd.AddCommand(newProgressResetCmd())
	return cmd
}

func newProgressResetCmd() *cobra.Command {
	var flags courseFlags
	var yes bool
	cmd := &cobra.Command{
		Use:   "reset [LESSON]",
		Short: "Forget your progress in one lesson, or in the whole course",
		Long: `reset forgets everything of LESSON (its number, as the menu and progress show it, or
its id): that you read it, your attempts at its quiz, a quiz left part-way, and the runs
and predictions you made in it. Without LESSON it forgets everything of the course (the built-in one, or the folder given with --course).
Other courses are not touched.

It asks first, on standard input; --yes answers for you. When standard input is not a
terminal and --yes is not given, it refuses rather than guess (exit 2). When the progress
file cannot be written, nothing is reset (exit 1).`,
		Example: `  asyncio-tutor progress reset 7                    # lesson 7, as the menu numbers it
  asyncio-tutor progress reset gathering-results    # the same lesson, by its id
  asyncio-tutor progress reset                      # the whole built-in course
  asyncio-tutor progress reset --course ./my-course --yes`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := flags.loadUsable()
			if err != nil {
				return err
			}
			store, err := openProgressStore()
			if err != nil {
				return err
			}
			defer store.Close()
			if store.ReadOnly() {
				var why []string
				for _, n := range store.Notices() {
					if n.Kind == progress.NoticeLocked {
						// Nothing failed: the user asked at the wrong time.
						return usageError("cannot reset progress while asyncio-tutor is running; quit it first")
					}
					why = append(why, n.Message)
				}
				// The progress file cannot be written: the reset cannot be saved.
				return ioError("cannot reset progress", errors.New(strings.Join(why, "; ")))
			}
			key := progress.CourseKey(flags.dir)
			stored := store.Snapshot().Courses[key]

			lesson, what := "", "the whole of "+describeCourse(&flags)
			if len(args) == 1 {
				var err error
				if lesson, what, err = lessonToReset(args[0], c, stored, describeCourse(&flags)); err != nil {
					return err
				}
			}
			out := cmd.OutOrStdout()
			if !yes {
				in := cmd.InOrStdin()
				if !canAsk(in) {
					return usageError("not resetting %s: standard input is not a terminal, so nobody can answer; add --yes to reset anyway", what)
				}
				fmt.Fprintf(out, "Reset progress of %s? [y/N] ", what)
				answer, _ := bufio.NewReader(in).ReadString('\n')
				switch strings.ToLower(strings.TrimSpace(answer)) {
				case "y", "yes":
				default:
					fmt.Fprintln(out, "Nothing reset.")
					return nil
				}
			}
			if err := store.Reset(key, lesson); err != nil {
				return ioError("cannot reset progress", err)
			}
			if _, err := fmt.Fprintf(out, "Reset progress of %s.\n", what); err != nil {
				return ioError("progress reset, but cannot say so", err)
			}
			return nil
		},
	}
	flags.register(cmd, true)
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "reset without asking")
	return cmd
}

// lessonToReset is the lesson id that reset's argument names, by id or by
// its number in the menu, and the words that name it to the learner. An id
// wins over a number: a lesson called "2" is that lesson, wherever it is.
// A lesson gone from the course is named by its id alone.
func lessonToReset(arg string, c *course.Course, stored *progress.Course, which string) (id, what string, err error) {
	i := slices.IndexFunc(c.Lessons, func(l *course.Lesson) bool { return l.ID == arg })
	if n, err := strconv.Atoi(arg); i < 0 && err == nil {
		if n < 1 || n > len(c.Lessons) {
			return "", "", usageError("%s has no lesson %d; its lessons are numbered 1 to %d", which, n, len(c.Lessons))
		}
		i = n - 1
	}
	if i >= 0 {
		l := c.Lessons[i]
		return l.ID, fmt.Sprintf("lesson %s (%s) in %s", lessonName(c, i), termtext.Name(l.ID), which), nil
	}
	if stored == nil || stored.Lessons[arg] == nil {
		byNumber := ""
		if len(c.Lessons) > 0 {
			byNumber = fmt.Sprintf(" (or give a lesson's number, 1 to %d)", len(c.Lessons))
		}
		return "", "", usageError("%s has no lesson %q%s%s", which, arg, knownLessons(arg, c, stored), byNumber)
	}
	return arg, fmt.Sprintf("lesson %s in %s", termtext.Name(arg), which), nil
}

// openProgressStore opens the learner's progress file.
func openProgressStore() (*progress.Store, error) {
	path, err := progress.DefaultPath()
	if err != nil {
		return nil, ioError("cannot find where progress is kept", err)
	}
	s, err := progress.Open(path)
	if err != nil {
		return nil, ioError("cannot open the progress file", err)
	}
	return s, nil
}

// canAsk reports whether a question can be answered on in. A reader that is
// not a file was handed in by a caller that means to answer (a test, an
// embedding program); a file must be a terminal, not a pipe or /dev/null.
func canAsk(in io.Reader) bool {
	f, ok := in.(*os.File)
	return !ok || term.IsTerminal(f.Fd())
}

// noticeText is a notice as the progress command tells it: while the player
// runs elsewhere, this command only reads, so being read-only is no news.
func noticeText(n progress.Notice) string {
	if n.Kind == progress.NoticeLocked {
		return "asyncio-tutor is running elsewhere: this shows its last save"
	}
	return n.Message
}

// knownLessons names the lesson ids reset takes: the nearest one to a wrong
// id, and all of them.
func knownLessons(wrong string, c *course.Course, stored *progress.Course) string {
	var ids []string
	for _, l := range c.Lessons {
		ids = append(ids, termtext.Name(l.ID))
	}
	if stored != nil {
		for id := range stored.Lessons {
			if id := termtext.Name(id); !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return "; it has no lessons"
	}
	hint := course.Nearest(wrong, ids)
	if strings.HasPrefix(hint, "; known: ") {
		return hint
	}
	return hint + "; known: " + strings.Join(ids, ", ")
}

func writeProgress(w io.Writer, c *course.Course, stored *progress.Course, which string, store *progress.Store) error {
	if stored == nil {
		stored = &progress.Course{}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Progress in %s\n\n", which)

	rows := [][]string{{"  #", "LESSON", "STATUS", "EXAMPLES RUN", "PREDICTIONS"}}
	for i, l := range c.Lessons {
		ran, predicted := lessonActivity(l, stored)
		rows = append(rows, []string{fmt.Sprintf("%3d", i+1), termtext.Name(l.Title),
			learn.LessonState(c, l, stored).Label(), ran, predicted})
	}
	writeTable(&b, rows)

	o := learn.Survey(c, stored)
	fmt.Fprintf(&b, "\n%s read", countOf(o.Read, o.Lessons, "lesson", "lessons"))
	if o.Quizzes > 0 {
		fmt.Fprintf(&b, ", %s passed", countOf(o.Passed, o.Quizzes, "quiz", "quizzes"))
	}
	b.WriteString(".\n")
	if i, line, ok := resumeLesson(c, stored); ok {
		fmt.Fprintf(&b, "Continue at %s (%s).\n", lessonName(c, i), learn.Place(c.Lessons[i], line))
	}
	b.WriteString(nextAdvice(c, stored))
	if old := unattributed(stored); old != "" {
		fmt.Fprintf(&b, "Not counted above: %s from before progress kept them per lesson.\n", old)
	}
	var gone []string
	for id := range stored.Lessons {
		if c.Lesson(id) == nil {
			gone = append(gone, termtext.Name(id))
		}
	}
	if len(gone) > 0 {
		slices.Sort(gone)
		fmt.Fprintf(&b, "Also kept, for lessons no longer in the course: %s (progress reset LESSON forgets one).\n", strings.Join(gone, ", "))
	}
	fmt.Fprintf(&b, "\nProgress file: %s\n", termtext.Name(store.Path()))
	for _, n := range store.Notices() {
		fmt.Fprintf(&b, "Note: %s\n", termtext.Message(noticeText(n)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeTable lines up the cells of rows in columns two spaces apart, by
// the cells' width on a terminal: a Thai title's vowel and tone marks take
// no column, which counting characters (as text/tabwriter does) gets wrong.
func writeTable(b *strings.Builder, rows [][]string) {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], ansi.StringWidthWc(cell))
		}
	}
	for _, row := range rows {
		var line strings.Builder
		for i, cell := range row {
			line.WriteString(cell)
			if i < len(row)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidthWc(cell)+2))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

// lessonActivity is how many of a lesson's examples were run from it, and
// how many of the predictions made in it were right, for the table: runs
// and predictions count where they were made, not wherever the same
// example appears.
func lessonActivity(l *course.Lesson, stored *progress.Course) (ran, predicted string) {
	names := lessonExamples(l)
	if len(names) == 0 {
		return "-", "-"
	}
	runs := map[string]*progress.ExampleRuns{}
	if lp := stored.Lessons[l.ID]; lp != nil && lp.Examples != nil {
		runs = lp.Examples
	}
	n := 0
	for _, name := range names {
		if r := runs[name]; r != nil && r.Runs > 0 {
			n++
		}
	}
	made, right := 0, 0
	for _, p := range stored.Predictions {
		if p.Lesson == l.ID {
			made++
			right += btoi(p.Right)
		}
	}
	predicted = "-"
	if made > 0 {
		predicted = fmt.Sprintf("%d of %d right", right, made)
	}
	return fmt.Sprintf("%d of %d", n, len(names)), predicted
}

// unattributed says how many runs and predictions a progress file from
// before lessons were recorded holds without a lesson; "" for none.
func unattributed(stored *progress.Course) string {
	runs, predictions := unattributedCounts(stored)
	var parts []string
	if runs > 0 {
		parts = append(parts, learn.Plural(runs, "run", "runs"))
	}
	if predictions > 0 {
		parts = append(parts, learn.Plural(predictions, "prediction", "predictions"))
	}
	return strings.Join(parts, " and ")
}

func unattributedCounts(stored *progress.Course) (runs, predictions int) {
	for _, e := range stored.Examples {
		if e != nil {
			runs += e.Runs
		}
	}
	for _, l := range stored.Lessons {
		if l == nil {
			continue
		}
		for _, e := range l.Examples {
			if e != nil {
				runs -= e.Runs
			}
		}
	}
	for _, p := range stored.Predictions {
		predictions += btoi(p.Lesson == "")
	}
	return max(runs, 0), predictions
}

// resumeLesson is the lesson the learner was last in, and where, when the
// course still has it.
func resumeLesson(c *course.Course, stored *progress.Course) (lesson, line int, ok bool) {
	if stored.Resume.Lesson == "" {
		return 0, 0, false
	}
	i := slices.IndexFunc(c.Lessons, func(l *course.Lesson) bool { return l.ID == stored.Resume.Lesson })
	return i, stored.Resume.Line, i >= 0
}

// lessonName is lesson i as the menu numbers and names it: "3. The event loop".
func lessonName(c *course.Course, i int) string {
	return fmt.Sprintf("%d. %s", i+1, termtext.Name(c.Lessons[i].Title))
}

// nextAdvice says what to do next and how, from learn.Next; "" for a course
// without lessons.
func nextAdvice(c *course.Course, stored *progress.Course) string {
	step := learn.Next(c, stored)
	if step.Kind == learn.StepNone {
		return ""
	}
	if step.Kind == learn.StepComplete {
		o := learn.Survey(c, stored)
		s := "Course complete: every lesson read"
		if o.Quizzes > 0 {
			s += fmt.Sprintf(" and every quiz passed, best scores %d%% on average", learn.Percent(o.Best))
		}
		return s + ".\nTry next: retake a quiz for a better score, run an example with other parameters " +
			"(asyncio-tutor run --list), or write a course of your own: asyncio-tutor init DIR, then asyncio-tutor check DIR.\n"
	}
	name, st := lessonName(c, step.Lesson), step.State
	open := fmt.Sprintf("run asyncio-tutor, type %d and press enter", step.Lesson+1)
	if resume, _ := learn.Resume(c, stored); resume == step.Lesson {
		open = "run asyncio-tutor and press enter"
	}
	var what string
	switch step.Kind {
	case learn.StepStart:
		what = "start with " + name
	case learn.StepRead:
		what = "read " + name
		if step.Line > 0 {
			what = "read on in " + name
		}
		if st.Passed {
			what += " to its end"
		} else if st.HasQuiz {
			what += ", then take its quiz"
		}
	case learn.StepTakeQuiz:
		what, open = "take the quiz of "+name, open+", then t"
	case learn.StepRetakeQuiz:
		what = fmt.Sprintf("retake the quiz of %s: your best is %d%%, %d%% passes", name, learn.Percent(st.Best), learn.Percent(st.Pass))
		open += ", then t"
	case learn.StepFinishQuiz:
		what = fmt.Sprintf("finish the quiz of %s, at question %d of %d", name, st.Question(), st.Asked)
		open += ", then t"
	}
	return fmt.Sprintf("Next: %s (%s).\n", what, open)
}

// countOf says "1 of 3 lessons" or "0 of 1 lesson": the noun agrees with
// the total.
func countOf(n, of int, one, many string) string {
	return fmt.Sprintf("%d of %s", n, learn.Plural(of, one, many))
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lessonExamples are the names of a lesson's examples, each once.
func lessonExamples(l *course.Lesson) []string {
	var names []string
	for _, r := range l.Examples() {
		if !slices.Contains(names, r.Name) {
			names = append(names, r.Name)
		}
	}
	return names
}
