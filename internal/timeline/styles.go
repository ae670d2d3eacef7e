package timeline

import (
	"image/color"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/palette"
)

// Styles colours a frame. Only colours and text attributes (bold, faint,
// italic, underline, reverse, strikethrough) are used: padding, margins,
// borders and sizes would break the cell grid and are ignored.
//
// Colour is never the only signal: every lane state also has its own glyph,
// so a frame reads the same in PlainStyles.
type Styles struct {
	// Lane states, each drawn with its own glyph too.
	Running   lipgloss.Style // the task runs (on the loop, or on a goroutine); also the await mark that ends a turn
	Sleep     lipgloss.Style // waits on a timer (ReasonSleep)
	Chan      lipgloss.Style // blocked on a channel or a queue (ReasonChan, ReasonQueue)
	Sync      lipgloss.Style // waits on sync: WaitGroup, errgroup, join, lock; a future or a lock in the asyncio models (ReasonSync, ReasonLock, ReasonFuture)
	Ready     lipgloss.Style // ready, waiting for the event loop to give it the turn (ReasonLoop)
	Wait      lipgloss.Style // waits on something the trace does not name
	Done      lipgloss.Style // returned
	Cancelled lipgloss.Style // cancelled

	Name  lipgloss.Style // task names
	Axis  lipgloss.Style // the axis line and its ticks
	Label lipgloss.Style // axis labels and times in panels
	Now   lipgloss.Style // the now cursor and the clock
	Title lipgloss.Style // panel and section titles
	Text  lipgloss.Style // printed output, and the print marks on the lanes
	Muted lipgloss.Style // legend words and notes
}

// DefaultStyles returns the colour styles for a dark (isDark) or light
// terminal background.
func DefaultStyles(isDark bool) Styles {
	fg := func(p palette.Pair) lipgloss.Style { return lipgloss.NewStyle().Foreground(p.On(isDark)) }
	return Styles{
		Running:   fg(palette.Accent),
		Sleep:     fg(palette.Partly),
		Chan:      fg(palette.Other),
		Sync:      fg(palette.Warning),
		Ready:     fg(palette.Good),
		Wait:      fg(palette.Muted),
		Done:      fg(palette.Good).Bold(true),
		Cancelled: fg(palette.Bad).Bold(true),

		Name:  lipgloss.NewStyle().Bold(true),
		Axis:  fg(palette.Muted),
		Label: fg(palette.Muted),
		Now:   fg(palette.Now).Bold(true),
		Title: lipgloss.NewStyle().Bold(true).Underline(true),
		Text:  lipgloss.NewStyle(),
		Muted: fg(palette.Muted),
	}
}

// PlainStyles returns styles that emit no escape sequence at all: for
// NO_COLOR, TERM=dumb, and readable golden files. Glyphs alone tell the states
// apart.
func PlainStyles() Styles {
	p := lipgloss.NewStyle()
	return Styles{
		Running: p, Sleep: p, Chan: p, Sync: p, Ready: p, Wait: p, Done: p, Cancelled: p,
		Name: p, Axis: p, Label: p, Now: p, Title: p, Text: p, Muted: p,
	}
}

// styleID indexes the compiled palette. The lane states come first so that a
// state is its own style id.
type styleID uint8

const (
	idNone styleID = iota
	idRun
	idAwait
	idSleep
	idChan
	idSync
	idLock
	idReady
	idWait
	idPrint
	idDone
	idCancel
	idName
	idAxis
	idLabel
	idNow
	idTitle
	idText
	idMuted
	nIDs
)

// sgr is a style reduced to the escape sequences around a run of text, so a
// frame is assembled by appending strings, not by one lipgloss Render call per
// cell or per span.
type sgr struct{ pre, suf string }

type compiled [nIDs]sgr

func compile(st Styles) *compiled {
	var p compiled
	for id, s := range [...]lipgloss.Style{
		idRun: st.Running, idSleep: st.Sleep, idChan: st.Chan, idSync: st.Sync,
		idReady: st.Ready, idWait: st.Wait, idDone: st.Done, idCancel: st.Cancelled,
		idName: st.Name, idAxis: st.Axis, idLabel: st.Label, idNow: st.Now,
		idTitle: st.Title, idText: st.Text, idMuted: st.Muted,
	} {
		if id == int(idNone) {
			continue
		}
		p[id] = compileOne(s)
	}
	// Marks and states that borrow another's style.
	p[idAwait], p[idLock], p[idPrint] = p[idRun], p[idSync], p[idText]
	return &p
}

// compileOne keeps the colours and attributes of s as the SGR sequence that
// opens them and the reset that closes them. It builds the sequence itself,
// in the order lipgloss's Render does, rather than splitting a rendering: a
// Renderer is then cheap to make, and TestCompileMatchesLipgloss holds the
// two to the same bytes.
func compileOne(s lipgloss.Style) sgr {
	var te ansi.Style
	if s.GetBold() {
		te = te.Bold()
	}
	if s.GetItalic() {
		te = te.Italic(true)
	}
	if s.GetUnderline() {
		te = te.Underline(true)
	}
	if s.GetReverse() {
		te = te.Reverse(true)
	}
	if s.GetBlink() {
		te = te.Blink(true)
	}
	if s.GetFaint() {
		te = te.Faint()
	}
	if c := s.GetForeground(); isColor(c) {
		te = te.ForegroundColor(c)
	}
	if c := s.GetBackground(); isColor(c) {
		te = te.BackgroundColor(c)
	}
	if c := s.GetUnderlineColor(); isColor(c) {
		te = te.UnderlineColor(c)
	}
	if s.GetUnderline() {
		te = te.UnderlineStyle(s.GetUnderlineStyle())
	}
	if s.GetStrikethrough() {
		te = te.Strikethrough(true)
	}
	if len(te) == 0 {
		return sgr{}
	}
	return sgr{pre: te.String(), suf: ansi.ResetStyle}
}

func isColor(c color.Color) bool {
	if c == nil {
		return false
	}
	_, none := c.(lipgloss.NoColor)
	return !none
}
