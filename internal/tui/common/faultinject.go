//go:build faultinject

package common

import (
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
)

// Fault injection, compiled only with `go build -tags faultinject`: the
// end-to-end tests build such a binary to prove that a panic anywhere in
// the player still leaves the learner's terminal usable.
//
// ASYNCIO_TUTOR_FAULT names the point to break: update (App.Update), view
// (App.View) or cmd (the Cmd that renders a lesson). Nothing breaks until
// the process receives SIGUSR1, so a test can first bring the player up
// (raw mode, alternate screen) and then choose the moment; the process says
// "fault armed" on stderr once it is. (A panic in an
// example's goroutine is injected in internal/examples, with the same
// variable set to example.)
var (
	faultWanted = os.Getenv("ASYNCIO_TUTOR_FAULT")
	faultArmed  atomic.Bool
)

func init() {
	if faultWanted == "" {
		return
	}
	armed := make(chan os.Signal, 1)
	signal.Notify(armed, syscall.SIGUSR1)
	go func() {
		<-armed
		faultArmed.Store(true)
		// Tests keep stderr apart from the screen and wait for this line.
		fmt.Fprintf(os.Stderr, "asyncio-tutor: fault armed: %s\n", faultWanted)
	}()
}

// FaultPoint panics when point is the armed fault.
func FaultPoint(point string) {
	if point == faultWanted && faultArmed.Load() {
		panic("fault injected: " + point)
	}
}
