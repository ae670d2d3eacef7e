package timeline

// writer assembles a frame line by line. It owns the width and height
// guarantees: text that does not fit is cut with an ellipsis, every line is
// padded to the width, lines past the height are dropped, missing lines are
// added blank.
type writer struct {
	b      []byte
	width  int
	height int
	lines  int
	col    int     // cells written on the current line
	open   bool    // a line is in progress
	skip   bool    // the current line is past the height: drop it
	full   bool    // the current line was cut: ignore the rest of it
	cur    styleID // style open on the current line
	pal    *compiled
	tail   string // ellipsis
}

// begin sets w up for a frame, on the buffer of the last one.
func (r *Renderer) begin(w *writer, width, height int) {
	if need := width*height*3 + 64; cap(r.buf) < need && need < 1<<24 {
		// Glyphs are up to 3 bytes; escape sequences come on top, and
		// append grows the buffer for them if it must.
		r.buf = make([]byte, 0, need)
	}
	*w = writer{
		b:      r.buf[:0],
		width:  width,
		height: height,
		pal:    r.pal,
		tail:   r.g.tail,
	}
}

// keep holds on to w's buffer for the next frame.
func (r *Renderer) keep(w *writer) { r.buf = w.b }

// line starts a new line, ending the current one.
func (w *writer) line() {
	if w.open {
		w.end()
	}
	w.open, w.col, w.full, w.cur = true, 0, false, idNone
	w.skip = w.lines >= w.height
	if w.skip {
		return
	}
	if w.lines > 0 {
		w.b = append(w.b, '\n')
	}
	w.lines++
}

// end pads the current line to the width and closes its style.
func (w *writer) end() {
	if !w.open {
		return
	}
	w.open = false
	if w.skip {
		return
	}
	w.style(idNone)
	if n := w.width - w.col; n > 0 {
		w.b = appendRepeat(w.b, " ", n)
		w.col = w.width
	}
}

func (w *writer) blank() {
	w.line()
	w.end()
}

// finish ends the last line, fills the frame to its height and returns it.
func (w *writer) finish() string {
	w.end()
	for w.lines < w.height {
		w.blank()
	}
	return string(w.b)
}

func (w *writer) style(id styleID) {
	if id == w.cur {
		return
	}
	if s := w.pal[w.cur].suf; s != "" {
		w.b = append(w.b, s...)
	}
	if p := w.pal[id].pre; p != "" {
		w.b = append(w.b, p...)
	}
	w.cur = id
}

// room is the number of cells left on the current line.
func (w *writer) room() int {
	if w.skip || w.full {
		return 0
	}
	return w.width - w.col
}

// put writes s (sw cells wide, free of control characters) in style id,
// cutting it with an ellipsis if it does not fit.
func (w *writer) put(id styleID, s string, sw int) {
	room := w.room()
	if room <= 0 || sw == 0 {
		return
	}
	if sw > room {
		s, sw = fit(s, sw, room, w.tail)
		w.full = true
	}
	w.style(id)
	w.b = append(w.b, s...)
	w.col += sw
}

// putFixed writes s cut or padded to exactly n cells (when room allows).
func (w *writer) putFixed(id styleID, s string, sw, n int) {
	if sw > n {
		s, sw = fit(s, sw, n, w.tail)
	}
	w.put(id, s, sw)
	w.spaces(n - sw)
}

// glyph writes one single-cell glyph; the caller has checked the room.
func (w *writer) glyph(id styleID, g string) {
	if w.room() <= 0 {
		return
	}
	w.style(id)
	w.b = append(w.b, g...)
	w.col++
}

func (w *writer) spaces(n int) {
	n = min(n, w.room())
	if n <= 0 {
		return
	}
	w.style(idNone)
	w.b = appendRepeat(w.b, " ", n)
	w.col += n
}

// glyphs writes n copies of a single-cell glyph in style id.
func (w *writer) glyphs(id styleID, g string, n int) {
	n = min(n, w.room())
	if n <= 0 {
		return
	}
	w.style(id)
	w.b = appendRepeat(w.b, g, n)
	w.col += n
}

// appendRepeat appends n copies of s to b, doubling what it has copied.
func appendRepeat(b []byte, s string, n int) []byte {
	if n <= 0 {
		return b
	}
	start := len(b)
	b = append(b, s...)
	for done := 1; done < n; {
		k := min(done, n-done)
		b = append(b, b[start:start+k*len(s)]...)
		done += k
	}
	return b
}

// putBytes writes ASCII bytes, one cell each.
func (w *writer) putBytes(id styleID, s []byte) {
	n := min(len(s), w.room())
	if n <= 0 {
		return
	}
	w.style(id)
	w.b = append(w.b, s[:n]...)
	w.col += n
}
