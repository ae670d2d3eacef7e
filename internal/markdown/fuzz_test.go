package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRender renders arbitrary markdown in every theme at a few widths and
// checks that nothing reaches the terminal but text, newlines, tabs, SGR
// colour and http(s) OSC 8 links: no clipboard writes, no title changes, no
// cursor moves, no carriage-return overwrites.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# Title\n\nSome *text*, `code` and [a link](https://go.dev).\n",
		"clip &#27;]52;c;aGk=&#7; board",
		"reset &#27;]8;&#27;c;http://x link &#27;]8;id=&#27;[2J;https://go.dev&#27;\\go",
		"&#27;[2J&#27;[H cleared? &#155;31m &#x1b;]0;title&#x07;",
		"raw \x1b]52;c;aGk=\x07 board \x1b[2J\x1b[?1049l",
		"[x](file:///etc/passwd) [y](javascript:alert(1)) <file:///etc/shadow>",
		"[ok](https://example.com/a?b=c) <https://go.dev>",
		"progress 10%\rprogress 99%\r\n| a | b |\n|---|---|\n| \x1b[31mx | y\r |\n",
		"```go\nfmt.Println(\"\x1b]8;;file:///x\x1b\\\\hi\x1b]8;;\x1b\\\\\")\n```\n",
		"> quote\n> > deeper\n>\n> - list\n>   - nested\n",
		strings.Repeat("  ", 15) + "- deep\n" + strings.Repeat("> ", 17) + "deeper\n",
		"c1 \u009b2J \u009d0;t\u009c and DEL \x7f and bell \a",
		"![img](data:image/png;base64,AAAA \"\x1b]0;t\x07\")",
	} {
		f.Add(s)
	}
	f.Add(func() string {
		var b strings.Builder
		for i := range 40 {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		return b.String()
	}())
	r := New() // shared, as in the player; the cache is keyed by the text
	f.Fuzz(func(t *testing.T, md string) {
		if len(md) > 4<<10 {
			return // glamour's time, not safety, grows past this
		}
		for _, theme := range []Theme{Dark, Light, Plain} {
			for _, width := range []int{20, 80} {
				checkTerminalSafe(t, md, r.Render(md, width, theme))
			}
		}
	})
}

// checkTerminalSafe fails unless out holds only printable text, \n, \t, SGR
// sequences (ESC [ digits ; : m) and OSC 8 links with an http(s) or empty
// target, terminated by ST.
func checkTerminalSafe(t *testing.T, md, out string) {
	t.Helper()
	for i := 0; i < len(out); {
		c := out[i]
		switch {
		case c == 0x1b:
			n, ok := allowedEscape(out[i:])
			if !ok {
				t.Fatalf("escape sequence %q survived rendering of %q", head(out[i:]), md)
			}
			i += n
			continue
		case c == '\n' || c == '\t':
		case c < 0x20 || c == 0x7f:
			t.Fatalf("control byte %#x survived rendering of %q: %q", c, md, head(out[i:]))
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(out[i:])
			if r == utf8.RuneError && size <= 1 {
				t.Fatalf("invalid UTF-8 survived rendering of %q", md)
			}
			if r >= 0x80 && r <= 0x9f {
				t.Fatalf("C1 control %U survived rendering of %q", r, md)
			}
			i += size
			continue
		}
		i++
	}
}

// allowedEscape reports whether s starts with an allowed sequence and its length.
func allowedEscape(s string) (int, bool) {
	switch {
	case strings.HasPrefix(s, "\x1b["):
		j := 2
		for j < len(s) && strings.IndexByte("0123456789;:", s[j]) >= 0 {
			j++
		}
		return j + 1, j < len(s) && s[j] == 'm'
	case strings.HasPrefix(s, "\x1b]8;"):
		end := strings.Index(s, "\x1b\\")
		if end < 0 {
			return 0, false
		}
		// The whole body, parameters and URI alike, must be free of
		// controls: an ESC in the parameters ends the link early on a
		// terminal and starts a sequence of its own.
		body := s[4:end]
		_, uri, ok := strings.Cut(body, ";")
		lower := strings.ToLower(uri)
		safe := uri == "" || strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
		return end + 2, ok && safe && !strings.ContainsFunc(body, func(r rune) bool { return r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f })
	}
	return 0, false
}

func head(s string) string { return s[:min(len(s), 40)] }

// The checker itself must refuse what it is there to catch.
func TestAllowedEscape(t *testing.T) {
	for s, want := range map[string]bool{
		"\x1b[1;38;2;1;2;3m":               true,
		"\x1b[38:5:208m":                   true,
		"\x1b]8;;https://go.dev\x1b\\":     true,
		"\x1b]8;;\x1b\\":                   true,
		"\x1b]8;;file:///etc/passwd\x1b\\": false,
		"\x1b]52;c;aGk=\x07":               false,
		"\x1b]8;;https://a\x07":            false,
		"\x1b]8;\x1bc;http://x\x1b\\":      false,
		"\x1b[2J":                          false,
		"\x1b[?1049l":                      false,
		"\x1bc":                            false,
	} {
		_, ok := allowedEscape(s)
		if ok != want {
			t.Errorf("allowedEscape(%q) = %v, want %v", s, ok, want)
		}
	}
}
