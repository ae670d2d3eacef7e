//go:build unix

package progress

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requireRefused checks a store opened on a path that is not a plain file:
// read-only, with one notice naming the path, and empty progress.
func requireRefused(t *testing.T, s *Store, path, what string) {
	t.Helper()
	assert.True(t, s.ReadOnly())
	require.Len(t, s.Notices(), 1, "%v", s.Notices())
	n := s.Notices()[0]
	assert.Equal(t, NoticeNotPlain, n.Kind)
	assert.Contains(t, n.Message, path)
	assert.Contains(t, n.Message, what)
	assert.Equal(t, New(), s.Snapshot(), "nothing is read through it")
	require.ErrorIs(t, s.Update(markRead("a")), ErrReadOnly)
}

// folderHolds is the names in dir.
func folderHolds(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestALinkedProgressFileIsNeitherReadNorMoved(t *testing.T) {
	path := progressPath(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	mine := filepath.Join(t.TempDir(), "thesis.txt")
	// Not progress: the old Store called it damaged and renamed it.
	require.NoError(t, os.WriteFile(mine, []byte("chapter one"), 0o600))
	require.NoError(t, os.Symlink(mine, path))

	s := openStore(t, path, options{})
	requireRefused(t, s, path, "symbolic link")
	require.NoError(t, s.Close())
	assert.Equal(t, []byte("chapter one"), readFile(t, mine), "the learner's file is untouched")
	assert.Equal(t, []string{"thesis.txt"}, folderHolds(t, filepath.Dir(mine)), "no lock or aside file beside it")
	info, err := os.Lstat(path)
	require.NoError(t, err)
	assert.Equal(t, os.ModeSymlink, info.Mode().Type(), "the link stays as it is")
}

func TestALinkToDevZeroIsNotRead(t *testing.T) {
	path := progressPath(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, os.Symlink("/dev/zero", path))
	requireRefused(t, openStore(t, path, options{}), path, "symbolic link")
}

func TestAFIFOProgressFileIsNotOpened(t *testing.T) {
	path := progressPath(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, syscall.Mkfifo(path, 0o600))
	requireRefused(t, openStore(t, path, options{}), path, "named pipe")
	info, err := os.Lstat(path)
	require.NoError(t, err)
	assert.Equal(t, os.ModeNamedPipe, info.Mode().Type(), "left where it is")
}

func TestALinkedLockFileIsNotCreatedThrough(t *testing.T) {
	path := progressPath(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	elsewhere := filepath.Join(t.TempDir(), "not-yours")
	require.NoError(t, os.Symlink(elsewhere, path+".lock"))

	requireRefused(t, openStore(t, path, options{}), path+".lock", "symbolic link")
	assert.NoFileExists(t, elsewhere, "nothing is created outside the state folder")
}

func TestAHugeProgressFileIsNotReadWhole(t *testing.T) {
	path := progressPath(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	huge := `{"schema_version": 1, "pad": "` + strings.Repeat("x", maxFileSize) + `"}`
	require.NoError(t, os.WriteFile(path, []byte(huge), 0o600))

	s := openStore(t, path, options{})
	require.Len(t, s.Notices(), 1)
	n := s.Notices()[0]
	assert.Equal(t, NoticeDamaged, n.Kind)
	assert.Contains(t, n.Message, "larger than 16 MiB")
	assert.FileExists(t, n.Aside, "moved aside within the state folder, like any damaged file")
	assert.Equal(t, filepath.Dir(path), filepath.Dir(n.Aside))
	assert.False(t, s.ReadOnly())
}
