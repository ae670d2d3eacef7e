// Package source highlights program source for the terminal: the Go of an
// example and its Python counterpart, as the example screen shows them.
//
// Tokens come from chroma's lexers and take a few colours from
// internal/palette, so code reads in the same hues as the rest of the
// screen. The source is cleaned of controls and escape sequences before it
// is lexed, and every line that comes out passes termtext.Filter, so only
// text and SGR colour sequences ever reach the terminal.
package source

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"

	"github.com/asyncio-tutor/asyncio-tutor/internal/palette"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

// Style says how to colour source.
type Style int

const (
	// Plain is no colour at all: for NO_COLOR, a dumb terminal, or tests.
	Plain Style = iota
	// Dark is colour for a dark background.
	Dark
	// Light is colour for a light background.
	Light
)

// tabWidth is how many spaces a tab becomes.
const tabWidth = 4

// Highlight returns src as lines for a terminal, coloured for st. lang is
// "go" or "python" (any other language, or a lexer failure, gives plain
// lines). Tabs become four spaces. A newline that ends src ends its last
// line; it does not start another. Without colour (Plain) the lines are
// the source's own, and with colour they read the same once the SGR
// sequences are stripped. No colour runs past the end of a line, so lines
// can be cut and scrolled one by one.
func Highlight(src, lang string, st Style) []string {
	src = strings.ReplaceAll(termtext.Text(src), "\t", strings.Repeat(" ", tabWidth))
	src = strings.TrimSuffix(src, "\n")
	plain := strings.Split(src, "\n")
	if st == Plain {
		return plain
	}
	lexer := lexerFor(lang)
	if lexer == nil {
		return plain
	}
	it, err := lexer.Tokenise(nil, src)
	if err != nil {
		return plain
	}
	colours := coloursFor(st == Dark)
	lines := make([]string, 0, len(plain))
	var b strings.Builder
	for tok := it(); tok != chroma.EOF; tok = it() {
		sgr := colours.of(tok.Type)
		for i, part := range strings.Split(tok.Value, "\n") {
			if i > 0 {
				lines = append(lines, b.String())
				b.Reset()
			}
			if part == "" {
				continue
			}
			if sgr == "" || strings.TrimSpace(part) == "" {
				b.WriteString(part)
				continue
			}
			b.WriteString(sgr)
			b.WriteString(part)
			b.WriteString(reset)
		}
	}
	lines = append(lines, b.String())
	// A lexer may add a newline of its own at the end.
	for len(lines) > len(plain) && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) != len(plain) {
		return plain
	}
	for i, l := range lines {
		lines[i] = termtext.Filter(l)
	}
	return lines
}

func lexerFor(lang string) chroma.Lexer {
	var l chroma.Lexer
	switch strings.ToLower(lang) {
	case "go":
		l = lexers.Get("go")
	case "python", "py":
		l = lexers.Get("python")
	}
	if l == nil {
		return nil
	}
	return chroma.Coalesce(l)
}

// reset ends a token's colour: the default foreground, nothing else.
const reset = "\x1b[39m"

// colours maps the kinds of token a reader tells apart to SGR sequences
// that set the foreground.
type colours struct {
	keyword, str, number, comment, builtin string
}

func coloursFor(isDark bool) colours {
	return colours{
		keyword: fg(palette.Accent.On(isDark)),
		str:     fg(palette.Good.On(isDark)),
		number:  fg(palette.Partly.On(isDark)),
		comment: fg(palette.Muted.On(isDark)),
		builtin: fg(palette.Other.On(isDark)),
	}
}

// of picks the colour of a token type, "" for none.
func (c colours) of(t chroma.TokenType) string {
	switch {
	case t.InCategory(chroma.Keyword), t == chroma.NameDecorator:
		return c.keyword
	case t.InCategory(chroma.Comment):
		return c.comment
	case t.InSubCategory(chroma.LiteralString):
		return c.str
	case t.InSubCategory(chroma.LiteralNumber):
		return c.number
	case t == chroma.NameBuiltin, t == chroma.NameBuiltinPseudo:
		return c.builtin
	}
	return ""
}

// fg is the SGR sequence for a 24-bit foreground colour.
func fg(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("\x1b[38;2;%d;%d;%dm", r>>8, g>>8, b>>8)
}
