package markdown

import (
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/mdnest"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
)

func TestRenderWrapsAndCaches(t *testing.T) {
	r := New()
	md := "# Title\n\nSome *text* that is long enough to be wrapped at forty columns, surely.\n"
	out := r.Render(md, 40, Dark)
	assert.Contains(t, ansi.Strip(out), "Title")
	for _, line := range strings.Split(out, "\n") {
		assert.LessOrEqual(t, ansi.StringWidth(line), 40)
	}
	_, ok := r.Cached(md, 40, Dark)
	assert.True(t, ok)
	_, ok = r.Cached(md, 41, Dark)
	assert.False(t, ok, "the cache is per width")
	_, ok = r.Cached(md, 40, Light)
	assert.False(t, ok, "and per theme")
}

func TestRenderFiltersEscapes(t *testing.T) {
	r := New()
	for _, md := range []string{
		"clip &#27;]52;c;aGk=&#7; board",
		"raw \x1b]52;c;aGk=\x07 board",
		"[file](file:///etc/passwd) and \x1b]0;title\x07",
	} {
		out := r.Render(md, 60, Plain)
		assert.NotContains(t, out, "]52", "%q", md)
		assert.NotContains(t, out, "\x07")
		assert.NotContains(t, out, "\x1b]0;")
		assert.NotContains(t, out, "\x1b]8;;file:")
	}
}

func TestDeepNestingFallsBackToPlainText(t *testing.T) {
	var b strings.Builder
	for i := range 400 {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	out := New().Render(b.String(), 80, Dark)
	assert.True(t, strings.HasPrefix(out, TooComplex), "the learner is told")
	assert.Contains(t, out, "- item")
}

func TestBuiltinLessonsAreWithinTheBudget(t *testing.T) {
	for _, dir := range []string{".", "th"} {
		files, err := fs.Glob(lessons.FS, path.Join(dir, "*.md"))
		require.NoError(t, err)
		require.NotEmpty(t, files)
		for _, f := range files {
			src, err := fs.ReadFile(lessons.FS, f)
			require.NoError(t, err)
			shape := mdnest.Measure(string(src))
			ok, why := shape.Within(Budget)
			assert.True(t, ok, "%s: %s", f, why)
			assert.Less(t, shape.Work(Budget.Highlight), Budget.Work/4, "%s keeps well inside", f)
			assert.NotContains(t, New().Render(string(src), 80, Dark), TooComplex, f)
		}
	}
}
func TestThaiLinesFitTheCellsATerminalCounts(t *testing.T) {
	// SARA AM makes each "ทำ" two cells on screen but one grapheme cluster.
	md := strings.Repeat("ทำ ทำนำ ", 40)
	for _, width := range []int{40, 60, 120} {
		out := New().Render(md, width, Dark)
		for _, line := range strings.Split(out, "\n") {
			assert.LessOrEqual(t, ansi.StringWidthWc(line), width, "%q", ansi.Strip(line))
		}
		assert.Equal(t, strings.Count(md, "ทำ"), strings.Count(ansi.Strip(out), "ทำ"), "no text lost")
	}
}
