package progress

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/natefinch/atomic"
)

// damagedError: the bytes are not progress of any version we could write.
type damagedError struct{ why string }

func (e *damagedError) Error() string { return "damaged progress file: " + e.why }

// newerError: the file follows a format version above ours.
type newerError struct{ version int }

func (e *newerError) Error() string {
	return fmt.Sprintf("progress file format version %d is newer than %d", e.version, SchemaVersion)
}

// parse reads a progress file. A file from a newer program is returned as
// well as it could be read, with a *newerError; anything else that is not
// version-1 progress is a *damagedError.
func parse(data []byte) (Progress, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		if len(data) > 0 && bytes.Count(data, []byte{0}) == len(data) {
			return Progress{}, &damagedError{"it holds only zero bytes"}
		}
		return Progress{}, &damagedError{"it is empty"}
	}
	// The version first, so that a newer file whose other keys changed type
	// is recognised as newer, not damaged.
	var head struct {
		SchemaVersion json.RawMessage `json:"schema_version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return Progress{}, &damagedError{describeJSONError(err)}
	}
	if len(head.SchemaVersion) == 0 {
		return Progress{}, &damagedError{"it has no schema_version"}
	}
	var version int
	if err := json.Unmarshal(head.SchemaVersion, &version); err != nil || version < 1 {
		return Progress{}, &damagedError{fmt.Sprintf("its schema_version %s is not a version", head.SchemaVersion)}
	}
	var p Progress
	if version > SchemaVersion {
		_ = json.Unmarshal(data, &p) // best effort, to show; never written back
		p = dropNil(p)
		p.SchemaVersion = version
		return p, &newerError{version}
	}
	if err := json.Unmarshal(data, &p); err != nil {
		return Progress{}, &damagedError{describeJSONError(err)}
	}
	if err := checkNoNulls(p); err != nil {
		return Progress{}, err
	}
	if p.Courses == nil {
		p.Courses = map[string]*Course{}
	}
	return p, nil
}

func describeJSONError(err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("not valid JSON at byte %d: %v", syntax.Offset, err)
	case errors.As(err, &typ):
		where := typ.Field
		if where == "" {
			where = "the top level"
		}
		return fmt.Sprintf("%s holds a %s where progress has a %s", where, typ.Value, typ.Type)
	}
	return "not valid JSON: " + err.Error()
}

// checkNoNulls rejects null where an object must be, so no code meets a nil
// lesson or course.
func checkNoNulls(p Progress) error {
	for key, c := range p.Courses {
		if c == nil {
			return &damagedError{fmt.Sprintf("courses.%q is null", key)}
		}
		for id, l := range c.Lessons {
			if l == nil {
				return &damagedError{fmt.Sprintf("courses.%q.lessons.%q is null", key, id)}
			}
		}
		for name, e := range c.Examples {
			if e == nil {
				return &damagedError{fmt.Sprintf("courses.%q.examples.%q is null", key, name)}
			}
		}
	}
	return nil
}

func dropNil(p Progress) Progress {
	for key, c := range p.Courses {
		if c == nil {
			delete(p.Courses, key)
			continue
		}
		for id, l := range c.Lessons {
			if l == nil {
				delete(c.Lessons, id)
			}
		}
		for name, e := range c.Examples {
			if e == nil {
				delete(c.Examples, name)
			}
		}
	}
	if p.Courses == nil {
		p.Courses = map[string]*Course{}
	}
	return p
}

// quarantine moves a damaged file aside as PATH.corrupt-YYYYMMDD-HHMMSS, with
// -2, -3... when that name is taken, and returns the new name. The caller
// holds the lock, so no other asyncio-tutor picks the same name meanwhile.
func quarantine(path string, now time.Time) (string, error) {
	if err := checkPlain(path); err != nil {
		return "", err // only a plain file is ever moved
	}
	base := path + ".corrupt-" + now.Format("20060102-150405")
	for i := 1; i <= 1000; i++ {
		name := base
		if i > 1 {
			name = fmt.Sprintf("%s-%d", base, i)
		}
		if _, err := os.Lstat(name); err == nil {
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if err := os.Rename(path, name); err != nil {
			return "", err
		}
		// Losing this rename in a crash only means moving it aside again.
		_ = syncDir(filepath.Dir(path))
		return name, nil
	}
	return "", fmt.Errorf("too many damaged files named %s-N", base)
}

// tempPrefix starts the name of a save's temporary file. The leading dot
// hides it; the prefix lets Open find the ones a crash left behind.
func tempPrefix(path string) string {
	return "." + filepath.Base(path) + ".tmp-"
}

// removeStaleTemps removes the temporary files of saves that never finished.
// Only the lock holder may call it.
func removeStaleTemps(path string) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := tempPrefix(path)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && e.Type().IsRegular() {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// save writes p to path crash-safely: a temporary file in the same folder,
// flushed, renamed over path, then the folder flushed so the rename lasts.
// On any failure before the rename, path is untouched and the temporary
// file removed.
func save(path string, p Progress, wrap func(io.Writer) io.Writer) (err error) {
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return fmt.Errorf("cannot save progress to %s: %w", path, err)
	}
	data = append(data, '\n')

	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, tempPrefix(path)+"*")
	if err != nil {
		return saveError(path, err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	var w io.Writer = f
	if wrap != nil {
		w = wrap(f)
	}
	if _, err = w.Write(data); err != nil {
		return saveError(path, err)
	}
	if err = f.Sync(); err != nil {
		return saveError(path, err)
	}
	if err = f.Close(); err != nil {
		return saveError(path, err)
	}
	if err = atomic.ReplaceFile(f.Name(), path); err != nil {
		return saveError(path, err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("progress saved to %s, but its folder could not be flushed to disk: %w", path, unwrapPath(err))
	}
	return nil
}

func saveError(path string, err error) error {
	return fmt.Errorf("cannot save progress to %s: %w (the file there is unchanged)", path, unwrapPath(err))
}

// syncDir flushes a folder, so a rename in it survives a power cut. Windows
// cannot open a folder for that; its rename (MoveFileEx with write-through)
// is flushed already.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) {
		return err
	}
	return nil
}
