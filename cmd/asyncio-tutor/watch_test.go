package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui"
)

// runLoop runs lw until the test ends, then cancels it and waits for it.
func runLoop(t *testing.T, ctx context.Context, cancel context.CancelFunc, lw *watchLoop) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		lw.run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
}

// startLoop runs a watch loop with reload, and returns the channel of file
// events it watches and the channel of messages it sends the player.
func startLoop(t *testing.T, reload func(context.Context) tui.CourseReloadedMsg) (chan<- fsnotify.Event, <-chan tea.Msg) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	events := make(chan fsnotify.Event)
	sent := make(chan tea.Msg, 4)
	lw := &watchLoop{
		events: events,
		errors: make(chan error),
		add:    func(string) error { return nil },
		reload: func(ctx context.Context) (tui.CourseReloadedMsg, proof) { return reload(ctx), nil },
		send:   func(m tea.Msg) { sent <- m },
		settle: time.Millisecond,
	}
	runLoop(t, ctx, cancel, lw)
	return events, sent
}

func nextMsg(t *testing.T, sent <-chan tea.Msg) tui.CourseReloadedMsg {
	t.Helper()
	select {
	case m := <-sent:
		msg, ok := m.(tui.CourseReloadedMsg)
		require.True(t, ok, "sent %T, not a CourseReloadedMsg", m)
		return msg
	case <-time.After(5 * time.Second):
		t.Fatal("the watch loop sent nothing")
		return tui.CourseReloadedMsg{}
	}
}

// A reload that panics (a bug meeting a half-written file) tells the player
// that the reload failed and why, and the next save reloads again.
func TestWatchReloadPanicIsReported(t *testing.T) {
	calls := 0
	events, sent := startLoop(t, func(context.Context) tui.CourseReloadedMsg {
		calls++
		if calls == 1 {
			panic("index out of range [3] with length 3")
		}
		return tui.CourseReloadedMsg{Problems: nil}
	})

	events <- fsnotify.Event{Name: "lessons/01-waits.md", Op: fsnotify.Write}
	msg := nextMsg(t, sent)
	require.Error(t, msg.Err)
	assert.Contains(t, msg.Err.Error(), "hit a bug while reloading")
	assert.Contains(t, msg.Err.Error(), "index out of range [3] with length 3")
	assert.Nil(t, msg.Course)

	events <- fsnotify.Event{Name: "lessons/01-waits.md", Op: fsnotify.Write}
	msg = nextMsg(t, sent)
	assert.NoError(t, msg.Err, "watching goes on after a panic")
}

// Without --lang, a Thai locale plays a course with a Thai translation in
// Thai; a reload keeps it in Thai rather than switching to English.
func TestWatchReloadKeepsTheLocaleLanguage(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "th_TH.UTF-8")
	dir, err := filepath.Abs(goodCourse)
	require.NoError(t, err)

	f := playFlags{courseFlags: courseFlags{dir: dir}}
	played, _, err := f.loadCourse()
	require.NoError(t, err)
	require.NotEmpty(t, played.Lessons)
	require.Equal(t, "การรอ", played.Lessons[0].Title, "the locale's language is played")

	msg := reload(context.Background(), &f)
	require.NoError(t, msg.Err)
	require.NotNil(t, msg.Course)
	assert.Equal(t, played.Lessons[0].Title, msg.Course.Lessons[0].Title, "a reload keeps the language played")

	// --lang wins over the locale, reloads included.
	en := playFlags{courseFlags: courseFlags{dir: dir, lang: "en"}}
	_, _, err = en.loadCourse()
	require.NoError(t, err)
	assert.Equal(t, "Waits", reload(context.Background(), &en).Course.Lessons[0].Title)

	// A locale the course has no translation for plays, and reloads, in English.
	t.Setenv("LANG", "fr_FR.UTF-8")
	fr := playFlags{courseFlags: courseFlags{dir: dir}}
	_, _, err = fr.loadCourse()
	require.NoError(t, err)
	assert.Equal(t, "Waits", reload(context.Background(), &fr).Course.Lessons[0].Title)
}

// startProving runs a watch loop, in a synctest bubble, whose reloads each
// hand over the load problems and a proof run that proves only when let
// (each run gets its own channel in proofs, closed by the test).
func startProving(t *testing.T, proofs []chan struct{}) (chan<- fsnotify.Event, <-chan tea.Msg) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	events := make(chan fsnotify.Event)
	sent := make(chan tea.Msg, 8)
	reloads := 0
	lw := &watchLoop{
		events: events,
		errors: make(chan error),
		add:    func(string) error { return nil },
		reload: func(context.Context) (tui.CourseReloadedMsg, proof) {
			n := reloads
			reloads++
			load := []course.Problem{{File: "quizzes/01.yaml", Line: 1, Message: fmt.Sprintf("load %d", n)}}
			return tui.CourseReloadedMsg{Problems: load}, func(ctx context.Context) []course.Problem {
				select {
				case <-proofs[n]:
				case <-ctx.Done():
				}
				return append(load, course.Problem{File: "quizzes/01.yaml", Line: 2, Message: fmt.Sprintf("proof %d", n)})
			}
		},
		send:   func(m tea.Msg) { sent <- m },
		settle: settle,
	}
	runLoop(t, ctx, cancel, lw)
	return events, sent
}

// The player gets the load problems at once and the proofs' after them,
// both tagged with the reload; a reload calls off the proof run before it,
// which then sends nothing.
func TestWatchProofsFollowTheLoadAndAStaleRunIsDropped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		proofs := []chan struct{}{make(chan struct{}), make(chan struct{})}
		events, sent := startProving(t, proofs)

		events <- fsnotify.Event{Name: "quizzes/01.yaml", Op: fsnotify.Write}
		time.Sleep(settle)
		synctest.Wait()
		first := nextMsg(t, sent)
		assert.Equal(t, 1, first.Gen)
		assert.Equal(t, "load 0", first.Problems[0].Message)
		assert.Empty(t, sent, "the proofs are still running")

		// A save while the first proofs run: they are called off.
		events <- fsnotify.Event{Name: "quizzes/01.yaml", Op: fsnotify.Write}
		time.Sleep(settle)
		synctest.Wait()
		second := nextMsg(t, sent)
		assert.Equal(t, 2, second.Gen)
		assert.Equal(t, "load 1", second.Problems[0].Message)
		close(proofs[0]) // were the first run still going, it would now send
		synctest.Wait()
		assert.Empty(t, sent, "the called-off run sent nothing")

		close(proofs[1])
		synctest.Wait()
		require.Len(t, sent, 1)
		proved, ok := (<-sent).(tui.CourseProvedMsg)
		require.True(t, ok)
		assert.Equal(t, 2, proved.Gen)
		require.Len(t, proved.Problems, 2)
		assert.Equal(t, "proof 1", proved.Problems[1].Message)
	})
}

// --watch on a folder with nothing in it yet (not even lessons/) waits,
// and loads the first lesson once it is saved.
func TestWatchAnEmptyFolderWaitsForTheFirstLesson(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sent := make(chan tea.Msg, 64)
	require.NoError(t, watchFolder(ctx, func(m tea.Msg) { sent <- m }, &playFlags{courseFlags: courseFlags{dir: dir}}))

	msg := nextMsg(t, sent) // the reload at the start
	require.NotNil(t, msg.Course)
	assert.Empty(t, msg.Course.Lessons)

	mkdirs(t, dir, "lessons")
	lesson := "---\nid: first\ntitle: A first lesson\n---\n\n# First\n\nHello.\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "lessons", "01-first.md"), []byte(lesson), 0o644))
	for {
		m := nextAny(t, sent)
		if r, ok := m.(tui.CourseReloadedMsg); ok && r.Course != nil && len(r.Course.Lessons) == 1 {
			assert.Equal(t, "A first lesson", r.Course.Lessons[0].Title)
			return
		}
	}
}

// nextAny is the next message the watch loop sends, of any type.
func nextAny(t *testing.T, sent <-chan tea.Msg) tea.Msg {
	t.Helper()
	select {
	case m := <-sent:
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("the watch loop sent nothing")
		return nil
	}
}
