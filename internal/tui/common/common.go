// Package common is what every screen of the player shares (the styles,
// the keys, the markdown renderer, the terminal's abilities, the course and
// the learner's progress as the app holds it) and the messages screens
// send: navigation goes up to the app as messages, never by a screen
// reaching into another.
package common

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
	"github.com/asyncio-tutor/asyncio-tutor/internal/timeline"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// Terminal is what the terminal can do, worked out once by the command
// that starts the player.
type Terminal struct {
	Color    bool // false for NO_COLOR and dumb terminals
	ASCII    bool // --ascii, TERM=dumb: no block glyphs
	NoMotion bool // --no-animation: timelines jump from event to event
}

// Common is shared by pointer: the app changes it (a resize, the
// terminal's background, a reloaded course, a saved action) and every
// screen reads it. Screens never change it.
type Common struct {
	Terminal
	Context  context.Context  // cancelled when the program ends: stops example runs
	Lang     say.Lang         // the language of the interface
	Now      func() time.Time // the time progress records
	Styles   theme.Styles
	Keys     theme.KeyMap
	Markdown *markdown.Renderer
	MDTheme  markdown.Theme
	IsDark   bool

	Course   *course.Course
	Lesson   string           // the id of the lesson open, or the one the example or quiz on screen was opened from; "" on the menu
	Progress *progress.Course // the app's copy of the learner's progress in this course
	Problems []course.Problem // an instructor's --watch: what check finds in the course
	Notices  []string         // told on the menu: read-only progress, a quarantined file…

	Width, Height int // the screen's body: the window less the status line
}

// SetDark picks the styles for a dark or a light background.
func (c *Common) SetDark(isDark bool) {
	c.IsDark = isDark
	c.Styles = theme.New(isDark)
	switch {
	case !c.Color:
		c.MDTheme = markdown.Plain
	case isDark:
		c.MDTheme = markdown.Dark
	default:
		c.MDTheme = markdown.Light
	}
}

// Timeline is the options timelines are drawn with.
func (c *Common) Timeline() timeline.Options {
	st := timeline.PlainStyles()
	if c.Color {
		st = timeline.DefaultStyles(c.IsDark)
	}
	return timeline.Options{Styles: st, ASCII: c.ASCII}
}

// Wrap fits text to width cells, by words.
func Wrap(s string, width int) string {
	return lipgloss.NewStyle().Width(max(width, 1)).Render(s)
}

// Relabel is a binding with help text that fits a screen.
func Relabel(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

// Display is a help entry standing for several bindings at once.
func Display(keys, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, desc))
}

// Fit pads or cuts s to exactly height lines, each at most width cells.
func Fit(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:max(height, 0)]
	}
	for i, l := range lines {
		if ansi.StringWidthWc(l) > width {
			lines[i] = ansi.TruncateWc(l, width, "")
		}
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// Count says "1 error" or "3 errors".
func Count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// OpenLessonMsg asks for lesson Index, scrolled to Line.
type OpenLessonMsg struct{ Index, Line int }

// OpenExampleMsg asks for the example screen of a card.
type OpenExampleMsg struct{ Ref *course.ExampleRef }

// OpenQuizMsg asks for the quiz of a lesson.
type OpenQuizMsg struct{ Lesson, Quiz string }

// BackMsg asks to leave the screen for the one it was opened from.
type BackMsg struct{}

// QuitMsg asks to end the session.
type QuitMsg struct{}

// RecordMsg carries a change the learner's action makes to their progress:
// the app applies it to its copy and saves it.
type RecordMsg struct{ Change learn.Change }

// ErrorMsg is a failure to tell the learner on the status line.
type ErrorMsg struct{ Err error }

// Send is a Cmd that delivers msg.
func Send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// Record is a Cmd that reports a change to the learner's progress.
func Record(c learn.Change) tea.Cmd { return Send(RecordMsg{Change: c}) }
