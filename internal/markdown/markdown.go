// Package markdown renders course markdown for the terminal with glamour,
// keeps what it rendered for the few widths and themes used last, and
// filters the result, since glamour passes escape sequences through (and
// decodes &#27; into real ones). A text is measured first (internal/mdnest)
// and only one within Budget is handed to glamour, whose time and memory
// would otherwise grow without bound on hostile texts (minutes for 1 MiB).
package markdown

import (
	"hash/maphash"
	"regexp"
	"slices"
	"strings"
	"sync"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/mdnest"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

// Theme is the background a text is rendered for.
type Theme string

const (
	Dark  Theme = "dark"
	Light Theme = "light"
	// Plain is for NO_COLOR and dumb terminals: glamour's style without colour.
	Plain Theme = "notty"
)

// MaxNesting is how deeply lists and quotes may nest before a text is shown
// as plain text instead. The measure is shared with the course loader
// (internal/mdnest), which reports such a lesson as a markdown-nesting
// problem.
const MaxNesting = mdnest.MaxDepth

// Budget bounds what is handed to glamour: nesting, blocks, the longest
// paragraph (goldmark's inline parse is quadratic in it for some texts) and
// the code blocks that get syntax highlighting. A text outside it is shown
// as PlainText. A variable so tests can shrink it.
var Budget = mdnest.Budget

// keepWidths is how many (width, theme) pairs keep their texts and their
// glamour renderer: the width shown, the one before a resize, and the same
// two after a light/dark switch. Dragging a window's edge renders at every
// width it passes; only the last few are worth keeping.
const keepWidths = 4

// maxBucketBytes bounds the texts kept for one width. The built-in course
// is about 1.3 MB rendered at one width, so a course several times its size
// stays whole; only texts that keep changing (a lesson edited under
// --watch, fuzzing) grow a width past it, and then its texts start over.
const maxBucketBytes = 8 << 20

type style struct {
	width int
	theme Theme
}

// bucket is what one width and theme keep: the texts rendered for it, by
// hash, and the glamour renderer that made them.
type bucket struct {
	style
	texts map[uint64]string // guarded by Renderer.mu
	bytes int               // guarded by Renderer.mu

	tr func() (*glamour.TermRenderer, error) // made once, outside Renderer.mu
	mu sync.Mutex                            // glamour's renderers are not safe for concurrent use
}

func newBucket(st style) *bucket {
	return &bucket{style: st, texts: map[uint64]string{}, tr: sync.OnceValues(func() (*glamour.TermRenderer, error) {
		// Making one parses a style sheet, which costs more than
		// rendering a short text: one per width and theme.
		return glamour.NewTermRenderer(glamour.WithStandardStyle(string(st.theme)), glamour.WithWordWrap(st.width))
	})}
}

// Renderer renders markdown and keeps what it rendered for the few widths
// and themes used last. It is safe for concurrent use: the player renders
// in tea.Cmds, off the UI goroutine, while Update asks Cached, which never
// waits for a render.
type Renderer struct {
	seed maphash.Seed

	mu     sync.Mutex // guards widths and the texts in them, never held while rendering
	widths []*bucket  // most recently used first, at most keepWidths

	testHook func(style) // called before each glamour render, with no lock but the bucket's held
}

// New returns an empty renderer.
func New() *Renderer { return &Renderer{seed: maphash.MakeSeed()} }

// Render renders md to fit width cells for theme. The same text at the same
// width and theme is rendered once while that width is one of the few used
// last. Untrusted input is cleaned before parsing and the output filtered
// after; a text outside Budget, or that glamour cannot render, comes back
// as PlainText, which says so, rather than as an error.
func (r *Renderer) Render(md string, width int, theme Theme) string {
	st, h := style{max(width, 10), theme}, maphash.String(r.seed, md)
	r.mu.Lock()
	b := r.use(st, true)
	out, ok := b.texts[h]
	r.mu.Unlock()
	if ok {
		return out
	}
	out = r.render(b, termtext.Text(md))
	r.mu.Lock()
	defer r.mu.Unlock()
	// Kept only if the width still is: a render that finishes after the
	// window moved on must not push the width in use out.
	if i := r.index(st); i >= 0 {
		r.widths[i].keep(h, out)
	}
	return out
}

// Cached reports whether Render would answer from the cache, so a screen
// can show cached text at once and render the rest in a tea.Cmd.
func (r *Renderer) Cached(md string, width int, theme Theme) (string, bool) {
	st, h := style{max(width, 10), theme}, maphash.String(r.seed, md)
	r.mu.Lock()
	defer r.mu.Unlock()
	if b := r.use(st, false); b != nil {
		out, ok := b.texts[h]
		return out, ok
	}
	return "", false
}

// use returns the bucket of st, made the most recently used; with create it
// makes a missing one, and the least recently used past keepWidths goes,
// its glamour renderer with it. r.mu must be held.
func (r *Renderer) use(st style, create bool) *bucket {
	var b *bucket
	if i := r.index(st); i >= 0 {
		b = r.widths[i]
		r.widths = slices.Delete(r.widths, i, i+1)
	} else if create {
		b = newBucket(st)
	} else {
		return nil
	}
	r.widths = slices.Insert(r.widths, 0, b)
	if len(r.widths) > keepWidths {
		r.widths = slices.Delete(r.widths, keepWidths, len(r.widths))
	}
	return b
}

func (r *Renderer) index(st style) int {
	return slices.IndexFunc(r.widths, func(b *bucket) bool { return b.style == st })
}

// keep stores a text, starting the bucket over when it would outgrow
// maxBucketBytes. r.mu must be held.
func (b *bucket) keep(h uint64, out string) {
	if _, ok := b.texts[h]; ok {
		return // rendered twice at once: the same text
	}
	if b.bytes+len(out) > maxBucketBytes {
		clear(b.texts)
		b.bytes = 0
	}
	b.texts[h] = out
	b.bytes += len(out)
}

func (r *Renderer) render(b *bucket, md string) string {
	shape := mdnest.Measure(md)
	if ok, _ := shape.Within(Budget); !ok {
		return PlainText(md, b.width)
	}
	tr, err := b.tr()
	if err != nil {
		return Unrendered(md, b.width)
	}
	src := uncoloured(md, shape, Budget.Highlight)
	b.mu.Lock()
	if r.testHook != nil {
		r.testHook(b.style)
	}
	out, err := tr.Render(src)
	b.mu.Unlock()
	if err != nil {
		return Unrendered(md, b.width)
	}
	return fitCells(termtext.Filter(out), b.width)
}

// uncoloured blanks the language of each code block the budget leaves
// uncoloured, so glamour shows it without syntax highlighting, which costs
// as much again as the rest of a code block's render. Blanking keeps every
// other byte in place.
func uncoloured(md string, shape mdnest.Shape, highlight int) string {
	var buf []byte
	for i, coloured := range shape.Coloured(highlight) {
		c := shape.Code[i]
		if coloured || c.InfoStart == c.InfoStop {
			continue
		}
		if buf == nil {
			buf = []byte(md)
		}
		for j := c.InfoStart; j < c.InfoStop; j++ {
			buf[j] = ' '
		}
	}
	if buf == nil {
		return md
	}
	return string(buf)
}

// TooComplex is the line shown above a text the renderer would not format.
const TooComplex = "This lesson is too complex to format; shown as plain text."

// PlainText is md as Unformatted text under a line saying why it is not
// formatted: what a text outside the budget is shown as.
func PlainText(md string, width int) string {
	return TooComplex + "\n\n" + Unformatted(strings.TrimLeft(md, "\n"), width)
}

// CouldNotFormat is the line shown above a text whose render failed.
const CouldNotFormat = "This part of the lesson could not be formatted; shown as plain text."

// Unrendered is md as Unformatted text under CouldNotFormat: what a text
// glamour failed on is shown as, without blaming its size.
func Unrendered(md string, width int) string {
	return CouldNotFormat + "\n\n" + Unformatted(strings.TrimLeft(md, "\n"), width)
}

// Unformatted is md cleaned of anything but text and wrapped to width
// cells, its markdown left as written.
func Unformatted(md string, width int) string {
	return ansi.WrapWc(termtext.Text(md), max(width, 10), " ")
}

// trailingPad is the padding glamour puts after a line's text: spaces, each
// maybe in its own colour.
var trailingPad = regexp.MustCompile(`(?:\x1b\[[0-9;:]*m| )+$`)

// fitCells re-wraps the lines glamour made wider than width cells as a
// terminal counts them. glamour measures grapheme clusters, and a Thai
// syllable such as "ทำ" is one cluster but two cells on screen (SARA AM is
// a spacing vowel), so Thai lines can come out a few cells too wide and
// would be cut at the window's edge.
func fitCells(s string, width int) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x0E00 && r <= 0x0E7F }) {
		return s // only Thai is measured differently in the course's scripts
	}
	lines := strings.Split(s, "\n")
	out := lines[:0:0]
	for _, l := range lines {
		if ansi.StringWidthWc(l) <= width {
			out = append(out, l)
			continue
		}
		// glamour pads lines to the width it measured: cut the padding first.
		plain := ansi.Strip(l)
		if pad := trailingPad.FindStringIndex(l); pad != nil {
			l = l[:pad[0]] + "\x1b[m"
		}
		if ansi.StringWidthWc(l) <= width {
			out = append(out, l)
			continue
		}
		indent := strings.Repeat(" ", min(len(plain)-len(strings.TrimLeft(plain, " ")), width/4))
		for i, part := range strings.Split(ansi.WrapWc(l, width-len(indent), " "), "\n") {
			if i > 0 {
				part = indent + strings.TrimLeft(part, " ")
			}
			out = append(out, part)
		}
	}
	return strings.Join(out, "\n")
}
