package progress

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

const unprivilegedEnv = "ASYNCIO_TUTOR_PROGRESS_UNPRIVILEGED"

// rerunUnprivileged runs the calling test again as the unprivileged user
// nobody when the tests run as root, as they do in CI: root writes through a
// 0555 folder, so only another user can show what a learner with a
// read-only state folder gets. It reports whether the child ran the test,
// in which case the caller returns.
func rerunUnprivileged(t *testing.T) bool {
	t.Helper()
	if os.Geteuid() != 0 {
		return false
	}
	require.Empty(t, os.Getenv(unprivilegedEnv), "the child must not be root")
	// nobody must be able to reach and run a copy of this test binary.
	dir, err := os.MkdirTemp("", "progress-unprivileged")
	require.NoError(t, err)
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	require.NoError(t, os.Chmod(dir, 0o755))
	bin := filepath.Join(dir, "progress.test")
	copyFile(t, os.Args[0], bin)

	child := exec.Command(bin, "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	child.Dir = dir
	child.Env = append(os.Environ(), unprivilegedEnv+"=1", "HOME="+dir, "TMPDIR="+os.TempDir())
	child.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := child.CombinedOutput()
	require.NoError(t, err, "as nobody:\n%s", out)
	require.Contains(t, string(out), "--- PASS: "+t.Name(), "the test ran, and passed, as nobody:\n%s", out)
	require.NotContains(t, string(out), "--- SKIP", "as nobody:\n%s", out)
	t.Logf("ran as nobody:\n%s", strings.TrimSpace(string(out)))
	return true
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	require.NoError(t, err)
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	require.NoError(t, err)
	_, err = io.Copy(out, in)
	require.NoError(t, err)
	require.NoError(t, out.Close())
}
