package course

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A lesson that nests deeper than the renderer formats is an error at the
// marker that goes too deep, on the first such line, never a slow render.
func TestDeepNestingIsAProblemAtItsLine(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\nid: deep\ntitle: Deep\n---\n\nIntro.\n\n")
	for i := range 400 {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	l, ps := ParseLesson("lessons/01-deep.md", []byte(b.String()))
	require.NotNil(t, l, "the lesson is still usable for the rest of the check")
	require.Len(t, ps, 1)
	p := ps[0]
	assert.Equal(t, RuleMarkdownNesting, p.Rule)
	assert.Equal(t, SeverityError, p.Severity)
	// Body line 1 is file line 5; the 17th item (i = 16) is on file line 24,
	// and its marker, after 32 spaces, is at column 33.
	assert.Equal(t, "lessons/01-deep.md:24:33", p.Where())
	assert.Contains(t, p.Message, "17 deep")
}

func TestNestingAtTheLimitIsFine(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\nid: ok\ntitle: OK\n---\n")
	for i := range MaxNesting {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	b.WriteString(strings.Repeat("> ", MaxNesting) + "quoted\n")
	_, ps := ParseLesson("l.md", []byte(b.String()))
	assert.Empty(t, ps)
}

func TestQuotesAndListsCountTogether(t *testing.T) {
	src := "---\nid: q\ntitle: Q\n---\n" + strings.Repeat("> ", 10) + strings.Repeat("- ", 7) + "x\n"
	_, ps := ParseLesson("l.md", []byte(src))
	require.Len(t, ps, 1)
	// Ten "> " take 20 columns; the seventh "- " (depth 17) starts at byte 32.
	assert.Equal(t, "l.md:5:33", ps[0].Where())
}

// The line heuristic counted nothing on a line that opens with an ordered
// list marker, so this 227-byte lesson passed check and took 80 s of CPU
// to show. The parsed tree counts each "1." and each ">" as a level.
func TestOrderedListsInQuotesAreAProblemAtTheMarker(t *testing.T) {
	src := "---\nid: q\ntitle: Q\n---\n" + strings.Repeat("1. > ", 45) + "x"
	_, ps := ParseLesson("l.md", []byte(src))
	require.Len(t, ps, 1)
	assert.Equal(t, RuleMarkdownNesting, ps[0].Rule)
	// The 17th level is the 9th "1.", after eight "1. > " of five bytes.
	assert.Equal(t, "l.md:5:41", ps[0].Where())
}

// What looks like nesting but is not (a code block, text) is no problem.
func TestNestingInCodeIsNoProblem(t *testing.T) {
	deep := strings.Repeat("> ", 20) + "x\n"
	for _, body := range []string{"```\n" + deep + "```\n", "    " + deep} {
		_, ps := ParseLesson("l.md", []byte("---\nid: c\ntitle: C\n---\n"+body))
		assert.Empty(t, ps, "%q", body)
	}
}

// hostileBodies are the worst lesson bodies found under the 1 MiB cap (see
// internal/markdown's hostile texts): checking each must stay cheap.
var hostileBodies = map[string]string{
	"ordered-quotes": strings.Repeat("1. > ", 45) + "x",
	"deep-lists":     strings.Repeat(nestedList(16), (1<<20)/len(nestedList(16))),
	"empty-items":    strings.Repeat("-\n", 1<<19),
	"quotes":         strings.Repeat(">", 1<<20-100),
	"brackets":       strings.Repeat("[", 300000) + strings.Repeat("]", 300000),
	"underscores":    strings.Repeat("_a", 1<<19-100),
	"link-refs":      strings.Repeat("[a]: b\n", (1<<20)/7-20),
	"table":          "|a|b|\n|-|-|\n" + strings.Repeat("|x|y|\n", (1<<20)/6-20),
	"code-block":     "```go\n" + strings.Repeat("x := 1\n", (1<<20)/7-20) + "```\n",
}

func nestedList(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

// BenchmarkCheckHostileLesson parses each hostile lesson as check does.
func BenchmarkCheckHostileLesson(b *testing.B) {
	for _, name := range slices.Sorted(maps.Keys(hostileBodies)) {
		src := []byte("---\nid: h\ntitle: H\n---\n" + hostileBodies[name])
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ParseLesson("lessons/01-h.md", src)
			}
		})
	}
}

// A part of a lesson past the renderer's budget (here one paragraph longer
// than it formats) is a warning at that paragraph, in the part after an
// example card: the author learns what the learner would see.
func TestAPartPastTheRenderBudgetIsAWarningAtIt(t *testing.T) {
	long := strings.Repeat("_a ", 8<<10) // 24 KiB in one paragraph
	src := "---\nid: big\ntitle: Big\n---\n\nIntro.\n\n```example gather\n```\n\nShort.\n\n" + long + "\n"
	_, ps := ParseLesson("lessons/01-big.md", []byte(src))
	require.Len(t, ps, 1, "%v", ps)
	assert.Equal(t, RuleMarkdownBudget, ps[0].Rule)
	assert.Equal(t, SeverityWarning, ps[0].Severity)
	assert.Equal(t, "lessons/01-big.md:13:1", ps[0].Where(), "the long paragraph's first line")
	assert.Contains(t, ps[0].Message, "a paragraph is too long")

	_, ps = ParseLesson("lessons/01-small.md", []byte("---\nid: s\ntitle: S\n---\n\n"+strings.Repeat("A line of prose.\n\n", 500)))
	assert.Empty(t, ps, "ordinary prose, however long, is within the budget")
}

// After a card that failed to parse (its lines are left out of the part),
// the warning still points at the long paragraph itself.
func TestTheBudgetWarningFindsItsParagraphAfterABrokenCard(t *testing.T) {
	long := strings.Repeat("_a ", 8<<10)
	src := "---\nid: big\ntitle: Big\n---\n\nIntro.\n\n```example\n```\n\nShort.\n\n" + long + "\n"
	_, ps := ParseLesson("lessons/01-big.md", []byte(src))
	var at []string
	for _, p := range ps {
		if p.Rule == RuleMarkdownBudget {
			at = append(at, p.Where())
		}
	}
	assert.Equal(t, []string{"lessons/01-big.md:13:1"}, at, "%v", ps)
}
