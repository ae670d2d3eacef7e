package main

import (
	"context"
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
	go func() {
		defer w.Close()
		var timer <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if ev.Has(fsnotify.Create) {
					if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
						_ = w.Add(ev.Name) // a new translation folder
					}
				}
				timer = time.After(settle)
			case <-w.Errors:
			case <-timer:
				timer = nil
				p.Send(reload(ctx, f))
			}
		}
	}()
	return nil
}

func reload(ctx context.Context, f *playFlags) tui.CourseReloadedMsg {
	src, err := source(f.dir)
	if err != nil {
		return tui.CourseReloadedMsg{Err: err}
	}
	c, problems := course.Load(src)
	report := check.Course(ctx, c, problems, check.Options{})
	if f.lang != "" {
		c = c.In(f.lang)
	}
	return tui.CourseReloadedMsg{Course: c, Problems: report.Problems}
}
