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
			return quiet.exitCode()
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

// failed is returned by a command that has already said what went wrong
// (a check's report, a grade, a hint): nothing more to print, exit 1 unless
// code says otherwise.
type failed struct {
	what string
	code int
}

func (f *failed) Error() string { return f.what + " failed" }

func (f *failed) exitCode() int {
	if f.code != 0 {
		return f.code
	}
	return exitFail
}

// usageError is an input the user can fix: a missing folder, a bad flag value.
func usageError(format string, args ...any) error {
	return fmt.Errorf(format, args...)
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
	root.AddCommand(newRunCmd(), newCheckCmd(), newListCmd(), newGradeCmd(), newSchemaCmd(), newProgressCmd())
	return root
}
