//go:build unix

package main

import (
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	tea "charm.land/bubbletea/v2"
)

// jobControl makes a full-screen program behave under the shell's job
// control. A stop must first give the terminal back (leave raw mode and
// the alternate screen, show the cursor), and a continue must take it again
// and redraw; Bubble Tea does both when it handles a tea.SuspendMsg. So
// ctrl+z (a key in raw mode, not a signal) and a SIGTSTP from outside both
// become that message.
//
// Bubble Tea then stops the process by sending SIGTSTP to its process
// group. That signal reaches the handler here too, which must not turn it
// into another suspend (a loop) nor drop it (Go ignores a SIGTSTP nobody
// listens to once a handler has been installed, and Bubble Tea would wait
// for a SIGCONT forever): while a suspend is under way, the handler stops
// the process with SIGSTOP, which cannot be caught.
type jobControl struct {
	suspending atomic.Bool
}

// filter turns ctrl+z into a suspend; every other message passes.
func (jc *jobControl) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "ctrl+z" {
		jc.suspending.Store(true)
		return tea.SuspendMsg{}
	}
	return msg
}

// start handles SIGTSTP and SIGCONT for p until the returned stop is called.
func (jc *jobControl) start(p *tea.Program) (stop func()) {
	tstp := make(chan os.Signal, 1)
	cont := make(chan os.Signal, 1)
	signal.Notify(tstp, syscall.SIGTSTP)
	signal.Notify(cont, syscall.SIGCONT)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for {
			select {
			case <-done:
				return
			case <-tstp:
				if jc.suspending.Load() {
					// The terminal is given back: really stop.
					_ = syscall.Kill(os.Getpid(), syscall.SIGSTOP)
					continue
				}
				jc.suspending.Store(true)
				go p.Send(tea.SuspendMsg{}) // not blocking here: the next SIGTSTP is Bubble Tea's own
			case <-cont:
				jc.suspending.Store(false)
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		signal.Stop(tstp)
		signal.Stop(cont)
	}
}
