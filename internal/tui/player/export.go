package player

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/adrg/xdg"
	"github.com/natefinch/atomic"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// exportCmd writes every run on screen into one Chrome trace file (two
// runs: two processes on one axis) in dir, or in the state folder when dir
// is "", and reports the path. The file appears whole or not at all.
func exportCmd(player int, dir string, ts []trace.Trace) tea.Cmd {
	return func() tea.Msg {
		path, err := exportPath(dir, ts, time.Now())
		if err != nil {
			return ExportedMsg{player: player, Err: err}
		}
		var b strings.Builder
		if err := trace.WriteChromeRuns(&b, ts); err != nil {
			return ExportedMsg{player: player, Err: err}
		}
		if err := atomic.WriteFile(path, strings.NewReader(b.String())); err != nil {
			return ExportedMsg{player: player, Err: err}
		}
		return ExportedMsg{player: player, Path: path}
	}
}

// exportPath names the file after the runs, their models and the time, in dir.
func exportPath(dir string, ts []trace.Trace, at time.Time) (string, error) {
	var names []string
	for _, t := range ts {
		n := t.Example
		if t.Model != "" {
			n += "-" + string(t.Model) // "gather-goroutines-vs-gather-loop"
		}
		names = append(names, n)
	}
	name := fmt.Sprintf("%s-%s.trace.json", strings.Join(names, "-vs-"), at.Format("20060102-150405.000"))
	if dir == "" {
		return xdg.StateFile(filepath.Join("asyncio-tutor", "traces", name))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return filepath.Abs(filepath.Join(dir, name))
}
