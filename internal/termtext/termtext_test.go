package termtext

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestClean(t *testing.T) {
	cases := map[string]string{
		"plain text":                       "plain text",
		"keeps\nnewline\tand tab":          "keeps\nnewline\tand tab",
		"bell\a and esc\x1b]52;c;aGk=\a":   "bell and esc",
		"carriage\rreturn":                 "carriagereturn",
		"del\x7f":                          "del",
		"c1 \u009b31m csi":                 "c1 31m csi",
		"bad \xff\xfe utf8":                "bad  utf8",
		"ไทย ใช้ได้ ✓":                     "ไทย ใช้ได้ ✓",
		"literal replacement \uFFFD stays": "literal replacement \uFFFD stays",
	}
	for in, want := range cases {
		assert.Equal(t, want, Text(in), "%q", in)
	}
}

func TestLine(t *testing.T) {
	assert.Equal(t, "a b c", Message("a\nb\tc\x1b"))
	assert.Equal(t, "red", Text("\x1b[31mred\x1b[0m"), "Text keeps no style either")
}

func TestCleanDoesNotAllocateForCleanText(t *testing.T) {
	s := "The event loop hands the turn to one coroutine at a time. ไทย"
	allocs := testing.AllocsPerRun(100, func() { _ = Text(s) })
	assert.Zero(t, allocs)
}

func TestMessageIsOneLine(t *testing.T) {
	cases := map[string]string{
		"the first: 02-x\n::error file=README.md::pwned": "the first: 02-x ::error file=README.md::pwned",
		"crlf\r\nline":                   "crlf line",
		"tab\there":                      "tab here",
		"line\u2028sep\u2029para":        "line sep para",
		"nel\u0085next":                  "nelnext",
		"esc\x1b]52;c;aGk=\a gone":       "esc gone",
		"ไทย ✓ \u200f\u200b kept":        "ไทย ✓ \u200f\u200b kept", // marks and zero-width spaces are real text
		"reversed \u202eevil\u202c text": "reversed evil text",      // a direction override is not
	}
	for in, want := range cases {
		assert.Equal(t, want, Message(in), "%q", in)
	}
}

func TestNameShowsWhatWouldHideOrMove(t *testing.T) {
	cases := map[string]string{
		"lessons/evil\u202egpj.md":              "lessons/evil<U+202E>gpj.md",
		"Event\u200bloop":                       "Event<U+200B>loop",
		"02-x\n::error file=README.md::pwned":   "02-x<U+000A>::error file=README.md::pwned",
		"\u202a\u202b\u202c\u202d":              "<U+202A><U+202B><U+202C><U+202D>",
		"\u2066\u2067\u2068\u2069":              "<U+2066><U+2067><U+2068><U+2069>",
		"\u200e\u200f\u061c":                    "<U+200E><U+200F><U+061C>",
		"\u200c\u200d\u2060\ufeff":              "<U+200C><U+200D><U+2060><U+FEFF>",
		"tag\U000E0041":                         "tag<U+E0041>",
		"tab\tand\u2028sep":                     "tab<U+0009>and<U+2028>sep",
		"title\x1b]0;pwned\a":                   "title",
		"การรอ (waits)":                         "การรอ (waits)",
		"literal <U+202E> is only text already": "literal <U+202E> is only text already",
	}
	for in, want := range cases {
		assert.Equal(t, want, Name(in), "%q", in)
	}
}

func TestExcerptIsShortAndSaysItWasCut(t *testing.T) {
	assert.Equal(t, "short", Excerpt("short", 10))
	assert.Equal(t, "a b c", Excerpt("a\n\n b\t\tc", 10), "one line, runs of space made one")
	assert.Equal(t, "abcd…", Excerpt("abcdefgh", 5))
	assert.Equal(t, "abc…", Excerpt("abc efgh", 5), "no space before the ellipsis")
	assert.Equal(t, "เก้…", Excerpt("เก้าอี้", 3), "a tone mark stays on its letter")
	assert.Equal(t, "รอ", Excerpt("รอ", 2))
	assert.Equal(t, "…", Excerpt("abc", 1))
	assert.Empty(t, Excerpt("abc", 0))
	assert.Equal(t, "x…", Excerpt("x\x1b]52;c;aGk=\ay and more", 2))
}

func TestSinksDoNotAllocateForCleanText(t *testing.T) {
	s := "The event loop hands the turn to one coroutine at a time. ไทย"
	for name, sink := range map[string]func(string) string{"Text": Text, "Message": Message, "Name": Name} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { _ = sink(s) }), name)
	}
}

func FuzzOneLineSinks(f *testing.F) {
	f.Add("02-x\n::error file=a::b")
	f.Add("evil\u202egpj.md\u200b\u2028\x1b]8;;http://x\a")
	f.Fuzz(func(t *testing.T, s string) {
		msg, name := Message(s), Name(s)
		if strings.ContainsFunc(msg, breaksLine) || strings.ContainsFunc(name, hidden) {
			t.Fatalf("a line break or hidden character survived: %q -> %q, %q", s, msg, name)
		}
		if Message(msg) != msg || Name(name) != name || Text(name) != name {
			t.Fatalf("not idempotent: %q -> %q, %q", s, msg, name)
		}
		if e := Excerpt(s, 20); Message(e) != e || letters(e) > 20 {
			t.Fatalf("excerpt too long or not one line: %q -> %q", s, e)
		}
	})
}
