// Package player is the one example player: it starts a run of an example
// (or two, side by side on one axis, to compare), follows what the runs
// record, and plays the recording back as a timeline, with pause, stepping
// event by event, speed, replay and export. The course's example screen and
// `asyncio-tutor run` in a terminal both use it.
//
// The program runs at the speed chosen when it starts; the screen shows a
// playback of what it has recorded so far. So pausing, stepping and changing
// speed never touch the running goroutines: a paused view stays put while
// the recording grows behind it, and stepping walks through every recorded
// event, those recorded after the pause included.
package player

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/timeline"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// Speeds are the playback speeds + and - step through.
var Speeds = []float64{0.25, 0.5, 1, 2, 4, 8}

const (
	// frameEvery paces a smooth cursor.
	frameEvery = time.Second / 30
	// pollEvery paces a player that only follows a recording: paused, or
	// without animation waiting for the next event of a live run.
	pollEvery = time.Second / 10
	// messageFor is how long a status message stays.
	messageFor = 4 * time.Second
)

// Options configure a player.
type Options struct {
	Context context.Context // the runs stop when it is cancelled; nil: Background
	Example examples.Example
	Params  map[string]string // nil: the example's defaults
	// Model is the model to start in; "" is goroutines. m cycles it.
	Model trace.Model
	// Compare runs two on one axis: a concurrency example in goroutines
	// and in an asyncio model, a one-goroutine example (sequential,
	// nested) next to its counterpart, or next to Counterpart if set.
	Compare bool
	// Counterpart is the example compared with; "" picks as Compare says.
	Counterpart string
	Speed       float64          // the playback speed to start at; 0 means 1
	Reduced     bool             // --no-animation: jump from event to event
	Timeline    timeline.Options // styles and ASCII; the player sets Expect
	Keys        theme.KeyMap     // their Lang is the player's too
	Styles      theme.Styles
	// ExportDir is the folder exports are written to; "" is the state
	// folder (XDG_STATE_HOME/asyncio-tutor/traces).
	ExportDir string
}

// FinishedMsg says every run of a player has ended: sent once per run
// started, so that the screen around the player can score a prediction or
// record the run.
type FinishedMsg struct {
	Player int // the player's ID
	Traces []trace.Trace
	Err    error // the first run's failure (a panic in example code); nil for a clean end or a stop
}

// ExportedMsg reports an export.
type ExportedMsg struct {
	player int
	Path   string
	Err    error
}

type frameMsg struct{ id, gen int }

type clearMsg struct{ id, gen int }

// pythonMsg says whether the python model can run here: the answer to a
// check made in a Cmd, since the first check starts an interpreter.
type pythonMsg struct {
	id  int
	err error
}

// lastID numbers players across the process, so that a frame of a player
// that is gone can never drive a new one.
var lastID atomic.Int64

// Model is the player.
type Model struct {
	id  int
	opt Options

	runs   []*examples.Run
	traces []trace.Trace // what each run recorded so far
	order  []eventRef    // every recorded event of every run, in playback order
	clock  *trace.Clock
	err    error
	done   bool // every run has ended
	sent   bool // FinishedMsg sent for these runs

	speed  float64
	play   time.Duration // the playback position while playing
	last   time.Time     // wall time of the previous frame, to move play on
	paused bool
	shown  int           // paused: how many events (of order) are on screen
	at     time.Duration // paused: the program time on screen

	expect time.Duration // the axis to span from the first frame
	render *timeline.Renderer

	// The python model: whether this player has asked if it can run,
	// the answer, what waits for it, and whether the learner was told.
	pyKnown, pyAsking bool
	pyErr             error
	pyStart, pyCycle  bool // a Start, an m press waiting for the answer
	pyTold            bool

	// outTop is the first output line shown once the learner scrolled
	// the output panel back; -1 follows the latest lines.
	outTop int

	gen     int // the tick chain's generation
	ticking bool
	message string
	msgGen  int

	width, height int
}

// eventRef is one event of one run.
type eventRef struct{ run, index int }

// New returns a player that has not started a run yet.
func New(opt Options) Model {
	if opt.Context == nil {
		opt.Context = context.Background()
	}
	if opt.Params == nil {
		opt.Params = opt.Example.Defaults()
	}
	if opt.Speed == 0 {
		opt.Speed = 1
	}
	if opt.Model == "" {
		opt.Model = trace.ModelGoroutines
	}
	m := Model{id: int(lastID.Add(1)), opt: opt, speed: opt.Speed, width: 80, height: 20, outTop: -1}
	m.render = m.newRenderer()
	return m
}

// ID tells this player's messages from another's.
func (m Model) ID() int { return m.id }

// SetSize sets the frame's size: the timeline and the status lines.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// SetLook changes the styles (the terminal told its background).
func (m *Model) SetLook(st theme.Styles, tl timeline.Options) {
	m.opt.Styles, m.opt.Timeline = st, tl
	m.render = m.newRenderer()
}

// newRenderer is a renderer for the current options, its output panel
// where the learner left it.
func (m Model) newRenderer() *timeline.Renderer {
	r := timeline.NewRenderer(m.timelineOptions())
	r.ScrollOutput(m.outTop)
	return r
}

func (m Model) timelineOptions() timeline.Options {
	o := m.opt.Timeline
	o.Expect = m.expect
	o.ScrollHint = "↑/↓ scroll"
	return o
}

// Started reports whether a run has been started.
func (m Model) Started() bool { return m.runs != nil }

// Done reports whether every run has ended.
func (m Model) Done() bool { return m.done }

// Err is the runs' failure, once done.
func (m Model) Err() error { return m.err }

// AtEnd reports whether the playback shows the whole finished run and will
// not move again by itself.
func (m Model) AtEnd() bool { return m.done && m.shownCount() == len(m.order) && m.pos() >= m.total() }

// Start starts a new run with these parameters (nil keeps the current
// ones), stopping any run on screen. Starting goroutines returns at once;
// stopping the old runs is left to a Cmd.
func (m Model) Start(params map[string]string) (Model, tea.Cmd) {
	if params != nil {
		m.opt.Params = params
	}
	stop := m.stopCmd()
	m.pyStart = false
	m.runs, m.traces, m.order, m.err, m.done, m.sent = nil, nil, nil, nil, false, false
	m.play, m.last, m.paused, m.shown, m.at = 0, time.Time{}, false, 0, 0
	m.outTop = -1

	specs := m.specs()
	if slices.ContainsFunc(specs, func(s examples.Spec) bool { return s.Model == trace.ModelPython }) && !m.pyKnown {
		// Finding python3 the first time runs it: not here, in a Cmd. The
		// run starts when the answer comes.
		m.pyStart = true
		m.render = m.newRenderer()
		return m, tea.Batch(stop, m.askPython())
	}
	clock, err := trace.NewClock(m.speed)
	if err != nil {
		m.err = err
		return m, stop
	}
	m.clock, m.expect = clock, 0
	for _, s := range specs {
		x, _ := examples.Lookup(s.Name)
		if d, err := x.Expect(s.Params); err == nil {
			m.expect = max(m.expect, d)
		}
		r, err := examples.Start(m.opt.Context, s, clock)
		if err != nil {
			m.err = err
			break
		}
		m.runs = append(m.runs, r)
		m.traces = append(m.traces, trace.Trace{})
	}
	m.render = m.newRenderer()
	if m.err != nil {
		stop = tea.Batch(stop, m.stopCmd())
		m.runs, m.traces, m.done = nil, nil, true
	}
	return m, stop
}

// specs are the runs to start: the example in the current model, and
// when comparing a second run, the baseline first.
func (m Model) specs() []examples.Spec {
	name, model := m.opt.Example.Name, m.opt.Model
	one := examples.Spec{Name: name, Model: model, Params: m.opt.Params}
	if !m.opt.Compare {
		return []examples.Spec{one}
	}
	if m.comparesModels() {
		// The goroutines first: the Go program the asyncio model explains.
		return examples.BesideModel(examples.Spec{Name: name, Model: trace.ModelGoroutines, Params: m.opt.Params}, m.asyncioModel())
	}
	if other := m.counterpart(); other != "" {
		return examples.BesideExample(one, other)
	}
	return []examples.Spec{one}
}

// comparesModels reports whether c puts the example in two models on one
// axis rather than next to another example.
func (m Model) comparesModels() bool {
	return m.opt.Counterpart == "" && !m.opt.Example.Solo
}

// asyncioModel is the asyncio side of a compare of models: the model on
// screen, or the loop model when that is goroutines.
func (m Model) asyncioModel() trace.Model {
	if m.opt.Model.Scheduled() {
		return m.opt.Model
	}
	return trace.ModelLoop
}

func (m Model) counterpart() string {
	if m.opt.Counterpart != "" {
		return m.opt.Counterpart
	}
	return m.opt.Example.Counterpart
}

// CurrentModel is the model the player runs the example in.
func (m Model) CurrentModel() trace.Model { return m.opt.Model }

// Models names what is on screen: "goroutines", or two compared
// ("goroutines vs asyncio loop model").
func (m Model) Models() string {
	var names []string
	for _, s := range m.specs() {
		if n := s.Model.Title(); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, " vs ")
}

// askPython checks in a Cmd whether the python model can run here, once
// per player (examples caches the answer per interpreter).
func (m *Model) askPython() tea.Cmd {
	if m.pyAsking {
		return nil
	}
	m.pyAsking = true
	id := m.id
	return func() tea.Msg { return pythonMsg{id: id, err: examples.PythonAvailable()} }
}

// python takes the answer about the python model and does what waited for it.
func (m Model) python(msg pythonMsg) (Model, tea.Cmd) {
	m.pyKnown, m.pyAsking, m.pyErr = true, false, msg.err
	var cmds []tea.Cmd
	if m.pyCycle {
		m.pyCycle = false
		var cmd tea.Cmd
		m, cmd = m.cycle()
		cmds = append(cmds, cmd)
	}
	if m.pyStart {
		m.pyStart = false
		if m.pyErr != nil && m.opt.Model == trace.ModelPython {
			// Opened in the python model where it cannot run: the loop
			// model has the same semantics, and the learner is told why.
			m.opt.Model = trace.ModelLoop
			cmds = append(cmds, m.tellNoPython(true))
		}
		var cmd tea.Cmd
		m, cmd = m.Start(nil)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

// tellNoPython says, once per player unless asked again, how to enable
// the python model, in the words examples.PythonAvailable gives.
func (m *Model) tellNoPython(always bool) tea.Cmd {
	if m.pyErr == nil || (m.pyTold && !always) {
		return nil
	}
	m.pyTold = true
	return m.say("CPython model skipped: " + m.pyErr.Error())
}

// cycle moves to the next model (goroutines, loop, python, goroutines…),
// skipping python where it cannot run and, in a compare of models,
// goroutines (already on screen), and restarts the run in it.
func (m Model) cycle() (Model, tea.Cmd) {
	if !m.pyKnown {
		m.pyCycle = true
		return m, m.askPython()
	}
	byModels := m.opt.Compare && m.comparesModels()
	models := trace.Models
	i := slices.Index(models, m.opt.Model)
	var told tea.Cmd
	for range len(models) - 1 {
		i = (i + 1) % len(models)
		next := models[i]
		switch {
		case next == trace.ModelPython && m.pyErr != nil:
			told = m.tellNoPython(false)
			continue
		case byModels && (next == trace.ModelGoroutines || next == m.asyncioModel()):
			continue // on screen already
		}
		m.opt.Model = next
		var cmd tea.Cmd
		m, cmd = m.Start(nil)
		return m, tea.Batch(told, cmd)
	}
	// Nowhere else to go: the compare of goroutines and loop where python
	// cannot run.
	if told == nil {
		told = m.tellNoPython(true)
	}
	return m, told
}

// Stop stops the runs on screen; the Cmd waits for their goroutines.
func (m Model) Stop() tea.Cmd { return m.stopCmd() }

func (m Model) stopCmd() tea.Cmd {
	runs := slices.Clone(m.runs)
	if len(runs) == 0 {
		return nil
	}
	for _, r := range runs {
		r.Stop() // cancels; returns at once
	}
	return func() tea.Msg {
		for _, r := range runs {
			_, _ = r.Wait()
		}
		return nil
	}
}

// follow takes what the runs recorded since the last look.
func (m *Model) follow() {
	done, grew := true, false
	for i, r := range m.runs {
		select {
		case <-r.Done():
			t, err := r.Wait()
			if len(t.Events) != len(m.traces[i].Events) || !m.traces[i].Done {
				grew = true
			}
			m.traces[i] = t
			if err != nil && m.err == nil && err != examples.ErrStopped && err != context.Canceled {
				m.err = err
			}
		default:
			done = false
			evs, _, _ := r.Since(len(m.traces[i].Events))
			if len(evs) > 0 {
				grew = true
				m.traces[i] = appendEvents(m.traces[i], r, evs)
			}
		}
	}
	m.done = done && len(m.runs) > 0
	if grew {
		m.order = mergeOrder(m.traces)
		if m.done && m.total() > m.expect {
			m.expect = m.total() // the run outlived its theory: the axis grows once
			m.render = m.newRenderer()
		}
	}
}

// appendEvents adds events recorded by r to t, keeping its lanes in order
// of first appearance as the recorder does.
func appendEvents(t trace.Trace, r *examples.Run, evs []trace.Event) trace.Trace {
	if t.Example == "" {
		s := r.Snapshot()
		t.Example, t.Model, t.Speed, t.Params = s.Example, s.Model, s.Speed, s.Params
	}
	for _, e := range evs {
		if !slices.Contains(t.Tasks, e.Task) {
			t.Tasks = append(t.Tasks, e.Task)
		}
	}
	t.Events = append(t.Events, evs...)
	return t
}

// mergeOrder lists every event of every run by program time; events at the
// same instant keep their run's order, the first run's first.
func mergeOrder(ts []trace.Trace) []eventRef {
	var out []eventRef
	for i, t := range ts {
		for j := range t.Events {
			out = append(out, eventRef{i, j})
		}
	}
	slices.SortStableFunc(out, func(a, b eventRef) int {
		return int(ts[a.run].Events[a.index].T - ts[b.run].Events[b.index].T)
	})
	return out
}

func (m Model) event(k int) trace.Event {
	r := m.order[k]
	return m.traces[r.run].Events[r.index]
}

func (m Model) total() time.Duration {
	var d time.Duration
	for _, t := range m.traces {
		d = max(d, t.Total)
	}
	return d
}

// edge is the latest program time the playback may show: the live clock
// while a run goes on, the end once all are done.
func (m Model) edge() time.Duration {
	if m.done || m.clock == nil {
		return m.total()
	}
	return m.clock.Now()
}

// countUpTo is how many events happened at or before t.
func (m Model) countUpTo(t time.Duration) int {
	n, _ := slices.BinarySearchFunc(m.order, t, func(r eventRef, t time.Duration) int {
		if m.traces[r.run].Events[r.index].T <= t {
			return -1
		}
		return 1
	})
	return n
}

// shownCount is how many events are on screen.
func (m Model) shownCount() int {
	if m.paused {
		return m.shown
	}
	return m.countUpTo(m.play)
}

// pos is the program time on screen. Without animation a playing cursor
// jumps from event to event, resting on the last one shown.
func (m Model) pos() time.Duration {
	switch {
	case m.paused:
		return m.at
	case m.done && m.play >= m.total():
		return m.total()
	case m.opt.Reduced:
		if k := m.countUpTo(m.play); k > 0 {
			return m.event(k - 1).T
		}
		return 0
	}
	return m.play
}

// moving reports whether the screen changes by itself: the playback runs,
// or a run goes on recording (a paused view counts its events).
func (m Model) moving() bool {
	if len(m.runs) == 0 {
		return false
	}
	return !m.done || (!m.paused && m.play < m.total())
}

// Update handles the player's keys and its own frames. Every path ends in
// afterUpdate, the one place a tick is armed.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case frameMsg:
		if msg.id != m.id || msg.gen != m.gen {
			return m, nil // a frame of an older chain, or of another player
		}
		m.ticking = false
		m.advance(time.Now())
	case clearMsg:
		if msg.id == m.id && msg.gen == m.msgGen {
			m.message = ""
		}
		return m, nil
	case pythonMsg:
		if msg.id != m.id {
			return m, nil
		}
		m, cmd = m.python(msg)
	case ExportedMsg:
		if msg.player != m.id {
			return m, nil
		}
		if msg.Err != nil {
			cmd = m.say("export failed: " + msg.Err.Error())
		} else {
			cmd = m.say("trace saved to " + msg.Path + " (open it in ui.perfetto.dev)")
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.opt.Keys.Restart):
			m, cmd = m.Start(nil)
		case key.Matches(msg, m.opt.Keys.Compare):
			if !m.comparesModels() && m.counterpart() == "" {
				cmd = m.say(m.opt.Example.Name + " has no counterpart to compare with")
				break
			}
			m.opt.Compare = !m.opt.Compare
			m, cmd = m.Start(nil)
		case key.Matches(msg, m.opt.Keys.Model):
			m, cmd = m.cycle()
		default:
			cmd = m.key(msg)
		}
	}
	return m.afterUpdate(cmd)
}

// afterUpdate arms the next frame when something will move and no frame
// is on its way, and reports the end of the runs once.
func (m Model) afterUpdate(cmd tea.Cmd) (Model, tea.Cmd) {
	cmds := []tea.Cmd{cmd}
	if m.done && !m.sent && len(m.runs) > 0 {
		m.sent = true
		fin := FinishedMsg{Player: m.id, Traces: slices.Clone(m.traces), Err: m.err}
		cmds = append(cmds, func() tea.Msg { return fin })
	}
	if m.moving() && !m.ticking {
		m.ticking = true
		m.gen++
		id, gen := m.id, m.gen
		cmds = append(cmds, tea.Tick(m.nextFrame(), func(time.Time) tea.Msg { return frameMsg{id, gen} }))
	}
	return m, tea.Batch(cmds...)
}

// nextFrame is when the screen next needs drawing.
func (m Model) nextFrame() time.Duration {
	switch {
	case m.paused:
		return pollEvery
	case !m.opt.Reduced:
		return frameEvery
	}
	// Without animation, sleep until the next event is due on screen.
	k := m.countUpTo(m.play)
	if k >= len(m.order) {
		return pollEvery // not recorded yet
	}
	wait := time.Duration(float64(m.event(k).T-m.play) / m.speed)
	return min(max(wait, frameEvery), time.Second)
}

// advance follows the recording and moves the playback on to wall time now.
func (m *Model) advance(now time.Time) {
	m.follow()
	if !m.paused {
		if !m.last.IsZero() {
			// One wall second shows `speed` seconds of the program.
			m.play += time.Duration(float64(now.Sub(m.last)) * m.speed)
		}
		m.play = min(m.play, m.edge())
		m.last = now
		if m.opt.Reduced && m.done && m.countUpTo(m.play) == len(m.order) {
			m.play = m.total()
		}
	}
}

func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := m.opt.Keys
	switch {
	case key.Matches(msg, k.Toggle):
		m.follow()
		switch {
		case m.AtEnd():
			m.play, m.last, m.paused = 0, time.Time{}, false // space at the end replays
		case m.paused:
			m.play, m.last, m.paused = m.at, time.Time{}, false
		default:
			m.pause()
		}
	case key.Matches(msg, k.Faster):
		if i := slices.IndexFunc(Speeds, func(s float64) bool { return s > m.speed }); i >= 0 {
			m.speed = Speeds[i]
		}
	case key.Matches(msg, k.Slower):
		for i := len(Speeds) - 1; i >= 0; i-- {
			if Speeds[i] < m.speed {
				m.speed = Speeds[i]
				break
			}
		}
	case key.Matches(msg, k.StepFwd), key.Matches(msg, k.StepBack):
		if len(m.runs) == 0 {
			return nil
		}
		m.follow() // what was recorded since the last frame counts too
		if !m.paused {
			m.pause()
		}
		if key.Matches(msg, k.StepFwd) {
			if m.shown < len(m.order) {
				m.shown++
				m.at = max(m.at, m.event(m.shown-1).T)
			} else if !m.done {
				return m.say("that is the last event recorded so far; the run goes on")
			}
		} else if m.shown > 0 {
			m.shown--
			m.at = 0
			if m.shown > 0 {
				m.at = m.event(m.shown - 1).T
			}
		}
	case key.Matches(msg, k.Up), key.Matches(msg, k.Down):
		m.scrollOutput(key.Matches(msg, k.Up))
	case key.Matches(msg, k.Export):
		if !m.done || len(m.traces) == 0 {
			return m.say("let the run finish, then export it")
		}
		return exportCmd(m.id, m.opt.ExportDir, slices.Clone(m.traces))
	}
	return nil
}

// scrollOutput moves the output panel a line back (up) or on, from where
// the last frame drew it; on to the latest line, it follows new lines
// again.
func (m *Model) scrollOutput(up bool) {
	v := m.render.Output()
	if !v.Hidden() {
		return
	}
	top := v.Top + 1
	if up {
		top = max(v.Top-1, 0)
	}
	m.outTop = top
	if top+v.Shown >= v.Total {
		m.outTop = -1
	}
	m.render.ScrollOutput(m.outTop)
}

// OutputScrolls reports whether the output panel on screen has more lines
// than it shows, so that ↑/↓ move it.
func (m Model) OutputScrolls() bool { return m.render.Output().Hidden() }

// pause holds the screen where it is.
func (m *Model) pause() {
	m.at = m.pos()
	m.shown = m.countUpTo(m.at)
	m.paused = true
}

// say shows a status message that expires.
func (m *Model) say(text string) tea.Cmd {
	m.message = text
	m.msgGen++
	id, gen := m.id, m.msgGen
	return tea.Tick(messageFor, func(time.Time) tea.Msg { return clearMsg{id, gen} })
}

// Tell shows a message from the screen around the player, which expires.
func (m Model) Tell(text string) (Model, tea.Cmd) {
	cmd := m.say(text)
	return m, cmd
}

// visible is each run's trace as the screen shows it: the events shown so
// far, a run marked done only once all of its events are on screen.
func (m Model) visible() []trace.Trace {
	k := m.shownCount()
	counts := make([]int, len(m.traces))
	for _, r := range m.order[:k] {
		counts[r.run]++
	}
	out := make([]trace.Trace, len(m.traces))
	for i, t := range m.traces {
		if counts[i] == len(t.Events) {
			out[i] = t
			continue
		}
		v := t
		v.Events = t.Events[:counts[i]]
		v.Done, v.Total = false, 0
		lanes := 0
		for _, e := range v.Events {
			if lanes < len(t.Tasks) && !slices.Contains(t.Tasks[:lanes], e.Task) {
				lanes++
			}
		}
		v.Tasks = t.Tasks[:lanes]
		out[i] = v
	}
	return out
}

// View is the timeline and, below it, the status lines, in exactly the
// player's size.
func (m Model) View() string {
	status := m.Status()
	h := m.height - strings.Count(status, "\n") - 1
	return m.Frame(h) + "\n" + status
}

// Frame is the timeline alone, in height lines.
func (m Model) Frame(height int) string {
	if m.err != nil && len(m.order) == 0 && height > 0 {
		// Nothing ran to draw (python crashed at once, or could not
		// start): the whole error, where the timeline would be.
		text := ansi.WrapWc(termtext.Text(m.err.Error()), max(m.width-2, 10), " /")
		return common.Fit(m.opt.Styles.Error.Render(text), m.width, height)
	}
	if len(m.traces) == 0 || height < 1 {
		return strings.Repeat("\n", max(height-1, 0))
	}
	return m.render.Frame(m.visible(), m.pos(), m.width, height)
}

// Status is the state line ("asyncio loop model · ⏸ paused · event 3 of 9 · speed 1x") and a
// line that says what the current event means; a message, when there is
// one, goes above them.
func (m Model) Status() string {
	st := m.opt.Styles
	parts := []string{m.Models()} // first: an error's long text must not hide it
	switch {
	case m.err != nil:
		parts = append(parts, st.Error.Render("the run failed: "+termtext.Message(m.err.Error())))
	case m.pyStart:
		parts = append(parts, "looking for python3…")
	case len(m.runs) == 0:
		parts = append(parts, "not started")
	case m.paused:
		parts = append(parts, "⏸ paused")
	case m.AtEnd():
		parts = append(parts, "■ finished")
	case m.done || m.pos() < m.edge()-2*frameEvery:
		parts = append(parts, "▶ replay")
	default:
		parts = append(parts, "● live")
	}
	k := m.shownCount()
	if len(m.runs) > 0 {
		parts = append(parts, fmt.Sprintf("event %d of %d", k, len(m.order)))
		speed := fmt.Sprintf("speed %gx", m.speed)
		if m.clock != nil && m.clock.Speed() != m.speed {
			speed += fmt.Sprintf(" (ran at %gx)", m.clock.Speed())
		}
		parts = append(parts, speed)
	}
	line := ansi.TruncateWc(st.Status.Render(strings.Join(parts, "  ·  ")), m.width, "…")
	say := ""
	if k > 0 {
		r := m.order[k-1]
		t := m.traces[r.run]
		say = learn.Seconds(t.Events[r.index].T) + "  "
		if len(m.traces) > 1 {
			say += m.runLabel(r.run) + ": "
		}
		say += learn.Narrate(t.Events, r.index)
	} else if len(m.runs) > 0 {
		say = "nothing has happened yet"
	}
	line = ansi.TruncateWc(st.Text.Render(say), m.width, "…") + "\n" + line
	if m.message != "" {
		// A message can be long (an export's path): it wraps, to two lines.
		msg := strings.Split(ansi.WrapWc(termtext.Message(m.message), m.width, " /-"), "\n")
		line = st.Warning.Render(strings.Join(msg[:min(len(msg), 2)], "\n")) + "\n" + line
	}
	return line
}

// compareHelp says what c compares this example with.
func (m Model) compareHelp() key.Binding {
	if m.comparesModels() {
		return common.Relabel(m.opt.Keys.Compare, "c", m.opt.Keys.Lang.Say("compare goroutines with asyncio"))
	}
	return common.Relabel(m.opt.Keys.Compare, "c", m.opt.Keys.Lang.Sayf("compare with %s", m.counterpart()))
}

// runLabel tells run i from the other on screen: by its example, or by
// its model when both run the same example.
func (m Model) runLabel(i int) string {
	t := m.traces[i]
	if slices.ContainsFunc(m.traces, func(o trace.Trace) bool { return o.Example != t.Example }) {
		return termtext.Name(t.Example)
	}
	return t.Model.Title()
}

// ShortHelp is the player's keys for a status line, the most important
// first, so that a line cut from its end as the window narrows loses the
// least needed: play/pause, then screen (the keys of the screen around the
// player, most important first: p parameters, s source), stepping, a new
// run, scrolling the output when it has more than it shows, then models,
// compare, speed and export.
func (m Model) ShortHelp(screen ...key.Binding) []key.Binding {
	k := m.opt.Keys
	toggle := k.Lang.Say("pause")
	switch {
	case m.AtEnd():
		toggle = k.Lang.Say("replay")
	case m.paused:
		toggle = k.Lang.Say("play")
	}
	out := []key.Binding{common.Relabel(k.Toggle, "space", toggle)}
	out = append(out, screen...)
	out = append(out, common.Relabel(k.StepFwd, "←/→", k.Lang.Say("step")), k.Restart)
	if m.OutputScrolls() {
		out = append(out, common.Relabel(k.Down, "↑/↓", k.Lang.Say("scroll output")))
	}
	return append(out, k.Model, k.Compare, common.Relabel(k.Faster, "+/-", k.Lang.Say("speed")), k.Export)
}

// FullHelp is every key of the player.
func (m Model) FullHelp() [][]key.Binding {
	k := m.opt.Keys
	return [][]key.Binding{{common.Relabel(k.Toggle, "space", k.Lang.Say("pause/play/replay")), k.Faster, k.Slower}, {k.StepBack, k.StepFwd, k.Restart, common.Relabel(k.Down, "↑/↓", k.Lang.Say("scroll the output"))}, {common.Relabel(k.Model, "m", k.Lang.Say("model: goroutines/loop/CPython")), m.compareHelp(), k.Export}}
}
