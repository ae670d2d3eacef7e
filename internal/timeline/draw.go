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

// paint draws lane ln up to now into cells: its stretches, then its marks.
// ic places the instants of a scheduled layout (see turnCells); nil for
// goroutines, whose lanes follow the clock alone.
func paint(cells []cell, ln *lane, now time.Duration, sc *scale, ic []int32) {
	clear(cells)
	if ic != nil {
		paintTurns(cells, ln, now, sc, ic)
	} else {
		paintClock(cells, ln, now, sc)
	}
	paintMarks(cells, ln, now, sc, ic)
}

// paintClock draws the stretches of a lane where every change sits at its
// own time.
func paintClock(cells []cell, ln *lane, now time.Duration, sc *scale) {
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
		case sNone, sDone, sCancel:
		case sRun:
			paintRun(cells, x0, x1, sc)
		default:
			paintWait(cells, x0, x1, c.s, sc)
		}
	}
}

// turnCells places the instants of a scheduled layout on the scale: each at
// the cell of its time, or, when the turns of the instants before it need
// the room, just after them. So every turn takes a cell of its own, and turns
// taken at one instant read left to right in the order they were taken.
func (r *Renderer) turnCells(l *layout, sc *scale) []int32 {
	if !l.sched {
		return nil
	}
	if cap(r.instCells) < len(l.inst) {
		r.instCells = make([]int32, len(l.inst), len(l.inst)+len(l.inst)/4+8)
	}
	ic := r.instCells[:len(l.inst)]
	next := int32(0)
	for i, in := range l.inst {
		c := max(int32(sc.cellAt(sc.x(in.t))), next)
		ic[i] = c
		next = c + in.turns
	}
	// Near the right edge, pull instants back so that the last turns keep a
	// cell each and the last cell stays free for the marks that end them.
	hi := int32(sc.cols - 1)
	for i := len(ic) - 1; i >= 0; i-- {
		ic[i] = max(min(ic[i], hi-l.inst[i].turns), 0)
		hi = ic[i]
	}
	return ic
}

// cellOf is the cell a change or mark sits in.
func cellOf(c change, sc *scale, ic []int32) int {
	if ic == nil {
		return sc.cellAt(sc.x(c.t))
	}
	return int(min(ic[c.inst]+int32(c.k), int32(sc.cols-1)))
}

// paintTurns draws the stretches of a lane in a scheduled model: each turn at
// least one whole cell, everything else between the turns.
func paintTurns(cells []cell, ln *lane, now time.Duration, sc *scale, ic []int32) {
	endX := sc.x(min(now, sc.span))
	for i, c := range ln.ch {
		if c.t > now {
			break
		}
		p0 := cellOf(c, sc, ic)
		x1 := max(endX, float64(p0)) // open: up to now
		if i+1 < len(ln.ch) && ln.ch[i+1].t <= now {
			x1 = float64(cellOf(ln.ch[i+1], sc, ic))
		}
		switch c.s {
		case sNone, sDone, sCancel:
		case sRun:
			hi := min(max(p0+1, int(math.Ceil(x1-eps))), len(cells))
			for j := p0; j < hi; j++ {
				cells[j] = cell{s: sRun, e: 8, cov: 1}
			}
		default:
			paintWait(cells, float64(p0), x1, c.s, sc)
		}
	}
}

// paintMarks puts the lane's marks (prints, awaits, ends) where they
// happened, just after the run they follow, side by side when they share a
// cell. A mark never hides a turn (with goroutines, an ending pushed
// against the right edge may cover the tick it follows); when marks compete
// for one cell, an ending beats an await, which beats a print.
func paintMarks(cells []cell, ln *lane, now time.Duration, sc *scale, ic []int32) {
	n := len(cells)
	prev := -1
	for _, m := range ln.marks {
		if m.t > now {
			break
		}
		c := cellOf(m, sc, ic)
		if cells[c].s == sRun && c+1 < n && cells[c+1].s != sRun {
			c++ // just after the slice it ends or printed in
		}
		c = min(max(c, prev+1), n-1)
		cur := cells[c]
		end := m.s == sDone || m.s == sCancel
		switch {
		case cur.s == sRun:
			// Inside a long run a print may take a cell of it: the run
			// still shows on both sides. An ending always shows.
			interior := m.s == sPrint && c > 0 && c+1 < n && cells[c-1].s == sRun && cells[c+1].s == sRun
			if interior || (end && ic == nil) {
				break
			}
			// A turn is never hidden, not even by an ending: in a crowded
			// scheduled frame the turn is what shows the order.
			// No room before the next turn: take the cell of a weaker mark
			// just before it (an await rather than a print), if any.
			if prev >= 0 && prev == c-1 && markRank(cells[prev].s) < markRank(m.s) {
				cells[prev] = cell{s: m.s, e: 8, cov: 2}
			}
			continue
		case isMark(cur.s) && markRank(cur.s) > markRank(m.s):
			continue
		}
		cells[c] = cell{s: m.s, e: 8, cov: 2}
		prev = c
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

// headPlan is how the legend, the model's name and the clock share the
// header: n1 legend entries on the first line, n2 on a second one (0: no
// second line).
type headPlan struct {
	items  [nStates]state
	n      int // entries the trace uses
	n1, n2 int
	gap    int
	model  string // "" when there is no room for it
	clk    string
}

// planHeader fits the legend of the states present (named by names), the
// model's name and the clock into lines of w cells: on one line if all fit,
// else, if two is set, on two lines, keeping everything. On one line the
// legend first drops the model's name, then tightens its gaps and the clock,
// then drops its last entries.
func planHeader(w int, clock time.Duration, present *[nStates]bool, names *[nStates]string, model string, two bool) headPlan {
	p := headPlan{gap: 2, model: model, clk: "t = " + seconds(clock, 2) + " s"}
	anyState := false
	for s := sRun; s < nStates; s++ {
		anyState = anyState || present[s]
	}
	for s := sRun; s < nStates; s++ {
		if (anyState && present[s]) || (!anyState && (s == sRun || s == sSleep || s == sDone)) {
			p.items[p.n] = s
			p.n++
		}
	}
	legendW := func(from, to, gap int) int {
		tot := 0
		for _, s := range p.items[from:to] {
			tot += 2 + width(names[s])
		}
		return tot + gap*max(to-from-1, 0)
	}
	right := func() int {
		rw := width(p.clk)
		if p.model != "" {
			rw += width(p.model) + 2
		}
		return rw
	}
	p.n1 = p.n
	if legendW(0, p.n, 2)+1+right() <= w {
		return p // all on one line, with the model's name
	}
	short := p.clk[len("t = "):]
	if !two {
		p.model = ""
		if legendW(0, p.n, 2)+1+right() <= w {
			return p
		}
		if legendW(0, p.n, 1)+1+width(short) <= w {
			p.clk, p.gap = short, 1
			return p
		}
	}
	if two {
		// Two lines: the first as full as the model's name and the clock
		// leave it, the rest below.
		p.model = model
		if right() > w-1 {
			p.model = ""
		}
		room := w - right() - 1
		p.n1 = 0
		for p.n1 < p.n && legendW(0, p.n1+1, 2) <= room {
			p.n1++
		}
		p.n2 = p.n - p.n1
		if legendW(p.n1, p.n, p.gap) > w {
			p.gap = 1
		}
		for p.n2 > 0 && legendW(p.n1, p.n1+p.n2, p.gap) > w {
			p.n2--
		}
		if p.n2 > 0 {
			return p
		}
		p.model, p.gap, p.n2 = "", 2, 0 // nothing fits a second line: plan one
	}
	// One line: the clock without "t = ", one-cell gaps, and the last
	// entries dropped.
	p.clk, p.gap = short, 1
	room := w - width(p.clk) - 1
	p.n1 = p.n
	for p.n1 > 0 && legendW(0, p.n1, p.gap) > room {
		p.n1--
	}
	return p
}

// header writes the header as planned: one line, or two.
func (r *Renderer) header(w *writer, p *headPlan, names *[nStates]string) {
	entries := func(from, to, gap int) {
		for i, s := range p.items[from:to] {
			if i > 0 {
				w.spaces(gap)
			}
			w.glyph(styleID(s), r.g.fill[s])
			w.spaces(1)
			w.put(idMuted, names[s], width(names[s]))
		}
	}
	w.line()
	gap1 := p.gap
	if p.n2 > 0 {
		gap1 = 2 // the second line's gap is p.gap
	}
	entries(0, p.n1, gap1)
	clkW := width(p.clk)
	if p.model != "" {
		mw := width(p.model)
		w.spaces(w.room() - clkW - 2 - mw)
		w.put(idMuted, p.model, mw)
		w.spaces(2)
	} else {
		w.spaces(w.room() - clkW)
	}
	w.put(idNow, p.clk, clkW)
	w.end()
	if p.n2 > 0 {
		w.line()
		entries(p.n1, p.n1+p.n2, p.gap)
		w.end()
	}
}

// vocab is the words of the legend for a frame of layouts ls: Go's for
// goroutines, asyncio's for the loop models, a bit of both for a compare of
// the two.
func vocab(ls ...*layout) *[nStates]string {
	sched, gor := false, false
	for _, l := range ls {
		sched = sched || l.sched
		gor = gor || !l.sched
	}
	switch {
	case sched && gor:
		return &mixedNames
	case sched:
		return &asyncNames
	}
	return &stateNames
}

// lanes writes rows lane rows of l; when l has more lanes than rows, and
// rows leave two lanes besides, the last row says how many are not shown.
func (r *Renderer) lanes(w *writer, l *layout, nameW, rows int, now time.Duration, sc *scale) {
	if len(r.cells) < sc.cols {
		r.cells = make([]cell, sc.cols)
	}
	cells := r.cells[:sc.cols]
	n := len(l.lanes)
	shown := min(n, rows)
	more := n > rows && rows >= 3 // two lanes at least, before a row says what is hidden
	if more {
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
	ic := r.turnCells(l, sc)
	for i := range shown {
		ln := &l.lanes[i]
		w.line()
		w.putFixed(idName, ln.name, ln.nameW, nameW)
		w.spaces(1)
		paint(cells, ln, now, sc, ic)
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
	if more {
		w.line()
		w.spaces(nameW + 1)
		s := g.tail + " " + strconv.Itoa(n-shown) + " more tasks"
		w.put(idMuted, s, width(s))
		w.end()
	}
}

// axis writes the axis line with its ticks and the now cursor (unless a
// short frame has no row for it: withLine false), and the labels under it.
func (r *Renderer) axis(w *writer, nameW int, clock time.Duration, sc *scale, withLine bool) {
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

	if withLine {
		r.axisLine(w, nameW, kinds)
	}
	w.line()
	w.spaces(nameW + 1)
	w.putBytes(idLabel, labels)
	w.end()
}

// axis kinds of cell
const (
	kBlank = iota
	kLine
	kTick
	kFirst
	kLast
	kCursor
)

// axisLine writes the axis with its ticks and the now cursor.
func (r *Renderer) axisLine(w *writer, nameW int, kinds []byte) {
	g := r.g
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

// output writes the printed lines up to now (the first n logs) under a
// title: as many as rows-1 allows, the latest unless ScrollOutput moved
// the panel back.
func (r *Renderer) output(w *writer, l *layout, n, rows, nameW int, span time.Duration) {
	shown := min(n, rows-1)
	top := n - shown
	if r.outTop >= 0 {
		top = min(r.outTop, top)
	}
	r.outLast = OutputView{Top: top, Shown: shown, Total: n}
	w.line()
	w.put(idTitle, "output", 6)
	if shown < n {
		s := "  (last " + strconv.Itoa(shown) + " of " + strconv.Itoa(n)
		if top+shown < n {
			s = "  (lines " + strconv.Itoa(top+1) + "-" + strconv.Itoa(top+shown) + " of " + strconv.Itoa(n)
		}
		if r.opt.ScrollHint != "" {
			s += ", " + r.opt.ScrollHint
		}
		s += ")"
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
	for _, ll := range l.logs[top : top+shown] {
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
