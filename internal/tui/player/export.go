package player

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/adrg/xdg"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// exportTries is how many names an export tries (the name, then -2, -3…)
// before it gives up: each one taken means a file or link already there.
const exportTries = 100

// exportCmd writes every run on screen into one Chrome trace file (two
// runs: two processes on one axis) in dir, or in the state folder when dir
// is "", and reports the path.
func exportCmd(player int, dir string, ts []trace.Trace) tea.Cmd {
	return func() tea.Msg {
		path, err := export(dir, ts, time.Now())
		return ExportedMsg{player: player, Path: path, Err: err}
	}
}

// export writes the runs ts to a new file in dir ("" is the state folder)
// and returns its path.
//
// The file's name is easy to guess (the runs and the time), so something
// may already wait under it: a file, or a link planted to make the export
// overwrite a file elsewhere. The export never follows a link and never
// replaces anything: it creates its file exclusively (O_EXCL, O_NOFOLLOW),
// and when the name is taken it tries the next (-2, -3…). The folder itself
// must be a real folder, not a link. A file the export could not finish is
// removed.
func export(dir string, ts []trace.Trace, at time.Time) (string, error) {
	var b strings.Builder
	if err := trace.WriteChromeRuns(&b, ts); err != nil {
		return "", err
	}
	dir, err := exportDir(dir)
	if err != nil {
		return "", err
	}
	base := exportName(ts, at)
	for i := 1; i <= exportTries; i++ {
		path := filepath.Join(dir, numbered(base, i)+".trace.json")
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, 0o644)
		if errors.Is(err, fs.ErrExist) || isLinkLoop(err) {
			continue // taken, maybe by a link: never written through
		}
		if err != nil {
			return "", err
		}
		if err := writeAll(f, b.String()); err != nil {
			_ = os.Remove(path)
			return "", fmt.Errorf("cannot write %s: %w", path, err)
		}
		return path, nil
	}
	return "", fmt.Errorf("cannot export to %s: %d files named %s… are there already", dir, exportTries, base)
}

// writeAll writes s to f, syncs and closes it.
func writeAll(f *os.File, s string) error {
	_, err := f.WriteString(s)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// exportDir is the absolute folder exports go to, created if need be: dir,
// or XDG_STATE_HOME/asyncio-tutor/traces when dir is "".
func exportDir(dir string) (string, error) {
	if dir == "" {
		p, err := xdg.StateFile(filepath.Join("asyncio-tutor", "traces", "x"))
		if err != nil {
			return "", err
		}
		dir = filepath.Dir(p)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	st, err := os.Lstat(dir)
	if err != nil {
		return "", err
	}
	if !st.IsDir() {
		return "", fmt.Errorf("cannot export to %s: it is a link or a file, not a folder", dir)
	}
	return dir, nil
}

// exportName names the file after the runs, their models and the time:
// gather-goroutines-vs-gather-loop-20261202-141500.000.
func exportName(ts []trace.Trace, at time.Time) string {
	var names []string
	for _, t := range ts {
		n := t.Example
		if t.Model != "" {
			n += "-" + string(t.Model)
		}
		names = append(names, n)
	}
	return fmt.Sprintf("%s-%s", strings.Join(names, "-vs-"), at.Format("20060102-150405.000"))
}

// numbered is base for the first try, base-N for the Nth.
func numbered(base string, n int) string {
	if n == 1 {
		return base
	}
	return fmt.Sprintf("%s-%d", base, n)
}
