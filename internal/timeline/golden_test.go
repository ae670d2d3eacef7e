package timeline

import (
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
)

// Golden frames: go test ./internal/timeline -run TestGolden -update rewrites
// them. The plain ones hold no escape sequence, so a diff reads as the frame.
func TestGolden(t *testing.T) {
	plain := NewRenderer(Options{Styles: PlainStyles()})
	ascii := NewRenderer(Options{Styles: PlainStyles(), ASCII: true})
	cases := []struct {
		name string
		draw func() string
		w, h int
	}{
		{"sequential_done", func() string { return plain.Render(build(t, seqDesc), 2*sec, 80, 12) }, 80, 12},
		{"waitgroup_mid_run", func() string { return plain.Render(build(t, wgDesc), 600*time.Millisecond, 80, 12) }, 80, 12},
		{"eventloop_at_1.05s", func() string { return plain.Render(build(t, loopDesc), 1050*time.Millisecond, 80, 18) }, 80, 18},
		{"cancel_ascii", func() string { return ascii.Render(build(t, cancelDesc), 2*sec, 72, 14) }, 72, 14},
		{"compare_done", func() string { return plain.Compare(build(t, seqDesc), build(t, wgDesc), 2*sec, 80, 14) }, 80, 14},
		{"loop_gather_done_80x24", func() string { return plain.Render(build(t, gatherLoopDesc), 3*sec, 80, 24) }, 80, 24},
		{"loop_gather_at_1.5s_80x24", func() string { return plain.Render(build(t, gatherLoopDesc), 1500*time.Millisecond, 80, 24) }, 80, 24},
		{"loop_gather_done_60x16", func() string { return plain.Render(build(t, gatherLoopDesc), 3*sec, 60, 16) }, 60, 16},
		{"loop_gather_ascii_80x24", func() string { return ascii.Render(build(t, gatherLoopDesc), 3*sec, 80, 24) }, 80, 24},
		{"python_queue_done_80x24", func() string { return plain.Render(build(t, queuePythonDesc), 2*sec, 80, 24) }, 80, 24},
		{"python_queue_at_0.7s_60x16", func() string { return plain.Render(build(t, queuePythonDesc), 700*time.Millisecond, 60, 16) }, 60, 16},
		{"python_queue_ascii_60x16", func() string { return ascii.Render(build(t, queuePythonDesc), 2*sec, 60, 16) }, 60, 16},
		{"compare_eventloop_models_80x24", func() string {
			return plain.Compare(build(t, eventloopGoDesc), build(t, eventloopLoopDesc), 2*sec, 80, 24)
		}, 80, 24},
		{"compare_eventloop_models_ascii_60x16", func() string {
			return ascii.Compare(build(t, eventloopGoDesc), build(t, eventloopLoopDesc), 2*sec, 60, 16)
		}, 60, 16},
		{"loop_gather_colour_dark", func() string {
			return Render(build(t, gatherLoopDesc), 3*sec, 80, 16, DefaultStyles(true))
		}, 80, 16},
		{"waitgroup_colour_dark", func() string {
			return Render(build(t, wgDesc), sec, 80, 10, DefaultStyles(true))
		}, 80, 10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := c.draw()
			checkFrame(t, f, c.w, c.h)
			golden.RequireEqual(t, f)
		})
	}
}
