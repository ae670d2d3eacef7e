package timeline

// glyphSet is every symbol a frame draws, each one cell wide. A lane state
// has a glyph of its own so that states read apart without colour.
type glyphSet struct {
	fill    [nStates]string // a cell of each state
	eighth  [9]string       // a running cell filled 1..8 eighths from the left
	line    string          // axis line
	tick    string          // axis tick
	first   string          // axis start
	last    string          // axis end
	cursor  string          // now, under the axis
	tail    string          // ellipsis
	arrow   string          // between ready-queue entries
	dot     string          // between items
	times   string          // the speedup sign
	running string          // a run still going, in compare titles
}

var unicodeGlyphs = glyphSet{
	fill: [nStates]string{
		sNone:   " ",
		sRun:    "█",
		sSleep:  "░",
		sChan:   "═",
		sSync:   "┄",
		sReady:  "▁",
		sWait:   "·",
		sDone:   "✓",
		sCancel: "✗",
	},
	eighth:  [9]string{" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"},
	line:    "─",
	tick:    "┼",
	first:   "├",
	last:    "┤",
	cursor:  "▲",
	tail:    "…",
	arrow:   " → ",
	dot:     "·",
	times:   "×",
	running: "running…",
}

var asciiGlyphs = glyphSet{
	fill: [nStates]string{
		sNone:   " ",
		sRun:    "#",
		sSleep:  ".",
		sChan:   "=",
		sSync:   "-",
		sReady:  "_",
		sWait:   "~",
		sDone:   "*",
		sCancel: "X",
	},
	// No partial blocks in ASCII: a thin bar for less than half a cell.
	eighth:  [9]string{" ", "|", "|", "|", "#", "#", "#", "#", "#"},
	line:    "-",
	tick:    "+",
	first:   "+",
	last:    "+",
	cursor:  "^",
	tail:    "~",
	arrow:   " > ",
	dot:     "-",
	times:   "x",
	running: "running...",
}

// stateNames label the legend.
var stateNames = [nStates]string{
	sRun:    "running",
	sSleep:  "sleep",
	sChan:   "chan/queue",
	sSync:   "sync/lock",
	sReady:  "ready",
	sWait:   "waiting",
	sDone:   "done",
	sCancel: "cancelled",
}
