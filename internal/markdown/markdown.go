// Package markdown renders course markdown for the terminal with glamour,
// caches what it rendered per width and theme, and filters the result, since
// glamour passes escape sequences through (and decodes &#27; into real ones).
package markdown

import (
	"hash/maphash"
	"regexp"
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
// as plain text instead: glamour's time grows steeply with nesting (400
// nested list items take minutes), and no lesson needs more.
// The measure is shared with the course loader (internal/mdnest), which
// reports such a lesson as a markdown-nesting problem.
const MaxNesting = mdnest.Max

type key struct {
	hash  uint64
	width int
	theme Theme
}

type rendererKey struct {
	width int
	theme Theme
}

// Renderer renders markdown. It is safe for concurrent use: the player
// renders in tea.Cmds, off the UI goroutine, while Update asks Cached,
// which never waits for a render.
type Renderer struct {
	seed maphash.Seed

	mu        sync.Mutex // guards the maps only, never held while rendering
	cache     map[key]string
	renderers map[rendererKey]*termRenderer
}

// termRenderer is one glamour renderer; glamour's are not safe for
// concurrent use, so each has its own lock.
type termRenderer struct {
	mu sync.Mutex
	tr *glamour.TermRenderer
}

// New returns an empty renderer.
func New() *Renderer {
	return &Renderer{seed: maphash.MakeSeed(), cache: map[key]string{}, renderers: map[rendererKey]*termRenderer{}}
}

// Render renders md to fit width cells for theme. The same text at the same
// width and theme is rendered once. Untrusted input is cleaned before
// parsing and the output filtered after; a text glamour cannot render (or
// that nests too deeply) comes back as cleaned plain text rather than an error.
func (r *Renderer) Render(md string, width int, theme Theme) string {
	width = max(width, 10)
	k := key{hash: maphash.String(r.seed, md), width: width, theme: theme}
	r.mu.Lock()
	out, ok := r.cache[k]
	r.mu.Unlock()
	if ok {
		return out
	}
	out = r.render(termtext.Clean(md), width, theme)
	r.mu.Lock()
	r.cache[k] = out
	r.mu.Unlock()
	return out
}

// Cached reports whether Render would answer from the cache, so a screen
// can show cached text at once and render the rest in a tea.Cmd.
func (r *Renderer) Cached(md string, width int, theme Theme) (string, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	out, ok := r.cache[key{hash: maphash.String(r.seed, md), width: max(width, 10), theme: theme}]
	return out, ok
}

func (r *Renderer) render(md string, width int, theme Theme) string {
	if mdnest.Depth(md) > MaxNesting {
		return plain(md)
	}
	tr, err := r.termRenderer(width, theme)
	if err != nil {
		return plain(md)
	}
	tr.mu.Lock()
	out, err := tr.tr.Render(md)
	tr.mu.Unlock()
	if err != nil {
		return plain(md)
	}
	return fitCells(termtext.Filter(out), width)
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

// termRenderer makes one glamour renderer per width and theme; making one
// parses a style sheet, which costs more than rendering a short text.
func (r *Renderer) termRenderer(width int, theme Theme) (*termRenderer, error) {
	rk := rendererKey{width, theme}
	r.mu.Lock()
	defer r.mu.Unlock()
	if tr, ok := r.renderers[rk]; ok {
		return tr, nil
	}
	tr, err := glamour.NewTermRenderer(glamour.WithStandardStyle(string(theme)), glamour.WithWordWrap(width))
	if err != nil {
		return nil, err
	}
	r.renderers[rk] = &termRenderer{tr: tr}
	return r.renderers[rk], nil
}

func plain(md string) string { return termtext.Clean(md) }
