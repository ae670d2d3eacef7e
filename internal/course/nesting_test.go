package course

import (
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
