// Package timeline draws a trace.Trace as a terminal frame: one lane per
// task showing, over time, when it runs and what it waits on, a time axis in
// seconds with a now cursor, the printed output, a panel of the event loop's
// ready queue and timers for event-loop traces, and a compare view of two
// runs on one axis.
//
// A frame speaks the language of the trace's Model. Goroutines (and old
// traces without a model) keep Go's words. The asyncio models, the loop
// engine and CPython, hand out one turn at a time and mostly in no time at
// all, so there every turn takes at least a cell of its own, turns taken at
// one instant stand side by side in the order they were taken, and an await
// mark ends each turn that awaits; the legend speaks of awaiting, and the
// event-loop panel is always drawn. Prints are marked on the printing lane in
// every model. The header names the model; a compare of one example in two
// models names its halves by model.
//
// It is a pure renderer: no IO, no clock, no terminal queries. A frame is a
// string of exactly height lines of exactly width cells. Everything taken from
// a trace (task names, printed text, example names) is stripped of escape
// sequences and control characters before it is drawn.
//
// For an animation, keep one Renderer per screen and call Render (or Compare)
// on each tick with the trace recorded so far and the current program time: it
// keeps what it derived from a trace until the trace changes, so a frame costs
// little more than writing its cells.
package timeline

import (
	"strconv"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// Options tune a Renderer.
type Options struct {
	Styles Styles // DefaultStyles(isDark), or PlainStyles() for NO_COLOR

	// ASCII draws with printable ASCII only, for fonts without block glyphs
	// (--ascii, TERM=dumb). Non-ASCII runes of names and output become '?'.
	ASCII bool

	// Expect is how long the run is expected to take. While a trace is not
	// Done the axis spans at least this, so it need not rescale as now
	// grows. Zero: the axis grows with now in coarse steps.
	Expect time.Duration

	// ScrollHint follows the output panel's count of hidden lines, naming
	// the keys that scroll it ("↑/↓ scroll"); "" says nothing of keys.
	ScrollHint string
}

// OutputView is where the output panel of a single run stands: the first
// line shown, how many are shown, and how many have been printed so far.
type OutputView struct{ Top, Shown, Total int }

// Hidden reports whether some printed lines are out of the panel.
func (v OutputView) Hidden() bool { return v.Shown < v.Total }

// AtLatest reports whether the panel shows the latest line.
func (v OutputView) AtLatest() bool { return v.Top+v.Shown >= v.Total }

// Renderer draws frames and caches what it derives from the traces it was
// given. It is not safe for concurrent use; a tui calls it from View only.
type Renderer struct {
	opt Options
	pal *compiled
	g   *glyphSet

	cache [4]*layout
	next  int

	// scratch, reused from frame to frame
	cells   []cell
	kinds   []byte
	labels  []byte
	ready   []int
	running []int
	timers  []timer
	buf     []byte

	instCells []int32 // the cells of a scheduled layout's instants, this frame

	// The output panel: where the caller asked it to start (-1 follows the
	// latest lines), and where the last frame had it.
	outTop  int
	outLast OutputView
}

// NewRenderer compiles the styles of o once for every frame to come.
func NewRenderer(o Options) *Renderer {
	r := &Renderer{opt: o, pal: compile(o.Styles), g: &unicodeGlyphs, outTop: -1}
	if o.ASCII {
		r.g = &asciiGlyphs
	}
	return r
}

// ScrollOutput sets the first line the output panel shows, counted from
// the first line printed; a negative top follows the latest lines, as a
// new Renderer does. A top past the end shows the latest lines.
func (r *Renderer) ScrollOutput(top int) { r.outTop = top }

// Output is where the output panel stood in the last frame drawn; a frame
// without the panel shows none of the lines.
func (r *Renderer) Output() OutputView { return r.outLast }

// Render draws t as it stood at program time now (events after now are not
// drawn yet) in a width×height frame.
//
// While the run goes on, pass the trace recorded so far and the elapsed
// program time; for the final static frame pass the Done trace and
// now = t.Total (any larger now draws the same).
func (r *Renderer) Render(t trace.Trace, now time.Duration, width, height int) string {
	if width <= 0 || height <= 0 {
		return ""
	}
	l := r.layoutFor(&t)
	return r.single(l, max(now, 0), width, height)
}

// Compare draws two runs of the same work, a (the baseline, say sequential)
// above b (say with a WaitGroup), on one shared axis at the same program time
// now, with each run's total and b's speedup over a once both have finished.
// Each half is titled by its example's name; by its model's instead when
// both runs are of one example in two models (goroutines against the loop
// engine, say), and by both when examples and models differ.
func (r *Renderer) Compare(a, b trace.Trace, now time.Duration, width, height int) string {
	if width <= 0 || height <= 0 {
		return ""
	}
	la := r.layoutFor(&a)
	lb := r.layoutFor(&b)
	return r.compare(la, lb, max(now, 0), width, height)
}

// Frame draws one run with Render, or two with Compare (the first is the
// baseline), so that a caller showing either needs no switch of its own.
// No trace, or more than two, draws nothing.
func (r *Renderer) Frame(traces []trace.Trace, now time.Duration, width, height int) string {
	switch len(traces) {
	case 1:
		return r.Render(traces[0], now, width, height)
	case 2:
		return r.Compare(traces[0], traces[1], now, width, height)
	}
	return ""
}

// Render draws one frame with a throwaway Renderer, in Unicode. For
// animation, keep a Renderer instead: it compiles styles once and caches
// per trace.
func Render(t trace.Trace, now time.Duration, width, height int, st Styles) string {
	return NewRenderer(Options{Styles: st}).Render(t, now, width, height)
}

// RenderCompare draws one compare frame with a throwaway Renderer.
func RenderCompare(a, b trace.Trace, now time.Duration, width, height int, o Options) string {
	return NewRenderer(o).Compare(a, b, now, width, height)
}

// layoutFor returns the cached layout of t, building it when t is new or has
// changed since.
func (r *Renderer) layoutFor(t *trace.Trace) *layout {
	k := keyOf(t)
	for _, l := range r.cache {
		if l != nil && l.key == k {
			return l
		}
	}
	l := buildLayout(t, r.opt.ASCII)
	r.cache[r.next] = l
	r.next = (r.next + 1) % len(r.cache)
	return l
}

// minLiveSpan is the shortest axis of a run in progress with no Expect.
const minLiveSpan = time.Second

// liveSpan is the axis length while a run goes on: at least Expect, and now
// rounded up to a nice value, so the scale changes seldom.
func (r *Renderer) liveSpan(now time.Duration, ls ...*layout) time.Duration {
	span := max(r.opt.Expect, minLiveSpan, niceUp(now))
	for _, l := range ls {
		if l.done {
			span = max(span, l.total)
		} else {
			span = max(span, niceUp(l.last))
		}
	}
	return span
}

func (r *Renderer) spanOf(l *layout, now time.Duration) time.Duration {
	if l.done && l.total > 0 {
		return l.total
	}
	return r.liveSpan(now, l)
}

// clockOf is the time the header shows: now, held at the end of a finished run.
func clockOf(now time.Duration, ls ...*layout) time.Duration {
	end := time.Duration(0)
	for _, l := range ls {
		if !l.done {
			return now
		}
		end = max(end, l.total)
	}
	return min(now, end)
}

// nameWidth is the width of the name column for a frame width w.
func nameWidth(maxNameW, w int) int {
	return max(1, min(maxNameW, 24, max(4, w/4)))
}

// minBarCols is the narrowest bar worth drawing.
const minBarCols = 8

// minRows is the fewest rows a timeline is drawn in: two lanes and the
// axis labels. Fewer rows get a sentence.
const minRows = 3

// fewLanes is how many lanes a short frame keeps before it gives a row to
// the header or the axis line: lanes and a scale say more than a legend.
const fewLanes = 3

// compactSingle draws a frame too short for the header, the lanes and the
// axis: lanes first, under them the axis labels, then, as rows allow, the
// header above and the axis line.
func (r *Renderer) compactSingle(w *writer, l *layout, now, clock time.Duration, nameW, height int, sc *scale) {
	laneRows := min(max(1, len(l.lanes)), height-1)
	spare := height - 1 - laneRows
	if spare >= 1 {
		hp := planHeader(w.width, clock, &l.present, vocab(l), l.model.Title(), false)
		r.header(w, &hp, vocab(l))
	}
	r.lanes(w, l, nameW, laneRows, now, sc)
	r.axis(w, nameW, clock, sc, spare >= 2)
}

// compactCompare draws two runs in a frame too short for the full compare:
// each run's title and lanes, and the axis labels under both.
func (r *Renderer) compactCompare(w *writer, a, b *layout, now, clock time.Duration, nameW, height int, sc *scale) {
	ra, rb := splitRows(max(1, len(a.lanes)), max(1, len(b.lanes)), height-3)
	byModel := a.model != b.model
	r.sectionTitle(w, a, "A", now, byModel && a.title != b.title, byModel && a.title == b.title)
	r.lanes(w, a, nameW, ra, now, sc)
	r.sectionTitle(w, b, "B", now, byModel && a.title != b.title, byModel && a.title == b.title)
	r.lanes(w, b, nameW, rb, now, sc)
	r.axis(w, nameW, clock, sc, false)
}

// splitRows shares avail rows between na and nb lanes, in proportion, at
// least one each.
func splitRows(na, nb, avail int) (ra, rb int) {
	ra, rb = na, nb
	if na+nb > avail {
		ra = max(1, min(na, avail*na/(na+nb)))
		rb = max(1, min(nb, avail-ra))
		ra = max(1, min(na, avail-rb))
	}
	return ra, rb
}

func (r *Renderer) single(l *layout, now time.Duration, width, height int) string {
	r.outLast = OutputView{}
	var wv writer
	w := &wv
	r.begin(w, width, height)
	defer r.keep(w)
	nameW := nameWidth(l.maxNameW, width)
	cols := width - nameW - 1
	clock := clockOf(now, l)
	if cols < minBarCols || height < minRows {
		r.tooSmall(w, clock, len(l.lanes))
		return w.finish()
	}
	span := r.spanOf(l, now)
	sc := newScale(span, cols)
	if height < 3+min(max(1, len(l.lanes)), fewLanes) {
		r.compactSingle(w, l, now, clock, nameW, height, &sc)
		return w.finish()
	}

	nLogs := 0
	for nLogs < len(l.logs) && l.logs[nLogs].t <= now {
		nLogs++
	}

	// Rows: header, lanes, axis (2), then the loop panel and the output if
	// they fit, a second header line if the legend needs one and a row is
	// left beside the output's first two, then a blank line before each
	// panel when there is room.
	avail := height - 3
	laneRows := min(max(1, len(l.lanes)), avail)
	rest := avail - laneRows
	loopRows, logRows, panels := 0, 0, 0
	if l.loop && rest >= 4 {
		loopRows = 4
		rest -= 4
		panels++
	}
	names := vocab(l)
	model := l.model.Title()
	hp := planHeader(width, clock, &l.present, names, model, false)
	// Two lines when one would drop entries, or, for the asyncio models,
	// the model's name (which keeps a live frame from switching between
	// the two as entries appear).
	if hp.n1 < hp.n || (l.sched && hp.model == "") {
		logMin := 0
		if len(l.logs) > 0 {
			logMin = 2
		}
		if rest >= 1+logMin {
			if two := planHeader(width, clock, &l.present, names, model, true); two.n2 > 0 {
				hp = two
				rest--
			}
		}
	}
	if len(l.logs) > 0 && rest >= 2 {
		logRows = min(rest, 1+max(1, nLogs))
		rest -= logRows
		panels++
	}
	sep := rest >= panels && panels > 0

	r.header(w, &hp, names)
	r.lanes(w, l, nameW, laneRows, now, &sc)
	r.axis(w, nameW, clock, &sc, true)
	if loopRows > 0 {
		if sep {
			w.blank()
		}
		r.loopPanel(w, l, now, nameW)
	}
	if logRows > 0 {
		if sep {
			w.blank()
		}
		r.output(w, l, nLogs, logRows, nameW, span)
	}
	return w.finish()
}

func (r *Renderer) compare(a, b *layout, now time.Duration, width, height int) string {
	r.outLast = OutputView{}
	var wv writer
	w := &wv
	r.begin(w, width, height)
	defer r.keep(w)
	nameW := nameWidth(max(a.maxNameW, b.maxNameW), width)
	cols := width - nameW - 1
	clock := clockOf(now, a, b)
	if cols < minBarCols || height < minCompareRows {
		r.tooSmall(w, clock, len(a.lanes)+len(b.lanes))
		return w.finish()
	}
	span := r.liveSpan(now, a, b)
	if a.done && b.done && max(a.total, b.total) > 0 {
		span = max(a.total, b.total)
	}
	sc := newScale(span, cols)
	if height < 8 {
		r.compactCompare(w, a, b, now, clock, nameW, height, &sc)
		return w.finish()
	}

	// Rows: header, a's title and lanes, b's title and lanes, axis (2), totals.
	avail := height - 6
	ra, rb := splitRows(max(1, len(a.lanes)), max(1, len(b.lanes)), avail)
	spare := avail - ra - rb

	var present [nStates]bool
	for s := range present {
		present[s] = a.present[s] || b.present[s]
	}
	// The same example in two models: each half is named by its model, and
	// the header names none.
	byModel := a.model != b.model
	model := ""
	if !byModel {
		model = a.model.Title()
	}
	names := vocab(a, b)
	hp := planHeader(width, clock, &present, names, model, spare > 0)
	if hp.n2 > 0 {
		spare--
	}
	r.header(w, &hp, names)
	r.sectionTitle(w, a, "A", now, byModel && a.title != b.title, byModel && a.title == b.title)
	r.lanes(w, a, nameW, ra, now, &sc)
	if spare > 0 {
		w.blank()
	}
	r.sectionTitle(w, b, "B", now, byModel && a.title != b.title, byModel && a.title == b.title)
	r.lanes(w, b, nameW, rb, now, &sc)
	r.axis(w, nameW, clock, &sc, true)
	r.totals(w, a, b, now)
	return w.finish()
}

// minCompareRows is the fewest rows a compare is drawn in: two titles, a
// lane each, the axis labels.
const minCompareRows = 5

// finished reports whether l's run had ended by now, and its total.
func finished(l *layout, now time.Duration) (time.Duration, bool) {
	return l.total, l.done && now >= l.total
}

// sectionTitle names one run of a compare: by its example, by its example
// and model (withModel), or by its model alone (onlyModel, when both runs
// are of one example).
func (r *Renderer) sectionTitle(w *writer, l *layout, fallback string, now time.Duration, withModel, onlyModel bool) {
	w.line()
	title, tw := l.title, l.titleW
	if title == "" {
		title, tw = fallback, width(fallback)
	}
	switch {
	case onlyModel:
		title = l.model.Title()
		tw = width(title)
	case withModel:
		m := " (" + l.model.Title() + ")"
		title += m
		tw += width(m)
	}
	w.put(idTitle, title, tw)
	w.put(idNone, "  ", 2)
	if tot, ok := finished(l, now); ok {
		s := seconds(tot, 2) + " s"
		w.put(idLabel, s, width(s))
	} else {
		w.put(idMuted, r.g.running, width(r.g.running))
	}
	w.end()
}

func (r *Renderer) totals(w *writer, a, b *layout, now time.Duration) {
	w.line()
	w.put(idMuted, "total  ", 7)
	ta, oka := finished(a, now)
	tb, okb := finished(b, now)
	for i, p := range [...]struct {
		t  time.Duration
		ok bool
	}{{ta, oka}, {tb, okb}} {
		if i == 1 {
			w.put(idMuted, " vs ", 4)
		}
		if p.ok {
			s := seconds(p.t, 2) + " s"
			w.put(idLabel, s, width(s))
		} else {
			w.put(idMuted, r.g.tail, width(r.g.tail))
		}
	}
	if oka && okb && tb > 0 {
		s := ", " + r.g.times + seconds(time.Duration(float64(ta)/float64(tb)*float64(time.Second)), 1)
		w.put(idNow, s, width(s))
	}
	w.end()
}

// tooSmall fills a frame too small for lanes with a one-line status.
func (r *Renderer) tooSmall(w *writer, clock time.Duration, tasks int) {
	w.line()
	s := "t=" + seconds(clock, 2) + "s " + r.g.dot + " " + strconv.Itoa(tasks) + " tasks " + r.g.dot + " enlarge the window to see the timeline"
	w.put(idMuted, s, width(s))
	w.end()
}
