package course

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
)

// ErrNotRegular is matched (errors.Is) by the error of opening a named
// pipe, device, socket or other file that is not a plain file: reading one
// can block forever (a FIFO with no writer, a terminal) or never end
// (/dev/zero), so a course never does.
var ErrNotRegular = errors.New("not a regular file")

// ErrOutsideCourse is matched by the error of opening a path that a
// symbolic link leads out of the course folder: a course pack must not make
// the player read, and CI print, files of the machine it runs on.
var ErrOutsideCourse = errors.New("a link that leads outside the course folder")

// courseDir is one folder of a course on disk (lessons or quizzes) as an
// fs.FS. Every path is resolved inside the course folder through an
// os.Root, so a link between the course's own folders works and a link out
// of it (or a lessons/ that is itself such a link) is refused; only plain
// files and folders are opened, and never in a way that waits.
//
// The root is opened for each call rather than kept: a Source lives as long
// as its caller likes and has no Close, and a course is a few dozen files.
type courseDir struct {
	course string // the course folder
	sub    string // lessons or quizzes, inside it
}

var (
	_ fs.ReadDirFS = courseDir{}
	_ fs.StatFS    = courseDir{}
)

// inRoot runs do with the course folder opened as a root and name joined
// to the folder's path in it, turning its errors into ones that name name.
func inRoot[T any](d courseDir, op, name string, do func(r *os.Root, rel string) (T, error)) (T, error) {
	var zero T
	if !fs.ValidPath(name) {
		return zero, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	r, err := os.OpenRoot(d.course)
	if err != nil {
		return zero, &fs.PathError{Op: op, Path: name, Err: unwrapPath(err)}
	}
	defer r.Close()
	v, err := do(r, path.Join(d.sub, name))
	if err != nil {
		return zero, &fs.PathError{Op: op, Path: name, Err: classify(err)}
	}
	return v, nil
}

// classify names the reason os.Root gives for a path that escapes the
// root, which Go does not export (it is errPathEscapes, "path escapes from
// parent"), so that the loader can tell the instructor what is wrong.
func classify(err error) error {
	err = unwrapPath(err)
	if errors.Is(err, ErrNotRegular) || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return err
	}
	if strings.Contains(err.Error(), "path escapes from parent") {
		return ErrOutsideCourse
	}
	return err
}

// Open opens a plain file or a folder, after looking at what name is
// without opening it; the open itself does not wait either (openNoWait),
// in case the file changed kind in between.
func (d courseDir) Open(name string) (fs.File, error) {
	return inRoot(d, "open", name, func(r *os.Root, rel string) (fs.File, error) {
		info, err := r.Stat(rel)
		if err != nil {
			return nil, err
		}
		if kind, bad := irregular(info.Mode()); bad && !info.IsDir() {
			return nil, &notRegularError{kind}
		}
		f, err := r.OpenFile(rel, os.O_RDONLY|openNoWait, 0)
		if err != nil {
			return nil, err
		}
		return f, nil
	})
}

func (d courseDir) ReadDir(name string) ([]fs.DirEntry, error) {
	return inRoot(d, "readdir", name, func(r *os.Root, rel string) ([]fs.DirEntry, error) {
		return fs.ReadDir(r.FS(), rel)
	})
}

func (d courseDir) Stat(name string) (fs.FileInfo, error) {
	return inRoot(d, "stat", name, func(r *os.Root, rel string) (fs.FileInfo, error) {
		return r.Stat(rel)
	})
}

// irregular reports whether a file of this mode must not be read as a
// course file, and what to call it in a problem.
func irregular(mode fs.FileMode) (kind string, bad bool) {
	switch t := mode.Type(); {
	case t == 0:
		return "", false
	case t&fs.ModeDir != 0:
		return "a folder", true
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)", true
	case t&fs.ModeSocket != 0:
		return "a socket", true
	case t&fs.ModeDevice != 0:
		return "a device", true
	}
	return "not a regular file", true
}

// notRegularError is the error of a file that is not a plain file, saying
// what it is instead.
type notRegularError struct{ kind string }

func (e *notRegularError) Error() string        { return "it is " + e.kind + ", not a file" }
func (e *notRegularError) Is(target error) bool { return target == ErrNotRegular }

// ErrTooLarge is matched by the error of reading a file over its size limit.
var ErrTooLarge = errors.New("file too large")

type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string        { return fmt.Sprintf("it is larger than %d KiB", e.limit>>10) }
func (e *tooLargeError) Is(target error) bool { return target == ErrTooLarge }

// readProblem is the problem of a course file that could not be read.
func readProblem(at Pos, err error) Problem {
	var irr *notRegularError
	switch {
	case errors.As(err, &irr):
		return at.Errorf(RuleNotRegularFile, "this is %s; a course holds only plain files, so it is not read", irr.kind)
	case errors.Is(err, ErrOutsideCourse):
		// Nothing of the target is read or shown, not even its name, which
		// may itself be private.
		return at.Errorf(RuleOutsideCourse, "this is a link to outside the course folder, which is not read; copy the file into the course instead")
	case errors.Is(err, ErrTooLarge):
		return at.Errorf(RuleFileTooLarge, "the file is larger than %d KiB; split it", MaxFileSize>>10)
	}
	return at.Errorf(RuleReadFailed, "cannot read: %v", unwrapPath(err))
}

// ReadRegular reads the plain file a user named (an answers file), up to
// limit bytes: a named pipe, device or folder is refused without waiting
// on it, and a larger file is an error, not a truncated read. Links are
// followed: the user chose the path. The error's text does not repeat name.
func ReadRegular(name string, limit int64) ([]byte, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, unwrapPath(err)
	}
	if kind, bad := irregular(info.Mode()); bad {
		return nil, &notRegularError{kind}
	}
	f, err := os.OpenFile(name, os.O_RDONLY|openNoWait, 0)
	if err != nil {
		return nil, unwrapPath(err)
	}
	defer f.Close()
	return readOpened(f, limit)
}

// readOpened checks, on the opened file itself, that it is a plain file
// (the path may have changed since it was looked at), and reads it whole
// when it holds at most limit bytes.
func readOpened(f fs.File, limit int64) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, unwrapPath(err)
	}
	if kind, bad := irregular(info.Mode()); bad {
		return nil, &notRegularError{kind}
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, unwrapPath(err)
	}
	if int64(len(b)) > limit {
		return nil, &tooLargeError{limit}
	}
	return b, nil
}
