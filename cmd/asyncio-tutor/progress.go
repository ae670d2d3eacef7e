package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
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
--course: each lesson read or not, its quiz's best score and whether you passed, how many of
its examples you ran and how many of your predictions were right. It also says where the
progress file is and anything you should know about it.

--format json prints what the file holds for that course (the format is documented in
the progress package: go doc ./internal/progress). progress reset forgets a lesson, or the whole course.`,
		Example: `  asyncio-tutor progress
  asyncio-tutor progress --course ./my-course
  asyncio-tutor progress --format json
  asyncio-tutor progress reset gathering-results
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
	flags.register(cmd, false)
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
		Long: `reset forgets that you read LESSON and your attempts at its quiz; without LESSON it
forgets everything of the course (the built-in one, or the folder given with --course).
Other courses are not touched.

It asks first, on standard input; --yes answers for you. When standard input is not a
terminal and --yes is not given, it refuses rather than guess (exit 2). When the progress
file cannot be written, nothing is reset (exit 1).`,
		Example: `  asyncio-tutor progress reset gathering-results
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
				lesson = args[0]
				l := c.Lesson(lesson)
				if l == nil && (stored == nil || stored.Lessons[lesson] == nil) {
					return usageError("%s has no lesson %q%s", describeCourse(&flags), lesson, knownLessons(lesson, c, stored))
				}
				what = fmt.Sprintf("lesson %s", termtext.Name(lesson))
				if l != nil {
					what = fmt.Sprintf("lesson %s (%s)", termtext.Name(lesson), termtext.Name(l.Title))
				}
				what += " in " + describeCourse(&flags)
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
	flags.register(cmd, false)
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "reset without asking")
	return cmd
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

	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\tLESSON\tREAD\tQUIZ\tEXAMPLES RUN\tPREDICTIONS\tTITLE")
	read, passed, quizzes := 0, 0, 0
	for i, l := range c.Lessons {
		lp := stored.Lessons[l.ID]
		readCell := "unread"
		if lp.Read() {
			read++
			readCell = lp.ReadAt.Local().Format("2006-01-02")
		}
		quizCell := "-"
		if l.Quiz != "" {
			quizzes++
			quizCell = "not taken"
			if best, ok := lp.Best(); ok {
				verdict := "not passed"
				if lp.Passed() {
					verdict = "passed"
					passed++
				}
				quizCell = fmt.Sprintf("best %.0f%%, %s", clamp01(best.Score)*100, verdict)
			}
		}
		names := lessonExamples(l)
		examplesCell, predictionsCell := "-", "-"
		if len(names) > 0 {
			ran := 0
			for _, n := range names {
				if e := stored.Examples[n]; e != nil && e.Runs > 0 {
					ran++
				}
			}
			examplesCell = fmt.Sprintf("%d of %d", ran, len(names))
			made, right := 0, 0
			for _, p := range stored.Predictions {
				if slices.Contains(names, p.Example) {
					made++
					if p.Right {
						right++
					}
				}
			}
			if made > 0 {
				predictionsCell = fmt.Sprintf("%d of %d right", right, made)
			}
		}
		fmt.Fprintf(tw, "%3d\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, termtext.Name(l.ID), readCell, quizCell,
			examplesCell, predictionsCell, termtext.Name(l.Title))
	}
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintf(&b, "\n%d of %d lessons read, %d of %d quizzes passed.\n", read, len(c.Lessons), passed, quizzes)
	if r := stored.Resume; r.Lesson != "" {
		fmt.Fprintf(&b, "Continue at %s, line %d.\n", termtext.Name(r.Lesson), r.Line+1)
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

func clamp01(x float64) float64 { return min(max(x, 0), 1) }
