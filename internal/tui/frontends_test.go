package tui

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/plain"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
)

// The same learner, through the full-screen player and through --plain,
// leaves the same progress file, byte for byte: both front-ends take every
// decision (where to resume, when a lesson is read, how a prediction is
// scored, what an attempt records) from internal/learn. The one exception
// is the line to resume at, a line of the lesson's source in both: the
// player saves the one at the top of the screen, plain mode the start of
// the section it printed last, and those differ by what each shows.
func TestBothFrontEndsSaveTheSameProgress(t *testing.T) {
	at := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return at }

	scripts := []struct {
		name  string
		keys  [][]string // the full-screen player's keys, step by step
		lines string     // the same learner, line by line
		// where each leaves the lesson: the player shows all of it from
		// the top; plain mode reached the section at that line
		fullLine, linesLine int
	}{
		{
			name: "read, predict right, pass the quiz, go on",
			keys: [][]string{
				{"enter"},                           // continue: lesson one; it fits, so it is read
				{"tab", "enter", "2", "enter"},      // its example, predicting 2 s
				{"wait"},                            // the run plays out
				{"esc", "t", "2", "enter", "enter"}, // back to the lesson, its quiz, the right choice
				{"enter"},                           // the results, back to the lesson
				{"n"},                               // the next lesson, read too
				{"esc", "q"},
			},
			lines:    "\ny\n2\n\n\nt\n2\nn\nq\n",
			fullLine: 0, linesLine: 0, // the second lesson, just opened
		},
		{
			name: "predict 0, fail the quiz",
			keys: [][]string{
				{"enter"},
				{"tab", "enter", "0", "enter"},
				{"wait"},
				{"esc", "t", "1", "enter", "enter"},
				{"enter"},
				{"esc", "q"},
			},
			lines:    "\ny\n0\n\n\nt\n1\nm\nq\n",
			fullLine: 0, linesLine: 8, // the first lesson: its card
		},
	}
	for _, sc := range scripts {
		t.Run(sc.name, func(t *testing.T) {
			full := saved(t, func(store *progress.Store) {
				synctest.Test(t, func(t *testing.T) {
					h := newHarness(t, Options{Course: testCourse(t), CourseKey: "k", Store: store, Now: clock})
					for _, step := range sc.keys {
						if step[0] == "wait" {
							h.until(10*time.Second, func() bool { return strings.Contains(h.screen(), "■ finished") })
							continue
						}
						h.key(step...)
					}
					assert.True(t, h.quit)
				})
			})
			lines := saved(t, func(store *progress.Store) {
				synctest.Test(t, func(t *testing.T) {
					var out strings.Builder
					err := plain.Run(context.Background(), strings.NewReader(sc.lines), &out, plain.Options{
						Course: testCourse(t), CourseKey: "k", Store: store, Seed: 1, Now: clock,
					})
					require.NoError(t, err, out.String())
				})
			})
			full = resumedAt(t, full, sc.fullLine)
			lines = resumedAt(t, lines, sc.linesLine)
			assert.Equal(t, string(lines), string(full))
			assert.Contains(t, string(full), `"predictions"`)
			assert.Contains(t, string(full), `"quiz_attempts"`)
		})
	}
}

// resumedAt checks that a progress file resumes at line and returns it with
// that line as 0.
func resumedAt(t *testing.T, file []byte, line int) []byte {
	t.Helper()
	at := fmt.Sprintf(`"line": %d`+"\n", line)
	require.Equal(t, 1, bytes.Count(file, []byte(`"line": `)), "one resume line in:\n%s", file)
	require.Contains(t, string(file), at)
	return bytes.Replace(file, []byte(at), []byte(`"line": 0`+"\n"), 1)
}

// saved runs a session on a fresh progress file and returns the file.
func saved(t *testing.T, session func(*progress.Store)) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "progress.json")
	store, err := progress.Open(path)
	require.NoError(t, err)
	session(store)
	require.NoError(t, store.Close())
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}
