package main

import (
	"bytes"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// `run eventloop --compare` draws the goroutines program against its
// asyncio model: two pictures of one program. In a synctest bubble the
// goroutine run's clock is exact as well, so the frame is the same on
// every run and can be a golden file (go test -update rewrites it). The
// command's own parts run here, below the CLI, whose signal handling has no
// place in a bubble.
func TestRunEventloopCompareGolden(t *testing.T) {
	t.Setenv("COLUMNS", "100")
	synctest.Test(t, func(t *testing.T) {
		x, err := lookupExample("eventloop")
		require.NoError(t, err)
		specs, err := compareSpecs(x, trace.ModelGoroutines, nil, compareModels)
		require.NoError(t, err)
		traces, runErr, err := runSpecs(t.Context(), specs, 1)
		require.NoError(t, err)
		require.NoError(t, runErr)
		var out bytes.Buffer
		require.NoError(t, writeRunText(&out, runFlags{}, traces))
		golden.RequireEqual(t, out.Bytes())

		goroutines, loop, ok := strings.Cut(out.String(), "asyncio loop model")
		require.True(t, ok, "the loop model's half is titled:\n%s", out.String())
		assert.Contains(t, goroutines, "goroutines")
		assert.Contains(t, goroutines, "loop ", "the goroutines program has its hand-made loop as a lane")
		assert.NotContains(t, loop, "\nloop ", "the asyncio model has no loop lane: the loop is the panel")
		assert.Contains(t, loop, "█", "every turn of the loop model is drawn")
	})
}
