package course

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lessonBody is a lesson whose body starts on line 5.
func lessonBody(body string) string { return "---\nid: a\ntitle: A\n---\n" + body }

func TestFencesThatLoseCardsOrText(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string
	}{
		{"code block open at the end", "text\n```go\ncode\n", []string{"l.md:6:1 unclosed-fence"}},
		{"tilde block open at the end", "  ~~~~\ncode\n~~~\n", []string{"l.md:5:3 unclosed-fence"}},
		{"a shorter fence does not close", "````\ncode\n```\n", []string{"l.md:5:1 unclosed-fence"}},
		{"the other character does not close", "```\ncode\n~~~\n", []string{"l.md:5:1 unclosed-fence"}},
		{"a closed block is fine", "```go\ncode\n````\n", nil},
		{"card open at the end", "```example gather\n", []string{"l.md:5:4 example-block"}},
		{"a forgotten close swallows the card", "```go\ncode\n\n```example gather\n```\n", []string{"l.md:8:4 card-in-block"}},
		{"an open card swallows the next", "```example gather\nA\n\n```example sequential\nB\n```\n", []string{"l.md:5:4 example-block"}},
		{"a card quoted in a longer fence is text", "````markdown\n```example gather\n```\n````\n", nil},
		{"a card quoted in the other fence is text", "~~~markdown\n```example gather\n```\n~~~\n", nil},
		{"capital Example", "```Example gather\n```\n", []string{"l.md:5:4 example-near-miss"}},
		{"plural examples", "~~~ examples gather\n~~~\n", []string{"l.md:5:5 example-near-miss"}},
		{"typo exmaple", "```exmaple gather\n```\n", []string{"l.md:5:4 example-near-miss"}},
		{"joined example-gather", "```example-gather\n```\n", []string{"l.md:5:4 example-near-miss"}},
		{"near miss left open", "```Example gather\n", []string{"l.md:5:1 unclosed-fence", "l.md:5:4 example-near-miss"}},
		{"languages are no near miss", "```sample\n```\n```python\n```\n```\n```\n", nil},
		{"a fence in an HTML comment is text", "<!--\n```go\n-->\n", nil},
		{"a fence after a one-line comment counts", "<!-- note -->\n```go\n", []string{"l.md:6:1 unclosed-fence"}},
		{"a name typo is check's business", "```example  gahter\n```\n", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ps := ParseLesson("l.md", []byte(lessonBody(c.body)))
			assert.Equal(t, c.want, briefOrNil(ps))
		})
	}
}

func briefOrNil(ps []Problem) []string {
	if len(ps) == 0 {
		return nil
	}
	return brief(ps)
}

func TestNearMissSaysWhatWasMeant(t *testing.T) {
	for info, meant := range map[string]string{
		"Example gather model=loop": "```example gather model=loop?",
		"examples gather":           "```example gather?",
		"example:gather":            "```example gather?",
	} {
		_, ps := ParseLesson("l.md", []byte(lessonBody("```"+info+"\n```\n")))
		require.Len(t, ps, 1, info)
		assert.Equal(t, SeverityWarning, ps[0].Severity)
		assert.Contains(t, ps[0].Message, "did you mean "+meant, info)
	}
}

func TestSwallowedCardsKeepTheCourseReadable(t *testing.T) {
	l, ps := ParseLesson("l.md", []byte(lessonBody("```example gather\nA\n\n```example sequential\nB\n```\n")))
	require.Len(t, ps, 1)
	assert.Contains(t, ps[0].Message, "card on line 8")
	require.Len(t, l.Examples(), 1, "the first card is still a card, so check can prove its name")
	assert.Equal(t, "gather", l.Examples()[0].Name)
}

func TestAnUnclosedCodeBlockKeepsTheTextAsMarkdown(t *testing.T) {
	body := "intro\n```go\ncode\n```example gather\n"
	l, _ := ParseLesson("l.md", []byte(lessonBody(body)))
	require.Len(t, l.Segments, 1)
	assert.Equal(t, body, l.Segments[0].Markdown)
}

func TestControlCharactersAreWarnedAtTheFirst(t *testing.T) {
	cases := []struct {
		name, src string
		want      []string
	}{
		{"raw ESC", lessonBody("text\nred: \x1b[31mred\x1b[0m\n"), []string{"l.md:6:6 control-character"}},
		{"raw BEL in code", lessonBody("```\nx\x07\n```\n"), []string{"l.md:6:2 control-character"}},
		{"C1 CSI", lessonBody("ab\u009b31m\n"), []string{"l.md:5:3 control-character"}},
		{"DEL", lessonBody("a\x7f\n"), []string{"l.md:5:2 control-character"}},
		{"decimal reference", lessonBody("see &#27;[31m\n"), []string{"l.md:5:5 control-character"}},
		{"hex reference", lessonBody("x\n\n  &#X1B;\n"), []string{"l.md:7:3 control-character"}},
		{"C1 reference", lessonBody("&#155;31m\n"), []string{"l.md:5:1 control-character"}},
		{"the earliest of both kinds", lessonBody("&#x1b;\n\x1b\n"), []string{"l.md:5:1 control-character"}},
		{"title escape", "---\nid: a\ntitle: \"A\\e[1m\"\n---\n", []string{"l.md:3:8 control-character"}},
		{"summary escape", "---\nid: a\ntitle: A\nsummary: \"\\x07\"\n---\n", []string{"l.md:4:10 control-character"}},
		{"an unmatched backtick is no code span", lessonBody("a ` b &#27;\n"), []string{"l.md:5:7 control-character"}},
		{"references in code are text", lessonBody("`&#27;` and ``a &#27; b``\n```\n&#27;\n```\n"), nil},
		{"tab, newline and printable references are fine", lessonBody("a\tb &#9; &#10; &#x41; &#0; &#x110000; &#99999999;\n"), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ps := ParseLesson("l.md", []byte(c.src))
			assert.Equal(t, c.want, briefOrNil(ps))
			for _, p := range ps {
				assert.Equal(t, SeverityWarning, p.Severity)
				assert.Regexp(t, `the player (strips|does not show)`, p.Message)
			}
		})
	}
}

func TestOneControlWarningCountsTheRest(t *testing.T) {
	_, ps := ParseLesson("l.md", []byte(lessonBody(strings.Repeat("\x1b[1m bold &#27;\n", 3))))
	require.Len(t, ps, 1)
	assert.Contains(t, ps[0].Message, "ESC (U+001B)")
	assert.Contains(t, ps[0].Message, "and 5 more")
}

// hostileBody is about 1 MiB of what the fence and control scans work
// hardest on: one long line of unmatched backtick runs and references, and
// many blocks each holding a card line.
func hostileBody() string {
	var b strings.Builder
	for i := range 20000 {
		b.WriteString(strings.Repeat("`", i%40+1) + " &#27; ")
	}
	b.WriteString("\n")
	for b.Len() < 1<<20 {
		b.WriteString("```\ncode\n```example gather\n```\n")
	}
	return b.String()
}

func TestHostileBodyIsReportedOnce(t *testing.T) {
	_, ps := ParseLesson("l.md", []byte(lessonBody(hostileBody())))
	rules := map[string]int{}
	for _, p := range ps {
		rules[p.Rule]++
	}
	assert.Equal(t, 1, rules[RuleControlChar])
	assert.Positive(t, rules[RuleCardInBlock])
}

func BenchmarkParseLessonHostileFences(b *testing.B) {
	src := []byte(lessonBody(hostileBody()))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		ParseLesson("l.md", src)
	}
}

// A direction override in a lesson (text shown in another order than it is
// read, code included) is stripped by the player, so the author is told.
func TestADirectionOverrideIsAWarning(t *testing.T) {
	_, ps := ParseLesson("l.md", []byte("---\nid: a\ntitle: A\n---\n\nif admin \u202e{ // }\u2066\n"))
	require.Equal(t, []string{"l.md:6:10 " + RuleControlChar}, brief(ps))
	assert.Contains(t, ps[0].Message, "RLO (U+202E)")
	assert.Contains(t, ps[0].Message, "and 1 more")
}

// Columns count characters, as editors and the YAML problems do: a Thai
// line puts the column at the character, not at its byte.
func TestColumnsCountCharactersInThaiLines(t *testing.T) {
	_, ps := ParseLesson("l.md", []byte("---\nid: a\ntitle: A\n---\n\nไทยไทย \a bell\n"))
	assert.Equal(t, []string{"l.md:6:8 " + RuleControlChar}, brief(ps))
}
