package player

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/adrg/xdg"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

func exportRuns() []trace.Trace {
	return []trace.Trace{{Example: "gather", Model: trace.ModelLoop, Tasks: []string{"main"}, Total: time.Second}}
}

// A course pack or another user cannot make an export overwrite a file: a
// link planted under every name the next exports would take (the next few
// milliseconds, each with its -2, -3… suffixes) is left alone, nothing is
// written through it, and the export takes the first free name.
func TestExportNeverFollowsAPlantedLink(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "traces")
	require.NoError(t, os.Mkdir(dir, 0o755))
	outside := t.TempDir()
	victim := filepath.Join(outside, "victim.txt")
	require.NoError(t, os.WriteFile(victim, []byte("precious"), 0o644))
	absent := filepath.Join(outside, "created-through-a-link.txt")

	at := time.Date(2026, 12, 2, 14, 15, 0, 0, time.UTC)
	planted := map[string]string{}
	for ms := range 5 {
		base := exportName(exportRuns(), at.Add(time.Duration(ms)*time.Millisecond))
		for n := 1; n <= 5; n++ {
			target := victim
			if n%2 == 0 {
				target = absent // a dangling link: O_CREAT alone would create its target
			}
			link := filepath.Join(dir, numbered(base, n)+".trace.json")
			require.NoError(t, os.Symlink(target, link))
			planted[link] = target
		}
	}

	path, err := export(dir, exportRuns(), at)
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, exportName(exportRuns(), at)+"-6.trace.json"), path)

	b, err := os.ReadFile(victim)
	require.NoError(t, err)
	assert.Equal(t, "precious", string(b), "the file a link points to is untouched")
	assert.NoFileExists(t, absent, "nothing is created through a dangling link")
	for link, target := range planted {
		got, err := os.Readlink(link)
		if assert.NoError(t, err, "%s is still a link", link) {
			assert.Equal(t, target, got)
		}
	}
	st, err := os.Lstat(path)
	require.NoError(t, err)
	assert.True(t, st.Mode().IsRegular(), "the export is a new regular file")
	var f map[string]any
	b, err = os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &f), "the export is whole")
}

// The export folder must be a folder, not a link to somewhere else.
func TestExportRefusesALinkedFolder(t *testing.T) {
	outside := t.TempDir()
	dir := filepath.Join(t.TempDir(), "traces")
	require.NoError(t, os.Symlink(outside, dir))

	_, err := export(dir, exportRuns(), time.Now())
	require.Error(t, err)
	assert.Contains(t, err.Error(), dir)
	entries, err := os.ReadDir(outside)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing is written where the link points")
}

// Without a folder, exports go to the state folder, each under its own name.
func TestExportGoesToTheStateFolder(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	xdg.Reload()
	t.Cleanup(xdg.Reload)

	at := time.Now()
	var paths []string
	for range 3 {
		path, err := export("", exportRuns(), at)
		require.NoError(t, err)
		paths = append(paths, path)
	}
	want := filepath.Join(state, "asyncio-tutor", "traces", exportName(exportRuns(), at))
	for i, p := range paths {
		assert.Equal(t, want+map[int]string{0: "", 1: "-2", 2: "-3"}[i]+".trace.json", p)
		assert.FileExists(t, p)
	}
}

func BenchmarkExport(b *testing.B) {
	dir := b.TempDir()
	at := time.Now()
	for i := 0; b.Loop(); i++ {
		if _, err := export(dir, exportRuns(), at.Add(time.Duration(i)*time.Millisecond)); err != nil {
			b.Fatal(fmt.Sprint(err))
		}
	}
}
