package source

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Window is a scrolled view of highlighted lines: a title line, then as
// many lines of code as the rest of its height holds. Scrolling and
// drawing share one idea of how many lines fit, so the last line can be
// reached and every press of up undoes a press of down.
type Window struct {
	Lines []string
	Top   int // the first line shown
}

// codeRows is how many lines of code a window of height rows shows.
func codeRows(height int) int { return max(height-1, 1) }

// MaxTop is the furthest Top goes in a window of height rows: the last
// line at the bottom.
func (w Window) MaxTop(height int) int { return max(len(w.Lines)-codeRows(height), 0) }

// Scroll moves the window by delta lines (negative: up), within the lines.
func (w *Window) Scroll(delta, height int) {
	w.Top = min(max(w.Top+delta, 0), w.MaxTop(height))
}

// Page moves the window by a page less one line, so that a line stays on
// screen to read on from.
func (w *Window) Page(down bool, height int) {
	step := max(codeRows(height)-1, 1)
	if !down {
		step = -step
	}
	w.Scroll(step, height)
}

// View draws the window in exactly height lines, none wider than width:
// title, then "lines A-B of N" and hint as room allows, then the code.
func (w Window) View(title, hint string, width, height int) string {
	if height < 1 {
		return ""
	}
	top := min(max(w.Top, 0), w.MaxTop(height))
	end := min(top+codeRows(height), len(w.Lines))
	where := "  lines " + strconv.Itoa(top+1) + "-" + strconv.Itoa(end) + " of " + strconv.Itoa(len(w.Lines))
	if len(w.Lines) == 0 {
		where = "  (empty)"
	}
	out := make([]string, 0, height)
	out = append(out, ansi.TruncateWc(title+where+hint, width, "…"))
	if height > 1 {
		for _, l := range w.Lines[top:end] {
			out = append(out, ansi.TruncateWc(l, width, "…"))
		}
	}
	for len(out) < height {
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}
