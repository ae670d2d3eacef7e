// Package pytrace runs a Python twin of an example on CPython itself, under
// a tracing shim, and turns what the shim reports into trace events: the
// same vocabulary and lanes as the Go model of asyncio in internal/loop, so
// the two can be drawn on one axis and compared.
//
// The shim (shim.py, embedded) installs an event loop policy whose loops
// keep program time (loop.time() runs Speed times faster than real time)
// and whose task factory wraps each task's coroutine to record every step.
// It streams one JSON object a line on file descriptor 3; Run reads that
// stream and hands each event to Options.Record as it arrives.
package pytrace

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

//go:embed shim.py
var shim string

// Shim returns the source of the tracing shim, for a learner who wants to
// see what runs around the twin.
func Shim() string { return shim }

const (
	// DefaultLimit bounds a run's wall time when Options.Limit is 0.
	DefaultLimit = 60 * time.Second
	// MaxLine is the longest event line accepted from the shim.
	MaxLine = 64 << 10
	// MaxEvents is the most events one run may report.
	MaxEvents = 200_000
	// stderrKeep is how much of the end of stderr is kept for errors.
	stderrKeep = 8 << 10
	// MinSpeed and MaxSpeed bound Options.Speed.
	MinSpeed = 0.1
	MaxSpeed = 20
)

// Options configure Run.
type Options struct {
	Python string        // interpreter path; "" means Find("")
	Speed  float64       // program time runs this many times faster than real time; 0 means 1
	Limit  time.Duration // hard bound on the run's wall time; 0 means DefaultLimit
	// Virtual runs the loop on a clock that jumps to the next timer
	// instead of waiting for it (Speed is then unused): CPython's own
	// scheduler, with times that are exact and the same however busy the
	// machine is. Only for scripts whose waits are all timers (sleeps,
	// timeouts); real I/O still waits as it would.
	Virtual bool
	// Record is called for each event, in order, as it arrives, on the
	// goroutine that called Run. T is program time since the shim started;
	// Seq is left 0 for the caller (a trace.Recorder) to assign.
	Record func(trace.Event)
	// Name is the file name the script's tracebacks show; "" means
	// "script.py". Only the base name is used.
	Name string
}

// ExitError reports a script that ended with a non-zero status.
type ExitError struct {
	Status int    // exit status, or -1 when a signal ended it
	Stderr string // the end of what the script wrote on stderr (up to 8 KiB)
}

func (e *ExitError) Error() string {
	tail := lastLines(e.Stderr, 8)
	head := fmt.Sprintf("python script exited with status %d", e.Status)
	if e.Status < 0 {
		head = "python script was killed by a signal"
	}
	if tail == "" {
		return head
	}
	return head + ":\n" + tail
}

// Errors Run wraps, so callers can tell them apart with errors.Is.
var (
	ErrLimit      = errors.New("python run took longer than its limit")
	ErrTooMany    = errors.New("python trace has too many events")
	ErrBadTrace   = errors.New("python trace is malformed")
	ErrCancelled  = errors.New("python run cancelled")
	ErrBadOptions = errors.New("bad python run options")
)

// wireEvent is one line of the shim's stream. Pointers tell a missing field
// from a zero one.
type wireEvent struct {
	T      *float64 `json:"t"`
	Task   *string  `json:"task"`
	Kind   *string  `json:"kind"`
	Reason string   `json:"reason"`
	Text   string   `json:"text"`
	Due    *float64 `json:"due"`
}

var kinds = map[string]bool{
	string(trace.KindStart): true, string(trace.KindWait): true, string(trace.KindResume): true,
	string(trace.KindPrint): true, string(trace.KindEnd): true, string(trace.KindCancel): true,
	string(trace.KindReady): true, string(trace.KindTimer): true, string(trace.KindFire): true,
}

var reasons = map[string]bool{
	"": true, string(trace.ReasonSleep): true, string(trace.ReasonChan): true,
	string(trace.ReasonQueue): true, string(trace.ReasonSync): true, string(trace.ReasonLock): true,
	string(trace.ReasonLoop): true, string(trace.ReasonFuture): true,
}

// Run runs script on CPython under the tracing shim and reports each event
// to opt.Record. It returns when the script has exited and every event has
// been reported, or as soon as ctx is done, the limit passes or the stream
// goes wrong; in every case the interpreter and anything it started in its
// process group have been killed and waited for.
func Run(ctx context.Context, script string, opt Options) (err error) {
	speed := opt.Speed
	if speed == 0 {
		speed = 1
	}
	if math.IsNaN(speed) || speed < MinSpeed || speed > MaxSpeed {
		return fmt.Errorf("%w: speed %v is outside %v..%v", ErrBadOptions, opt.Speed, MinSpeed, MaxSpeed)
	}
	limit := opt.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	if limit < 0 {
		return fmt.Errorf("%w: negative limit %v", ErrBadOptions, limit)
	}
	py, err := Find(opt.Python)
	if err != nil {
		return err
	}
	name := baseName(opt.Name)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: %w", ErrCancelled, context.Cause(ctx))
	}

	limitErr := fmt.Errorf("%w of %v; it was killed", ErrLimit, limit)
	runCtx, cancel := context.WithTimeoutCause(ctx, limit, limitErr)
	defer cancel()

	r, w, err := os.Pipe()
	if err != nil {
		return fmt.Errorf("python run: event pipe: %w", err)
	}
	defer r.Close()

	args := []string{"-I", "-c", shim}
	if code := compiledShim(py); code != "" {
		args = []string{"-I", "-c", bootstrap, code}
	}
	pace := strconv.FormatFloat(speed, 'g', -1, 64)
	if opt.Virtual {
		pace = "virtual"
	}
	args = append(args, pace, name)
	cmd := exec.Command(py.Path, args...)
	cmd.Stdin = strings.NewReader(script)
	cmd.Stdout = nil // the shim captures print(); anything written to fd 1 directly is dropped
	stderr := &tailBuffer{keep: stderrKeep}
	cmd.Stderr = stderr
	cmd.ExtraFiles = []*os.File{w} // fd 3 in the child
	setGroup(cmd)
	// Wait returns this long after the process is gone even if something
	// it started still holds stderr open.
	cmd.WaitDelay = time.Second

	if err := cmd.Start(); err != nil {
		w.Close()
		return fmt.Errorf("python run: starting %s: %w", py.Path, err)
	}
	w.Close() // the child holds its own copy; EOF comes when it (and its group) is done

	// From here on, every way out kills the group and reaps the process.
	var once sync.Once
	kill := func() { once.Do(func() { killGroup(cmd) }) }
	waited := false
	defer func() {
		if !waited {
			kill()
			_ = cmd.Wait()
		}
	}()
	// A done context (cancel or limit) kills the group, which ends the
	// stream; closing the read end as well unblocks a read even if some
	// stray process outside the group still holds the pipe.
	stop := context.AfterFunc(runCtx, func() {
		kill()
		r.Close()
	})
	defer stop()

	readErr := read(r, opt.Record)
	if readErr != nil {
		kill()
	}
	waitErr := cmd.Wait()
	waited = true

	if cause := context.Cause(runCtx); cause != nil {
		if errors.Is(cause, ErrLimit) {
			return cause
		}
		return fmt.Errorf("%w: %w", ErrCancelled, cause)
	}
	if readErr != nil {
		return readErr
	}
	if waitErr != nil {
		var exit *exec.ExitError
		if errors.As(waitErr, &exit) {
			return &ExitError{Status: exit.ExitCode(), Stderr: stderr.String()}
		}
		return fmt.Errorf("python run: %w", waitErr)
	}
	return nil
}

// read decodes the event stream until EOF or the first problem.
func read(r io.Reader, record func(trace.Event)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	n := 0
	for {
		line, err := readLine(br)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if errors.Is(err, errLineTooLong) {
				return fmt.Errorf("%w: python trace line %d is longer than %d bytes; the run was stopped", ErrBadTrace, n+1, MaxLine)
			}
			if errors.Is(err, os.ErrClosed) {
				return nil // closed because the context is done; Run reports why
			}
			return fmt.Errorf("python run: reading the trace: %w", err)
		}
		n++
		if n > MaxEvents {
			return fmt.Errorf("%w: more than %d events; the run was stopped", ErrTooMany, MaxEvents)
		}
		ev, err := decode(line)
		if err != nil {
			return fmt.Errorf("%w: python trace line %d is not a trace event (%v): %s", ErrBadTrace, n, err, truncate(line, 120))
		}
		if record != nil {
			record(ev)
		}
	}
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line without its newline. A last line without
// a newline still counts: the shim always ends its lines, so it will fail
// to decode only if it is garbage.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxLine+1 {
			return nil, errLineTooLong
		}
		buf = append(buf, chunk...)
		switch {
		case err == nil:
			return bytes.TrimSuffix(buf[:len(buf)-1], []byte("\r")), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(buf) > 0:
			return buf, nil
		default:
			return nil, err
		}
	}
}

func decode(line []byte) (trace.Event, error) {
	var w wireEvent
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return trace.Event{}, errors.New("not the JSON object expected")
	}
	if dec.More() {
		return trace.Event{}, errors.New("more than one JSON value")
	}
	switch {
	case w.T == nil || w.Task == nil || w.Kind == nil:
		return trace.Event{}, errors.New(`"t", "task" and "kind" are required`)
	case !kinds[*w.Kind]:
		return trace.Event{}, fmt.Errorf("unknown kind %q", *w.Kind)
	case !reasons[w.Reason]:
		return trace.Event{}, fmt.Errorf("unknown reason %q", w.Reason)
	case *w.Task == "":
		return trace.Event{}, errors.New("empty task")
	}
	t, err := seconds(*w.T)
	if err != nil {
		return trace.Event{}, fmt.Errorf("t: %w", err)
	}
	ev := trace.Event{T: t, Task: *w.Task, Kind: trace.Kind(*w.Kind), Reason: trace.Reason(w.Reason), Text: w.Text}
	if w.Due != nil {
		if ev.Due, err = seconds(*w.Due); err != nil {
			return trace.Event{}, fmt.Errorf("due: %w", err)
		}
	}
	return ev, nil
}

// seconds converts the shim's float seconds to a Duration rounded to the
// microsecond, the resolution every model's clock reads.
func seconds(s float64) (time.Duration, error) {
	if math.IsNaN(s) || s < 0 || s > 1e6 {
		return 0, fmt.Errorf("%v is not a usable time", s)
	}
	return time.Duration(math.Round(s*1e6)) * time.Microsecond, nil
}

func baseName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if name == "" || strings.ContainsAny(name, "\x00\n") {
		return "script.py"
	}
	return name
}

func truncate(b []byte, n int) string {
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	if len(s) > n {
		cut := n
		for cut > 0 && !utf8Start(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return strconv.Quote(s)
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// lastLines returns the last n non-empty lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// tailBuffer keeps the last keep bytes written to it.
type tailBuffer struct {
	mu   sync.Mutex
	keep int
	buf  []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(p)
	if len(p) >= t.keep {
		p = p[len(p)-t.keep:]
		t.buf = append(t.buf[:0], p...)
		return n, nil
	}
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.keep; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return n, nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.ToValidUTF8(string(t.buf), "\uFFFD")
}

// bootstrap runs the shim from its compiled form, passed as hex in
// argv[1]: compiling the shim's source costs every run several
// milliseconds, unmarshalling it a fraction of one.
const bootstrap = "import marshal, sys; exec(marshal.loads(bytes.fromhex(sys.argv.pop(1))))"

// compileShim prints the shim's code object, marshalled, as hex. Marshal
// is specific to one interpreter version, hence one per interpreter.
const compileShim = "import marshal, sys; sys.stdout.write(marshal.dumps(compile(sys.stdin.read(), '<asyncio-tutor shim>', 'exec')).hex())"

var (
	shimMu    sync.Mutex
	shimCodes = map[Python]string{} // "" when compiling failed: run the source
)

// compiledShim returns the shim compiled by py, as hex, or "" to run the
// source instead. It compiles once per interpreter and process.
func compiledShim(py Python) string {
	shimMu.Lock()
	defer shimMu.Unlock()
	if code, ok := shimCodes[py]; ok {
		return code
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, py.Path, "-I", "-c", compileShim)
	cmd.Stdin = strings.NewReader(shim)
	cmd.WaitDelay = time.Second
	out, err := cmd.Output()
	code := strings.TrimSpace(string(out))
	// Far below the kernel's 128 KiB bound on one argument.
	if err != nil || len(code) == 0 || len(code) > 100<<10 || strings.Trim(code, "0123456789abcdef") != "" {
		code = ""
	}
	shimCodes[py] = code
	return code
}
