package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
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
// hands the new course, with the problems check finds, to the running
// player at once; the answer-key proofs, which run examples and take time,
// follow in the background, as check runs them.
func watchCourse(ctx context.Context, p *tea.Program, f *playFlags) error {
	return watchFolder(ctx, p.Send, f)
}

// watchFolder is watchCourse, handing its messages to send.
func watchFolder(ctx context.Context, send func(tea.Msg), f *playFlags) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	folders := newCourseFolders(f.dir)
	for _, dir := range folders.initial() {
		_ = w.Add(dir) // a folder that cannot be watched is simply not reloaded
	}
	// The folder itself, so that a course started empty sees its lessons/
	// and quizzes/ appear.
	_ = w.Add(f.dir)
	lw := &watchLoop{
		events: w.Events,
		errors: w.Errors,
		add: func(dir string) error {
			if !folders.admit(dir) {
				return nil
			}
			return w.Add(dir)
		},
		reload:  func(ctx context.Context) (tui.CourseReloadedMsg, proof) { return reloadAndProve(ctx, f) },
		send:    send,
		settle:  settle,
		initial: true,
	}
	go func() {
		defer w.Close()
		lw.run(ctx)
	}()
	return nil
}

// maxLanguageFolders is how many translation folders are watched in each
// of lessons/ and quizzes/: a course has a few languages, and a pack with
// thousands of folders named like languages must not take thousands of
// the user's inotify watches (a limited resource, shared by every program).
const maxLanguageFolders = 32

// courseFolders are the folders of a course that hold the files it is
// made of, the only ones watched: lessons/ and quizzes/, and the
// translation folders directly inside them. One watch per folder of the
// tree would let a pack of empty folders take one watch each.
type courseFolders struct {
	roots   []string        // lessons/ and quizzes/
	langs   map[string]int  // translation folders watched, per root
	watched map[string]bool // every folder watched
}

func newCourseFolders(dir string) *courseFolders {
	return &courseFolders{
		roots:   []string{filepath.Join(dir, "lessons"), filepath.Join(dir, "quizzes")},
		langs:   map[string]int{},
		watched: map[string]bool{},
	}
}

// initial is every folder to watch at the start.
func (cf *courseFolders) initial() []string {
	var dirs []string
	for _, root := range cf.roots {
		cf.watched[root] = true
		dirs = append(dirs, root)
		entries, _ := os.ReadDir(root) // a missing folder: check reports it
		for _, e := range entries {
			if e.IsDir() && cf.admit(filepath.Join(root, e.Name())) {
				dirs = append(dirs, filepath.Join(root, e.Name()))
			}
		}
	}
	return dirs
}

// admit says whether the folder dir, found at the start or created since,
// is to be watched, and counts it if so: a real folder (not a link) named
// like a language, directly in lessons/ or quizzes/, while that one has
// fewer than maxLanguageFolders watched.
func (cf *courseFolders) admit(dir string) bool {
	if cf.watched[dir] {
		return realFolder(dir) // created again after a delete, which dropped its watch
	}
	parent := filepath.Dir(dir)
	if !slices.Contains(cf.roots, parent) {
		return false
	}
	if !course.IsLanguageFolder(filepath.Base(dir)) || cf.langs[parent] >= maxLanguageFolders || !realFolder(dir) {
		return false
	}
	cf.watched[dir] = true
	cf.langs[parent]++
	return true
}

// realFolder says dir is a folder and not a link to one: a watch never
// follows a link out of the course.
func realFolder(dir string) bool {
	st, err := os.Lstat(dir)
	return err == nil && st.IsDir()
}

// proof is the slow part of a reload, run after the player has the
// course: the whole check with the answer-key proofs.
type proof func(context.Context) []course.Problem

// watchLoop turns the file events of a course folder into reloads handed
// to the player: one per burst of events, once the folder is quiet. Each
// reload's proofs then run in the background; a newer reload calls off
// the run before it, whose results would be stale.
type watchLoop struct {
	events <-chan fsnotify.Event
	errors <-chan error
	add    func(dir string) error // watch a new folder too, if it is one of the course's
	reload func(context.Context) (tui.CourseReloadedMsg, proof)
	send   func(tea.Msg)
	settle time.Duration
	// initial reloads once at the start, without waiting for an event, so
	// that the course played from the start gets its proofs too.
	initial bool

	gen         int                // the reloads so far
	stopProving context.CancelFunc // calls off the latest proof run
	proving     sync.WaitGroup
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
	defer lw.callOffProofs()
	var timer <-chan time.Time
	if lw.initial {
		timer = time.After(lw.settle) // after the first frame, which it would compete with
	}
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
		case _, ok := <-lw.errors:
			if !ok {
				return
			}
			// The watcher lost events (its queue overflowed) or a folder
			// went away: a reload reads the course as it is now, so nothing
			// missed stays missed.
			timer = time.After(lw.settle)
		case <-timer:
			timer = nil
			lw.callOffProofs()
			lw.gen++
			msg, prove := lw.reloadSafely(ctx)
			msg.Gen = lw.gen
			lw.send(msg)
			if prove != nil && msg.Err == nil {
				lw.startProofs(ctx, lw.gen, prove)
			}
		}
	}
}

// reloadSafely is one reload, a panic in it turned into the message that
// says the reload failed and why.
func (lw *watchLoop) reloadSafely(ctx context.Context) (msg tui.CourseReloadedMsg, prove proof) {
	defer func() {
		if r := recover(); r != nil {
			msg, prove = tui.CourseReloadedMsg{Err: fmt.Errorf("asyncio-tutor hit a bug while reloading the course (%v); save again to retry, and please report it", r)}, nil
		}
	}()
	return lw.reload(ctx)
}

// startProofs runs the proofs of reload gen in a goroutine of their own and
// sends what they find, unless a newer reload called them off first.
func (lw *watchLoop) startProofs(ctx context.Context, gen int, prove proof) {
	pctx, cancel := context.WithCancel(ctx)
	lw.stopProving = cancel
	lw.proving.Add(1)
	go func() {
		defer lw.proving.Done()
		msg := provedSafely(pctx, gen, prove)
		if pctx.Err() == nil {
			lw.send(msg)
		}
	}()
}

// callOffProofs stops the latest proof run and waits for it to end, so
// that it can send nothing after the reload that replaces it.
func (lw *watchLoop) callOffProofs() {
	if lw.stopProving != nil {
		lw.stopProving()
		lw.stopProving = nil
	}
	lw.proving.Wait()
}

// provedSafely is one proof run, a panic in it (which would otherwise
// leave the terminal raw) turned into the message that says so.
func provedSafely(ctx context.Context, gen int, prove proof) (msg tui.CourseProvedMsg) {
	defer func() {
		if r := recover(); r != nil {
			msg = tui.CourseProvedMsg{Gen: gen, Err: fmt.Errorf("asyncio-tutor hit a bug while proving the answer keys (%v); save again to retry, and please report it", r)}
		}
	}()
	return tui.CourseProvedMsg{Gen: gen, Problems: prove(ctx)}
}

// reload reads the course folder again and checks it, in the language the
// player shows (f.shown: --lang, or the locale's language the course had at
// start), not English. The answer-key proofs are left out: they run
// examples and take time (reloadAndProve returns them to run after).
func reload(ctx context.Context, f *playFlags) tui.CourseReloadedMsg {
	msg, _ := reloadAndProve(ctx, f)
	return msg
}

// reloadAndProve is reload, and the whole check with the proofs that
// `asyncio-tutor check` runs, to run once the player has the course.
func reloadAndProve(ctx context.Context, f *playFlags) (tui.CourseReloadedMsg, proof) {
	src, err := source(f.dir)
	if err != nil {
		return tui.CourseReloadedMsg{Err: err}, nil
	}
	c, problems := course.Load(ctx, src)
	report := check.Course(ctx, c, problems, check.Options{})
	prove := func(ctx context.Context) []course.Problem {
		return check.Course(ctx, c, problems, check.Options{ProveOutput: true}).Problems
	}
	shown := c
	if f.shown != "" {
		shown = c.In(f.shown)
	}
	return tui.CourseReloadedMsg{Course: shown, Problems: report.Problems}, prove
}
