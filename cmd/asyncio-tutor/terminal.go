package main

import (
	"context"
	"os"
	"syscall"

	tea "charm.land/bubbletea/v2"

	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
)

// terminalAbilities works out once what the terminal can show, from the
// flags and the environment, for every front-end to use as it is handed:
// NO_COLOR (any value) turns colour off; TERM=dumb turns off colour and the
// block glyphs.
func terminalAbilities(ascii, noMotion bool) common.Terminal {
	dumb := os.Getenv("TERM") == "dumb"
	return common.Terminal{
		Color:    os.Getenv("NO_COLOR") == "" && !dumb,
		ASCII:    ascii || dumb,
		NoMotion: noMotion,
	}
}

// stopSignals end every command the way ctrl+c does: the context is
// cancelled, a running player leaves the terminal as it found it, and the
// deferred clean-ups (the progress store and its lock) run. Go's default
// for SIGHUP and SIGQUIT would kill the process with the terminal still raw
// and the alternate screen on.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// program is the Bubble Tea program of every full-screen entry point: it
// ends with its context, and ctrl+z or a SIGTSTP from outside suspends it
// with the terminal given back (see jobControl).
type program struct {
	*tea.Program
	jobs *jobControl
}

func newProgram(ctx context.Context, model tea.Model, opts ...tea.ProgramOption) program {
	jobs := &jobControl{}
	opts = append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithFilter(jobs.filter)}, opts...)
	return program{Program: tea.NewProgram(model, opts...), jobs: jobs}
}

// Run runs the program under job control.
func (p program) Run() (tea.Model, error) {
	stop := p.jobs.start(p.Program)
	defer stop()
	return p.Program.Run()
}
