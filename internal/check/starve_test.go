//go:build unix

package check

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// starvedKeys are the keys the starved child proves: right keys that failed
// on a starved machine when the verdict came from the wall clock (the
// built-in course's queue key, a gather key), and wrong keys that must fail
// every time all the same, one of them a race.
var starvedKeys = []string{
	`queue: ["got item1", "put item2", "done item1", "put item4", "got item3", "done item4"]`,
	`gather: ["func3 done", "func1 done", "func2 done"]`,
	`queue: ["put item2", "got item1", "done item1"]`,
	`gather: ["func1 started", "func2 started"]`,
}

// starvedVerdicts is what every one of the child's proofs must say about
// starvedKeys, as "question: verdict" lines in question order; the right
// keys say nothing.
var starvedVerdicts = []string{
	`q2: example queue prints "got item1" at 0.5 s, before "put item2" at 1.0 s`,
	`q3: example gather prints "func1 started" and "func2 started" at the same moment (0.0 s) from goroutines that race, so their order changes from run to run; ask about lines printed at different times, or add model: loop, where one task runs at a time and the order is fixed`,
}

const (
	starvedChildEnv = "ASYNCIO_TUTOR_STARVED_CHILD"
	starvedProofs   = 100
	starvedBatch    = 10 // proofs at once: each batch takes one run's time
)

// The done-when of the issue: with the checking process frozen 60 ms in
// every 100 ms (SIGSTOP, then SIGCONT, from here), each of 100 proofs
// accepts the right keys and fails the wrong ones with the same message.
// The proofs run in a child process, this test binary started again.
func TestProofsDoNotDependOnLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 100 proofs in a starved child process")
	}
	child := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestStarvedChild$", "-test.count=1", "-test.timeout=5m")
	child.Env = append(os.Environ(), starvedChildEnv+"=1")
	var out, errOut bytes.Buffer
	child.Stdout, child.Stderr = &out, &errOut
	require.NoError(t, child.Start())

	done := make(chan struct{})
	var starver sync.WaitGroup
	starver.Go(func() { starve(child.Process, done) })
	err := child.Wait()
	close(done)
	starver.Wait()
	require.NoError(t, err, "the child failed:\n%s\n%s", out.String(), errOut.String())

	proofs := parseProofs(t, out.String())
	require.Len(t, proofs, starvedProofs, out.String())
	for i, got := range proofs {
		assert.Equal(t, starvedVerdicts, got, "proof %d of %d", i+1, starvedProofs)
	}
}

// starve freezes p 60 ms in every 100 ms until done is closed, and leaves
// it running.
func starve(p *os.Process, done <-chan struct{}) {
	defer p.Signal(syscall.SIGCONT)
	for {
		if p.Signal(syscall.SIGSTOP) != nil {
			return // the child has exited
		}
		select {
		case <-done:
			return
		case <-time.After(60 * time.Millisecond):
		}
		if p.Signal(syscall.SIGCONT) != nil {
			return
		}
		select {
		case <-done:
			return
		case <-time.After(40 * time.Millisecond):
		}
	}
}

// parseProofs reads the child's output: a "proof" line opens each proof, and
// the lines after it, up to the next, are its verdicts.
func parseProofs(t *testing.T, out string) [][]string {
	t.Helper()
	var proofs [][]string
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		switch line := sc.Text(); {
		case line == "proof":
			proofs = append(proofs, []string{})
		case strings.HasPrefix(line, "q") && len(proofs) > 0:
			proofs[len(proofs)-1] = append(proofs[len(proofs)-1], line)
		}
	}
	return proofs
}

// TestStarvedChild is the child of TestProofsDoNotDependOnLoad; run on its
// own it does nothing. It proves starvedKeys starvedProofs times, a batch
// at a time, and prints each proof's problems and skips.
func TestStarvedChild(t *testing.T) {
	if os.Getenv(starvedChildEnv) == "" {
		t.Skip("the child of TestProofsDoNotDependOnLoad")
	}
	c, problems := outputCourse(t, starvedKeys...)
	for range starvedProofs / starvedBatch {
		reports := make([]*Report, starvedBatch)
		var wg sync.WaitGroup
		for i := range reports {
			wg.Go(func() { reports[i] = Course(context.Background(), c, problems, Options{ProveOutput: true}) })
		}
		wg.Wait()
		for _, r := range reports {
			fmt.Println("proof")
			for _, p := range append(r.Problems, r.Skipped...) {
				fmt.Printf("q%d: %s\n", questionOf(c, p), p.Message)
			}
		}
	}
}

// questionOf says which question of outputCourse's quiz p is about: the
// last one starting at or before p's line.
func questionOf(c *course.Course, p course.Problem) int {
	n := -1
	for i, q := range c.Quizzes[0].Questions {
		if q.At("").Line <= p.Line {
			n = i
		}
	}
	return n
}
