// Command asyncio-tutor plays an interactive course on asynchronous
// programming, and checks course folders for instructors and CI.
//
// This package only wires: it parses flags, calls into internal/..., and
// turns outcomes into exit codes: 0 ok, 1 a check or grade failed or the
// command could not finish (output or progress could not be written), 2 a
// usage or input error. Every error a command returns is an *exitError
// carrying its code (see usageError, inputError, ioError, failure).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

// version is set at build time by the Makefile.
var version = ""

// Exit codes are part of the product's contract.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	opts := []fang.Option{
		fang.WithNotifySignal(stopSignals...),
		fang.WithoutManpage(), // documentCommands adds the man command
		fang.WithErrorHandler(func(w io.Writer, styles fang.Styles, err error) {
			if e := (*exitError)(nil); errors.As(err, &e) && e.reported() {
				return // the command already said what failed
			}
			// Messages may quote course text; they reach a terminal.
			err = errors.New(termtext.Text(err.Error()))
			if !isTerminal(stderr) {
				// CI logs and pipes get plain lines, not a padded box.
				writeLogError(w, err.Error())
				return
			}
			fang.DefaultErrorHandler(w, styles, err)
		}),
	}
	if version != "" {
		opts = append(opts, fang.WithVersion(version))
	}
	quiet := new(int)
	if err := fang.Execute(context.WithValue(ctx, quietExitKey{}, quiet), root, opts...); err != nil {
		return exitCode(err)
	}
	return *quiet
}

// quietExitKey holds, in a command's context, where runE leaves the exit
// code of a failure the command has already explained (exitError's
// reported). Such an error is not handed to fang, which would have
// nothing to print, but, on any error, first asks the terminal its
// background colour: after the player, that query can race the input
// reader Bubble Tea leaves behind a panic and wait forever.
type quietExitKey struct{}

// writeLogError writes msg for a log, every line of it starting with the
// program's name: a reader sees whose line it is, and no text a message
// quotes can begin a line a CI runner would obey ("::error …" on GitHub).
func writeLogError(w io.Writer, msg string) {
	for _, line := range strings.Split(msg, "\n") {
		fmt.Fprintf(w, "asyncio-tutor: %s\n", line)
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// terminalWidth is w's width in columns when w is a terminal, else 0.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return 0
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return width
}

// exitError is the one error type of the commands: every error a command
// returns carries the exit code it ends with, chosen where it is returned.
//
//   - usageError: how the command was called is wrong (a flag value, a
//     name, an argument): exit 2.
//   - inputError: what the command was pointed at cannot be used (a course
//     folder that does not exist or has errors, an answers file that cannot
//     be opened or parsed): exit 2.
//   - ioError: the command was right to run but could not finish: writing
//     its output failed (a closed pipe, a full disk) or progress could not be
//     saved: exit 1. The user did nothing wrong, so it is not 2; the command
//     failed, as a failed check does, so it is 1.
//   - failure: the command ran and its answer is "no" (a check found errors,
//     a grade is below the pass mark); it has already said so: exit 1.
//
// An error a command returns without going through these (one from a
// library, say) is wrapped by runE and exits 1, like ioError; an error
// cobra raises before any command runs (an unknown flag or command, a
// missing required flag, too many arguments) exits 2.
type exitError struct {
	code int
	// err is what went wrong; nil when the command has already said it
	// (a check's report, a grade), and then nothing more is printed.
	err  error
	what string
}

func (e *exitError) Error() string {
	if e.err == nil {
		return e.what + " failed"
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// reported says whether the command has already told the user what went wrong.
func (e *exitError) reported() bool { return e.err == nil }

// usageError is a wrong invocation the user can fix: a bad flag value, an
// unknown name. Exit 2.
func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// inputError is input the user can fix: a missing course folder, a course
// with errors, an answers file that cannot be read or parsed. Exit 2.
func inputError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// ioError is output that could not be written or progress that could not
// be saved: "what: err", matching err with errors.Is. Exit 1.
func ioError(what string, err error) error {
	return &exitError{code: exitFail, err: fmt.Errorf("%s: %w", what, err)}
}

// failure is a check or grade that failed and has said so. Exit 1, nothing
// more printed.
func failure(what string) error {
	return &exitError{code: exitFail, what: what}
}

// reported is a refusal the command has already explained, ending with code.
func reported(what string, code int) error {
	return &exitError{code: code, what: what}
}

// exitCode is the exit status err ends the program with.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var e *exitError
	if errors.As(err, &e) {
		return e.code
	}
	// Not from a command's RunE (runE classifies those): cobra refused the
	// command line before running anything.
	return exitUsage
}

// runE wraps every command's RunE so that each error it returns carries an
// exit code: one that does not already is a failure to finish, exit 1.
func runE(cmd *cobra.Command) {
	if inner := cmd.RunE; inner != nil {
		cmd.RunE = func(cmd *cobra.Command, args []string) error {
			err := inner(cmd, args)
			var e *exitError
			if err == nil {
				return nil
			}
			if !errors.As(err, &e) {
				return &exitError{code: exitFail, err: err}
			}
			if quiet, ok := cmd.Context().Value(quietExitKey{}).(*int); ok && e.reported() {
				*quiet = e.code
				return nil
			}
			return err
		}
	}
	for _, sub := range cmd.Commands() {
		runE(sub)
	}
}

func newRootCmd() *cobra.Command {
	var flags playFlags
	root := &cobra.Command{
		Use:   "asyncio-tutor",
		Short: "An interactive course on asynchronous programming, in your terminal",
		Long: `asyncio-tutor teaches the ideas of Python's asyncio (coroutines, async/await, the
event loop, gather, queues, limiting concurrency) by running each one live as real Go
and drawing the run as a timeline. It also checks course folders for instructors and CI.`,
		Example: `  asyncio-tutor                         # play the course; continue where you left off
  asyncio-tutor --lang th               # the course in Thai
  asyncio-tutor --course ./my-course    # preview a course folder
  asyncio-tutor run gather              # one example, live
  asyncio-tutor check ./my-course       # validate a course folder and prove its answer keys`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return play(cmd, flags)
		},
	}
	flags.register(root)
	root.AddCommand(newRunCmd(), newCheckCmd(), newListCmd(), newGradeCmd(), newSchemaCmd(), newProgressCmd(), newInitCmd())
	documentCommands(root)
	registerCompletions(root)
	runE(root)
	return root
}
