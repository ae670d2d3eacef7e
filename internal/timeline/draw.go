package timeline

import (
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// scale maps program time to cells: time 0 at the left edge of cell 0, span
// at the left edge of cell px. The one cell after px holds the done marks of
// tasks that end at the very end.
type scale struct {
	span time.Duration
	k    float64 // cells per nanosecond
	px   int
	cols int
}

func newScale(span time.Duration, cols int) scale {
	span = max(span, time.Millisecond)
	px := max(cols-2, 1)
	return scale{span: span, k: float64(px) / float64(span), px: px, cols: cols}
}

// x is t's position in cells, between 0 and px.
func (s *scale) x(t time.Duration) float64 {
	v := float64(t) * s.k
	if !(v > 0) { // negative or NaN
		return 0
	}
	return min(v, float64(s.px))
}

// eps absorbs float error, so that 1 s at 10 cells a second is cell 10.
const eps = 1e-6

// cellAt is the cell holding position x.
func (s *scale) cellAt(x float64) int {
	return min(int(math.Floor(x+eps)), s.cols-1)
}

// lastCell is the last cell a stretch ending at x reaches: a stretch that
// ends on a cell's left edge does not reach into it.
func (s *scale) lastCell(x float64) int {
	return min(int(math.Ceil(x-eps))-1, s.cols-1)
}

// cell is one cell of a lane: a state, how many eighths a run fills, and how
// much of the cell the state covers (the state covering most wins, runs and
// marks aside).
type cell struct {
	s   state
	e   uint8
	cov float32
}

// paint draws lane ln up to now into cells.
func paint(cells []cell, ln *lane, now time.Duration, sc *scale) {
	clear(cells)
	end := min(now, sc.span)
	for i, c := range ln.ch {
		if c.t > now {
			break
		}
		to := end
		if i+1 < len(ln.ch) && ln.ch[i+1].t <= now {
			to = ln.ch[i+1].t
		}
		x0, x1 := sc.x(c.t), sc.x(max(to, c.t))
		switch c.s {
		case sNone:
		case sDone, sCancel:
			mark(cells, x0, c.s, sc)
		case sRun:
			paintRun(cells, x0, x1, sc)
		default:
			paintWait(cells, x0, x1, c.s, sc)
		}
	}
}

// paintRun draws a run from x0 to x1. A run shorter than a cell (a task that
// ran for an instant, as tasks mostly do) still shows, as at least one
// eighth. A longer run ends with the eighth block its last cell is filled to.
func paintRun(cells []cell, x0, x1 float64, sc *scale) {
	c0 := sc.cellAt(x0)
	if x1-x0 < 1 || sc.lastCell(x1) <= c0 {
		// Shorter than a cell: in the cell it covers most.
		c := c0
		if sc.lastCell(x1) > c0 && x1-float64(c0+1) > float64(c0+1)-x0 {
			c++
		}
		e := uint8(min(8, max(1, math.Round((x1-x0)*8))))
		if cells[c].s != sRun || cells[c].e < e {
			cells[c] = cell{s: sRun, e: e, cov: 1}
		}
		return
	}
	painted := false
	for c := c0; c < len(cells) && float64(c) < x1-eps; c++ {
		lo, hi := max(x0, float64(c)), min(x1, float64(c+1))
		cov := hi - lo
		if c == c0 && x0 > float64(c)+eps {
			// Starts inside the cell: eighths fill from the left, so take the
			// whole cell only when the run covers most of it.
			if cov < 0.5 && cells[c].s != sNone {
				continue
			}
			cells[c] = cell{s: sRun, e: 8, cov: 1}
			painted = true
			continue
		}
		e := uint8(min(8, math.Round(cov*8)))
		if e == 0 {
			continue
		}
		cells[c] = cell{s: sRun, e: e, cov: 1}
		painted = true
	}
	if !painted && cells[c0].s != sRun {
		cells[c0] = cell{s: sRun, e: 1, cov: 1}
	}
}

// paintWait draws a waiting state from x0 to x1 in the cells it covers most,
// never over a run or a mark.
func paintWait(cells []cell, x0, x1 float64, s state, sc *scale) {
	if x1-x0 <= eps {
		return
	}
	c0, c1 := sc.cellAt(x0), sc.lastCell(x1)
	inside := c1 == c0
	for c := c0; c <= c1; c++ {
		cur := cells[c].s
		if cur == sRun || cur == sDone || cur == sCancel {
			continue
		}
		cov := float32(1)
		if c == c0 || c == c1 {
			cov = float32(min(x1, float64(c+1)) - max(x0, float64(c)))
		}
		if cov > cells[c].cov && (cov >= 0.5 || (inside && cur == sNone)) {
			cells[c] = cell{s: s, e: 8, cov: cov}
		}
	}
}

// mark puts a done or cancelled mark where the task ended, or just after the
// run it ended with, so the run stays visible.
func mark(cells []cell, x float64, s state, sc *scale) {
	c := sc.cellAt(x)
	if cells[c].s == sRun && c+1 < len(cells) {
		c++
	}
	cells[c] = cell{s: s, e: 8, cov: 2}
}

// header writes the legend of the states the trace uses and the clock. The
// legend tightens its gaps before it drops entries that do not fit.
func (r *Renderer) header(w *writer, clock time.Duration, present *[nStates]bool) {
	w.line()
	clk := "t = " + seconds(clock, 2) + " s"
	clkW := width(clk)
	room := w.room() - clkW - 1

	var items [nStates]state
	n := 0
	anyState := false
	for s := sRun; s < nStates; s++ {
		anyState = anyState || present[s]
	}
	for s := sRun; s < nStates; s++ {
		if (anyState && present[s]) || (!anyState && (s == sRun || s == sSleep || s == sDone)) {
			items[n] = s
			n++
		}
	}
	legendW := func(n, gap int) int {
		tot := 0
		for _, s := range items[:n] {
			tot += 2 + width(stateNames[s])
		}
		return tot + gap*max(n-1, 0)
	}
	gap := 2
	if legendW(n, gap) > room {
		// Tighten: the clock without "t = ", then one-cell gaps, then
		// drop the last entries.
		clk = clk[len("t = "):]
		clkW = width(clk)
		room = w.room() - clkW - 1
	}
	if legendW(n, gap) > room {
		gap = 1
	}
	for n > 0 && legendW(n, gap) > room {
		n--
	}
	for i, s := range items[:n] {
		if i > 0 {
			w.spaces(gap)
		}
		w.glyph(styleID(s), r.g.fill[s])
		w.spaces(1)
		w.put(idMuted, stateNames[s], width(stateNames[s]))
	}
	w.spaces(w.room() - clkW)
	w.put(idNow, clk, clkW)
	w.end()
}

// lanes writes rows lane rows of l; when l has more lanes than rows, the
// last row says how many are not shown.
func (r *Renderer) lanes(w *writer, l *layout, nameW, rows int, now time.Duration, sc *scale) {
	if len(r.cells) < sc.cols {
		r.cells = make([]cell, sc.cols)
	}
	cells := r.cells[:sc.cols]
	n := len(l.lanes)
	shown := min(n, rows)
	if n > rows && rows >= 2 {
		shown = rows - 1
	}
	if n == 0 {
		w.line()
		w.spaces(nameW + 1)
		w.put(idMuted, "(no tasks yet)", 14)
		w.end()
		return
	}
	g := r.g
	for i := range shown {
		ln := &l.lanes[i]
		w.line()
		w.putFixed(idName, ln.name, ln.nameW, nameW)
		w.spaces(1)
		paint(cells, ln, now, sc)
		// Runs of equal cells: one style switch and one copy loop each.
		for i := 0; i < len(cells); {
			c := cells[i]
			j := i + 1
			for j < len(cells) && cells[j].s == c.s && (c.s != sRun || cells[j].e == c.e) {
				j++
			}
			switch c.s {
			case sNone:
				w.spaces(j - i)
			case sRun:
				w.glyphs(idRun, g.eighth[c.e], j-i)
			default:
				w.glyphs(styleID(c.s), g.fill[c.s], j-i)
			}
			i = j
		}
		w.end()
	}
	if shown < n {
		w.line()
		w.spaces(nameW + 1)
		s := g.tail + " " + strconv.Itoa(n-shown) + " more tasks"
		w.put(idMuted, s, width(s))
		w.end()
	}
}

// axis writes the axis line with its ticks and the now cursor, and the
// labels under it.
func (r *Renderer) axis(w *writer, nameW int, clock time.Duration, sc *scale) {
	g := r.g
	const (
		kBlank = iota
		kLine
		kTick
		kFirst
		kLast
		kCursor
	)
	if cap(r.kinds) < sc.cols {
		r.kinds = make([]byte, sc.cols)
		r.labels = make([]byte, sc.cols)
	}
	kinds, labels := r.kinds[:sc.cols], r.labels[:sc.cols]
	for c := range kinds {
		kinds[c] = kBlank
		labels[c] = ' '
		if c <= sc.px {
			kinds[c] = kLine
		}
	}
	kinds[0] = kFirst
	kinds[sc.px] = kLast

	step, dec := tickStep(sc.span, sc.k*float64(time.Second))
	free := 0 // first label cell still free
	for i := 0; ; i++ {
		tf := float64(i) * step * float64(time.Second)
		if tf > float64(sc.span)*(1+1e-9) {
			break
		}
		t := time.Duration(min(tf, float64(sc.span)))
		c := sc.cellAt(sc.x(t))
		if c > 0 && c < sc.px {
			kinds[c] = kTick
		}
		lb := axisLabel(t, dec) // digits, '.', 's': one byte per cell
		at := c
		if at+len(lb) > sc.cols {
			at = sc.cols - len(lb)
		}
		if at >= free && at >= 0 {
			copy(labels[at:], lb)
			free = at + len(lb) + 1
		}
	}
	kinds[sc.cellAt(sc.x(clock))] = kCursor

	w.line()
	w.spaces(nameW + 1)
	for _, k := range kinds {
		switch k {
		case kBlank:
			w.spaces(1)
		case kLine:
			w.glyph(idAxis, g.line)
		case kTick:
			w.glyph(idAxis, g.tick)
		case kFirst:
			w.glyph(idAxis, g.first)
		case kLast:
			w.glyph(idAxis, g.last)
		case kCursor:
			w.glyph(idNow, g.cursor)
		}
	}
	w.end()
	w.line()
	w.spaces(nameW + 1)
	w.putBytes(idLabel, labels)
	w.end()
}

type timer struct {
	lane int
	due  time.Duration
}

// loopAt replays the loop's events up to now: which tasks run, the ready
// queue in order, and the armed timers by due time.
func (r *Renderer) loopAt(l *layout, now time.Duration) (running, ready []int, timers []timer) {
	running, ready, timers = r.running[:0], r.ready[:0], r.timers[:0]
	for _, e := range l.loopEvs {
		if e.t > now {
			break
		}
		if e.lane < 0 {
			continue
		}
		switch e.kind {
		case trace.KindReady:
			if !slices.Contains(ready, e.lane) {
				ready = append(ready, e.lane)
			}
		case trace.KindStart, trace.KindResume:
			ready = remove(ready, e.lane)
			if !slices.Contains(running, e.lane) {
				running = append(running, e.lane)
			}
		case trace.KindWait:
			running = remove(running, e.lane)
		case trace.KindEnd, trace.KindCancel:
			ready = remove(ready, e.lane)
			running = remove(running, e.lane)
			timers = slices.DeleteFunc(timers, func(t timer) bool { return t.lane == e.lane })
		case trace.KindTimer:
			timers = append(timers, timer{lane: e.lane, due: e.due})
		case trace.KindFire:
			first := -1
			for i, t := range timers {
				if t.lane == e.lane && (first < 0 || t.due < timers[first].due) {
					first = i
				}
			}
			if first >= 0 {
				timers = slices.Delete(timers, first, first+1)
			}
		}
	}
	slices.SortStableFunc(timers, func(a, b timer) int { return int(min(max(a.due-b.due, -1), 1)) })
	r.running, r.ready, r.timers = running, ready, timers
	return running, ready, timers
}

func remove(s []int, v int) []int {
	if i := slices.Index(s, v); i >= 0 {
		return slices.Delete(s, i, i+1)
	}
	return s
}

// loopPanel writes the event loop as it stands at now: four rows.
func (r *Renderer) loopPanel(w *writer, l *layout, now time.Duration, nameW int) {
	g := r.g
	running, ready, timers := r.loopAt(l, now)
	w.line()
	w.put(idTitle, "event loop", 10)
	w.end()

	w.line()
	w.put(idLabel, "  running  ", 11)
	switch {
	case len(running) > 0:
		r.names(w, l, running, ", ", idRun)
	case len(ready) == 0 && len(timers) > 0 && timers[0].due > now:
		s := "(none: idle until the timer at " + seconds(timers[0].due, 2) + "s)"
		w.put(idMuted, s, width(s))
	case len(ready) == 0 && len(timers) > 0:
		s := "(none: the timer due at " + seconds(timers[0].due, 2) + "s fires next)"
		w.put(idMuted, s, width(s))
	default:
		w.put(idMuted, "(none)", 6)
	}
	w.end()

	w.line()
	w.put(idLabel, "  ready    ", 11)
	if len(ready) == 0 {
		w.put(idMuted, "(empty)", 7)
	} else {
		r.names(w, l, ready, g.arrow, idReady)
	}
	w.end()

	w.line()
	w.put(idLabel, "  timers   ", 11)
	if len(timers) == 0 {
		w.put(idMuted, "(none)", 6)
	}
	for i, t := range timers {
		if i > 0 {
			w.put(idMuted, "  ", 2)
		}
		ln := &l.lanes[t.lane]
		w.put(idSleep, ln.name, ln.nameW)
		s := " at " + seconds(t.due, 2) + "s"
		w.put(idLabel, s, width(s))
	}
	w.end()
}

// names writes the names of lanes idx separated by sep.
func (r *Renderer) names(w *writer, l *layout, idx []int, sep string, id styleID) {
	for i, li := range idx {
		if i > 0 {
			w.put(idMuted, sep, width(sep))
		}
		ln := &l.lanes[li]
		w.put(id, ln.name, ln.nameW)
	}
}

// output writes the printed lines up to now (the first n logs), as many of
// the latest as rows-1 allows, under a title.
func (r *Renderer) output(w *writer, l *layout, n, rows, nameW int, span time.Duration) {
	w.line()
	w.put(idTitle, "output", 6)
	shown := min(n, rows-1)
	if shown < n {
		s := "  (last " + strconv.Itoa(shown) + " of " + strconv.Itoa(n) + ")"
		w.put(idMuted, s, width(s))
	}
	w.end()
	if n == 0 {
		w.line()
		w.put(idMuted, "  (nothing yet)", 15)
		w.end()
		return
	}
	dec := 2
	if span < time.Second {
		dec = 3
	}
	tw := width(seconds(l.logs[n-1].t, dec)) + 1
	for _, ll := range l.logs[n-shown : n] {
		w.line()
		ts := seconds(ll.t, dec) + "s"
		w.spaces(2 + tw - width(ts))
		w.put(idLabel, ts, width(ts))
		w.spaces(2)
		w.putFixed(idName, ll.task, ll.taskW, nameW)
		w.spaces(2)
		if ll.cancel {
			w.glyph(idCancel, r.g.fill[sCancel])
			w.spaces(1)
			w.put(idCancel, ll.text, ll.textW)
		} else {
			w.put(idText, ll.text, ll.textW)
		}
		w.end()
	}
}
