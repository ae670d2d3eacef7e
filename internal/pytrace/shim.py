# asyncio-tutor tracing shim. Run as: python3 -I -c <this file> SPEED NAME
# (SPEED is a number, or "virtual" for a loop whose clock jumps to the next
# timer instead of waiting for it)
# with the learner's script on stdin. It runs the script under an event loop
# whose tasks report what they do, one JSON object a line, on file
# descriptor 3. The script's own prints become "print" events rather than
# output, so the Go side sees one ordered stream.
import asyncio
import builtins
import collections.abc
import io
import json
import os
import selectors
import sys
import time

_VIRTUAL = len(sys.argv) > 1 and sys.argv[1] == "virtual"
_SPEED = 1.0 if _VIRTUAL or len(sys.argv) < 2 else float(sys.argv[1])
_NAME = sys.argv[2] if len(sys.argv) > 2 else "script.py"
_SOURCE = sys.stdin.read()
# The script must not read what was its source as if it were input.
sys.stdin = open(os.devnull, encoding="utf-8")
_EVENTS = os.fdopen(3, "w", encoding="utf-8", buffering=1)
_dumps = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), check_circular=False).encode
_mono = time.monotonic
_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)
_CO_COROUTINE = 0x80
_MAX_TEXT = 8000  # the Go side refuses lines over 64 KiB; a giant print must not kill the run
_T0 = 0.0  # set just before the script starts, once the imports are paid for
# In virtual time the loop's clock is this number, which only the selector
# moves: CPython's own _run_once schedules everything, on a clock that never
# runs late, so its story is the same on an idle machine and a starved one.
_vt = 0.0


def _now():
    # Program seconds: the same value the traced loop's time() returns.
    if _VIRTUAL:
        return _vt
    return (_mono() - _T0) * _SPEED


def _godur(seconds):
    """Spell a duration the way Go's time.Duration.String does (1s, 500ms, 1.5s)."""
    try:
        ns = int(round(float(seconds) * 1e9))
    except (TypeError, ValueError, OverflowError):
        return str(seconds)
    if ns == 0:
        return "0s"
    sign = "-" if ns < 0 else ""
    u = abs(ns)

    def frac(v, digits):
        whole, rest = divmod(v, 10 ** digits)
        if rest == 0:
            return str(whole)
        return "%d.%s" % (whole, ("%0*d" % (digits, rest)).rstrip("0"))

    if u < 1000:
        return "%s%dns" % (sign, u)
    if u < 10 ** 6:
        return sign + frac(u, 3) + "\u00b5s"
    if u < 10 ** 9:
        return sign + frac(u, 6) + "ms"
    hours, rest = divmod(u, 3600 * 10 ** 9)
    minutes, rest = divmod(rest, 60 * 10 ** 9)
    out = sign
    if hours:
        out += "%dh" % hours
    if hours or minutes:
        out += "%dm" % minutes
    return out + frac(rest, 9) + "s"


# Events of tasks whose name asyncio has not set yet (create_task names a
# task after the factory returns): emitted, in order, before the next event.
_pending = []


def _write(t, lane, kind, reason, text, due):
    d = {"t": t, "task": lane, "kind": kind}
    if reason:
        d["reason"] = reason
    if text:
        d["text"] = text if len(text) <= _MAX_TEXT else text[:_MAX_TEXT] + "\u2026"
    if due is not None:
        d["due"] = due
    _EVENTS.write(_dumps(d) + "\n")


def _flush_pending():
    while _pending:
        t, tracer = _pending.pop(0)
        _write(t, tracer.lane(), "ready", "loop", "", None)


def _emit(lane, kind, reason="", text="", due=None, t=None):
    if _pending:
        _flush_pending()
    _write(_now() if t is None else t, lane, kind, reason, text, due)


def _is_user_code(code):
    return code is not None and code.co_filename == _NAME


def _frame_of(obj):
    return getattr(obj, "cr_frame", None) or getattr(obj, "gi_frame", None)


def _code_of(obj):
    return getattr(obj, "cr_code", None) or getattr(obj, "gi_code", None)


def _awaited(obj):
    inner = getattr(obj, "cr_await", None)
    if inner is None:
        inner = getattr(obj, "gi_yieldfrom", None)
    return inner


_current = None  # the Tracer whose task is taking a step, if any
_tracers = {}  # id(task) -> Tracer, for naming the lane of an awaited task


class Tracer:
    """The trace state of one task: its lane and the stack of user coroutines
    it is running (the task's own coroutine first, then each one awaited
    directly), as (frame, lane) pairs."""

    __slots__ = ("task", "coro", "default_name", "started", "stack", "sleeping", "__weakref__")

    def __init__(self, coro):
        self.coro = coro
        self.task = None
        self.default_name = None
        self.started = False
        self.stack = []
        self.sleeping = False

    def lane(self):
        task = self.task
        if task is not None:
            name = task.get_name()
            if name != self.default_name:
                return name  # given explicitly: create_task(..., name=...)
        return getattr(self.coro, "__name__", None) or "task"

    def innermost(self):
        return self.stack[-1][1] if self.stack else self.lane()

    def sync_stack(self, frames):
        """Bring the lane stack in line with the user coroutine frames now
        live (outermost first), recording returns and direct awaits."""
        if not self.stack:
            return
        k = 0
        n = min(len(self.stack), len(frames))
        while k < n and self.stack[k][0] is frames[k]:
            k += 1
        k = max(k, 1)  # the task's own coroutine never leaves its stack
        while len(self.stack) > k:
            _, lane = self.stack.pop()
            _emit(lane, "end")
            _emit(self.stack[-1][1], "resume", "loop")
        for f in frames[k:]:
            name = f.f_code.co_name
            _emit(self.stack[-1][1], "wait", "sync", "await %s()" % name)
            _emit(name, "start", "loop")
            self.stack.append((f, name))

    def chain(self):
        """The coroutine chain of the suspended task, outermost first: user
        coroutine frames, the asyncio coroutines below the innermost of
        them, and the object at the bottom (a future's iterator, or None)."""
        frames, below = [], []
        obj = self.coro
        while obj is not None:
            code = _code_of(obj)
            if code is None:
                break
            if _is_user_code(code) and code.co_flags & _CO_COROUTINE:
                frame = _frame_of(obj)
                if frame is not None:
                    frames.append(frame)
                below = []
            else:
                below.append(obj)
            obj = _awaited(obj)
        return frames, below

    def lanes_out(self, kind, text):
        # A task ended: each lane on its stack ends the same way, innermost first.
        while self.stack:
            _, lane = self.stack.pop()
            _emit(lane, kind, "", text)

    def woke(self, fut):
        # A done callback added before the task's own wakeup. The traced
        # loop's call_soon records it the moment the future completes and
        # schedules the callbacks, which is when asyncio appends the task's
        # wakeup to the ready queue; running it later does nothing.
        pass

    def completed(self, fut):
        try:
            lane = self.innermost()
            if self.sleeping and not fut.cancelled():
                _emit(lane, "fire")
            self.sleeping = False
            _emit(lane, "ready", "loop")
        except Exception:
            _shim_failed()


def _lane_of_task(task):
    tr = _tracers.get(id(task))
    if tr is not None and tr.task is task:
        return tr.lane()
    try:
        coro = task.get_coro()
        return getattr(coro, "__name__", None) or task.get_name()
    except Exception:
        return "task"


def _describe(tracer, below, result):
    """What the task waits for: (reason, text, sleep seconds or None)."""
    for obj in reversed(below):  # the innermost asyncio coroutine that says what it is
        code = _code_of(obj)
        frame = _frame_of(obj)
        if code is None or frame is None:
            continue
        base = os.path.basename(code.co_filename)
        name = code.co_name
        if base == "tasks.py" and name == "sleep":
            delay = frame.f_locals.get("delay", 0)
            try:
                if delay <= 0:
                    return "loop", "sleep 0s", None
            except TypeError:
                pass
            return "sleep", "sleep " + _godur(delay), delay
        if base == "queues.py" and name in ("get", "put"):
            return "queue", "queue.%s()" % name, None
        if base == "locks.py" and name in ("acquire", "wait"):
            this = frame.f_locals.get("self")
            if isinstance(this, asyncio.Semaphore):
                return "lock", "semaphore", None
            if isinstance(this, asyncio.Lock):
                return "lock", "lock", None
            if isinstance(this, asyncio.Event):
                return "future", "event", None
            if isinstance(this, asyncio.Condition):
                return "future", "condition", None
            if isinstance(this, asyncio.Barrier):
                return "future", "barrier", None
        if base == "tasks.py" and name == "wait_for":
            fut = frame.f_locals.get("fut")
            if isinstance(fut, asyncio.Task):
                return "future", "wait_for " + _lane_of_task(fut), None
            return "future", "wait_for", None
        if base == "tasks.py" and name in ("wait", "as_completed"):
            return "future", name, None
        if base == "taskgroups.py":
            return "future", "taskgroup", None
    if result is None:
        return "loop", "sleep 0s", None
    if isinstance(result, asyncio.Task):
        return "future", "await " + _lane_of_task(result), None
    gathering = getattr(asyncio.tasks, "_GatheringFuture", None)
    if gathering is not None and isinstance(result, gathering):
        return "future", "gather", None
    return "future", "future", None


class Traced(collections.abc.Coroutine):
    """A task's coroutine, wrapped so that each step the task takes is
    recorded. asyncio accepts any collections.abc.Coroutine as a task's
    coroutine and drives it only through send and throw."""

    __slots__ = ("_coro", "_tracer", "__name__", "__qualname__")

    def __init__(self, coro, tracer):
        self._coro = coro
        self._tracer = tracer
        self.__name__ = getattr(coro, "__name__", "coroutine")
        self.__qualname__ = getattr(coro, "__qualname__", self.__name__)

    def send(self, value):
        return self._step(self._coro.send, value)

    def throw(self, *args):
        return self._step(self._coro.throw, *args)

    def close(self):
        return self._coro.close()

    def __await__(self):
        return self._coro.__await__()

    # Enough of the native coroutine's attributes for asyncio's reprs and
    # Task.get_stack().
    @property
    def cr_frame(self):
        return self._coro.cr_frame

    @property
    def cr_code(self):
        return self._coro.cr_code

    @property
    def cr_running(self):
        return self._coro.cr_running

    @property
    def cr_await(self):
        return self._coro.cr_await

    def _step(self, fn, *args):
        global _current
        tr = self._tracer
        if _pending:
            _flush_pending()
        first = not tr.started
        if first:
            tr.started = True
            frame = self._coro.cr_frame
            tr.stack = [(frame, tr.lane())]
            if not (fn == self._coro.throw):
                _emit(tr.lane(), "start", "loop")
        else:
            _emit(tr.innermost(), "resume", "loop")
        outer = _current
        _current = tr
        try:
            result = fn(*args)
        except StopIteration as stop:
            _current = outer
            tr.sync_stack(tr.stack[:1] and [tr.stack[0][0]])
            value = stop.value
            tr.lanes_out("end", "" if value is None else _safe_repr(value))
            raise
        except BaseException as exc:
            _current = outer
            try:
                # The lanes the exception passed through are the user
                # coroutine frames of its traceback.
                tb, frames = exc.__traceback__, []
                while tb is not None:
                    code = tb.tb_frame.f_code
                    if code.co_flags & _CO_COROUTINE and code.co_filename == _NAME:
                        frames.append(tb.tb_frame)
                    tb = tb.tb_next
                if frames:
                    tr.sync_stack(frames)
                if isinstance(exc, asyncio.CancelledError):
                    tr.lanes_out("cancel", str(exc) or "CancelledError")
                else:
                    msg = str(exc)
                    kind = type(exc).__name__
                    tr.lanes_out("end", "raised %s: %s" % (kind, msg) if msg else "raised " + kind)
            except Exception:
                _shim_failed()
            raise
        _current = outer
        try:
            frames, below = tr.chain()
            if frames:
                tr.sync_stack(frames)
            reason, text, delay = _describe(tr, below, result)
            lane = tr.innermost()
            now = _now()
            _emit(lane, "wait", reason, text, t=now)
            if delay is not None:
                tr.sleeping = True
                _emit(lane, "timer", "", text, now + delay, t=now)
            if result is None:
                _emit(lane, "ready", "loop", t=now)  # a bare yield goes straight back in the queue
            else:
                add = getattr(result, "add_done_callback", None)
                if add is not None:
                    add(tr.woke)
        except Exception:
            _shim_failed()
        return result


def _safe_repr(value):
    try:
        return repr(value)
    except Exception as exc:
        return "<unrepresentable %s>" % type(exc).__name__


def _shim_failed():
    # A bug in the shim must not change what the script does; say so on
    # stderr, where the Go side keeps the tail for its error message.
    import traceback  # only now: importing it costs every run a few ms

    traceback.print_exc(file=sys.stderr)


def _task_factory(loop, coro, context=None):
    code = _code_of(coro)
    if not (_is_user_code(code) and code.co_flags & _CO_COROUTINE):
        # asyncio's own tasks (shutting down async generators, say) stay untraced.
        return asyncio.Task(coro, loop=loop, context=context)
    tracer = Tracer(coro)
    task = asyncio.Task(Traced(coro, tracer), loop=loop, context=context)
    tracer.task = task
    tracer.default_name = task.get_name()
    _tracers[id(task)] = tracer
    task.add_done_callback(_forget)
    _pending.append((_now(), tracer))
    return task


def _forget(task):
    tr = _tracers.get(id(task))
    if tr is not None and tr.task is task:
        del _tracers[id(task)]


class _ScaledSelector(selectors.DefaultSelector):
    # The loop computes its select timeout in program seconds.
    def select(self, timeout=None):
        if _VIRTUAL:
            return self._select_virtual(timeout)
        if timeout is not None and timeout > 0:
            timeout = timeout / _SPEED
        return super().select(timeout)

    def _select_virtual(self, timeout):
        # What is ready now comes first, as a real select would return it;
        # with nothing ready, the wait for the next timer takes no time.
        # With no timer either (timeout None) only real I/O could wake the
        # loop, so it waits for that as CPython would.
        global _vt
        events = super().select(0)
        if events or timeout == 0:
            return events
        if timeout is None:
            return super().select(None)
        _vt += timeout
        return events


_WOKE = Tracer.woke


class _TracedLoop(asyncio.SelectorEventLoop):
    def time(self):
        return _now()

    def call_soon(self, callback, *args, context=None):
        if getattr(callback, "__func__", None) is _WOKE and args:
            callback.__self__.completed(args[0])
        return super().call_soon(callback, *args, context=context)


class _TracedPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        loop = _TracedLoop(selector=_ScaledSelector())
        loop.set_task_factory(_task_factory)
        return loop


def _print_lane():
    """The lane a print belongs to: the innermost user coroutine running,
    after bringing the running task's lane stack up to date."""
    frames = []
    f = sys._getframe(2)
    step_code = Traced._step.__code__
    inside = False
    while f is not None:
        code = f.f_code
        if code is step_code:
            inside = True
            break
        if code.co_flags & _CO_COROUTINE and code.co_filename == _NAME:
            frames.append(f)
        f = f.f_back
    frames.reverse()
    tr = _current
    if inside and tr is not None and frames:
        tr.sync_stack(frames)
        return tr.innermost()
    if frames:
        return frames[-1].f_code.co_name
    return "main"


class _PrintCapture(io.TextIOBase):
    """sys.stdout for the script: each complete line is one print event."""

    def __init__(self):
        self._partial = []

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        if "\n" not in s:
            if s:
                self._partial.append(s)
            return len(s)
        lines = s.split("\n")
        lines[0] = "".join(self._partial) + lines[0]
        self._partial = [lines[-1]] if lines[-1] else []
        lane = _print_lane()
        for line in lines[:-1]:
            _emit(lane, "print", "", line.rstrip("\r"))
        return len(s)

    def flush(self):
        pass

    def finish(self):
        if self._partial:
            line = "".join(self._partial)
            self._partial = []
            _emit("main", "print", "", line)


def _main():
    global _T0
    capture = _PrintCapture()
    sys.stdout = capture
    sys.argv = [_NAME]
    asyncio.set_event_loop_policy(_TracedPolicy())
    glb = {"__name__": "__main__", "__file__": _NAME, "__builtins__": builtins}
    status = 0
    try:
        code = compile(_SOURCE, _NAME, "exec")
        _T0 = _mono()
        exec(code, glb)
    except SystemExit as exc:
        status = exc.code
    except BaseException as exc:
        # Show the script's traceback, with its source lines, without the
        # shim's own frame.
        import linecache
        import traceback

        linecache.cache[_NAME] = (len(_SOURCE), None, _SOURCE.splitlines(True), _NAME)
        tb = exc.__traceback__
        if tb is not None and tb.tb_frame.f_code is _main.__code__:
            tb = tb.tb_next
        traceback.print_exception(type(exc), exc, tb, file=sys.stderr)
        status = 1
    finally:
        try:
            capture.finish()
            _flush_pending()
            _EVENTS.flush()
        except Exception:
            _shim_failed()
    sys.stdout = sys.__stdout__
    sys.exit(status)


_main()
