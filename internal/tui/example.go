package tui

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/timeline"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// The playback speeds a learner steps through with + and -.
var speeds = []float64{0.25, 0.5, 1, 2, 4, 8}

const (
	frameEvery         = time.Second / 30 // smooth cursor
	reducedMotionEvery = time.Second / 10 // --no-animation: jump from event to event
)

// exampleStage is where the learner is on the example screen.
type exampleStage int

const (
	stagePredict exampleStage = iota // before the first run: guess the total
	stageParams                      // editing parameters
	stageRunning                     // a run is on screen, live or replayed
)

// exampleModel is the example player: the source that runs, the live
// timeline, the output, and the learner's prediction.
//
// The program runs at the speed chosen when it starts; what the screen
// shows is a playback of what it has recorded so far, so pausing, stepping
// and changing speed never touch the running goroutines: a paused view
// simply falls behind the live edge and replays the recording afterwards.
type exampleModel struct {
	ex      examples.Example
	params  map[string]string
	caption string
	compare bool // run the counterpart alongside, on one axis
	ascii   bool
	reduced bool // --no-animation
	ctx     context.Context

	stage     exampleStage
	predict   textinput.Model
	guess     float64 // seconds; 0 when the learner skipped
	verdict   string  // the scored prediction, once the first run ends
	scored    bool
	paramIdx  int
	paramEdit textinput.Model
	paramErr  string

	clock   *trace.Clock
	runs    []*examples.Run
	traces  []trace.Trace
	pos     time.Duration // the program time on screen
	speed   int           // index into speeds
	paused  bool
	last    time.Time // wall time of the last frame, to advance pos
	gen     int
	done    bool
	runErr  error
	source  int // 0 timeline, 1 Go source, 2 Python
	srcTop  int
	message string // the last export's path, or an error

	render *timeline.Renderer
	width  int
	height int
}

type exampleFrameMsg struct {
	gen int
	at  time.Time
}

// exampleSavedMsg reports a finished first run for progress.
type exampleRanMsg struct {
	example string
	guess   float64
	actual  time.Duration
	right   bool
	predict bool
}

type exportedMsg struct {
	path string
	err  error
}

func newExampleModel(ctx context.Context, ex examples.Example, caption string, opt exampleOptions) exampleModel {
	pi := textinput.New()
	pi.Placeholder = "e.g. 1.5"
	pi.CharLimit = 8
	pi.SetWidth(12)
	pi.Focus()
	m := exampleModel{
		ex: ex, params: ex.Defaults(), caption: caption, ctx: ctx,
		ascii: opt.ascii, reduced: opt.reduced,
		predict: pi, speed: slices.Index(speeds, 1),
		render: timeline.NewRenderer(opt.timeline),
	}
	if opt.skipPredict {
		m.stage = stageRunning
	}
	return m
}

type exampleOptions struct {
	timeline    timeline.Options
	ascii       bool
	reduced     bool
	skipPredict bool // the learner predicted this example before
}

// start launches the example (and its counterpart in compare mode) at the
// current speed. Starting goroutines is cheap and returns at once; the runs
// record on their own.
func (m *exampleModel) start() tea.Cmd {
	m.stop()
	clock, err := trace.NewClock(speeds[m.speed])
	if err != nil {
		m.runErr = err
		return nil
	}
	names := []string{m.ex.Name}
	if m.compare && m.ex.Counterpart != "" {
		names = examples.CompareOrder(m.ex.Name, m.ex.Counterpart)
	}
	m.runs, m.traces = nil, nil
	for _, n := range names {
		params := m.params
		if n != m.ex.Name {
			params = examples.ParamsFor(n, m.params)
		}
		r, err := examples.Start(m.ctx, n, params, clock)
		if err != nil {
			m.stop()
			m.runErr = err
			return nil
		}
		m.runs = append(m.runs, r)
		m.traces = append(m.traces, trace.Trace{})
	}
	m.clock, m.pos, m.paused, m.done, m.runErr, m.message = clock, 0, false, false, nil, ""
	m.stage = stageRunning
	m.last = time.Time{}
	m.gen++
	return m.tick()
}

// stop cancels the runs and waits for their goroutines, which end promptly.
func (m *exampleModel) stop() {
	for _, r := range m.runs {
		r.Stop()
		_, _ = r.Wait()
	}
}

func (m exampleModel) tick() tea.Cmd {
	gen := m.gen
	every := frameEvery
	if m.reduced {
		every = reducedMotionEvery
	}
	return tea.Tick(every, func(t time.Time) tea.Msg { return exampleFrameMsg{gen: gen, at: t} })
}

// moving reports whether anything on screen will change by itself.
func (m exampleModel) moving() bool {
	return m.stage == stageRunning && !m.paused && !(m.done && m.pos >= m.total())
}

func (m exampleModel) total() time.Duration {
	var d time.Duration
	for _, t := range m.traces {
		d = max(d, t.Total)
	}
	return d
}

// follow takes what the runs recorded and moves the playback on to wall time at.
func (m *exampleModel) follow(at time.Time) {
	done := true
	for i, r := range m.runs {
		select {
		case <-r.Done():
			t, err := r.Wait()
			m.traces[i] = t
			if err != nil && m.runErr == nil && !isStop(err) {
				m.runErr = err
			}
		default:
			m.traces[i] = r.Snapshot()
			done = false
		}
	}
	m.done = done
	edge := m.total()
	if !done && m.clock != nil {
		edge = m.clock.Now()
	}
	if !m.paused {
		if !m.last.IsZero() {
			// One wall second shows `speed` seconds of the program.
			m.pos += time.Duration(float64(at.Sub(m.last)) * speeds[m.speed])
		}
		m.pos = min(m.pos, edge)
		if m.reduced {
			m.pos = m.lastEventAtOrBefore(m.pos)
		}
	}
	m.last = at
}

func isStop(err error) bool {
	return err == examples.ErrStopped || err == context.Canceled
}

// eventTimes lists the distinct program times at which something happened.
func (m exampleModel) eventTimes() []time.Duration {
	var ts []time.Duration
	for _, t := range m.traces {
		for _, e := range t.Events {
			ts = append(ts, e.T)
		}
	}
	slices.Sort(ts)
	return slices.Compact(ts)
}

func (m exampleModel) lastEventAtOrBefore(pos time.Duration) time.Duration {
	ts := m.eventTimes()
	i, _ := slices.BinarySearch(ts, pos+1)
	if i == 0 {
		return 0
	}
	return ts[i-1]
}

// step moves a paused playback to the previous or next moment an event happened.
func (m *exampleModel) step(forward bool) {
	ts := m.eventTimes()
	if forward {
		i, _ := slices.BinarySearch(ts, m.pos+1)
		if i < len(ts) {
			m.pos = ts[i]
		}
		return
	}
	i, _ := slices.BinarySearch(ts, m.pos)
	if i > 0 {
		m.pos = ts[i-1]
	}
}

func (m exampleModel) update(msg tea.Msg, keys theme.KeyMap) (exampleModel, tea.Cmd) {
	switch msg := msg.(type) {
	case exampleFrameMsg:
		if msg.gen != m.gen || m.stage != stageRunning {
			return m, nil
		}
		wasDone := m.done
		m.follow(msg.at)
		var cmds []tea.Cmd
		if m.done && !wasDone {
			cmds = append(cmds, m.finished())
		}
		if m.moving() {
			cmds = append(cmds, m.tick())
		}
		return m, tea.Batch(cmds...)
	case exportedMsg:
		if msg.err != nil {
			m.message = "export failed: " + msg.err.Error()
		} else {
			m.message = "trace saved to " + msg.path + " (open it in ui.perfetto.dev)"
		}
		return m, nil
	case tea.KeyPressMsg:
		switch m.stage {
		case stagePredict:
			return m.updatePredict(msg, keys)
		case stageParams:
			return m.updateParams(msg, keys)
		}
		return m.updateRunning(msg, keys)
	}
	return m, nil
}

func (m exampleModel) updatePredict(msg tea.KeyPressMsg, keys theme.KeyMap) (exampleModel, tea.Cmd) {
	switch {
	case key.Matches(msg, keys.Enter):
		text := strings.TrimSuffix(strings.TrimSpace(m.predict.Value()), "s")
		if text != "" {
			g, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
			if err != nil || g < 0 || math.IsInf(g, 0) || math.IsNaN(g) {
				m.paramErr = "type a number of seconds, like 1.5, or leave it empty to skip"
				return m, nil
			}
			m.guess = g
		}
		m.paramErr = ""
		return m, m.start()
	case key.Matches(msg, keys.Params):
		if m.predict.Value() == "" {
			return m.openParams(), nil
		}
	}
	var cmd tea.Cmd
	m.predict, cmd = m.predict.Update(msg)
	return m, cmd
}

func (m exampleModel) openParams() exampleModel {
	m.stage = stageParams
	m.paramIdx = 0
	m.paramErr = ""
	m.focusParam()
	return m
}

func (m *exampleModel) focusParam() {
	if len(m.ex.Params) == 0 {
		return
	}
	p := m.ex.Params[m.paramIdx]
	ti := textinput.New()
	ti.SetValue(m.params[p.Name])
	ti.CharLimit = 12
	ti.SetWidth(12)
	ti.Focus()
	m.paramEdit = ti
}

func (m exampleModel) updateParams(msg tea.KeyPressMsg, keys theme.KeyMap) (exampleModel, tea.Cmd) {
	if len(m.ex.Params) == 0 {
		m.stage = stageRunning
		return m, nil
	}
	p := m.ex.Params[m.paramIdx]
	commit := func() bool {
		v := strings.TrimSpace(m.paramEdit.Value())
		if err := p.Check(v); err != nil {
			m.paramErr = termtext.Line(err.Error())
			return false
		}
		m.params[p.Name] = v
		m.paramErr = ""
		return true
	}
	switch {
	case key.Matches(msg, keys.Up), msg.String() == "shift+tab":
		if commit() && m.paramIdx > 0 {
			m.paramIdx--
			m.focusParam()
		}
		return m, nil
	case key.Matches(msg, keys.Down), msg.String() == "tab":
		if commit() && m.paramIdx < len(m.ex.Params)-1 {
			m.paramIdx++
			m.focusParam()
		}
		return m, nil
	case key.Matches(msg, keys.Enter):
		if commit() {
			return m, m.start()
		}
		return m, nil
	case msg.String() == "ctrl+r":
		m.params = m.ex.Defaults()
		m.focusParam()
		return m, nil
	}
	var cmd tea.Cmd
	m.paramEdit, cmd = m.paramEdit.Update(msg)
	return m, cmd
}

func (m exampleModel) updateRunning(msg tea.KeyPressMsg, keys theme.KeyMap) (exampleModel, tea.Cmd) {
	resume := func() tea.Cmd {
		if !m.moving() {
			return nil
		}
		m.last = time.Time{}
		m.gen++
		return m.tick()
	}
	switch {
	case key.Matches(msg, keys.Toggle):
		if m.done && m.pos >= m.total() {
			return m, m.start() // at the end, space plays it again
		}
		m.paused = !m.paused
		return m, resume()
	case key.Matches(msg, keys.Faster), key.Matches(msg, keys.Slower):
		if key.Matches(msg, keys.Faster) {
			m.speed = min(m.speed+1, len(speeds)-1)
		} else {
			m.speed = max(m.speed-1, 0)
		}
		return m, nil
	case key.Matches(msg, keys.StepBack), key.Matches(msg, keys.StepFwd):
		if !m.paused && !(m.done && m.pos >= m.total()) {
			m.paused = true
		}
		m.step(key.Matches(msg, keys.StepFwd))
		return m, nil
	case key.Matches(msg, keys.Restart):
		return m, m.start()
	case key.Matches(msg, keys.Compare):
		if m.ex.Counterpart == "" {
			m.message = m.ex.Name + " has no counterpart to compare with"
			return m, nil
		}
		m.compare = !m.compare
		return m, m.start()
	case key.Matches(msg, keys.Export):
		if len(m.traces) == 0 || !m.done {
			m.message = "let the run finish, then export it"
			return m, nil
		}
		return m, exportTrace(m.traces[len(m.traces)-1])
	case key.Matches(msg, keys.Source):
		m.source = (m.source + 1) % 3
		m.srcTop = 0
		return m, nil
	case key.Matches(msg, keys.Params):
		if m.done || m.runs == nil {
			return m.openParams(), nil
		}
		m.message = "parameters can change once the run has finished (or press r)"
		return m, nil
	case m.source != 0 && key.Matches(msg, keys.Down):
		m.srcTop++
	case m.source != 0 && key.Matches(msg, keys.Up):
		m.srcTop = max(m.srcTop-1, 0)
	}
	return m, nil
}

// finished scores the prediction of the first finished run and reports the
// run for the learner's progress.
func (m *exampleModel) finished() tea.Cmd {
	actual := m.traces[len(m.traces)-1].Total
	msg := exampleRanMsg{example: m.ex.Name, actual: actual}
	if !m.scored && m.guess > 0 {
		m.scored = true
		got := actual.Seconds()
		right := math.Abs(m.guess-got) <= 0.15*got+0.05
		msg.guess, msg.right, msg.predict = m.guess, right, true
		if right {
			m.verdict = fmt.Sprintf("✓ You predicted %.2g s; it took %.2f s. Well reasoned.", m.guess, got)
		} else {
			m.verdict = fmt.Sprintf("✗ You predicted %.2g s; it took %.2f s. Look at which lanes overlap.", m.guess, got)
		}
	}
	return func() tea.Msg { return msg }
}

// exportTrace writes a Chrome trace file in the current folder (or the temp
// folder when that is not writable) and reports its path.
func exportTrace(t trace.Trace) tea.Cmd {
	return func() tea.Msg {
		name := fmt.Sprintf("asyncio-tutor-%s-%s.trace.json", t.Example, time.Now().Format("20060102-150405"))
		for _, dir := range []string{".", os.TempDir()} {
			path, err := filepath.Abs(filepath.Join(dir, name))
			if err != nil {
				continue
			}
			f, err := os.Create(path)
			if err != nil {
				continue
			}
			werr := trace.WriteChrome(f, t)
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			return exportedMsg{path: path, err: werr}
		}
		return exportedMsg{err: fmt.Errorf("no writable folder for %s", name)}
	}
}

func (m exampleModel) view(st theme.Styles) string {
	w := m.width
	var b strings.Builder
	title := st.Title.Render(termtext.Line(m.ex.Title)) + st.Muted.Render("  example "+m.ex.Name)
	b.WriteString(ansi.TruncateWc(title, w, "…") + "\n")
	b.WriteString(wrap(st.Subtitle.Render(termtext.Line(m.ex.Summary)), w) + "\n")
	if m.caption != "" {
		b.WriteString(wrap(st.Muted.Render(termtext.Clean(m.caption)), w) + "\n")
	}
	b.WriteString(m.paramsLine(st) + "\n\n")
	used := strings.Count(b.String(), "\n")
	bodyH := max(m.height-used-2, 3)

	switch {
	case m.stage == stagePredict:
		b.WriteString(st.Text.Render("Predict before you run: how many seconds will the whole run take?") + "\n")
		b.WriteString("  " + m.predict.View() + st.Muted.Render("  enter runs it (leave empty to skip)  p parameters") + "\n")
		if m.paramErr != "" {
			b.WriteString(st.Error.Render(m.paramErr) + "\n")
		}
	case m.stage == stageParams:
		b.WriteString(m.paramsEditor(st))
	case m.source != 0:
		b.WriteString(m.sourceView(st, bodyH))
	default:
		b.WriteString(m.timelineView(bodyH))
	}
	body := b.String()
	lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
	if len(lines) > m.height-1 {
		lines = lines[:max(m.height-1, 1)]
	}
	status := m.statusLine(st)
	room := m.height - 1 - strings.Count(status, "\n")
	if len(lines) > room {
		lines = lines[:max(room, 1)]
	}
	for len(lines) < room {
		lines = append(lines, "")
	}
	return strings.Join(append(lines, status), "\n")
}

func (m exampleModel) paramsLine(st theme.Styles) string {
	if len(m.ex.Params) == 0 {
		return st.Muted.Render("no parameters")
	}
	var parts []string
	for _, p := range m.ex.Params {
		parts = append(parts, p.Name+"="+m.params[p.Name])
	}
	return ansi.TruncateWc(st.Muted.Render("parameters: "+strings.Join(parts, "  ")), m.width, "…")
}

func (m exampleModel) paramsEditor(st theme.Styles) string {
	var b strings.Builder
	b.WriteString(st.Text.Render("Parameters (↑/↓ or tab to move, enter to run, ctrl+r defaults, esc back)") + "\n\n")
	for i, p := range m.ex.Params {
		marker := "  "
		val := m.params[p.Name]
		if i == m.paramIdx {
			marker = st.Accent.Render("▸ ")
			val = m.paramEdit.View()
		}
		line := fmt.Sprintf("%s%-10s %s", marker, p.Name, val)
		b.WriteString(ansi.TruncateWc(line, m.width, "…") + "\n")
		b.WriteString(ansi.TruncateWc(st.Muted.Render(fmt.Sprintf("    %s (%s to %s)", p.Help, p.Min, p.Max)), m.width, "…") + "\n")
	}
	if m.paramErr != "" {
		b.WriteString("\n" + wrap(st.Error.Render(m.paramErr), m.width) + "\n")
	}
	return b.String()
}

func (m exampleModel) sourceView(st theme.Styles, h int) string {
	src, label := m.ex.Source, "Go source (the code that runs)"
	if m.source == 2 {
		src, label = m.ex.Python, "Python asyncio equivalent"
	}
	lines := strings.Split(strings.TrimRight(termtext.Clean(src), "\n"), "\n")
	top := min(m.srcTop, max(len(lines)-h+1, 0))
	end := min(top+h-1, len(lines))
	var b strings.Builder
	b.WriteString(st.Title.Render(label) + st.Muted.Render(fmt.Sprintf("  lines %d-%d of %d · s switches", top+1, end, len(lines))) + "\n")
	for _, l := range lines[top:end] {
		b.WriteString(ansi.TruncateWc(strings.ReplaceAll(l, "\t", "    "), m.width, "…") + "\n")
	}
	return b.String()
}

func (m exampleModel) timelineView(h int) string {
	if len(m.traces) == 0 {
		if m.runErr != nil {
			return termtext.Line(m.runErr.Error())
		}
		return ""
	}
	return m.render.Frame(m.traces, m.pos, m.width, h) + "\n"
}

func (m exampleModel) statusLine(st theme.Styles) string {
	var parts []string
	switch {
	case m.stage != stageRunning:
	case m.runErr != nil:
		parts = append(parts, st.Error.Render("the run failed: "+termtext.Line(m.runErr.Error())))
	case m.paused:
		parts = append(parts, "⏸ paused")
	case m.done && m.pos >= m.total():
		parts = append(parts, "■ finished")
	case m.done || (m.clock != nil && m.pos < m.clock.Now()-frameEvery*2):
		parts = append(parts, "▶ replay")
	default:
		parts = append(parts, "● live")
	}
	if m.stage == stageRunning {
		parts = append(parts, fmt.Sprintf("speed %gx", speeds[m.speed]))
		if m.clock != nil && m.clock.Speed() != speeds[m.speed] {
			parts = append(parts, fmt.Sprintf("(ran at %gx)", m.clock.Speed()))
		}
	}
	if m.verdict != "" {
		parts = append(parts, m.verdict)
	}
	line := ansi.TruncateWc(st.Status.Render(strings.Join(parts, "  ·  ")), m.width, "…")
	if m.message != "" {
		line = wrap(st.Warning.Render(termtext.Line(m.message)), m.width) + "\n" + line
	}
	return line
}

func wrap(s string, width int) string {
	return lipgloss.NewStyle().Width(width).Render(s)
}

func (m exampleModel) shortHelp(k theme.KeyMap) []key.Binding {
	switch m.stage {
	case stagePredict:
		return []key.Binding{k.Enter, k.Params, k.Back}
	case stageParams:
		return []key.Binding{k.Up, k.Down, k.Enter, k.Back}
	}
	return []key.Binding{relabel(k.Toggle, "space", "pause"), display("+/-", "speed"), display("←/→", "step"),
		k.Restart, k.Compare, k.Source, k.Export, k.Back}
}

// relabel is a binding with help text that fits this screen.
func relabel(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}

// display is a help entry standing for several bindings at once.
func display(keys, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, desc))
}
