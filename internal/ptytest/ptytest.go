// Package ptytest runs a program in a pseudo-terminal and reads its screen
// through a terminal emulator, as a person at a terminal would see it. The
// end-to-end tests of cmd/asyncio-tutor use it, and so does the generator
// of the README's screenshots (internal/tools/screenshots).
package ptytest

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// Build builds the main package pkg (a path go build takes, like
// ./cmd/asyncio-tutor) into the file out, with build tags.
func Build(out, pkg string, tags ...string) error {
	args := []string{"build", "-o", out}
	if len(tags) > 0 {
		args = append(args, "-tags", strings.Join(tags, ","))
	}
	if b, err := exec.Command("go", append(args, pkg)...).CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %w\n%s", err, b)
	}
	return nil
}

// Env is the environment of a program under test: this process's, with the
// progress file in stateDir, a colour xterm, and an English UTF-8 locale,
// so that what it shows does not depend on who runs it.
func Env(stateDir string) []string {
	return append(os.Environ(), "XDG_STATE_HOME="+stateDir, "TERM=xterm-256color", "NO_COLOR=", "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=")
}

// Screen is a terminal emulator that serialises the program's output with
// reads of its screen: vt's SafeEmulator does not lock String. Reading from
// it gives the emulator's answers (to colour queries…) for the program.
type Screen struct {
	mu     sync.Mutex
	broken error // the emulator panicked on the program's output: see Write
	*vt.Emulator
}

// NewScreen is an emulator of w columns and h rows.
func NewScreen(w, h int) *Screen {
	e := vt.NewEmulator(w, h)
	clampScrollMargins(e)
	return &Screen{Emulator: e}
}

// clampScrollMargins makes the emulator clamp a bottom margin below the
// screen to its last row, as xterm does. vt keeps it as sent, and the next
// scroll indexes past its buffer. A program in a resize storm sends just
// that: Bubble Tea scrolls with margins for the size it last heard of, and
// the window may be smaller by the time they arrive.
//
// The handler runs before vt's own (the last registered runs first) and
// declines, so vt's sets the margins. It edits the parameters in place
// because vt's reads them back from its parser, whose array they share.
func clampScrollMargins(e *vt.Emulator) {
	e.RegisterCsiHandler('r', func(params ansi.Params) bool {
		if len(params) > 1 {
			if bottom := params[1].Param(0); bottom > e.Height() {
				params[1] = ansi.Param(e.Height())
			}
		}
		return false
	})
}

// Write feeds the program's output to the emulator. A panic in the emulator
// (a bug of vt's, not the program's) would end the whole test binary, and
// every test with it; it breaks this screen instead, and String says so.
func (s *Screen) Write(p []byte) (n int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.broken != nil {
		return len(p), nil
	}
	defer func() {
		if r := recover(); r != nil {
			s.broken = fmt.Errorf("the terminal emulator panicked on the program's output (%v) at\n%s", r, debug.Stack())
			n, err = len(p), nil
		}
	}()
	return s.Emulator.Write(p)
}

// WriteString is Write: without it, the emulator's own would be promoted,
// unlocked and unguarded.
func (s *Screen) WriteString(str string) (int, error) { return s.Write([]byte(str)) }

// String is the screen's text, one line per row, or, once the emulator has
// broken, why there is no screen to read.
func (s *Screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.broken != nil {
		return s.broken.Error()
	}
	return s.Emulator.String()
}

// Resize changes the emulator's size (the pty's is the caller's business).
func (s *Screen) Resize(w, h int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Emulator.Resize(w, h)
}

// Modes reports whether the alternate screen is on and the cursor hidden.
func (s *Screen) Modes() (altScreen, cursorHidden bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Emulator.IsAltScreen(), s.Emulator.CursorHidden()
}

// Session is a program running in a pseudo-terminal.
type Session struct {
	Cmd    *exec.Cmd
	TTY    *os.File // the pty's controlling side: write keys to it
	Screen *Screen
	Done   chan struct{} // closed when the program's output has ended
}

// Start starts cmd in a pseudo-terminal of cols columns and rows rows.
func Start(cmd *exec.Cmd, cols, rows int) (*Session, error) {
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)})
	if err != nil {
		return nil, err
	}
	s := &Session{Cmd: cmd, TTY: tty, Screen: NewScreen(cols, rows), Done: make(chan struct{})}
	go func() { // the program's output drives the emulator
		defer close(s.Done)
		_, _ = io.Copy(s.Screen, tty)
	}()
	go func() { // the emulator's answers go back to the program
		_, _ = io.Copy(tty, s.Screen)
	}()
	return s, nil
}

// Close kills the program if it still runs, and closes the terminal.
func (s *Session) Close() {
	_ = s.Cmd.Process.Kill()
	_ = s.Cmd.Wait()
	_ = s.TTY.Close()
}

// WaitFor waits until the screen shows text, at most timeout.
func (s *Session) WaitFor(text string, timeout time.Duration) error {
	return WaitFor(s.Screen, text, timeout)
}

// Press types keys (see Key).
func (s *Session) Press(keys ...string) error { return Press(s.TTY, keys...) }

// Exit waits, at most timeout, for the program to end by itself.
func (s *Session) Exit(timeout time.Duration) error {
	select {
	case <-s.Done:
		return nil
	case <-time.After(timeout):
		return fmt.Errorf("the program did not exit; the screen:\n%s", s.Screen.String())
	}
}

// WaitFor waits until screen shows text, at most timeout; its error shows
// the screen.
func WaitFor(screen *Screen, text string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if strings.Contains(screen.String(), text) {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("the screen never showed %q; it shows:\n%s", text, screen.String())
}

// keys are the bytes of the named keys Press takes.
var keys = map[string]string{"enter": "\r", "tab": "\t", "esc": "\x1b", "space": " ", "end": "\x1b[F", "down": "\x1b[B", "up": "\x1b[A"}

// Key is the bytes a terminal sends for a key: "enter", "tab", "esc",
// "space", "end", "down", "up"; anything else is sent as it is.
func Key(k string) string {
	if b, ok := keys[k]; ok {
		return b
	}
	return k
}

// Press writes keys to tty one at a time, with a pause after each: a lone
// ESC must not merge with the next key into an escape sequence.
func Press(tty io.Writer, ks ...string) error {
	for _, k := range ks {
		if _, err := io.WriteString(tty, Key(k)); err != nil {
			return err
		}
		time.Sleep(60 * time.Millisecond)
	}
	return nil
}

// TrimScreen drops trailing spaces, folds runs of blank lines into one, and
// drops the blank lines at the start and end.
func TrimScreen(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(l, " ")
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n")
}
