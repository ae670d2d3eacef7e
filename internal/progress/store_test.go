package progress

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/adrg/xdg"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// progressPath is a progress file in a folder that does not exist yet.
func progressPath(t *testing.T) string {
	return filepath.Join(t.TempDir(), "state", "asyncio-tutor", "progress.json")
}

func openStore(t *testing.T, path string, o options) *Store {
	t.Helper()
	s, err := open(path, o)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

// leftovers are the files in path's folder other than the progress file and
// its lock.
func leftovers(t *testing.T, path string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		if n := e.Name(); n != filepath.Base(path) && n != filepath.Base(path)+".lock" {
			names = append(names, n)
		}
	}
	return names
}

func markRead(lesson string) func(*Progress) {
	return func(p *Progress) { p.Course(BuiltinCourse).MarkRead(lesson, t0) }
}

func TestRoundTrip(t *testing.T) {
	path := progressPath(t)
	s := openStore(t, path, options{})
	assert.Empty(t, s.Notices())
	assert.False(t, s.ReadOnly())
	assert.Equal(t, New(), s.Snapshot(), "no file yet: empty progress")

	require.NoError(t, s.Update(func(p *Progress) {
		fill(p.Course(BuiltinCourse))
		p.Course("/courses/mine").MarkRead("intro", t0)
	}))
	want := s.Snapshot()
	require.NoError(t, s.Close())

	again := openStore(t, path, options{})
	assert.Empty(t, again.Notices())
	assert.Equal(t, want, again.Snapshot())
	assert.Empty(t, leftovers(t, path))

	info, err := os.Stat(path)
	require.NoError(t, err)
	if runtime.GOOS != "windows" {
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "progress is the learner's own")
	}
}

// The file is a public format: this is the documented shape, key by key.
func TestFileFormat(t *testing.T) {
	path := progressPath(t)
	s := openStore(t, path, options{})
	require.NoError(t, s.Update(func(p *Progress) { fill(p.Course(BuiltinCourse)) }))

	assert.JSONEq(t, `{
	  "schema_version": 1,
	  "courses": {
	    "builtin": {
	      "resume": {"lesson": "gathering", "line": 42},
	      "lessons": {
	        "awaiting": {
	          "read_at": "2026-11-02T10:15:00Z",
	          "quiz_attempts": [
	            {"quiz": "awaiting", "at": "2026-11-02T10:16:00Z", "score": 0.5, "passed": false,
	             "questions": [{"id": "why", "correct": true, "score": 1}, {"id": "which", "correct": false, "score": 0}]},
	            {"quiz": "awaiting", "at": "2026-11-02T10:17:00Z", "score": 1, "passed": true,
	             "questions": [{"id": "why", "correct": true, "score": 1}, {"id": "which", "correct": true, "score": 1}]}
	          ]
	        },
	        "gathering": {
	          "examples": {"gather": {"runs": 1, "last_run": "2026-11-02T10:19:00Z"}},
	          "quiz_draft": {"quiz": "gathering", "asked": ["a", "b"], "at": "2026-11-02T10:22:00Z",
	            "answers": [{"id": "a", "choices": [2], "correct": true, "score": 1, "hint_used": true}]}
	        }
	      },
	      "examples": {"gather": {"runs": 2, "last_run": "2026-11-02T10:19:00Z"}},
	      "predictions": [
	        {"example": "gather", "what": "total", "guess": "2s", "actual": "1s", "right": false, "at": "2026-11-02T10:20:00Z"},
	        {"example": "gather", "lesson": "gathering", "what": "total", "guess": "1", "actual": "1.00 s", "right": true, "at": "2026-11-02T10:21:00Z"}
	      ]
	    }
	  }
	}`, string(readFile(t, path)))
}

func TestSnapshotIsACopy(t *testing.T) {
	s := openStore(t, progressPath(t), options{})
	require.NoError(t, s.Update(markRead("a")))
	snap := s.Snapshot()
	snap.Course(BuiltinCourse).MarkRead("b", t0)
	assert.NotContains(t, s.Snapshot().Courses[BuiltinCourse].Lessons, "b")
}

func TestStoreReset(t *testing.T) {
	path := progressPath(t)
	s := openStore(t, path, options{})
	require.NoError(t, s.Update(func(p *Progress) {
		fill(p.Course(BuiltinCourse))
		p.Course(BuiltinCourse).MarkRead("gathering", t0)
		fill(p.Course("other"))
	}))

	require.NoError(t, s.Reset(BuiltinCourse, "awaiting"))
	require.NoError(t, s.Close())
	s = openStore(t, path, options{})
	got := s.Snapshot()
	assert.NotContains(t, got.Courses[BuiltinCourse].Lessons, "awaiting", "saved, not only in memory")
	assert.Contains(t, got.Courses[BuiltinCourse].Lessons, "gathering")

	require.NoError(t, s.Reset(BuiltinCourse, ""))
	require.NoError(t, s.Close())
	got = openStore(t, path, options{}).Snapshot()
	assert.NotContains(t, got.Courses, BuiltinCourse)
	assert.Contains(t, got.Courses, "other")
}

func TestStaleTempFilesAreRemovedAtOpen(t *testing.T) {
	path := progressPath(t)
	dir := filepath.Dir(path)
	require.NoError(t, os.MkdirAll(dir, 0o700))
	require.NoError(t, os.WriteFile(path, []byte(`{"schema_version":1}`), 0o600))
	for _, n := range []string{".progress.json.tmp-123", ".progress.json.tmp-4567"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), []byte(`{"schema_ver`), 0o600))
	}
	keep := []string{".other.json.tmp-1", "notes.txt", "progress.json.corrupt-20261102-101500"}
	for _, n := range keep {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600))
	}

	s := openStore(t, path, options{})
	assert.Empty(t, s.Notices())
	assert.ElementsMatch(t, keep, leftovers(t, path), "only our own temporary files go")
}

// Each kind of damage is moved aside byte for byte, said, and the learner
// starts fresh with a store that saves.
func TestDamagedFilesAreMovedAside(t *testing.T) {
	valid := []byte(`{"schema_version": 1, "courses": {"builtin": {"lessons": {"a": {"read_at": "2026-11-02T10:15:00Z"}}}}}`)
	cases := map[string][]byte{
		"zero-length":         {},
		"NUL-filled":          make([]byte, 4096),
		"whitespace":          []byte(" \n\t"),
		"truncated":           valid[:len(valid)/2],
		"not JSON":            []byte("progress: yes\n"),
		"trailing garbage":    append(append([]byte{}, valid...), []byte("}}")...),
		"an array":            []byte(`[1, 2]`),
		"null":                []byte(`null`),
		"no schema_version":   []byte(`{"courses": {}}`),
		"version is a string": []byte(`{"schema_version": "1"}`),
		"version zero":        []byte(`{"schema_version": 0}`),
		"version fractional":  []byte(`{"schema_version": 1.5}`),
		"courses is a list":   []byte(`{"schema_version": 1, "courses": []}`),
		"read_at is a number": []byte(`{"schema_version": 1, "courses": {"builtin": {"lessons": {"a": {"read_at": 5}}}}}`),
		"score is a string":   []byte(`{"schema_version": 1, "courses": {"b": {"lessons": {"a": {"quiz_attempts": [{"score": "high"}]}}}}}`),
		"a null course":       []byte(`{"schema_version": 1, "courses": {"builtin": null}}`),
		"a null lesson":       []byte(`{"schema_version": 1, "courses": {"builtin": {"lessons": {"a": null}}}}`),
		"a null example":      []byte(`{"schema_version": 1, "courses": {"builtin": {"examples": {"e": null}}}}`),
	}
	for name, damaged := range cases {
		t.Run(name, func(t *testing.T) {
			path := progressPath(t)
			require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
			require.NoError(t, os.WriteFile(path, damaged, 0o600))
			now := time.Date(2026, 11, 2, 10, 15, 7, 0, time.Local)

			s := openStore(t, path, options{now: func() time.Time { return now }})

			notices := s.Notices()
			require.Len(t, notices, 1)
			n := notices[0]
			assert.Equal(t, NoticeDamaged, n.Kind)
			assert.Equal(t, path+".corrupt-20261102-101507", n.Aside)
			assert.Contains(t, n.Message, "moved aside to "+n.Aside)
			assert.Contains(t, n.Message, "starting fresh")
			assert.Equal(t, damaged, readFile(t, n.Aside), "nothing is lost: the aside file has the old bytes")
			assert.NoFileExists(t, path)

			assert.False(t, s.ReadOnly())
			assert.Equal(t, New(), s.Snapshot())
			require.NoError(t, s.Update(markRead("a")))
			assert.Equal(t, damaged, readFile(t, n.Aside), "saving does not touch the aside file")
		})
	}
}

func TestDamagedTwiceInOneSecond(t *testing.T) {
	path := progressPath(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	now := func() time.Time { return time.Date(2026, 11, 2, 10, 15, 7, 0, time.Local) }

	var aside []string
	for i := range 3 {
		body := []byte(fmt.Sprintf("damaged %d", i))
		require.NoError(t, os.WriteFile(path, body, 0o600))
		s := openStore(t, path, options{now: now})
		require.Len(t, s.Notices(), 1)
		aside = append(aside, s.Notices()[0].Aside)
		require.NoError(t, s.Close())
		assert.Equal(t, body, readFile(t, aside[i]))
	}
	base := path + ".corrupt-20261102-101507"
	assert.Equal(t, []string{base, base + "-2", base + "-3"}, aside)
}

func TestFileFromTheFutureIsReadOnly(t *testing.T) {
	path := progressPath(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	future := []byte(`{"schema_version": 2, "courses": {"builtin": {"lessons": {"a": {"read_at": "2026-11-02T10:15:00Z"}}}}, "badges": ["x"]}`)
	require.NoError(t, os.WriteFile(path, future, 0o600))

	s := openStore(t, path, options{})
	require.True(t, s.ReadOnly())
	require.Len(t, s.Notices(), 1)
	assert.Equal(t, NoticeNewer, s.Notices()[0].Kind)
	assert.Contains(t, s.Notices()[0].Message, "newer asyncio-tutor")
	assert.True(t, s.Snapshot().Courses[BuiltinCourse].Lessons["a"].Read(), "shown as well as it can be read")

	err := s.Update(markRead("b"))
	require.ErrorIs(t, err, ErrReadOnly)
	assert.Contains(t, err.Error(), "newer asyncio-tutor")
	assert.Contains(t, err.Error(), path)
	require.ErrorIs(t, s.Reset(BuiltinCourse, ""), ErrReadOnly)
	require.NoError(t, s.Close())
	assert.Equal(t, future, readFile(t, path), "never overwritten")
	assert.Empty(t, leftovers(t, path))

	// Even when a key of the future format has a type we do not know.
	odd := []byte(`{"schema_version": 7, "courses": [1, 2]}`)
	require.NoError(t, os.WriteFile(path, odd, 0o600))
	s = openStore(t, path, options{})
	assert.True(t, s.ReadOnly())
	assert.Equal(t, NoticeNewer, s.Notices()[0].Kind, "newer, not damaged: it is not moved aside")
	assert.Equal(t, odd, readFile(t, path))
}

func TestSecondInstanceIsReadOnly(t *testing.T) {
	path := progressPath(t)
	first := openStore(t, path, options{})
	require.NoError(t, first.Update(markRead("a")))
	assert.False(t, first.ReadOnly())
	before := readFile(t, path)

	second := openStore(t, path, options{})
	require.True(t, second.ReadOnly())
	require.Len(t, second.Notices(), 1)
	assert.Equal(t, NoticeLocked, second.Notices()[0].Kind)
	assert.Equal(t, "another asyncio-tutor is running: progress is read-only this session", second.Notices()[0].Message)
	assert.True(t, second.Snapshot().Courses[BuiltinCourse].Lessons["a"].Read(), "it still shows the progress")

	err := second.Update(markRead("b"))
	require.ErrorIs(t, err, ErrReadOnly)
	assert.Contains(t, err.Error(), "another asyncio-tutor is running")
	assert.Equal(t, before, readFile(t, path), "the second instance never writes")

	require.NoError(t, first.Close())
	third := openStore(t, path, options{})
	assert.False(t, third.ReadOnly(), "after the first closes, the lock is free")
	assert.Empty(t, third.Notices())
	require.NoError(t, third.Update(markRead("c")))
}

// A read-only instance must not touch what the lock holder may be using.
func TestReadOnlyInstanceTouchesNothing(t *testing.T) {
	path := progressPath(t)
	first := openStore(t, path, options{})
	dir := filepath.Dir(path)
	temp := filepath.Join(dir, ".progress.json.tmp-99")
	require.NoError(t, os.WriteFile(temp, []byte("half a save"), 0o600))
	require.NoError(t, os.WriteFile(path, []byte("{"), 0o600))

	second := openStore(t, path, options{})
	assert.True(t, second.ReadOnly())
	assert.FileExists(t, temp, "it may be the other instance's save in progress")
	assert.Equal(t, []byte("{"), readFile(t, path), "not moved aside by the instance without the lock")
	kinds := []NoticeKind{}
	for _, n := range second.Notices() {
		kinds = append(kinds, n.Kind)
	}
	assert.Equal(t, []NoticeKind{NoticeLocked, NoticeDamaged}, kinds)
	_ = first
}

func TestPathIsAFolder(t *testing.T) {
	path := progressPath(t)
	require.NoError(t, os.MkdirAll(path, 0o700))
	s := openStore(t, path, options{})
	assert.True(t, s.ReadOnly())
	require.Len(t, s.Notices(), 1)
	assert.Equal(t, NoticeNotPlain, s.Notices()[0].Kind)
	assert.Contains(t, s.Notices()[0].Message, path)
	require.ErrorIs(t, s.Update(markRead("a")), ErrReadOnly)
	assert.DirExists(t, path)
}

// skipIfWritable skips when chmod cannot stop this user writing in dir, as
// for root.
func skipIfWritable(t *testing.T, dir string) {
	t.Helper()
	f, err := os.CreateTemp(dir, "probe")
	if err == nil {
		_ = f.Close()
		_ = os.Remove(f.Name())
		t.Skip("this user can write in a 0555 folder (root?): chmod cannot make it read-only")
	}
}

func TestReadOnlyFolder(t *testing.T) {
	if rerunUnprivileged(t) {
		return
	}
	path := progressPath(t)
	dir := filepath.Dir(path)
	s := openStore(t, path, options{})
	require.NoError(t, s.Update(markRead("a")))
	before := readFile(t, path)

	require.NoError(t, os.Chmod(dir, 0o555))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	skipIfWritable(t, dir)

	err := s.Update(markRead("b"))
	require.Error(t, err)
	assert.ErrorIs(t, err, fs.ErrPermission)
	assert.Contains(t, err.Error(), "cannot save progress to "+path)
	assert.Equal(t, before, readFile(t, path), "the old file is intact")
	assert.True(t, s.Snapshot().Courses[BuiltinCourse].Lessons["b"].Read(), "the change is kept for the next save")
	assert.Empty(t, leftovers(t, path))

	// A new session in that folder still opens (its lock file exists).
	require.NoError(t, s.Close())
	s = openStore(t, path, options{})
	assert.Empty(t, s.Notices())
	assert.True(t, s.Snapshot().Courses[BuiltinCourse].Lessons["a"].Read())
	require.Error(t, s.Update(markRead("c")))
	assert.Equal(t, before, readFile(t, path))
}

func TestReadOnlyFolderWithoutALockFile(t *testing.T) {
	if rerunUnprivileged(t) {
		return
	}
	path := progressPath(t)
	dir := filepath.Dir(path)
	require.NoError(t, os.MkdirAll(dir, 0o700))
	require.NoError(t, os.WriteFile(path, []byte(`{"schema_version": 1}`), 0o600))
	require.NoError(t, os.Chmod(dir, 0o555))
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	skipIfWritable(t, dir)

	s := openStore(t, path, options{})
	assert.True(t, s.ReadOnly(), "unlocked writes could race another instance")
	require.Len(t, s.Notices(), 1)
	assert.Equal(t, NoticeUnwritable, s.Notices()[0].Kind)
	assert.Contains(t, s.Notices()[0].Message, path+".lock")
}

// fullDisk takes a few bytes, then fails as a full disk does.
type fullDisk struct {
	w    io.Writer
	room int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if len(p) <= d.room {
		d.room -= len(p)
		return d.w.Write(p)
	}
	n, _ := d.w.Write(p[:d.room])
	d.room = 0
	return n, &fs.PathError{Op: "write", Path: "temp", Err: syscall.ENOSPC}
}

func TestFullDisk(t *testing.T) {
	path := progressPath(t)
	var full atomic.Bool
	s := openStore(t, path, options{wrap: func(w io.Writer) io.Writer {
		if full.Load() {
			return &fullDisk{w: w, room: 16}
		}
		return w
	}})
	require.NoError(t, s.Update(markRead("a")))
	before := readFile(t, path)

	full.Store(true)
	err := s.Update(markRead("b"))
	require.Error(t, err)
	assert.ErrorIs(t, err, syscall.ENOSPC)
	assert.Equal(t, "cannot save progress to "+path+": no space left on device (the file there is unchanged)", err.Error())
	assert.Equal(t, before, readFile(t, path), "the old file is intact")
	assert.Empty(t, leftovers(t, path), "the half-written temporary file is gone")

	full.Store(false)
	require.NoError(t, s.Update(markRead("c")))
	var saved Progress
	require.NoError(t, json.Unmarshal(readFile(t, path), &saved))
	assert.True(t, saved.Courses[BuiltinCourse].Lessons["b"].Read(), "what failed to save is saved next time")
	assert.True(t, saved.Courses[BuiltinCourse].Lessons["c"].Read())
}

func TestConcurrentUpdates(t *testing.T) {
	path := progressPath(t)
	s := openStore(t, path, options{})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 10 {
				assert.NoError(t, s.Update(func(p *Progress) {
					p.Course(BuiltinCourse).RanExample("gather", t0)
				}))
				_ = s.Snapshot()
				_ = s.ReadOnly()
				_ = s.Notices()
				_ = g + i
			}
		})
	}
	wg.Wait()
	assert.Equal(t, 80, s.Snapshot().Courses[BuiltinCourse].Examples["gather"].Runs)
	var saved Progress
	require.NoError(t, json.Unmarshal(readFile(t, path), &saved))
	assert.Equal(t, 80, saved.Courses[BuiltinCourse].Examples["gather"].Runs, "the last save holds every change")
}

func TestClosedStoreRefusesSaves(t *testing.T) {
	s := openStore(t, progressPath(t), options{})
	require.NoError(t, s.Close())
	require.NoError(t, s.Close(), "closing twice is harmless")
	assert.ErrorIs(t, s.Update(markRead("a")), ErrClosed, "the lock is gone: another instance may write now")
}

func TestOpenNeedsAPath(t *testing.T) {
	_, err := Open("")
	assert.Error(t, err)
}

func TestDefaultPathFollowsXDG(t *testing.T) {
	if runtime.GOOS != "linux" && !strings.HasSuffix(runtime.GOOS, "bsd") {
		t.Skip("XDG_STATE_HOME is honoured on Linux and the BSDs")
	}
	state := t.TempDir()
	t.Cleanup(xdg.Reload) // runs after Setenv's own cleanup restores the variable
	t.Setenv("XDG_STATE_HOME", state)
	xdg.Reload()

	path, err := DefaultPath()
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(state, "asyncio-tutor", "progress.json"), path)
	assert.DirExists(t, filepath.Dir(path))
}

func TestNoticeString(t *testing.T) {
	n := Notice{Kind: NoticeLocked, Message: "m"}
	assert.Equal(t, "m", n.String())
	assert.True(t, errors.Is(&readOnlyError{}, ErrReadOnly))
}

// A file written before lessons kept their runs, predictions their lesson
// and quizzes their drafts loads as it was: nothing in it is lost, and
// nothing is made up.
func TestAFileFromBeforeDraftsLoads(t *testing.T) {
	path := progressPath(t)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, os.WriteFile(path, []byte(`{"schema_version": 1, "courses": {"builtin": {
	  "resume": {"lesson": "gathering", "line": 42},
	  "lessons": {"awaiting": {"read_at": "2026-11-02T10:15:00Z"}},
	  "examples": {"gather": {"runs": 2, "last_run": "2026-11-02T10:19:00Z"}},
	  "predictions": [{"example": "gather", "what": "total", "guess": "2s", "actual": "1s", "right": false, "at": "2026-11-02T10:20:00Z"}]
	}}}`), 0o600))

	s := openStore(t, path, options{})
	assert.Empty(t, s.Notices(), "not damaged")
	c := s.Snapshot().Courses[BuiltinCourse]
	require.NotNil(t, c)
	assert.Equal(t, 2, c.Examples["gather"].Runs)
	assert.Nil(t, c.Lessons["awaiting"].QuizDraft)
	assert.Nil(t, c.Lessons["awaiting"].Examples)
	require.Len(t, c.Predictions, 1)
	assert.Empty(t, c.Predictions[0].Lesson)
}
