// Package mdnest measures the shape of a markdown text as the renderer will
// parse it: how deeply lists and block quotes nest, how many blocks there
// are, how long the longest run of inline text is and where the fenced code
// blocks sit.
//
// The course loader reports a lesson that nests deeper than MaxDepth as a
// problem at the marker that goes too deep, and the markdown renderer shows
// any text outside the Limits as plain text instead of handing it to
// glamour, whose time grows steeply with nesting and whose parser
// (goldmark) is quadratic in the length of some inline texts. Both use this
// one measure, so a course that passes check renders.
//
// Only the block structure is parsed, with the block parsers glamour uses:
// that is linear in the text's length, while the inline parse is where
// goldmark can be quadratic. The package uses goldmark but no terminal
// library, so the domain may import it.
package mdnest

import (
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxDepth is the deepest nesting of lists and block quotes a lesson may
// use; no lesson needs more.
const MaxDepth = 16

// Limits bound what the renderer formats; a text outside them is shown as
// plain text.
type Limits struct {
	Depth int // lists and quotes nested in each other
	// Inline is the most bytes one paragraph, heading or table may hold:
	// goldmark's inline parse is quadratic in it for some texts ("_a" or
	// "[" repeated).
	Inline int
	// Highlight is the most bytes of code, over all the code blocks, that
	// are coloured; the blocks past it are shown uncoloured.
	Highlight int
	// Work bounds a render's estimated cost (see Shape.Work).
	Work int
}

// Budget keeps a glamour render under about half a second of CPU and a few
// tens of megabytes on the worst inputs found (internal/markdown's
// benchmarks); the built-in course's lessons cost a tenth of it or less.
var Budget = Limits{Depth: MaxDepth, Inline: 16 << 10, Highlight: 16 << 10, Work: 600_000}

// The cost of a glamour render, in microseconds of this machine's CPU, by
// what it grows with. Measured on the worst texts found: markdown's
// punctuation, dense, costs 8 to 16 µs a byte (prose under 1), a block 50
// to 100 µs per
// level it is nested at, a code block 8 ms however small (glamour sets up
// chroma for each), its code about 10 µs a byte and as much again to colour.
const (
	workPerInlineByte   = 2
	workPerInlineMark   = 24
	workPerBlockLevel   = 100
	workPerCodeBlock    = 8000
	workPerCodeByte     = 10
	workPerColouredByte = 10
)

// Shape is what Measure finds in a text.
type Shape struct {
	Depth int // the deepest nesting of lists and quotes
	// DeepAt is the byte offset of the marker of the first list or quote
	// that nests deeper than MaxDepth, or -1.
	DeepAt int
	Blocks int // block nodes, up to maxBlocks
	// Weight is the sum over the blocks of their depth plus one: glamour's
	// time grows with it, each block costing more the deeper it sits.
	Weight int
	// Truncated says the text has more than maxBlocks blocks and was not
	// measured to its end, or nests more than maxDepth deep.
	Truncated bool
	// Inline is the length in bytes of the longest paragraph, heading or
	// table, and InlineAt where it starts.
	Inline, InlineAt int
	InlineBytes      int    // the bytes of all of them
	InlineMarks      int    // how many of those are markdown punctuation
	Code             []Code // the code blocks, fenced or indented, in order
}

// Code is one code block: where its info string (the language) is, and
// how many bytes of code it holds.
type Code struct {
	InfoStart, InfoStop int // byte offsets; equal when there is no info string
	Bytes               int
}

// Within reports whether a text of shape s is inside lim, and which bound
// it passes when it is not.
func (s Shape) Within(lim Limits) (ok bool, why string) {
	switch {
	case s.Depth > lim.Depth:
		return false, "lists and quotes nest too deeply"
	case s.Truncated:
		return false, "too many blocks"
	case s.Inline > lim.Inline:
		return false, "a paragraph is too long"
	case s.Work(lim.Highlight) > lim.Work:
		return false, "too much to format"
	}
	return true, ""
}

// Coloured reports which code blocks get syntax highlighting: those, in
// order, that fit in highlight bytes of code together with the ones before.
func (s Shape) Coloured(highlight int) []bool {
	coloured := make([]bool, len(s.Code))
	for i, c := range s.Code {
		if c.InfoStart < c.InfoStop && c.Bytes <= highlight {
			coloured[i] = true
			highlight -= c.Bytes
		}
	}
	return coloured
}

// Work estimates what a glamour render of the text costs, in microseconds
// of CPU, when the code blocks Coloured(highlight) picks are coloured.
func (s Shape) Work(highlight int) int {
	w := s.InlineBytes*workPerInlineByte + s.InlineMarks*workPerInlineMark + s.Weight*workPerBlockLevel
	coloured := s.Coloured(highlight)
	for i, c := range s.Code {
		w += workPerCodeBlock + c.Bytes*workPerCodeByte
		if coloured[i] {
			w += c.Bytes * workPerColouredByte
		}
	}
	return w
}

// Measure parses the block structure of md as glamour's parser would and
// returns its shape. It stops counting at maxBlocks blocks (the shape then
// says Truncated), so that a hostile text costs no more to measure than a
// text just past the budget.
func Measure(md string) Shape {
	src := []byte(md)
	rec := &recorder{src: src, depth: map[ast.Node]int{}, shape: Shape{DeepAt: -1}}
	doc, finished := rec.parse(src)
	s := &rec.shape
	s.Truncated = !finished
	if doc != nil {
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && n.Type() == ast.TypeBlock {
				s.measureLeaf(src, n)
			}
			return ast.WalkContinue, nil
		})
	}
	return *s
}

// maxBlocks is where Measure stops: well past any budget, so a truncated
// shape is outside every Limits a renderer would use, and small enough that
// measuring a 1 MiB text of empty list items takes milliseconds.
const maxBlocks = 20000

// maxDepth is where Measure stops following a text deeper in: far past
// MaxDepth, and shallow enough that a text nesting on and on, such as ">"
// repeated, costs little to measure.
const maxDepth = 4 * MaxDepth

// errEnough stops a parse that has counted maxBlocks blocks.
type errEnough struct{}

// parse runs goldmark's block parser over src; finished is false when it
// was stopped at maxBlocks, and then doc is nil.
func (r *recorder) parse(src []byte) (doc ast.Node, finished bool) {
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(errEnough); !ok {
				panic(v)
			}
			doc, finished = nil, false
		}
	}()
	return r.parser().Parse(text.NewReader(src)), true
}

// nesting reports whether n is a level of nesting: a list (its items are
// the same level), a block quote or a definition list.
func nesting(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindList, ast.KindBlockquote, extast.KindDefinitionList:
		return true
	}
	return false
}

// measureLeaf notes a block's inline text and, for a fenced code block,
// where its language is.
func (s *Shape) measureLeaf(src []byte, n ast.Node) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	size := lines.At(lines.Len()-1).Stop - lines.At(0).Start
	switch n := n.(type) {
	case *ast.FencedCodeBlock:
		c := Code{Bytes: size}
		if n.Info != nil {
			c.InfoStart, c.InfoStop = n.Info.Segment.Start, n.Info.Segment.Stop
		}
		s.Code = append(s.Code, c)
		return
	case *ast.CodeBlock:
		s.Code = append(s.Code, Code{Bytes: size})
		return
	}
	s.InlineBytes += size
	for i := range lines.Len() {
		seg := lines.At(i)
		s.InlineMarks += countMarks(src[seg.Start:seg.Stop])
	}
	if size > s.Inline {
		s.Inline, s.InlineAt = size, lines.At(0).Start
	}
}

// countMarks counts the bytes that may start or end an inline node (a
// link, an emphasis, a code span, a table cell...): what the inline parse
// and glamour spend their time on.
func countMarks(b []byte) int {
	n := 0
	for _, c := range b {
		switch c {
		case '[', ']', '(', ')', '!', '*', '_', '`', '<', '>', '&', '|', '\\', '~', ':':
			n++
		}
	}
	return n
}

// recorder counts the blocks as goldmark's block parsers open them, with
// their depth, and notes where the first one too deep opened: goldmark
// keeps no position for container blocks.
type recorder struct {
	src   []byte
	depth map[ast.Node]int // nesting of each block opened, itself included
	shape Shape
}

// parser is goldmark's block parser with the block extensions glamour
// turns on (GFM's tables are a paragraph transform, left out: a table is
// measured as the paragraph it is written as). Inline parsers are left out
// on purpose: their cost is what Limits.Inline bounds.
func (r *recorder) parser() parser.Parser {
	blocks := append(parser.DefaultBlockParsers(),
		util.Prioritized(extension.NewDefinitionListParser(), 101),
		util.Prioritized(extension.NewDefinitionDescriptionParser(), 102))
	for i, b := range blocks {
		blocks[i].Value = recording{b.Value.(parser.BlockParser), r}
	}
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(),
		// No paragraph transformers: goldmark's link reference one is
		// quadratic in a paragraph's lines, and Limits.Inline bounds what
		// it would see.
	)
}

// opened counts a block goldmark opened at byte offset at.
func (r *recorder) opened(n, parent ast.Node, at int) {
	s := &r.shape
	if s.Blocks++; s.Blocks > maxBlocks {
		panic(errEnough{})
	}
	d := r.depth[parent] // 0 for the document
	if nesting(n) {
		d++
	}
	r.depth[n] = d
	s.Weight += d + 1
	s.Depth = max(s.Depth, d)
	if d > MaxDepth && s.DeepAt < 0 {
		s.DeepAt = skipIndent(r.src, at)
	}
	if d > maxDepth {
		panic(errEnough{}) // goldmark's time grows with the square of the nesting
	}
}

func skipIndent(src []byte, at int) int {
	for at < len(src) && (src[at] == ' ' || src[at] == '\t') {
		at++
	}
	return at
}

// recording is a block parser that tells the recorder of each node it
// opens.
type recording struct {
	parser.BlockParser
	r *recorder
}

func (p recording) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, seg := reader.PeekLine()
	n, st := p.BlockParser.Open(parent, reader, pc)
	if n != nil {
		p.r.opened(n, parent, seg.Start)
	}
	return n, st
}

// Position turns a byte offset in md into a 1-based line and a 1-based
// column counted in characters (code points), as every problem of a course
// is reported, so that a Thai line puts the column where an editor does.
func Position(md string, offset int) (line, col int) {
	offset = min(max(offset, 0), len(md))
	before := md[:offset]
	nl := strings.LastIndexByte(before, '\n')
	return strings.Count(before, "\n") + 1, utf8.RuneCountInString(before[nl+1:]) + 1
}
