package progress

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/adrg/xdg"
	"github.com/gofrs/flock"
)

// DefaultPath is where the progress file lives: asyncio-tutor/progress.json
// in the user's state folder, which it creates when missing.
func DefaultPath() (string, error) {
	return xdg.StateFile(filepath.Join("asyncio-tutor", "progress.json"))
}

// ErrReadOnly is matched (errors.Is) by the error of a save that a read-only
// Store refused; the error's text says why.
var ErrReadOnly = errors.New("progress is read-only this session")

// ErrClosed is returned by a save after Close.
var ErrClosed = errors.New("progress store is closed")

// NoticeKind names what a Notice is about.
type NoticeKind string

// The kinds of notice.
const (
	// NoticeLocked: another asyncio-tutor holds the file; read-only.
	NoticeLocked NoticeKind = "locked"
	// NoticeDamaged: the file could not be read as progress. It was moved
	// aside (Notice.Aside) and the learner starts fresh, or, when it could
	// not be moved, it is left alone and the store is read-only.
	NoticeDamaged NoticeKind = "damaged"
	// NoticeNewer: a newer asyncio-tutor wrote the file; read-only.
	NoticeNewer NoticeKind = "newer"
	// NoticeUnwritable: the file or its folder cannot be read, created or
	// locked; read-only.
	NoticeUnwritable NoticeKind = "unwritable"
	// NoticeNotPlain: the file or its lock is a symbolic link, named pipe,
	// device or folder, which is left alone; read-only.
	NoticeNotPlain NoticeKind = "not-plain"
)

// Notice is something the learner must be told about their progress file.
type Notice struct {
	Kind    NoticeKind
	Message string // one sentence for the learner
	Aside   string // NoticeDamaged: where the damaged file now is, or ""
}

func (n Notice) String() string { return n.Message }

// Store is the progress file, opened. It is safe for concurrent use: a
// Bubble Tea app saves from a tea.Cmd while its Update reads a Snapshot.
type Store struct {
	path string
	opts options

	mu       sync.Mutex
	data     Progress
	lock     *flock.Flock // held while non-nil
	readOnly string       // why nothing is saved; "" when saves go to disk
	notices  []Notice
	closed   bool
}

// options are seams for tests, not knobs for callers.
type options struct {
	now  func() time.Time
	wrap func(io.Writer) io.Writer // wraps the writer of each save's temporary file
}

// Open opens the progress file at path (see DefaultPath), creating its
// folder when missing. It takes the lock beside it, or, when another
// asyncio-tutor holds it, opens read-only. Open moves a damaged file aside
// and starts fresh, and opens a newer program's file read-only; Notices says
// what happened. The file and its lock must be plain files: a link (to
// anywhere), a pipe or a device there is never read, moved or written, and
// the store is read-only, so nothing outside the file's folder is touched. Problems with the file or its folder never fail Open: the
// learner can always go on, read-only if need be. Call Close when done.
func Open(path string) (*Store, error) {
	return open(path, options{})
}

func open(path string, o options) (*Store, error) {
	if path == "" {
		return nil, errors.New("progress: no file path given")
	}
	if o.now == nil {
		o.now = time.Now
	}
	s := &Store{path: path, opts: o, data: New()}

	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		s.stayReadOnly("its folder cannot be created",
			Notice{Kind: NoticeUnwritable, Message: fmt.Sprintf(
				"cannot create the folder of %s (%v): progress will not be saved this session", path, unwrapPath(err))})
		return s, nil
	}

	if s.refuseNotPlain() {
		return s, nil
	}
	lock := flock.New(path+".lock", flock.SetFlag(lockFlags))
	switch locked, err := lock.TryLock(); {
	case err != nil:
		_ = lock.Close()
		s.stayReadOnly("its lock file cannot be used",
			Notice{Kind: NoticeUnwritable, Message: fmt.Sprintf(
				"cannot lock %s (%v): progress is read-only this session", lock.Path(), unwrapPath(err))})
	case !locked:
		s.stayReadOnly("another asyncio-tutor is running",
			Notice{Kind: NoticeLocked, Message: "another asyncio-tutor is running: progress is read-only this session"})
	default:
		s.lock = lock
		// Only the holder of the lock may touch the folder: a temporary
		// file may be another instance's save in progress.
		removeStaleTemps(path)
	}

	s.load()
	return s, nil
}

// refuseNotPlain makes the store read-only, touching nothing, when the file
// or its lock is not a plain file, and reports whether it did.
func (s *Store) refuseNotPlain() bool {
	if err := checkPlain(s.path); err != nil {
		s.stayReadOnly("your progress file is not a plain file", refusedNotice("your progress file", s.path, err))
		return true
	}
	lock := s.path + ".lock"
	if err := checkPlain(lock); err != nil {
		s.stayReadOnly("its lock file is not a plain file", refusedNotice("the lock file", lock, err))
		return true
	}
	return false
}

// load reads the file into s.data, or explains why it could not.
func (s *Store) load() {
	data, err := readPlain(s.path)
	var notPlain *notPlainError
	var damaged *damagedError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return
	case errors.As(err, &notPlain):
		s.stayReadOnly("your progress file is not a plain file", refusedNotice("your progress file", s.path, err))
		return
	case errors.As(err, &damaged):
		s.damaged(damaged)
		return
	case err != nil:
		s.stayReadOnly("the file cannot be read",
			Notice{Kind: NoticeUnwritable, Message: fmt.Sprintf(
				"cannot read your progress file %s (%v): progress is read-only this session", s.path, unwrapPath(err))})
		return
	}
	p, err := parse(data)
	var newer *newerError
	switch {
	case err == nil:
		s.data = p
	case errors.As(err, &newer):
		s.data = p
		s.stayReadOnly("the file was written by a newer asyncio-tutor",
			Notice{Kind: NoticeNewer, Message: fmt.Sprintf(
				"your progress file %s was written by a newer asyncio-tutor (format version %d; this one knows up to %d): progress is read-only this session",
				s.path, newer.version, SchemaVersion)})
	case errors.As(err, &damaged):
		s.damaged(damaged)
	}
}

// damaged moves a damaged file aside and starts fresh, or, when it is not
// ours to move or cannot be moved, leaves it as it is.
func (s *Store) damaged(damaged *damagedError) {
	if s.lock == nil {
		// Not ours to move: whoever holds the lock will.
		s.notices = append(s.notices, Notice{Kind: NoticeDamaged, Message: fmt.Sprintf(
			"your progress file %s is damaged (%s); it is left as it is while another asyncio-tutor runs", s.path, damaged.why)})
		return
	}
	aside, err := quarantine(s.path, s.opts.now())
	if err != nil {
		s.stayReadOnly("the file is damaged and could not be moved aside",
			Notice{Kind: NoticeDamaged, Message: fmt.Sprintf(
				"your progress file %s is damaged (%s) and could not be moved aside (%v): it is left as it is and progress is read-only this session",
				s.path, damaged.why, unwrapPath(err))})
		return
	}
	s.notices = append(s.notices, Notice{Kind: NoticeDamaged, Aside: aside, Message: fmt.Sprintf(
		"your progress file was damaged (%s) and was moved aside to %s; starting fresh", damaged.why, aside)})
}

func (s *Store) stayReadOnly(why string, n Notice) {
	if s.readOnly == "" {
		s.readOnly = why
	}
	s.notices = append(s.notices, n)
}

// Path is the progress file's path.
func (s *Store) Path() string { return s.path }

// Notices are what the learner must be told about the file, in the order
// they happened; none on a normal day.
func (s *Store) Notices() []Notice {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Notice(nil), s.notices...)
}

// ReadOnly reports whether saves are refused this session (Notices says why).
func (s *Store) ReadOnly() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.readOnly != ""
}

// Snapshot is a deep copy of the progress: the caller may keep and change it.
func (s *Store) Snapshot() Progress {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data.Clone()
}

// Update applies change to the progress and saves it: call it from a tea.Cmd,
// never from a model's Update, since it writes to disk. change runs under
// the store's lock and must not keep p.
//
// The change is kept in memory even when the save fails, so the session
// shows it and the next successful save writes it. The error names the file
// and says why; the file on disk is then as it was. A read-only store returns
// an error matching ErrReadOnly.
func (s *Store) Update(change func(p *Progress)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	change(&s.data)
	if s.readOnly != "" {
		return &readOnlyError{path: s.path, why: s.readOnly}
	}
	s.data.SchemaVersion = SchemaVersion
	return save(s.path, s.data, s.opts.wrap)
}

// Reset forgets one lesson of a course (its read state and quiz attempts),
// or everything of the course when lesson is "", and saves.
func (s *Store) Reset(course, lesson string) error {
	return s.Update(func(p *Progress) { p.Reset(course, lesson) })
}

// Close releases the lock. Saves after Close fail with ErrClosed.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.lock == nil {
		return nil
	}
	err := s.lock.Close()
	s.lock = nil
	return err
}

type readOnlyError struct{ path, why string }

func (e *readOnlyError) Error() string {
	return fmt.Sprintf("progress not saved to %s: read-only this session, %s", e.path, e.why)
}

func (e *readOnlyError) Is(target error) bool { return target == ErrReadOnly }

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
