// Command asyncio-tutor plays an interactive course on asynchronous
// programming, and checks course folders for instructors and CI.
//
// This package only wires: it parses flags, calls into internal/..., and
// turns outcomes into exit codes: 0 ok, 1 a check or grade failed, 2 a usage
// or input error.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

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
		fang.WithNotifySignal(os.Interrupt, syscall.SIGTERM),
		fang.WithErrorHandler(func(w io.Writer, styles fang.Styles, err error) {
			var quiet *failed
			if errors.As(err, &quiet) {
				return // the command already said what failed
			}
			// Messages may quote course text; they reach a terminal.
			err = errors.New(termtext.Clean(err.Error()))
			if !isTerminal(stderr) {
				// CI logs and pipes get one plain line, not a padded box.
				fmt.Fprintf(w, "asyncio-tutor: %v\n", err)
				return
			}
			fang.DefaultErrorHandler(w, styles, err)
		}),
	}
	if version != "" {
		opts = append(opts, fang.WithVersion(version))
	}
	if err := fang.Execute(ctx, root, opts...); err != nil {
		var quiet *failed
		if errors.As(err, &quiet) {
			return exitFail
		}
		return exitUsage
	}
	return exitOK
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

// failed is returned by a command whose check or grade failed after it has
// printed its report: exit 1 and nothing more to say.
type failed struct{ what string }

func (f *failed) Error() string { return f.what + " failed" }

// usageError is an input the user can fix: a missing folder, a bad flag value.
func usageError(format string, args ...any) error {
	return fmt.Errorf(format, args...)
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "asyncio-tutor",
		Short: "An interactive course on asynchronous programming, in your terminal",
		Long: `asyncio-tutor teaches the ideas of Python's asyncio (coroutines, async/await, the
event loop, gather, queues, limiting concurrency) by running each one live as real Go
and drawing the run as a timeline. It also checks course folders for instructors and CI.`,
		Example: `  asyncio-tutor                         # the course outline and where to start
  asyncio-tutor list                    # lessons, quizzes and examples
  asyncio-tutor check ./my-course       # validate a course folder and prove its answer keys`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runOutline(cmd)
		},
	}
	root.AddCommand(newRunCmd(), newCheckCmd(), newListCmd(), newGradeCmd(), newSchemaCmd())
	return root
}
