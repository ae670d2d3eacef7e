package tui

import (
	"context"
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
// scored, what an attempt records) from internal/learn.
func TestBothFrontEndsSaveTheSameProgress(t *testing.T) {
	at := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return at }

	scripts := []struct {
		name  string
		keys  [][]string // the full-screen player's keys, step by step
		lines string     // the same learner, line by line
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
			lines: "\ny\n2\nt\n2\nn\nq\n",
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
			lines: "\ny\n0\nt\n1\nm\nq\n",
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
			assert.Equal(t, string(lines), string(full))
			assert.Contains(t, string(full), `"predictions"`)
			assert.Contains(t, string(full), `"quiz_attempts"`)
		})
	}
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
