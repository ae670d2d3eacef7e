package pytrace

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// ErrNoPython is wrapped by the error Find returns when there is no usable
// interpreter. Its text tells a learner how to get the python model working.
var ErrNoPython = errors.New("the python model needs CPython 3.11 or newer: install Python 3.11 or newer so that `python3` is on PATH, then run the example again")

// MinVersion is the oldest CPython the shim supports: asyncio's Task takes a
// context and the task factory gets it from 3.11 on.
const MinVersion = "3.11"

// Python is an interpreter that Find has checked.
type Python struct {
	Path    string // absolute path, or the path as given
	Version string // "3.11.7"
}

// probe prints the implementation and version; -I keeps the learner's
// PYTHON* environment and user site out of it, as in Run.
const probe = "import platform, sys; print(platform.python_implementation(), '%d.%d.%d' % sys.version_info[:3])"

var (
	findMu    sync.Mutex
	findCache = map[string]cachedPython{} // by resolved path
)

type cachedPython struct {
	py    Python
	mtime time.Time
	size  int64
}

// Find looks for python3 on PATH, or checks the interpreter at path when
// path is not empty, and checks that it is CPython 3.11 or newer. The
// answer is cached per interpreter file, so callers may call it for every
// run.
func Find(path string) (Python, error) {
	name := path
	if name == "" {
		name = "python3"
	}
	resolved, err := exec.LookPath(name)
	if err != nil {
		return Python{}, fmt.Errorf("%w (%s not found)", ErrNoPython, name)
	}
	st, err := os.Stat(resolved)
	if err != nil {
		return Python{}, fmt.Errorf("%w (%s: %v)", ErrNoPython, resolved, err)
	}
	findMu.Lock()
	c, ok := findCache[resolved]
	findMu.Unlock()
	if ok && c.mtime.Equal(st.ModTime()) && c.size == st.Size() {
		return c.py, nil
	}

	// A broken interpreter could hang; it gets a few seconds to answer.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, resolved, "-I", "-c", probe)
	cmd.WaitDelay = time.Second
	out, err := cmd.Output()
	if err != nil {
		return Python{}, fmt.Errorf("%w (%s does not run: %v)", ErrNoPython, resolved, err)
	}
	impl, version, _ := strings.Cut(strings.TrimSpace(string(out)), " ")
	if impl != "CPython" {
		return Python{}, fmt.Errorf("%w (%s is %s, not CPython)", ErrNoPython, resolved, firstLine(impl))
	}
	if !atLeast(version, MinVersion) {
		return Python{}, fmt.Errorf("%w (%s is Python %s)", ErrNoPython, resolved, firstLine(version))
	}
	py := Python{Path: resolved, Version: version}
	findMu.Lock()
	findCache[resolved] = cachedPython{py: py, mtime: st.ModTime(), size: st.Size()}
	findMu.Unlock()
	return py, nil
}

// atLeast compares dotted version numbers: "3.12.1" is at least "3.11".
func atLeast(version, min string) bool {
	have, want := strings.Split(version, "."), strings.Split(min, ".")
	for i, w := range want {
		wn, _ := strconv.Atoi(w)
		if i >= len(have) {
			return false
		}
		hn, err := strconv.Atoi(have[i])
		if err != nil {
			return false
		}
		if hn != wn {
			return hn > wn
		}
	}
	return true
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return strconv.Quote(s)
}
