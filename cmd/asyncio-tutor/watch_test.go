package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/tui"
)

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
		reload: reload,
		send:   func(m tea.Msg) { sent <- m },
		settle: time.Millisecond,
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		lw.run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
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
