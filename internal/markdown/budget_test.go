package markdown

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/mdnest"
)

// maxLesson is the course loader's cap on a lesson file.
const maxLesson = 1 << 20

// hostile are the worst texts found under the 1 MiB cap, by what makes
// glamour or goldmark slow; the benchmarks time each, the tests check that
// each is bounded.
var hostile = map[string]func() string{
	// Ordered lists and quotes in turn, which the old line count missed:
	// glamour's time grew sevenfold per ten levels (80 s at 90).
	"ordered-quotes": func() string { return strings.Repeat("1. > ", 45) + "x" },
	// Lists 8 deep over and over: within the depth limit, 2 min of glamour.
	"deep-lists": func() string { return fill(deepList(8), maxLesson) },
	// One Go code block: chroma and glamour's code writer, 27 s and more.
	"code-block": func() string {
		return "```go\n" + fill("fmt.Println(\"hi\", x+1) // c\n", maxLesson-10) + "```\n"
	},
	// Many small code blocks: glamour sets chroma up for each (8 ms).
	"code-blocks": func() string { return fill("```go\nx := 1\n```\n\n", maxLesson) },
	// goldmark's link parse is quadratic in the open brackets: 25 s.
	"brackets": func() string { return strings.Repeat("[", 300000) + strings.Repeat("]", 300000) },
	// goldmark's emphasis parse is quadratic in intraword delimiters: 2 min.
	"underscores": func() string { return fill("_a", maxLesson) },
	// Link reference definitions: goldmark's transform is quadratic in them.
	"link-refs": func() string { return fill("[a]: b\n", maxLesson) },
	// One table of 130 000 rows.
	"table": func() string { return "|a|b|c|\n|-|-|-|\n" + fill("|x|y|z|\n", maxLesson-20) },
	// Bracket paragraphs short enough for the inline bound, many of them.
	"bracket-paragraphs": func() string {
		return fill(strings.Repeat("[", 1000)+strings.Repeat("]", 1000)+"\n\n", maxLesson)
	},
}

func deepList(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

// fill repeats unit up to size bytes.
func fill(unit string, size int) string { return strings.Repeat(unit, size/len(unit)) }

// Every hostile text is shown as plain text under the notice, and is
// outside the budget for the reason that makes it slow.
func TestHostileTextsFallBackToPlainText(t *testing.T) {
	why := map[string]string{
		"ordered-quotes": "nest", "deep-lists": "blocks", "code-block": "too much",
		"code-blocks": "blocks", "brackets": "paragraph", "underscores": "paragraph",
		"link-refs": "paragraph", "table": "paragraph", "bracket-paragraphs": "too much",
	}
	for name, make := range hostile {
		t.Run(name, func(t *testing.T) {
			md := make()
			require.LessOrEqual(t, len(md), maxLesson)
			ok, reason := mdnest.Measure(md).Within(Budget)
			assert.False(t, ok)
			assert.Contains(t, reason, why[name])
			out := New().Render(md, 80, Dark)
			assert.True(t, strings.HasPrefix(out, TooComplex+"\n\n"), "the learner is told")
		})
	}
}

// The 227-byte lesson body that passed the old check.
func TestOrderedListsInQuotesAreTooDeep(t *testing.T) {
	md := strings.Repeat("1. > ", 45) + "x"
	s := mdnest.Measure(md)
	assert.Greater(t, s.Depth, MaxNesting)
	out := New().Render(md, 40, Dark)
	assert.Equal(t, PlainText(md, 40), out)
	assert.Contains(t, out, "1. > 1. >")
}

// Within the budget a big code block is shown, but only the code that fits
// the highlight bound is coloured; the rest keeps its text, not its
// language.
func TestCodePastTheHighlightBoundIsUncoloured(t *testing.T) {
	small := "```go\nx := 1\n```\n"
	big := "```python\n" + fill("print(1)\n", Budget.Highlight+100) + "```\n"
	md := small + "\n" + big + "\n" + small
	s := mdnest.Measure(md)
	ok, why := s.Within(Budget)
	require.True(t, ok, why)
	assert.Equal(t, []bool{true, false, true}, s.Coloured(Budget.Highlight))
	out := uncoloured(md, s, Budget.Highlight)
	assert.Len(t, out, len(md))
	assert.Equal(t, 2, strings.Count(out, "```go"), "the small ones keep their language")
	assert.NotContains(t, out, "python")
	assert.Contains(t, out, "print(1)")
}

func TestUnformattedIsCleanedAndWrapped(t *testing.T) {
	out := Unformatted("a \x1b]52;c;aGk=\x07 "+strings.Repeat("[", 50), 20)
	assert.NotContains(t, out, "\x1b")
	for _, l := range strings.Split(out, "\n") {
		assert.LessOrEqual(t, len(l), 20)
	}
}
