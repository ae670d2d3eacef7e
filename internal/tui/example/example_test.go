package example

import (
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// Every test stops its runs; no example goroutine may outlive it.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func press(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

func TestACardWithModelLoopOpensTheLoopModelWithItsParams(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := &common.Common{Context: context.Background(), Now: time.Now, Styles: theme.New(true),
			Keys: theme.NewKeyMap(say.English), Width: 100, Height: 30}
		x, ok := examples.Lookup("gather")
		require.True(t, ok)
		ref := &course.ExampleRef{Name: "gather", Model: "loop",
			Params: []course.CardParam{{Name: "delay3", Value: "4s"}}}
		m, _ := Open(c, x, ref)
		assert.Equal(t, trace.ModelLoop, m.player.CurrentModel())
		assert.Contains(t, ansi.Strip(m.View()), "delay3=4s", "the card's settings are the parameters")

		m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter}) // no prediction: run
		require.True(t, m.player.Started())
		assert.Contains(t, ansi.Strip(m.View()), "asyncio loop model")

		// The source view shows the Python twin with the card's parameters.
		m, _ = m.Update(press('s'))
		screen := ansi.Strip(m.View())
		assert.Contains(t, screen, "Python asyncio")
		assert.True(t, strings.Contains(screen, "delay3 = 4"), screen)
		m, _ = m.Update(press('s'))
		assert.Contains(t, ansi.Strip(m.View()), "Go", "then the Go version")

		m.Leave()()
		time.Sleep(time.Second) // ticks left behind fire and end
	})
}
