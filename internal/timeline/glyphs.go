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
		sAwait:  "┃",
		sSleep:  "░",
		sChan:   "═",
		sSync:   "┄",
		sLock:   "▒",
		sReady:  "▁",
		sWait:   "·",
		sPrint:  "•",
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
		sAwait:  "]",
		sSleep:  ".",
		sChan:   "=",
		sSync:   "-",
		sLock:   "%",
		sReady:  "_",
		sWait:   "~",
		sPrint:  "o",
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

// stateNames label the legend in Go's words, for goroutines.
var stateNames = [nStates]string{
	sRun:    "running",
	sAwait:  "await",
	sSleep:  "sleep",
	sChan:   "chan/queue",
	sSync:   "sync/lock",
	sLock:   "lock",
	sReady:  "ready",
	sWait:   "waiting",
	sPrint:  "print",
	sDone:   "done",
	sCancel: "cancelled",
}

// asyncNames label the legend in asyncio's words, for the loop model and
// CPython. A turn on the loop ends at an await.
var asyncNames = [nStates]string{
	sRun:    "running",
	sAwait:  "await",
	sSleep:  "awaiting sleep",
	sChan:   "awaiting the queue",
	sSync:   "awaiting a future",
	sLock:   "awaiting a lock",
	sReady:  "ready",
	sWait:   "waiting",
	sPrint:  "print",
	sDone:   "done",
	sCancel: "cancelled",
}

// mixedNames label a compare of goroutines with an asyncio model: words that
// hold for both.
var mixedNames = [nStates]string{
	sRun:    "running",
	sAwait:  "await",
	sSleep:  "sleep",
	sChan:   "chan/queue",
	sSync:   "sync/future",
	sLock:   "lock",
	sReady:  "ready",
	sWait:   "waiting",
	sPrint:  "print",
	sDone:   "done",
	sCancel: "cancelled",
}
