package timeline

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// clean makes a string from a trace safe to draw: escape sequences are
// removed, tabs and line breaks become spaces, every other C0 or C1 control,
// DEL, and the bidirectional overrides that can reorder the rest of a line are
// dropped, and invalid UTF-8 becomes U+FFFD. With ascii set, every rune outside
// printable ASCII becomes '?'.
//
// It is a local stand-in until internal/termtext exists.
func clean(s string, ascii bool) string {
	if isPlainASCII(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	if strings.IndexByte(s, 0x1b) >= 0 {
		s = ansi.Strip(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// C0, DEL, C1: dropped (ESC included).
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			// bidi embeddings, overrides and isolates
		case ascii && r >= 0x80:
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// width is the number of terminal cells s takes (graphemes, wide runes).
func width(s string) int {
	if isPlainASCII(s) {
		return len(s)
	}
	return ansi.StringWidth(s)
}

// fit cuts s to at most w cells, ending with tail when cut, and returns the
// result with its width.
func fit(s string, sw, w int, tail string) (string, int) {
	if sw <= w {
		return s, sw
	}
	if w <= 0 {
		return "", 0
	}
	if isPlainASCII(s) && isPlainASCII(tail) {
		if len(tail) >= w {
			return s[:w], w
		}
		return s[:w-len(tail)] + tail, w
	}
	if width(tail) >= w {
		tail = ""
	}
	out := ansi.Truncate(s, w, tail)
	return out, width(out)
}

// seconds formats d in seconds with dec decimals: "1.00".
func seconds(d time.Duration, dec int) string {
	return strconv.FormatFloat(d.Seconds(), 'f', dec, 64)
}

// axisLabel formats a tick time with dec decimals and no trailing zeros: "0s",
// "0.5s", "12s".
func axisLabel(d time.Duration, dec int) string {
	s := strconv.FormatFloat(d.Seconds(), 'f', dec, 64)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	return s + "s"
}

// niceUp rounds d up to the next value of 1, 1.5, 2, 3, 4, 5, 6, 8 times a
// power of ten, so that a growing axis rescales now and then, not every frame.
func niceUp(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	v := d.Seconds()
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range [...]float64{1, 1.5, 2, 3, 4, 5, 6, 8, 10} {
		if c := m * p; c >= v*(1-1e-9) {
			return toDuration(c * float64(time.Second))
		}
	}
	return toDuration(10 * p * float64(time.Second))
}

// toDuration converts nanoseconds, saturating instead of overflowing.
func toDuration(ns float64) time.Duration {
	if ns >= math.MaxInt64 {
		return math.MaxInt64
	}
	return time.Duration(ns)
}

// minTickCells keeps ticks apart: a 2 s run on 75 cells gets a tick every
// 0.5 s rather than every 0.2 s.
const minTickCells = 10

// tickStep picks the smallest 1-2-5 step (in seconds) whose ticks lie at
// least minTickCells apart at cellsPerSec and whose labels, up to span, fit
// between them, and the decimals those labels need.
func tickStep(span time.Duration, cellsPerSec float64) (step float64, dec int) {
	intDigits := len(strconv.FormatInt(int64(span.Seconds()), 10))
	for e := -3; e <= 9; e++ {
		p := math.Pow(10, float64(e))
		for _, m := range [...]float64{1, 2, 5} {
			s := m * p
			d := 0
			if e < 0 {
				d = -e
			}
			w := intDigits + 1 // digits and "s"
			if d > 0 {
				w += d + 1
			}
			if s*cellsPerSec >= float64(max(w+3, minTickCells)) {
				return s, d
			}
		}
	}
	return 1e10, 0
}

// TrimFrame drops the blank lines at the end of a frame and the spaces at
// the end of each line, for inline views and for text written to a file.
func TrimFrame(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}
