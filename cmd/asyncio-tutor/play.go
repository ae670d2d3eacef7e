package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui"
)

type playFlags struct {
	courseFlags
	noAnimation bool
	ascii       bool
	watch       bool
	plain       bool
}

func (f *playFlags) register(cmd *cobra.Command) {
	f.courseFlags.register(cmd, true)
	cmd.Flags().BoolVar(&f.noAnimation, "no-animation", false, "reduced motion: timelines jump from event to event")
	cmd.Flags().BoolVar(&f.ascii, "ascii", false, "draw timelines with ASCII only, for fonts without block glyphs")
	cmd.Flags().BoolVar(&f.watch, "watch", false, "with --course: reload when a file changes and show check's problems in a panel")
	cmd.Flags().BoolVar(&f.plain, "plain", false, "line by line, for screen readers and dumb terminals: no screen drawing, no colour (also when TERM=dumb)")
}

// localeLang is the course language the environment asks for: "th" for a
// Thai locale such as th_TH.UTF-8, "" otherwise.
func localeLang() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			lang, _, _ := strings.Cut(l, "_")
			lang, _, _ = strings.Cut(lang, ".")
			return strings.ToLower(lang)
		}
	}
	return ""
}

// play runs the course player. Without a terminal it writes no escape code:
// it says which commands work without one and exits 2.
func play(cmd *cobra.Command, f playFlags) error {
	if plainWanted(f) {
		return playPlain(cmd, f)
	}
	out := cmd.OutOrStdout()
	if !isTerminal(out) || !isTerminal(os.Stdin) {
		fmt.Fprint(cmd.ErrOrStderr(), `asyncio-tutor plays its course in a terminal, and this is not one.
Without a terminal, these work:
  asyncio-tutor --plain               the course line by line (screen readers, pipes)
  asyncio-tutor list                  the lessons, their quizzes and examples
  asyncio-tutor run NAME              run an example and print its timeline
  asyncio-tutor check [DIR]           validate a course and prove its answer keys
`)
		return reported("play", exitUsage)
	}
	c, problems, err := f.loadCourse()
	if err != nil {
		return err
	}
	var panel []course.Problem // shown only to an instructor who asked to --watch
	if f.watch {
		if f.dir == "" {
			return usageError("--watch reloads a course folder as you edit it; give the folder with --course DIR")
		}
		// An instructor sees the problems in a panel and keeps playing.
		panel = reload(cmd.Context(), &f).Problems // a course with no lesson yet waits for its first
	} else if err := f.usable(problems); err != nil {
		return err
	}

	key := progress.CourseKey(f.dir) // "builtin" for the built-in course
	store, notices := openProgress()
	if store != nil {
		defer store.Close()
	}
	// Example runs stop with the program, however it ends.
	ctx, cancel := context.WithCancel(cmd.Context())
	defer cancel()
	app := tui.New(tui.Options{
		Course:    c,
		CourseKey: key,
		Store:     store,
		Notices:   notices,
		Terminal:  terminalAbilities(f.ascii, f.noAnimation),
		Context:   ctx,
		Problems:  panel,
		Lang:      say.Of(f.shown),
	})
	p := newProgram(cmd.Context(), app)
	if f.watch {
		if err := watchCourse(cmd.Context(), p.Program, &f); err != nil {
			return ioError("cannot watch "+f.dir, err)
		}
	}
	_, err = p.Run()
	// However the program ended (q, ctrl+c, SIGTERM or SIGHUP, a panic),
	// the learner's place and quiz answers are saved before the store closes.
	if ferr := app.Flush(); ferr != nil {
		fmt.Fprintln(cmd.ErrOrStderr(), "asyncio-tutor: your place in the course was not saved: "+ferr.Error())
	}
	if errors.Is(err, tea.ErrProgramKilled) && cmd.Context().Err() != nil {
		return nil // interrupted by a signal: the terminal is restored, nothing to add
	}
	if errors.Is(err, tea.ErrProgramPanic) {
		// Said here, not by fang: see quietExitKey.
		fmt.Fprintln(cmd.ErrOrStderr(), "asyncio-tutor hit a bug and stopped; your progress up to the last screen is saved. Please report it with the text above.")
		return reported("play", exitFail)
	}
	if err != nil {
		return ioError("the player stopped", err)
	}
	return nil
}

// loadCourse loads the course to play: in the --lang asked for, or else in
// the locale's language when the course has it, or else in English.
func (f *playFlags) loadCourse() (*course.Course, []course.Problem, error) {
	if f.lang == "" {
		return f.loadPreferring(localeLang())
	}
	return f.load()
}

// openProgress opens the learner's progress file. Trouble with it never
// stops the course: the learner is told, and the session is not saved.
func openProgress() (*progress.Store, []string) {
	store, err := openProgressStore()
	if err != nil {
		return nil, []string{"progress will not be saved this session: " + err.Error()}
	}
	var notices []string
	for _, n := range store.Notices() {
		notices = append(notices, n.String())
	}
	return store, notices
}
