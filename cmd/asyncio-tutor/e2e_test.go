package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The end-to-end tests run the real binary in a pseudo-terminal and read its
// screen through a terminal emulator, as a learner would see it.

// builtBinary is the player built once per test run, with build tags.
type builtBinary struct {
	tags []string
	once sync.Once
	path string
	err  error
}

var (
	player       = &builtBinary{}
	faultyPlayer = &builtBinary{tags: []string{"faultinject"}}
	buildDir     string // every binary built here, removed after the tests
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		_ = os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

func (b *builtBinary) get(t *testing.T) string {
	t.Helper()
	b.once.Do(func() {
		if buildDir == "" {
			if buildDir, b.err = os.MkdirTemp("", "asyncio-tutor-e2e"); b.err != nil {
				return
			}
		}
		b.path = filepath.Join(buildDir, "asyncio-tutor-"+strings.Join(append([]string{"player"}, b.tags...), "-"))
		args := []string{"build", "-o", b.path}
		if len(b.tags) > 0 {
			args = append(args, "-tags", strings.Join(b.tags, ","))
		}
		if out, err := exec.Command("go", append(args, ".")...).CombinedOutput(); err != nil {
			b.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	require.NoError(t, b.err)
	return b.path
}

// binary is the player as learners get it.
func binary(t *testing.T) string { return player.get(t) }

type session struct {
	t    *testing.T
	cmd  *exec.Cmd
	tty  *os.File
	emu  *screenBuffer
	done chan struct{}
}

// screenBuffer serialises the program's output into the emulator with
// reads of its screen: vt's SafeEmulator does not lock String.
type screenBuffer struct {
	mu sync.Mutex
	*vt.Emulator
}

func newScreen(w, h int) *screenBuffer { return &screenBuffer{Emulator: vt.NewEmulator(w, h)} }

func (b *screenBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Emulator.Write(p)
}

func (b *screenBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Emulator.String()
}

func (b *screenBuffer) Resize(w, h int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.Emulator.Resize(w, h)
}

// start runs the binary at 100x30 with its own state folder.
func start(t *testing.T, stateDir string, args ...string) *session {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+stateDir, "TERM=xterm-256color", "NO_COLOR=", "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 100})
	require.NoError(t, err)
	s := &session{t: t, cmd: cmd, tty: tty, emu: newScreen(100, 30), done: make(chan struct{})}
	go func() { // the program's output drives the emulator
		defer close(s.done)
		_, _ = io.Copy(s.emu, tty)
	}()
	go func() { // the emulator's answers (colour queries…) go back to the program
		_, _ = io.Copy(tty, s.emu)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		_ = tty.Close()
	})
	return s
}

func (s *session) screen() string { return s.emu.String() }

// waitFor waits until the screen shows text, failing with the screen after
// a generous time: CI machines are small and busy.
func (s *session) waitFor(text string) {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(s.screen(), text) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("the screen never showed %q; it shows:\n%s", text, s.screen())
}

func (s *session) press(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		b := map[string]string{"enter": "\r", "tab": "\t", "esc": "\x1b", "space": " ", "end": "\x1b[F", "down": "\x1b[B", "up": "\x1b[A"}[k]
		if b == "" {
			b = k
		}
		_, err := s.tty.Write([]byte(b))
		require.NoError(s.t, err)
		time.Sleep(60 * time.Millisecond) // a lone ESC must not merge with the next key
	}
}

// exit waits for the program to end by itself.
func (s *session) exit() {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	select {
	case <-s.done:
	case <-ctx.Done():
		s.t.Fatalf("the program did not exit; the screen:\n%s", s.screen())
	}
}

// A learner's first session and their return, end to end: open the first
// lesson, run its example to the end, take its quiz, quit, come back.
func TestLearnerSessionEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	state := t.TempDir()
	course := "--course=" + goodCourse

	s := start(t, state, course)
	s.waitFor("Start: 1. Waits")
	s.press("enter")
	s.waitFor("Example: One thing after another")
	s.press("tab", "enter")
	s.waitFor("Predict before you run")
	s.press("2", "enter")
	s.waitFor("hello from say2")
	s.waitFor("finished")
	s.waitFor("You predicted 2 s")

	s.press("esc", "t")
	s.waitFor("Question 1 of 5")
	s.press("2", "enter", "enter")                     // single: right
	s.press("1", "2", "enter", "enter")                // multi: right
	s.press("async", "tab", "await", "enter", "enter") // two blanks: right
	s.press("2", "enter", "enter")                     // a regex key: right
	s.press("enter", "enter")                          // order, shuffled: wrong
	s.waitFor("4 of 5 right")
	s.press("enter")
	s.press("esc")
	s.waitFor("quiz 80% passed")
	s.press("q")
	s.exit()

	again := start(t, state, course)
	again.waitFor("Continue: 1. Waits")
	again.waitFor("quiz 80% passed")
	again.press("q")
	again.exit()
}

func TestPlayWithoutATerminalSaysWhatWorks(t *testing.T) {
	r := runCLI(t, "")
	assert.Equal(t, exitUsage, r.code)
	assert.Empty(t, r.stdout, "no escape codes, nothing on stdout")
	assert.Contains(t, r.stderr, "asyncio-tutor list")
}
