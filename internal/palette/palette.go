// Package palette is the one set of colours the player draws with: the
// screens' styles (internal/tui/theme) and the timeline's lanes
// (internal/timeline) take theirs from here, so a state, a right answer
// and a warning never disagree in hue between two parts of one screen.
//
// The colours are Okabe and Ito's, told apart by the common forms of colour
// blindness, each with a darker twin for light backgrounds, where the pale
// ones fade. Colour is never the only signal: every use also has a glyph or
// a word.
package palette

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// A Pair is one colour for a light background and one for a dark one.
type Pair struct{ Light, Dark color.Color }

// On picks the colour for the background.
func (p Pair) On(isDark bool) color.Color { return lipgloss.LightDark(isDark)(p.Light, p.Dark) }

var (
	orange    = lipgloss.Color("#E69F00")
	sky       = lipgloss.Color("#56B4E9")
	green     = lipgloss.Color("#009E73")
	yellow    = lipgloss.Color("#F0E442")
	blue      = lipgloss.Color("#0072B2")
	vermilion = lipgloss.Color("#D55E00")
	purple    = lipgloss.Color("#CC79A7")

	darkOrange = lipgloss.Color("#B06E00")
	darkYellow = lipgloss.Color("#8C7E00")
	darkPurple = lipgloss.Color("#A4487E")
	darkGreen  = lipgloss.Color("#007A59")
)

// The colours by what they mean.
var (
	Accent  = Pair{blue, sky}                                            // titles, focus, a running task
	Good    = Pair{darkGreen, green}                                     // right, passed, done, ready
	Partly  = Pair{darkOrange, orange}                                   // partly right; a sleeping task
	Warning = Pair{darkYellow, yellow}                                   // notices; a task waiting on sync
	Bad     = Pair{vermilion, vermilion}                                 // wrong, errors, cancelled
	Other   = Pair{darkPurple, purple}                                   // a task blocked on a channel
	Now     = Pair{vermilion, orange}                                    // the timeline's now cursor
	Muted   = Pair{lipgloss.Color("#6C6C6C"), lipgloss.Color("#9E9E9E")} // hints, axes
)
