//go:build linux

package main

import (
	"io"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/unix"

	"github.com/asyncio-tutor/asyncio-tutor/internal/ptytest"
)

// Every signal a terminal program meets, end to end, in each full-screen
// entry point: the ones that end it give the terminal back and run the
// clean-ups (the progress lock is released), and a stop gives the terminal
// back until the program is continued, then takes it again and redraws.

// fullScreen is one full-screen entry point: its arguments and what its
// first screen shows.
type fullScreen struct {
	name  string
	args  []string
	shows string
}

func fullScreens() []fullScreen {
	return []fullScreen{
		{"player", []string{"--course=" + goodCourse}, "Start: 1. Waits"},
		{"run", []string{"run", "sequential", "--speed", "0.2"}, "say1"},
	}
}

// startIn starts the binary with args in a pseudo-terminal, its progress in
// state, and waits for its first screen in raw mode.
func startIn(t *testing.T, state string, fs fullScreen) *faultSession {
	t.Helper()
	s := startFaulty(t, binary(t), []string{"XDG_STATE_HOME=" + state}, fs.args...)
	s.waitFor(fs.shows)
	s.rawMode()
	return s
}

// progressUnlocked checks that no running player holds the progress lock
// in state: progress reset, which refuses while one does, works.
func progressUnlocked(t *testing.T, state string) {
	t.Helper()
	cmd := exec.Command(binary(t), "progress", "reset", "--yes", "--course="+goodCourse)
	cmd.Env = ptytest.Env(state)
	out, err := cmd.CombinedOutput()
	assert.NoError(t, err, "progress reset after the player ended: %s", out)
}

func TestStopSignalsRestoreTheTerminal(t *testing.T) {
	skipShort(t)
	for _, fs := range fullScreens() {
		for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGQUIT, syscall.SIGTERM, syscall.SIGINT} {
			t.Run(fs.name+"/"+sig.String(), func(t *testing.T) {
				state := t.TempDir()
				s := startIn(t, state, fs)
				s.signal(sig)
				s.exitWithin(20 * time.Second)
				assert.True(t, s.cmd.ProcessState.Exited(), "the program handles %v itself, it is not killed by it", sig)
				s.restored()
				assert.NotContains(t, s.stderr.String(), "goroutine ", "no stack dump")
				if fs.name == "player" {
					progressUnlocked(t, state)
				}
			})
		}
	}
}

// A player started with SIGHUP ignored (nohup, a trap in a wrapper script)
// still ends when its terminal goes away, and lets go of the progress lock:
// by the signal sent on its own, or by the hangup of the terminal.
func TestHangupEndsAPlayerThatInheritedIgnoringIt(t *testing.T) {
	skipShort(t)
	// The shell ignores SIGHUP and execs the player, which inherits that.
	args := append([]string{"-c", `trap "" HUP; exec "$0" "$@"`, binary(t)}, "--course="+goodCourse)
	t.Run("kill -HUP", func(t *testing.T) {
		state := t.TempDir()
		s := startFaulty(t, "/bin/sh", []string{"XDG_STATE_HOME=" + state}, args...)
		s.waitFor("Start: 1. Waits")
		s.rawMode()
		s.signal(syscall.SIGHUP)
		s.exitWithin(20 * time.Second)
		s.restored()
		progressUnlocked(t, state)
	})
	t.Run("the terminal closes", func(t *testing.T) {
		state := t.TempDir()
		ptmx, tty, err := ptytest.Open(100, 30)
		require.NoError(t, err)
		defer tty.Close()
		cmd := exec.Command("/bin/sh", args...)
		cmd.Env = ptytest.Env(state)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
		require.NoError(t, cmd.Start())
		exited := make(chan struct{})
		go func() {
			_ = cmd.Wait()
			close(exited)
		}()
		t.Cleanup(func() {
			_ = cmd.Process.Kill()
			<-exited
		})
		screen := ptytest.NewScreen(100, 30)
		go func() { _, _ = io.Copy(screen, ptmx) }()
		go func() { _, _ = io.Copy(ptmx, screen) }()
		require.NoError(t, ptytest.WaitFor(screen, "Start: 1. Waits", 15*time.Second))

		// The window goes: the kernel hangs up the terminal, and the
		// session's leader, the player, gets SIGHUP.
		require.NoError(t, ptmx.Close())
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			t.Fatal("the player outlived its terminal")
		}
		progressUnlocked(t, state)
	})
}

// A stop, from outside (kill -TSTP) or by ctrl+z, gives the terminal back
// while the program is stopped; a continue takes it again and redraws.
func TestStopAndContinue(t *testing.T) {
	skipShort(t)
	for _, fs := range fullScreens() {
		for _, how := range []string{"SIGTSTP", "ctrl+z"} {
			t.Run(fs.name+"/"+how, func(t *testing.T) {
				s := startIn(t, t.TempDir(), fs)
				altBefore, _ := s.emu.Modes() // the player takes the alternate screen; run draws inline
				if how == "ctrl+z" {
					s.press("\x1a")
				} else {
					s.signal(syscall.SIGTSTP)
				}
				s.waitStopped(true)
				s.givenBack()

				// Blank both screens of the emulator, so that what shows after
				// the continue can only be a redraw.
				_, _ = s.emu.Write([]byte("\x1b[2J\x1b[?1049h\x1b[2J\x1b[?1049l"))
				require.NotContains(t, s.screen(), fs.shows)
				s.signal(syscall.SIGCONT)
				s.waitStopped(false)
				s.waitRawMode()
				s.waitFor(fs.shows)
				alt, _ := s.emu.Modes()
				assert.Equal(t, altBefore, alt, "the screen the program drew on is back")

				s.press("q")
				s.exitWithin(20 * time.Second)
				assert.Equal(t, exitOK, s.exitCode())
				s.restored()
			})
		}
	}
}

// waitStopped waits until the program is stopped (or running again).
func (s *faultSession) waitStopped(want bool) {
	s.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		stopped, err := ptytest.Stopped(s.cmd.Process.Pid)
		require.NoError(s.t, err)
		if stopped == want {
			return
		}
	}
	s.t.Fatalf("the program never became stopped=%v; the screen:\n%s\nstderr:\n%s", want, s.screen(), s.stderr.String())
}

// givenBack checks, while the program is stopped, that the terminal is as
// it was before: echo, line editing and signal keys on, the alternate
// screen left, the cursor shown.
func (s *faultSession) givenBack() {
	s.t.Helper()
	lflag, err := ptytest.LocalModes(s.slave)
	require.NoError(s.t, err)
	for _, m := range []struct {
		bit  uint32
		name string
	}{{unix.ECHO, "echo"}, {unix.ICANON, "canonical mode"}, {unix.ISIG, "signal keys"}} {
		assert.NotZero(s.t, lflag&m.bit, "%s is back on while stopped", m.name)
	}
	assert.Equal(s.t, s.before.Lflag, lflag, "local modes as before")
	// The program wrote its last bytes before it stopped; they reach the
	// emulator a little later.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if alt, hidden := s.emu.Modes(); !alt && !hidden {
			return
		}
	}
	alt, hidden := s.emu.Modes()
	assert.False(s.t, alt, "the alternate screen is left while stopped")
	assert.False(s.t, hidden, "the cursor is shown while stopped")
}

// waitRawMode waits until the program has put the terminal in raw mode
// again, after a continue.
func (s *faultSession) waitRawMode() {
	s.t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		lflag, err := ptytest.LocalModes(s.slave)
		require.NoError(s.t, err)
		if lflag&(unix.ECHO|unix.ICANON) == 0 {
			return
		}
	}
	s.t.Fatalf("the program never took the terminal back; the screen:\n%s", s.screen())
}
