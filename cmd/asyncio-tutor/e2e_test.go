package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/ptytest"
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
		b.err = ptytest.Build(b.path, ".", b.tags...)
	})
	require.NoError(t, b.err)
	return b.path
}

// binary is the player as learners get it.
func binary(t *testing.T) string { return player.get(t) }

// session is the binary running in a pseudo-terminal (see internal/ptytest),
// with the test it fails.
type session struct {
	t    *testing.T
	cmd  *exec.Cmd
	tty  *os.File
	emu  *ptytest.Screen
	done chan struct{}
}

// start runs the binary at 100x30 with its own state folder.
func start(t *testing.T, stateDir string, args ...string) *session {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = ptytest.Env(stateDir)
	ps, err := ptytest.Start(cmd, 100, 30)
	require.NoError(t, err)
	t.Cleanup(ps.Close)
	return &session{t: t, cmd: cmd, tty: ps.TTY, emu: ps.Screen, done: ps.Done}
}

func (s *session) screen() string { return s.emu.String() }

// waitFor waits until the screen shows text, failing with the screen after
// a generous time: CI machines are small and busy.
func (s *session) waitFor(text string) {
	s.t.Helper()
	if err := ptytest.WaitFor(s.emu, text, 15*time.Second); err != nil {
		s.t.Fatal(err)
	}
}

func (s *session) press(keys ...string) {
	s.t.Helper()
	require.NoError(s.t, ptytest.Press(s.tty, keys...))
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

	s.press("esc")
	s.waitFor("lesson 1 of") // an esc and a t that arrive together read as alt+t
	s.press("t")
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
