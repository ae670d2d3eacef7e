package source

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/palette"
)

// sources are every example's Go, lesson Go and Python.
func sources() map[string][2]string {
	m := map[string][2]string{}
	for _, x := range examples.All() {
		m[x.Name+".go"] = [2]string{x.Source, "go"}
		m[x.Name+".lesson.go"] = [2]string{x.LessonSource(), "go"}
		m[x.Name+".py"] = [2]string{x.Python, "python"}
	}
	return m
}

func sourceLines(src string) []string {
	return strings.Split(strings.TrimSuffix(strings.ReplaceAll(src, "\t", "    "), "\n"), "\n")
}

func TestPlainIsTheSource(t *testing.T) {
	for name, s := range sources() {
		assert.Equal(t, sourceLines(s[0]), Highlight(s[0], s[1], Plain), name)
	}
	assert.Equal(t, []string{"a", "", "    b"}, Highlight("a\n\n\tb\n", "go", Plain))
	assert.Equal(t, []string{"x", ""}, Highlight("x\n\n", "go", Plain), "only the last newline ends a line")
	assert.Equal(t, []string{""}, Highlight("", "go", Dark))
}

// Colour adds SGR sequences and nothing else: stripped, the lines are the
// plain ones. Each source is highlighted in one of the two styles, in turn,
// as chroma takes tens of milliseconds a file (far more under -race).
func TestColourStripsToPlain(t *testing.T) {
	names := slices.Sorted(maps.Keys(sources()))
	for i, name := range names {
		s := sources()[name]
		st := []Style{Dark, Light}[i%2]
		got := Highlight(s[0], s[1], st)
		require.Len(t, got, len(sourceLines(s[0])), name)
		coloured := 0
		for i, l := range got {
			assert.Equal(t, sourceLines(s[0])[i], ansi.Strip(l), "%s line %d", name, i+1)
			assert.NotContains(t, sgr.ReplaceAllString(l, ""), "\x1b", "%s line %d: only SGR sequences", name, i+1)
			if l != ansi.Strip(l) {
				coloured++
			}
		}
		assert.Greater(t, coloured, len(got)/3, "%s: most lines have some colour", name)
	}
}

func TestKeywordsGetColour(t *testing.T) {
	for _, c := range []struct {
		lang, src, keyword string
	}{
		{"go", "func main() {\n\treturn\n}\n", "func"},
		{"go", "package main\n", "package"},
		{"python", "async def main():\n    await asyncio.sleep(1)\n", "async"},
		{"python", "async def main():\n    await asyncio.sleep(1)\n", "await"},
	} {
		for _, st := range []Style{Dark, Light} {
			out := strings.Join(Highlight(c.src, c.lang, st), "\n")
			want := fg(palette.Accent.On(st == Dark)) + c.keyword + reset
			assert.Contains(t, out, want, "%s %q", c.lang, c.keyword)
		}
	}
	dark := strings.Join(Highlight(`x := "hi" // note`, "go", Dark), "")
	assert.Contains(t, dark, fg(palette.Good.On(true))+`"hi"`+reset)
	assert.Contains(t, dark, fg(palette.Muted.On(true))+"// note"+reset)
	assert.NotEqual(t, Highlight("func f()", "go", Dark), Highlight("func f()", "go", Light), "the styles differ")
}

func TestUnknownLanguageIsPlain(t *testing.T) {
	assert.Equal(t, []string{"func f()"}, Highlight("func f()", "cobol", Dark))
}

// Only text and SGR come out, whatever the source holds.
func TestHostileSource(t *testing.T) {
	hostile := "package x\n// \x1b]52;c;aGk=\x07 clipboard\nvar s = \"\x1b[2J\x1b[31mred\x9b\"\x00\x07\r\n\x1bc\tx := 1\x1b\n\xff\xfe bad utf8\n\x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\\n"
	for _, lang := range []string{"go", "python", "cobol"} {
		for _, st := range []Style{Plain, Dark, Light} {
			lines := Highlight(hostile, lang, st)
			require.NotEmpty(t, lines)
			for _, l := range lines {
				rest := sgr.ReplaceAllString(l, "")
				for _, r := range rest {
					assert.False(t, r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == '\uFFFD', "%s %v: control %U in %q", lang, st, r, l)
				}
				if st == Plain {
					assert.Equal(t, l, rest, "plain has no escapes at all")
				}
			}
			plain := Highlight(hostile, lang, Plain)
			for i, l := range lines {
				assert.Equal(t, plain[i], ansi.Strip(l))
			}
			joined := strings.Join(plain, "\n")
			assert.NotContains(t, joined, "]52")
			assert.NotContains(t, joined, "passwd")
			assert.Contains(t, joined, "clipboard")
			assert.Contains(t, joined, "red")
		}
	}
}

func BenchmarkHighlightLongest(b *testing.B) {
	var longest examples.Example
	for _, x := range examples.All() {
		if len(x.Source) > len(longest.Source) {
			longest = x
		}
	}
	b.ReportMetric(float64(len(sourceLines(longest.Source))), "lines")
	b.ReportAllocs()
	for b.Loop() {
		Highlight(longest.Source, "go", Dark)
	}
}

var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")
