package progress

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const crashHelperEnv = "ASYNCIO_TUTOR_PROGRESS_CRASH_HELPER"

// TestHelperProcess is not a test: TestCrashWhileSaving runs the test binary
// with it as a child that saves in a tight loop until it is killed.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv(crashHelperEnv)
	if path == "" {
		t.Skip("the child process of TestCrashWhileSaving")
	}
	s, err := Open(path)
	if err != nil || s.ReadOnly() || len(s.Notices()) > 0 {
		fmt.Printf("not ready: %v %v\n", err, s.Notices())
		os.Exit(3)
	}
	fmt.Println("ready")
	for i := 0; ; i++ {
		err := s.Update(func(p *Progress) {
			c := p.Course(BuiltinCourse)
			c.RanExample(fmt.Sprintf("example-%d", i%40), time.Now())
			c.MarkRead(fmt.Sprintf("lesson-%d", i%25), time.Now())
			// Files of many sizes, so a kill lands in writes of every length.
			c.AddPrediction(Prediction{Example: "gather", What: "first line",
				Guess: strings.Repeat("g", i%500), Actual: "fetch a", At: time.Now()})
			if len(c.Predictions) > 30 {
				c.Predictions = c.Predictions[len(c.Predictions)-30:]
			}
		})
		if err != nil {
			fmt.Println(err)
			os.Exit(4)
		}
	}
}

// A save killed at any moment leaves the old file or the new one, never a
// broken one, and the next Open sweeps up the half-written temporary file.
func TestCrashWhileSaving(t *testing.T) {
	path := progressPath(t)
	const kills = 100
	existed, interrupted := false, 0
	for i := range kills {
		child := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
		child.Env = append(os.Environ(), crashHelperEnv+"="+path)
		out, err := child.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, child.Start())
		line, _ := bufio.NewReader(out).ReadString('\n')
		if line != "ready\n" {
			_ = child.Process.Kill()
			_ = child.Wait()
			t.Fatalf("kill %d: the child did not start saving: %q", i, line)
		}
		time.Sleep(time.Duration(rand.IntN(4000)) * time.Microsecond)
		require.NoError(t, child.Process.Kill()) // SIGKILL: no deferred cleanup runs
		_ = child.Wait()

		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			require.False(t, existed, "kill %d: the file vanished after a save", i)
		} else {
			require.NoError(t, err)
			existed = true
			_, err := parse(data)
			require.NoError(t, err, "kill %d: the file does not parse:\n%s", i, data)
		}
		if len(leftovers(t, path)) > 0 {
			interrupted++
		}

		s, err := Open(path)
		require.NoError(t, err)
		require.Empty(t, s.Notices(), "kill %d", i)
		require.Empty(t, leftovers(t, path), "kill %d: a temporary file survived Open", i)
		require.NoError(t, s.Close())
	}
	require.True(t, existed, "no child ever saved")
	t.Logf("%d of %d kills interrupted a save half-way", interrupted, kills)
}
