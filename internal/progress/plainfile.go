package progress

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
)

// maxFileSize bounds what is read of a progress file: years of use take a
// few hundred KiB, so a larger file is not progress this program wrote.
const maxFileSize = 16 << 20

// notPlainError: the path holds something other than a plain file: a
// symbolic link (whose target may be any file of the learner's, or
// /dev/zero), a named pipe (which blocks a reader), a device or a folder.
// Such a path is neither read nor renamed nor written.
type notPlainError struct{ what string }

func (e *notPlainError) Error() string { return "it is " + e.what + ", not a plain file" }

// describe names a file mode that is not a plain file, or returns "".
func describe(mode fs.FileMode) string {
	switch t := mode.Type(); {
	case t == 0:
		return ""
	case t&fs.ModeSymlink != 0:
		return "a symbolic link"
	case t&fs.ModeDir != 0:
		return "a folder"
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case t&fs.ModeDevice != 0:
		return "a device"
	case t&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a plain file"
}

// checkPlain looks at path without following a link and without opening
// it: nil when it is a plain file or absent, a *notPlainError when it is
// something else, and nil when it cannot be looked at (what then uses it
// says why).
func checkPlain(path string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return nil
	}
	if what := describe(info.Mode()); what != "" {
		return &notPlainError{what}
	}
	return nil
}

// readPlain reads the plain file at path, at most maxFileSize bytes (more
// is a *damagedError). It never follows a link, never waits on a pipe, and
// checks the opened file is the one it looked at, so a path swapped for a
// link meanwhile is refused too.
func readPlain(path string) ([]byte, error) {
	before, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if what := describe(before.Mode()); what != "" {
		return nil, &notPlainError{what}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNoFollow, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	after, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if what := describe(after.Mode()); what != "" {
		return nil, &notPlainError{what}
	}
	if !os.SameFile(before, after) {
		return nil, &notPlainError{"a file that changed while it was being opened"}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, &damagedError{fmt.Sprintf("it is larger than %d MiB", maxFileSize>>20)}
	}
	return data, nil
}

// refusedNotice tells the learner that a path in the state folder is not a
// plain file and is left alone. whose is "your progress file" or "the lock
// file".
func refusedNotice(whose, path string, err error) Notice {
	var np *notPlainError
	what := "not a plain file"
	if errors.As(err, &np) {
		what = np.what
	}
	return Notice{Kind: NoticeNotPlain, Message: fmt.Sprintf(
		"%s %s is %s: asyncio-tutor keeps progress only in a plain file, so it neither reads nor changes it, and progress is read-only this session (put a plain file there to save again)",
		whose, path, what)}
}

// lockFlags open the lock file as flock does by default (created, read-only,
// or read-write where a write lock needs that), but never through a link.
var lockFlags = func() int {
	flags := os.O_CREATE | os.O_RDONLY
	switch runtime.GOOS {
	case "aix", "solaris", "illumos":
		flags = os.O_CREATE | os.O_RDWR
	}
	return flags | openNoFollow
}()
