package ptytest

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These screens are sent no query, so nothing waits for their answers.

// A program that still thinks its window is 30 rows tall sets margins to
// row 30 on a screen of 5 and scrolls: as in xterm, the bottom margin is
// the last row, and the scroll moves the rows above it.
func TestAMarginBelowTheScreenIsItsLastRow(t *testing.T) {
	s := NewScreen(10, 5)
	_, err := io.WriteString(s, "a\r\nb\r\nc\r\nd\r\ne"+ansi.SetTopBottomMargins(1, 30)+ansi.ScrollDown(1))
	require.NoError(t, err)
	require.NotContains(t, s.String(), "panicked")
	assert.Equal(t, []string{"", "a", "b", "c", "d"}, rows(s))

	// Margins inside the screen are kept as they are sent.
	_, err = io.WriteString(s, ansi.SetTopBottomMargins(2, 3)+ansi.ScrollDown(1))
	require.NoError(t, err)
	assert.Equal(t, []string{"", "", "a", "c", "d"}, rows(s))
}

// A panic inside the emulator breaks that screen, not the test binary: its
// String says what happened, so the test that reads it fails with a reason.
func TestAnEmulatorPanicBreaksOnlyItsScreen(t *testing.T) {
	s := NewScreen(10, 5)
	s.RegisterCsiHandler('q', func(ansi.Params) bool { panic("a bug in the emulator") })
	n, err := io.WriteString(s, "hi\x1b[q")
	require.NoError(t, err)
	assert.Equal(t, 5, n, "the output is taken, so the program is not blocked")
	assert.Contains(t, s.String(), "the terminal emulator panicked on the program's output (a bug in the emulator)")
	_, err = io.WriteString(s, "more")
	require.NoError(t, err)
	assert.Contains(t, s.String(), "panicked", "a broken screen stays broken")
	assert.Error(t, WaitFor(s, "hi", 0))
}

func rows(s *Screen) []string {
	var out []string
	for _, l := range strings.Split(s.String(), "\n") {
		out = append(out, strings.TrimRight(l, " "))
	}
	return out
}
