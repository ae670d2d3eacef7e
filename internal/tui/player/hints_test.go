package player

import (
	"strings"
	"testing"
	"testing/synctest"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
)

var (
	up   = tea.KeyPressMsg{Code: tea.KeyUp}
	down = tea.KeyPressMsg{Code: tea.KeyDown}
)

func helpKeys(bs []key.Binding) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Help().Key)
	}
	return out
}

// The screen's own keys rank right after play/pause, so a status line cut
// from its end keeps them longest; export, the least needed, is last.
func TestShortHelpPutsTheScreensKeysSecond(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "sequential", Options{})
		params := common.Display("p", "parameters")
		source := common.Display("s", "source")
		keys := helpKeys(m.ShortHelp(params, source))
		require.GreaterOrEqual(t, len(keys), 4)
		assert.Equal(t, []string{"space", "p", "s", "←/→"}, keys[:4])
		assert.Equal(t, "e", keys[len(keys)-1])
		assert.Equal(t, []string{"space", "←/→"}, helpKeys(m.ShortHelp())[:2], "the run command has no screen keys")
		playOut(t, m).Stop()()
	})
}

// gather prints 7 lines; in a short player the output panel shows a few:
// ↑ scrolls back to the first, ↓ on to the latest, and the help says so.
func TestTheOutputPanelScrolls(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "gather", Options{})
		m.SetSize(80, 13)
		m = playOut(t, m)
		require.True(t, m.AtEnd())
		v := plain(m.View())
		require.Contains(t, v, "(last 3 of 7, ↑/↓ scroll)", v)
		assert.Contains(t, helpKeys(m.ShortHelp()), "↑/↓")
		for range 10 {
			m, _ = m.Update(up)
			_ = m.View()
		}
		v = plain(m.View())
		assert.Contains(t, v, "(lines 1-3 of 7, ↑/↓ scroll)", v)
		assert.Contains(t, v, "func3 started")
		assert.NotContains(t, v, "results:")
		m, _ = m.Update(down)
		assert.Contains(t, plain(m.View()), "(lines 2-4 of 7")
		for range 10 {
			m, _ = m.Update(down)
			_ = m.View()
		}
		v = plain(m.View())
		assert.Contains(t, v, "(last 3 of 7", "down to the latest, it follows new lines again")
		assert.True(t, strings.Contains(v, "results: [result1 result2 result3]"), v)

		// A new run starts at the latest lines again.
		m, _ = m.Update(up)
		_ = m.View()
		m, _ = m.Update(press('r'))
		assert.Equal(t, -1, m.outTop)
		m = playOut(t, m)
		assert.Contains(t, plain(m.View()), "(last 3 of 7")
		m.Stop()()
	})
}
