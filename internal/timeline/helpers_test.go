package timeline

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	"github.com/charmbracelet/x/ansi"
)

// build makes a trace from a compact description, one event a line:
//
//	example NAME         the example name
//	model NAME           the model that ran (goroutines, loop, python)
//	tasks A B C          lane order (else: order of first appearance)
//	SECS TASK KIND ARG   an event; ARG is the reason of a wait (then its
//	                     text), the reason of a ready, the due time (seconds)
//	                     of a timer, the text of anything else
//	done [SECS]          the run finished; Total is SECS or the last time
//
// Blank lines and lines starting with # are skipped. Within ARG, the escapes
// \e, \n, \r, \t, \a and \xHH stand for the raw bytes, to test untrusted text.
func build(tb testing.TB, desc string) trace.Trace {
	tb.Helper()
	var tr trace.Trace
	seen := map[string]bool{}
	explicit := false
	for n, line := range strings.Split(desc, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		switch f[0] {
		case "example":
			tr.Example = unescape(tb, strings.TrimSpace(strings.TrimPrefix(line, "example")))
			continue
		case "model":
			tr.Model = trace.Model(f[1])
			continue
		case "tasks":
			explicit = true
			for _, name := range f[1:] {
				tr.Tasks = append(tr.Tasks, unescape(tb, name))
			}
			continue
		case "done":
			tr.Done = true
			if len(f) > 1 {
				tr.Total = secs(tb, f[1])
			} else if len(tr.Events) > 0 {
				tr.Total = tr.Events[len(tr.Events)-1].T
			}
			continue
		}
		if len(f) < 3 {
			tb.Fatalf("line %d: want SECS TASK KIND [ARG]: %q", n+1, line)
		}
		e := trace.Event{Seq: len(tr.Events), T: secs(tb, f[0]), Task: unescape(tb, f[1]), Kind: trace.Kind(f[2])}
		arg := ""
		if len(f) > 3 {
			// the rest of the line after the kind, spaces kept
			i := strings.Index(line, " "+f[2]+" ")
			arg = unescape(tb, strings.TrimSpace(line[i+len(f[2])+2:]))
		}
		switch e.Kind {
		case trace.KindWait:
			reason, text, _ := strings.Cut(arg, " ")
			e.Reason, e.Text = trace.Reason(reason), text
		case trace.KindReady:
			e.Reason = trace.Reason(arg)
		case trace.KindTimer:
			e.Due = secs(tb, arg)
		case trace.KindStart, trace.KindResume, trace.KindPrint, trace.KindEnd, trace.KindCancel,
			trace.KindFire:
			e.Text = arg
		default:
			e.Text = arg // unknown kinds are allowed: the renderer must cope
		}
		tr.Events = append(tr.Events, e)
		if !explicit && !seen[e.Task] && e.Task != "" {
			seen[e.Task] = true
			tr.Tasks = append(tr.Tasks, e.Task)
		}
	}
	return tr
}

func secs(tb testing.TB, s string) time.Duration {
	tb.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		tb.Fatalf("bad seconds %q: %v", s, err)
	}
	return time.Duration(v * float64(time.Second))
}

func unescape(tb testing.TB, s string) string {
	tb.Helper()
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'e':
			b.WriteByte(0x1b)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte(0x07)
		case 'x':
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				tb.Fatalf("bad \\x escape in %q", s)
			}
			b.WriteByte(byte(v))
			i += 2
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// checkFrame asserts the frame's shape: height lines, each width cells.
func checkFrame(tb testing.TB, frame string, width, height int) {
	tb.Helper()
	if width <= 0 || height <= 0 {
		if frame != "" {
			tb.Fatalf("%dx%d: want an empty frame, got %q", width, height, frame)
		}
		return
	}
	lines := strings.Split(frame, "\n")
	if len(lines) != height {
		tb.Fatalf("%dx%d: got %d lines:\n%s", width, height, len(lines), frame)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != width {
			tb.Fatalf("%dx%d: line %d is %d cells: %q", width, height, i, w, l)
		}
	}
}

// plain renders with plain styles and returns the frame's lines.
func plainLines(tb testing.TB, o Options, tr trace.Trace, now time.Duration, width, height int) []string {
	tb.Helper()
	o.Styles = PlainStyles()
	f := NewRenderer(o).Render(tr, now, width, height)
	checkFrame(tb, f, width, height)
	return strings.Split(f, "\n")
}

// Traces shaped like the course's examples.

const seqDesc = `
example sequential
0    main start
0    main print start
0    main wait sleep
1    main resume
1    main print Hello 1!
1    main wait sleep
2    main resume
2    main print Hello 2!
2    main print exit
2    main end
done
`

const wgDesc = `
example waitgroup
0    main start
0    main print start
0    say1 start
0    say1 wait sleep
0    say2 start
0    say2 wait sleep
0    main wait sync
1    say1 resume
1    say1 print Hello 1!
1    say1 end
1    say2 resume
1    say2 print Hello 2!
1    say2 end
1    main resume
1    main print exit
1    main end
done
`

// loopDesc is a single-threaded loop running three tasks that sleep 1 s,
// 2 s and 1 s, taking turns on the loop.
const loopDesc = `
example eventloop
0     say1 ready
0     say2 ready
0     say3 ready
0     say1 start
0     say1 timer 1
0     say1 wait sleep
0     say2 start
0     say2 timer 2
0     say2 wait sleep
0     say3 start
0     say3 timer 1
0     say3 wait sleep
1     say1 fire
1     say1 ready
1     say3 fire
1     say3 ready
1     say1 resume
1     say1 print Hello 1!
1     say1 end
1.1   say3 resume
1.1   say3 print Hello 3!
1.1   say3 end
2     say2 fire
2     say2 ready
2     say2 resume
2     say2 print Hello 2!
2     say2 end
done
`

// cancelDesc: a worker blocked on a queue past a 1.5 s deadline.
const cancelDesc = `
example timeout
0    main start
0    producer start
0    consumer start
0    main wait sync
0    producer wait sleep
0    consumer wait queue
0.5  producer resume
0.5  producer wait queue
0.5  consumer resume
0.5  consumer print got 1
0.5  consumer wait queue
1    producer resume
1    producer wait lock
1.2  producer resume
1.2  producer end
1.5  consumer cancel deadline exceeded
1.5  main resume
1.5  main print timed out
1.5  main end
done
`

// Traces of the asyncio models, with the vocabulary the loop engine and the
// CPython shim record: no loop lane; ready, start/resume, wait with a reason
// and a text, timer and fire.

// gatherLoopDesc: main gathers three tasks that sleep 1, 2 and 3 s, on the
// loop engine: every turn at one instant, in Seq order.
const gatherLoopDesc = `
example gather
model loop
tasks main func1 func2 func3
0 main start
0 main print start
0 func1 ready loop
0 func2 ready loop
0 func3 ready loop
0 main wait future gather
0 func1 start
0 func1 print func1 started
0 func1 timer 1
0 func1 wait sleep sleep 1s
0 func2 start
0 func2 print func2 started
0 func2 timer 2
0 func2 wait sleep sleep 2s
0 func3 start
0 func3 print func3 started
0 func3 timer 3
0 func3 wait sleep sleep 3s
1 func1 fire
1 func1 ready loop
1 func1 resume
1 func1 print func1 done
1 func1 end
2 func2 fire
2 func2 ready loop
2 func2 resume
2 func2 print func2 done
2 func2 end
3 func3 fire
3 func3 ready loop
3 func3 resume
3 func3 print func3 done
3 func3 end
3 main ready loop
3 main resume
3 main print all done
3 main end
done
`

// queuePythonDesc: a producer and a consumer on an asyncio.Queue, traced in
// CPython: real time passes, a few microseconds between events.
const queuePythonDesc = `
example queue
model python
0.000010 main start
0.000020 producer ready loop
0.000030 consumer ready loop
0.000040 main wait future gather
0.000050 producer start
0.000060 producer timer 0.5
0.000070 producer wait sleep sleep 0.5s
0.000080 consumer start
0.000090 consumer wait queue queue.get()
0.500100 producer fire
0.500110 producer ready loop
0.500120 producer resume
0.500130 producer print put 1
0.500140 consumer ready loop
0.500150 producer wait lock semaphore
0.500160 consumer resume
0.500170 consumer print got 1
0.500180 producer ready loop
0.500190 consumer wait queue queue.get()
0.500200 producer resume
0.500210 producer timer 1.0
0.500220 producer wait sleep sleep 0.5s
1.000230 producer fire
1.000240 producer ready loop
1.000250 producer resume
1.000260 producer print put 2
1.000270 consumer ready loop
1.000280 producer end
1.000290 consumer resume
1.000300 consumer print got 2
1.000310 consumer end
1.000320 main ready loop
1.000330 main resume
1.000340 main print done
1.000350 main end
done
`

// eventloopGoDesc is the eventloop example as its goroutines record it:
// a loop lane hands the turn to say1 and say2 over a channel.
const eventloopGoDesc = `
example eventloop
model goroutines
0 main start
0 main print start
0 main wait sync run until complete
0 loop start
0 say1 ready loop
0 say2 ready loop
0 loop wait chan say1 has the turn
0 say1 start
0 say1 wait sleep sleep 1s
0 loop resume
0 say1 timer 1
0 loop wait chan say2 has the turn
0 say2 start
0 say2 wait sleep sleep 2s
0 loop resume
0 say2 timer 2
0 loop wait sleep until the timer due at 1s
1 loop resume
1 say1 fire
1 say1 ready loop
1 loop wait chan say1 has the turn
1 say1 resume
1 say1 print hello from say1
1 say1 end
1 loop resume
1 loop wait sleep until the timer due at 2s
2 loop resume
2 say2 fire
2 say2 ready loop
2 loop wait chan say2 has the turn
2 say2 resume
2 say2 print hello from say2
2 say2 end
2 loop resume
2 loop end
2 main resume
2 main print exit
2 main end
done
`

// eventloopLoopDesc is the same example on the loop engine: no loop lane,
// main awaits the gather.
const eventloopLoopDesc = `
example eventloop
model loop
0 main start
0 main print start
0 say1 ready loop
0 say2 ready loop
0 main wait future gather
0 say1 start
0 say1 timer 1
0 say1 wait sleep sleep 1s
0 say2 start
0 say2 timer 2
0 say2 wait sleep sleep 2s
1 say1 fire
1 say1 ready loop
1 say1 resume
1 say1 print hello from say1
1 say1 end
2 say2 fire
2 say2 ready loop
2 say2 resume
2 say2 print hello from say2
2 say2 end
2 main ready loop
2 main resume
2 main print exit
2 main end
done
`
