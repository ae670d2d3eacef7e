package termtext_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
)

// glamour decodes &#27; into a real ESC, so a lesson can put an escape
// inside the parameters of a hyperlink: Filter, the renderer's last step,
// must drop it whatever the renderer does with the rest.
func TestMarkdownCannotHideAnEscapeInALink(t *testing.T) {
	for _, md := range []string{
		"&#27;]8;&#27;c;http://x",
		"see &#27;]8;&#27;c;http://x&#27;\\here&#27;]8;;&#27;\\ now",
		"[a link](http://x) &#27;]8;id=&#27;[2J;http://y&#7;",
	} {
		for _, th := range []markdown.Theme{markdown.Plain, markdown.Dark} {
			out := markdown.New().Render(md, 60, th)
			assert.NotContains(t, out, "\x1bc", "%q", md)
			assert.NotContains(t, out, "\x1b[2J", "%q", md)
			for _, link := range strings.Split(out, "\x1b]8;")[1:] {
				body, _, _ := strings.Cut(link, "\x1b\\")
				assert.NotContains(t, body, "\x1b", "an escape inside a link in %q: %q", md, out)
				assert.NotContains(t, body, "\a", "%q", md)
			}
		}
	}
}
