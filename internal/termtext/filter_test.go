package termtext

import (
	"strings"
	"testing"

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

func FuzzFilter(f *testing.F) {
	f.Add("\x1b[31mred\x1b[0m \x1b]8;;https://a\x1b\\l\x1b]8;;\x1b\\")
	f.Add("\x1b]52;c;x\x07\x1b[2J\r\x9b")
	f.Fuzz(func(t *testing.T, s string) {
		out := Filter(s)
		if Filter(out) != out {
			t.Fatalf("not idempotent: %q -> %q", s, out)
		}
		for i := 0; i < len(out); i++ {
			if out[i] == '\r' || out[i] == 0x07 && !strings.Contains(out, "\x1b]8;") {
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
			i += j + 1
		case strings.HasPrefix(rest, "\x1b\\"):
			i++
		default:
			t.Fatalf("escape survived: %q", out)
		}
	}
}
