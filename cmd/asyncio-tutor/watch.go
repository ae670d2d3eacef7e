package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"

	"github.com/asyncio-tutor/asyncio-tutor/internal/check"
	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui"
)

// settle is how long the folder must be quiet before a reload: editors save
// in several writes (a temp file, a rename), and one reload per save is enough.
const settle = 150 * time.Millisecond

// watchCourse reloads the course folder whenever a file in it changes and
// hands the new course, with the problems check finds (answer-key proofs
// left out: they run examples and take time), to the running player.
func watchCourse(ctx context.Context, p *tea.Program, f *playFlags) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	for _, dir := range []string{"lessons", "quizzes"} {
		root := filepath.Join(f.dir, dir)
		_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				_ = w.Add(path) // a folder that cannot be watched is simply not reloaded
			}
			return nil
		})
	}
	lw := &watchLoop{
		events: w.Events,
		errors: w.Errors,
		add:    w.Add,
		reload: func(ctx context.Context) tui.CourseReloadedMsg { return reload(ctx, f) },
		send:   p.Send,
		settle: settle,
	}
	go func() {
		defer w.Close()
		lw.run(ctx)
	}()
	return nil
}

// watchLoop turns the file events of a course folder into reloads handed
// to the player: one per burst of events, once the folder is quiet.
type watchLoop struct {
	events <-chan fsnotify.Event
	errors <-chan error
	add    func(dir string) error // watch a new folder too
	reload func(context.Context) tui.CourseReloadedMsg
	send   func(tea.Msg)
	settle time.Duration
}

// run reloads until ctx ends or the events stop. A bug in a reload (a
// panic while loading or checking a half-written file) must not take the
// player down with it, the terminal still in raw mode: the player is told
// that the reload failed and why, and watching goes on.
func (lw *watchLoop) run(ctx context.Context) {
	defer func() {
		if r := recover(); r != nil {
			lw.send(tui.CourseReloadedMsg{Err: fmt.Errorf("watching the course stopped after a bug: %v; restart asyncio-tutor to reload again", r)})
		}
	}()
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-lw.events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					_ = lw.add(ev.Name) // a new translation folder
				}
			}
			timer = time.After(lw.settle)
		case <-lw.errors:
		case <-timer:
			timer = nil
			lw.send(lw.reloadSafely(ctx))
		}
	}
}

// reloadSafely is one reload, a panic in it turned into the message that
// says the reload failed and why.
func (lw *watchLoop) reloadSafely(ctx context.Context) (msg tui.CourseReloadedMsg) {
	defer func() {
		if r := recover(); r != nil {
			msg = tui.CourseReloadedMsg{Err: fmt.Errorf("asyncio-tutor hit a bug while reloading the course (%v); save again to retry, and please report it", r)}
		}
	}()
	return lw.reload(ctx)
}

// reload reads the course folder again and checks it, in the language the
// player shows (f.shown: --lang, or the locale's language the course had at
// start), not English.
func reload(ctx context.Context, f *playFlags) tui.CourseReloadedMsg {
	src, err := source(f.dir)
	if err != nil {
		return tui.CourseReloadedMsg{Err: err}
	}
	c, problems := course.Load(src)
	report := check.Course(ctx, c, problems, check.Options{})
	if f.shown != "" {
		c = c.In(f.shown)
	}
	return tui.CourseReloadedMsg{Course: c, Problems: report.Problems}
}
