package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"github.com/asyncio-tutor/asyncio-tutor/internal/ptytest"
)

// Faults, end to end: signals, panics, resize storms and missing terminals.
// Whatever happens, the learner's terminal must come back as it was: the
// alternate screen left, the cursor shown, echo and line editing on.

// buffer is a bytes.Buffer safe for a writer goroutine and a reader.
type buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// faultSession is a session whose terminal the test keeps: it holds the
// pty's tty side, so the termios the program leaves behind can be read after
// it exits, and it keeps stderr apart from the screen.
type faultSession struct {
	*session
	ptmx     *os.File
	slave    *os.File      // the tty side, which the program has as its terminal
	before   *unix.Termios // the tty before the program started
	stderr   *buffer
	copied   chan struct{} // closed when all the program wrote is on the emulator
	exitedAt time.Time
}

// startFaulty is start with a terminal the test owns. Extra environment
// (ASYNCIO_TUTOR_FAULT=…) comes in env.
func startFaulty(t *testing.T, bin string, env []string, args ...string) *faultSession {
	t.Helper()
	ptmx, tty, err := pty.Open()
	require.NoError(t, err)
	require.NoError(t, pty.Setsize(ptmx, &pty.Winsize{Rows: 30, Cols: 100}))
	before, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	require.NoError(t, err)

	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+t.TempDir(), "TERM=xterm-256color", "NO_COLOR=", "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=")
	cmd.Env = append(cmd.Env, env...)
	stderr := &buffer{}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true} // tty is its controlling terminal: SIGWINCH reaches it
	require.NoError(t, cmd.Start())

	s := &faultSession{
		session: &session{t: t, cmd: cmd, tty: ptmx, emu: ptytest.NewScreen(100, 30), done: make(chan struct{})},
		ptmx:    ptmx, slave: tty, before: before, stderr: stderr, copied: make(chan struct{}),
	}
	go func() { // the program's output drives the emulator
		defer close(s.copied)
		_, _ = io.Copy(s.emu, ptmx)
	}()
	go func() { // the emulator's answers (colour queries…) go back to the program
		_, _ = io.Copy(ptmx, s.emu)
	}()
	go func() { // done (which session.exit waits for) is the process's end here
		_ = cmd.Wait() // the status is in cmd.ProcessState
		s.exitedAt = time.Now()
		close(s.done)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-s.done
		_ = tty.Close()
		_ = ptmx.Close()
		// Not s.emu.Close(): vt's Close races with the Read the answering
		// goroutine is blocked in. That goroutine ends with the test binary.
	})
	return s
}

// alive reports whether the program is still running.
func (s *faultSession) alive() bool {
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// rawMode checks that the program really put the terminal in raw mode, so
// that finding it restored later means something.
func (s *faultSession) rawMode() {
	s.t.Helper()
	tio, err := unix.IoctlGetTermios(int(s.slave.Fd()), unix.TCGETS)
	require.NoError(s.t, err)
	require.Zero(s.t, tio.Lflag&(unix.ECHO|unix.ICANON), "the player runs in raw mode")
}

// signal sends sig to the program.
func (s *faultSession) signal(sig syscall.Signal) {
	s.t.Helper()
	require.NoError(s.t, s.cmd.Process.Signal(sig))
}

// waitForStderr waits until the program has written text on stderr.
func (s *faultSession) waitForStderr(text string) {
	s.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if strings.Contains(s.stderr.String(), text) {
			return
		}
	}
	s.t.Fatalf("stderr never said %q; it says:\n%s", text, s.stderr.String())
}

// exitWithin waits for the program to end by itself within d: a bound for
// a program that would never end, generous enough for a busy machine.
func (s *faultSession) exitWithin(d time.Duration) {
	s.t.Helper()
	select {
	case <-s.done:
	case <-time.After(d):
		// SIGABRT makes the Go runtime print every goroutine: where it hangs.
		_ = s.cmd.Process.Signal(syscall.SIGABRT)
		select {
		case <-s.done:
		case <-time.After(5 * time.Second):
		}
		s.t.Fatalf("the program did not exit within %v; the screen:\n%s\nstderr, with its goroutines:\n%s", d, s.screen(), s.stderr.String())
	}
}

// restored checks, once the program has exited, that it gave the terminal
// back: termios as before (echo and canonical mode on), the alternate screen
// left and the cursor shown.
func (s *faultSession) restored() {
	s.t.Helper()
	require.False(s.t, s.alive())
	after, err := unix.IoctlGetTermios(int(s.slave.Fd()), unix.TCGETS)
	require.NoError(s.t, err)
	assert.NotZero(s.t, after.Lflag&unix.ECHO, "echo is back on")
	assert.NotZero(s.t, after.Lflag&unix.ICANON, "canonical mode is back on")
	assert.Equal(s.t, s.before.Lflag, after.Lflag, "local modes as before")
	assert.Equal(s.t, s.before.Iflag, after.Iflag, "input modes as before")
	assert.Equal(s.t, s.before.Oflag, after.Oflag, "output modes as before")

	// With the tty closed the pty reports EOF once everything the program
	// wrote has been read, so the emulator is complete.
	_ = s.slave.Close()
	select {
	case <-s.copied:
	case <-time.After(5 * time.Second):
		s.t.Fatal("the program's last output never arrived")
	}
	alt, hidden := s.emu.Modes()
	assert.False(s.t, alt, "the alternate screen is left")
	assert.False(s.t, hidden, "the cursor is shown")
}

// exitCode is the program's exit status; -1 when a signal killed it.
func (s *faultSession) exitCode() int {
	return s.cmd.ProcessState.ExitCode()
}

// toExampleRun opens the first lesson's example and starts its run: the
// sequential example, two one-second waits.
func (s *faultSession) toExampleRun() {
	s.t.Helper()
	s.waitFor("Start: 1. Waits")
	s.press("enter")
	s.waitFor("Example: One thing after another")
	s.press("tab", "enter")
	s.waitFor("Predict before you run")
	s.press("2", "enter")
}

func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
}

// A signal in the middle of an animation ends the player at once and
// leaves the terminal as it found it.
func TestSignalDuringAnimationRestoresTheTerminal(t *testing.T) {
	skipShort(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			s := startFaulty(t, binary(t), nil, "--course="+goodCourse)
			s.toExampleRun()
			s.waitFor("say1") // the timeline is moving
			s.rawMode()
			require.True(t, s.alive())
			require.NotContains(t, s.screen(), "finished", "the signal must come mid-run")
			sent := time.Now()
			s.signal(sig)
			s.exitWithin(20 * time.Second)
			t.Logf("%v: exited %d after %v", sig, s.exitCode(), s.exitedAt.Sub(sent))
			assert.True(t, s.cmd.ProcessState.Exited(), "the program handles %v itself, it is not killed by it", sig)
			s.restored()
			assert.NotContains(t, s.stderr.String(), "panic")
		})
	}
}

// faultBinary is the player built with -tags faultinject (internal/tui's
// faultinject.go), in which ASYNCIO_TUTOR_FAULT and SIGUSR1 make it panic.
func faultBinary(t *testing.T) string { return faultyPlayer.get(t) }

// A panic in Update, in View or in a Cmd stops the player, restores the
// terminal and says on stderr what happened.
func TestPanicRestoresTheTerminalAndReports(t *testing.T) {
	skipShort(t)
	for _, point := range []string{"update", "view", "cmd"} {
		t.Run(point, func(t *testing.T) {
			s := startFaulty(t, faultBinary(t), []string{"ASYNCIO_TUTOR_FAULT=" + point}, "--course="+goodCourse)
			s.waitFor("Start: 1. Waits")
			s.rawMode()
			s.signal(syscall.SIGUSR1) // arm the fault
			s.waitForStderr("fault armed: " + point)
			// Any key reaches Update and then View. A new window width
			// makes the player render the lesson it expects next, in a Cmd
			// (renderLesson, run in a tea.Batch).
			if point == "cmd" {
				s.resize(90, 30)
			} else {
				s.press("down")
			}
			s.exitWithin(20 * time.Second)
			s.restored()
			stderr := s.stderr.String()
			assert.Contains(t, stderr, "fault injected: "+point, "the panic is reported")
			assert.Contains(t, stderr, "asyncio-tutor hit a bug", "with a word for the learner")
			assert.NotEqual(t, exitOK, s.exitCode())
			t.Logf("exit %d; stderr starts %q", s.exitCode(), stderr[:min(len(stderr), 200)])
		})
	}
}

// A panic in an example's goroutine is the run's error, shown on the
// example screen; the player keeps going.
func TestPanicInExampleGoroutineIsShownNotFatal(t *testing.T) {
	skipShort(t)
	s := startFaulty(t, faultBinary(t), []string{"ASYNCIO_TUTOR_FAULT=example"}, "--course="+goodCourse)
	s.toExampleRun()
	s.waitFor("the run failed")
	s.waitFor("fault injected")
	require.True(t, s.alive())
	s.rawMode()
	s.press("esc")
	s.waitFor("Example: One thing after another")
	s.press("esc", "q")
	s.exitWithin(20 * time.Second)
	assert.Equal(t, exitOK, s.exitCode())
	s.restored()
	assert.NotContains(t, s.stderr.String(), "panic")
}

// A storm of resizes, down to 1x1 and up to 300x100, on each screen: the
// player survives, and once the window settles it draws a whole frame.
func TestResizeStorm(t *testing.T) {
	skipShort(t)
	s := startFaulty(t, binary(t), nil, "--course="+goodCourse)
	s.waitFor("Start: 1. Waits")

	screens := []struct {
		name  string
		enter func()
		shows string
	}{
		{"menu", func() {}, "Start: 1. Waits"},
		{"lesson", func() { s.press("enter") }, "Example: One thing after another"},
		{"example", func() {
			s.press("tab", "enter")
			s.waitFor("Predict before you run")
			s.press("2", "enter") // the run animates through the storm
		}, "sequential"},
	}
	for _, sc := range screens {
		sc.enter()
		s.waitFor(sc.shows)
		s.resizeStorm()
		require.True(t, s.alive(), "after the storm on the %s; stderr:\n%s", sc.name, s.stderr.String())
		s.resize(50, 12) // proof the resizes reach the program: too small to lay out
		s.waitFor("needs a window of at least")
		s.resize(100, 30)
		s.waitFor(sc.shows)
		s.wholeFrame(sc.name, 100, 30)
	}
	s.press("esc", "esc", "q")
	s.exitWithin(20 * time.Second)
	s.restored()
	assert.Empty(t, s.stderr.String())
}

func (s *faultSession) resize(w, h int) {
	s.t.Helper()
	require.NoError(s.t, pty.Setsize(s.ptmx, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)}))
	s.emu.Resize(w, h)
}

// resizeStorm grows the window from 1x1 to 300x100 and shrinks it back, in
// quick steps.
func (s *faultSession) resizeStorm() {
	const steps = 40
	size := func(i int) (int, int) { return 1 + 299*i/steps, 1 + 99*i/steps }
	for i := 0; i <= steps; i++ {
		s.resize(size(i))
		time.Sleep(5 * time.Millisecond)
	}
	for i := steps; i >= 0; i-- {
		s.resize(size(i))
		time.Sleep(5 * time.Millisecond)
	}
}

// wholeFrame waits for the screen to stop changing and checks it is one
// frame of the player at w x h: no line wider than the window, the key help
// on the last line, no "window too small" notice left over.
func (s *faultSession) wholeFrame(name string, w, h int) {
	s.t.Helper()
	last, stable := "", time.Now()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if now := s.screen(); now != last {
			last, stable = now, time.Now()
		} else if time.Since(stable) > 400*time.Millisecond {
			break
		}
	}
	lines := strings.Split(strings.TrimRight(last, "\n"), "\n")
	require.LessOrEqual(s.t, len(lines), h, "%s: the screen:\n%s", name, last)
	for i, l := range lines {
		assert.LessOrEqual(s.t, ansi.StringWidth(l), w, "%s: line %d is wider than the window: %q", name, i+1, l)
	}
	assert.NotContains(s.t, last, "needs a window of at least", "%s: the too-small notice is gone", name)
	assert.Len(s.t, lines, h, "%s: the frame fills the window, key help on its last line:\n%s", name, last)
	assert.Contains(s.t, lines[len(lines)-1], " • ", "%s: the key help is on the last line:\n%s", name, last)
}

// Without a terminal the player says what works instead and writes no
// escape code; the commands that work without one write none either.
func TestNoTerminalNoEscapeCodes(t *testing.T) {
	skipShort(t)
	bin := binary(t)
	run := func(t *testing.T, stdin *os.File, ctty bool, args ...string) (code int, stdout, stderr string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, args...)
		// A colourful terminal is claimed; the output is not one.
		cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+t.TempDir(), "TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=", "CLICOLOR_FORCE=")
		var out, errOut bytes.Buffer
		cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &out, &errOut
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: ctty} // no controlling terminal unless ctty
		err := cmd.Run()
		var exit *exec.ExitError
		if err != nil && !assert.ErrorAs(t, err, &exit) {
			return -1, out.String(), errOut.String()
		}
		return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
	}
	noESC := func(t *testing.T, what, s string) {
		t.Helper()
		assert.NotContains(t, s, "\x1b", "%s holds an escape code: %q", what, s[:min(len(s), 300)])
	}

	t.Run("stdout redirected", func(t *testing.T) {
		_, tty, err := pty.Open()
		require.NoError(t, err)
		defer tty.Close()
		code, stdout, stderr := run(t, tty, true)
		assert.Equal(t, exitUsage, code)
		noESC(t, "stdout", stdout)
		noESC(t, "stderr", stderr)
		assert.Contains(t, stderr, "asyncio-tutor list")
	})

	devNull, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer devNull.Close()
	t.Run("no terminal at all", func(t *testing.T) {
		code, stdout, stderr := run(t, devNull, false)
		assert.Equal(t, exitUsage, code)
		noESC(t, "stdout", stdout)
		noESC(t, "stderr", stderr)
	})
	for _, args := range [][]string{{"run", "gather", "--speed", "20"}, {"list"}, {"check"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stdout, stderr := run(t, devNull, false, args...)
			assert.Equal(t, exitOK, code, "stderr: %s", stderr)
			assert.NotEmpty(t, stdout)
			noESC(t, "stdout", stdout)
			noESC(t, "stderr", stderr)
		})
	}
}
