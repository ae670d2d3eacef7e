package termtext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestFilterKeepsColourAndWebLinks(t *testing.T) {
	keep := []string{
		"plain\ntext\twith tab",
		"\x1b[1;38;2;255;0;0mred\x1b[0m",
		"\x1b[38:5:208mcolon form\x1b[m",
		"\x1b]8;;https://go.dev\x1b\\Go\x1b]8;;\x1b\\",
		"\x1b]8;id=1;http://example.com/a?b=c\x1b\\x\x1b]8;;\x1b\\",
		"ไทย ✓",
	}
	for _, s := range keep {
		assert.Equal(t, s, Filter(s), "%q", s)
	}
}

func TestFilterDropsEverythingElseWhole(t *testing.T) {
	cases := map[string]string{
		"clip\x1b]52;c;aGVsbG8=\x07board":       "clipboard",
		"title\x1b]0;pwned\x1b\\ok":             "titleok",
		"file\x1b]8;;file:///etc/passwd\x1b\\x": "filex",
		"js\x1b]8;;javascript:alert(1)\ax":      "jsx",
		"move\x1b[2J\x1b[Hcursor":               "movecursor",
		"over\rwrite":                           "overwrite",
		"dcs\x1bP1$r0m\x1b\\end":                "dcsend",
		"reset\x1bcend":                         "resetend",
		"c1\u009b31mcsi":                        "c131mcsi",
		"unterminated\x1b]52;c;abc":             "unterminated",
		"bad\xffutf8":                           "badutf8",
		"bell\a":                                "bell",
	}
	for in, want := range cases {
		assert.Equal(t, want, Filter(in), "%q", in)
	}
}

// A link is written back, so whatever it carries reaches the terminal:
// nothing but the link may.
func TestFilterDropsLinksThatCarryControls(t *testing.T) {
	for _, in := range []string{
		"\x1b]8;\x1bc;http://x",                         // &#27;]8;&#27;c;http://x: a reset in the params
		"\x1b]8;\x1bc;http://x\x1b\\link\x1b]8;;\x1b\\", // the same, terminated
		"\x1b]8;;http://x\x1b]52;c;aGk=\x07\x1b\\",      // a clipboard write in the URI
		"\x1b]8;id=1\x1b[2J;http://x\x1b\\",             // a CSI in the params
		"\x1b]8;;http://x/\u009b2J\x1b\\",               // a C1 CSI in the URI
		"\x1b]8;;http://x/\u009c\x1b]52;c;aGk=\x1b\\",   // a C1 ST, then a clipboard write
		"\x1b]8;;http://x/\x7f\x1b\\",                   // DEL
		"\x1b]8;;http://x/\x18\x1b\\",                   // CAN, which aborts a string
		"\x1b]8;;http://x/ \x1b\\",                      // a space: not part of a URI
		"\x1b]8;;http://x/\xff\x1b\\",                   // invalid UTF-8
		"\x1b]8;a\x07b;http://x\x1b\\",                  // BEL in the params ends the string early
	} {
		out := Filter(in)
		opens := strings.ReplaceAll(out, closeLink, "") // closing a link is harmless
		assert.False(t, strings.ContainsFunc(opens, isControl), "%q -> %q", in, out)
	}
	assert.Equal(t, ";http://xlink", Filter("\x1b]8;\x1bc;http://x\x1b\\link"),
		"an ESC ends the string as on a terminal: the reset goes, the rest is text")
}

const closeLink = "\x1b]8;;\x1b\\"

func isControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

func FuzzFilter(f *testing.F) {
	f.Add("\x1b[31mred\x1b[0m \x1b]8;;https://a\x1b\\l\x1b]8;;\x1b\\")
	f.Add("\x1b]52;c;x\x07\x1b[2J\r\x9b")
	f.Add("\x1b]8;\x1bc;http://x")
	f.Add("\x1b]8;id=\x1b[2J;https://a\x07l\x1b]8;;\x07")
	f.Add("\x1b]8;;https://a/\u009b2J\x1b\\l")
	f.Fuzz(func(t *testing.T, s string) {
		out := Filter(s)
		if Filter(out) != out {
			t.Fatalf("not idempotent: %q -> %q", s, out)
		}
		for i := 0; i < len(out); i++ {
			if out[i] == '\r' || out[i] == 0x07 {
				t.Fatalf("control byte survived in %q", out)
			}
		}
		checkOnlyAllowedSequences(t, out)
	})
}

// checkOnlyAllowedSequences walks out and fails on any escape that is not
// SGR or an http(s) OSC 8 link.
func checkOnlyAllowedSequences(t *testing.T, out string) {
	t.Helper()
	for i := 0; i < len(out); i++ {
		if out[i] != 0x1b {
			continue
		}
		rest := out[i:]
		switch {
		case strings.HasPrefix(rest, "\x1b["):
			j := strings.IndexByte(rest, 'm')
			if j < 0 || strings.Trim(rest[2:j], "0123456789;:") != "" {
				t.Fatalf("a non-SGR CSI survived: %q", out)
			}
			i += j
		case strings.HasPrefix(rest, "\x1b]8;"):
			j := strings.Index(rest, "\x1b\\")
			if j < 0 {
				t.Fatalf("unterminated link survived: %q", out)
			}
			checkLinkBody(t, out, rest[len("\x1b]8;"):j])
			i += j + 1
		case strings.HasPrefix(rest, "\x1b\\"):
			i++
		default:
			t.Fatalf("escape survived: %q", out)
		}
	}
}

// checkLinkBody fails when an OSC 8 link's params;URI hold an escape, a
// control or anything but an http(s) target.
func checkLinkBody(t *testing.T, out, body string) {
	t.Helper()
	if !utf8.ValidString(body) || strings.ContainsFunc(body, func(r rune) bool { return r <= 0x20 || isControl(r) }) {
		t.Fatalf("a control survived inside a link: %q", out)
	}
	_, uri, ok := strings.Cut(body, ";")
	lower := strings.ToLower(uri)
	if !ok || uri != "" && !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		t.Fatalf("a link that is not to the web survived: %q", out)
	}
}

// A CSI cut short by another sequence or by a character leaves neither
// residue of the next sequence nor a lost character.
func TestACutShortCSIEatsNothingAfterIt(t *testing.T) {
	assert.Equal(t, "ab", Filter("a\x1b[\x1b]52;c;aGk=\x07b"))
	assert.Equal(t, "aไทย", Filter("a\x1b[12ไทย"))
	assert.Equal(t, "a\nb", Filter("a\x1b[3\nb"))
}
