// Package example is the example screen: the learner predicts the total
// (and, where the output allows a fair question, which line prints first),
// may change the parameters, then watches the run in the player, and can
// read the code that ran (lesson-grade Go, the real file, or the Python
// asyncio equivalent).
//
// A prediction is asked each time a card opens and after every change of
// parameters; its verdict belongs to the run it scored and goes when a new
// run starts. What the example's summary says about the outcome waits
// until a run has been seen.
package example

import (
	"fmt"
	"maps"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/player"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/source"
)

// stage is where the learner is on the screen.
type stage int

const (
	predicting stage = iota // before a run: guess the total and the first line
	editing                 // changing parameters
	watching                // the player is on screen
)

// view is what the body shows while watching: s goes from the timeline
// to the code the model on screen runs (Go for goroutines, the Python
// twin for the loop model and CPython), then to the other language.
type view int

const (
	timelineView view = iota
	modelCode         // the code the model runs
	otherCode         // the other language's version
	views
)

// lang is a language a source view shows.
type lang int

const (
	goLang     lang = iota // lesson-grade Go; the tracing calls on a toggle
	pythonLang             // the Python twin with the current parameters
)

// Model is the example screen.
type Model struct {
	c       *common.Common
	ex      examples.Example
	caption string
	player  player.Model

	stage    stage
	back     stage // where esc leaves the parameter editor for
	predict  textinput.Model
	guess    *float64 // the learner's prediction for the next run, if any
	lines    []string // the choices of "which prints first", nil when not asked
	pick     int      // the line picked among lines; -1 is none
	picked   string   // the pick the next run is scored against, "" for none
	verdicts []string // the scored predictions of the run on screen
	seen     bool     // a run has finished: the summary may tell the outcome
	inputErr string

	params    map[string]string
	paramIdx  int
	paramEdit textinput.Model

	view    view
	tracing bool          // the Go view shows the file as compiled, tracing calls and all
	code    source.Window // the highlighted lines of the view, made when it opens
	label   string

	width, height int
}

// New opens an example in the goroutines model with its defaults, with a
// caption to show above it.
func New(c *common.Common, ex examples.Example, caption string) (Model, tea.Cmd) {
	return Open(c, ex, &course.ExampleRef{Name: ex.Name, Caption: caption})
}

// Open opens the example of a card: in the card's model, with the card's
// settings over the example's defaults (the parameter editor may still
// change them). The screen opens on the prediction, whatever was predicted
// on other cards: each card asks.
func Open(c *common.Common, ex examples.Example, ref *course.ExampleRef) (Model, tea.Cmd) {
	caption := ref.Caption
	model, err := trace.ParseModel(ref.Model)
	if ref.Model == "" || err != nil {
		model = trace.ModelGoroutines // check rejects a bad model= before a course gets here
	}
	params := ex.Defaults()
	for k, v := range ref.Settings() {
		if _, known := params[k]; known {
			params[k] = v
		}
	}
	pi := textinput.New()
	pi.Placeholder = "e.g. 1.5"
	pi.CharLimit = 8
	pi.SetWidth(12)
	pi.Focus()
	m := Model{c: c, ex: ex, caption: caption, predict: pi, params: params}
	m.player = player.New(player.Options{
		Context: c.Context, Example: ex, Model: model, Params: params, Reduced: c.NoMotion,
		Timeline: c.Timeline(), Keys: c.Keys, Styles: c.Styles,
	})
	m.askPrediction()
	m.SetSize(c.Width, c.Height)
	return m, m.warmSources()
}

// askPrediction clears the prediction and works out the "which prints
// first" choices for the current parameters. The loop model runs in
// virtual time in well under a millisecond, so this is done here rather
// than in a Cmd, and the question is whole on its first frame.
func (m *Model) askPrediction() {
	m.stage, m.guess, m.picked, m.pick, m.lines = predicting, nil, "", -1, nil
	m.predict.SetValue("")
	m.verdicts = nil // they were about another run
	sim, err := examples.Simulate(m.c.Context, examples.Spec{Name: m.ex.Name, Model: trace.ModelLoop, Params: m.params})
	if err == nil {
		m.lines = learn.FirstLineChoices(sim, m.ex.OrderedIn(m.player.CurrentModel()))
	}
}

// SetSize lays the screen out.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.player.SetSize(width, max(height-m.headerLines(), 3))
}

// SetLook follows a change of the terminal's background.
func (m *Model) SetLook() {
	m.player.SetLook(m.c.Styles, m.c.Timeline())
	if m.view != timelineView {
		m.code.Lines, m.label = m.sourceLines()
	}
}

// Typing reports whether a text field has the keys.
func (m Model) Typing() bool { return m.stage != watching }

// Leave stops the runs; the app calls it when the screen goes.
func (m Model) Leave() tea.Cmd { return m.player.Stop() }

func (m Model) run() (Model, tea.Cmd) {
	m.stage = watching
	var cmd tea.Cmd
	m.player, cmd = m.player.Start(m.params)
	p, tick := m.player.Update(nil) // arms the first frame
	m.player = p
	if m.view != timelineView {
		m.code.Lines, m.label = m.sourceLines() // the parameters may have changed the Python
	}
	return m, tea.Batch(cmd, tick, m.warmSources())
}

// Update routes keys by stage and follows the player.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case player.FinishedMsg:
		if msg.Player != m.player.ID() {
			return m, nil
		}
		cmd := m.finished(msg) // it changes m: call it before m is returned
		return m, cmd
	case tea.KeyPressMsg:
		switch m.stage {
		case predicting:
			return m.predictKey(msg)
		case editing:
			return m.paramsKey(msg)
		}
		return m.watchKey(msg)
	}
	return m.toPlayer(msg)
}

// finished scores the prediction made for this run and records the run.
func (m *Model) finished(msg player.FinishedMsg) tea.Cmd {
	if msg.Err != nil || len(msg.Traces) == 0 || !msg.Traces[len(msg.Traces)-1].Done {
		return nil
	}
	t := msg.Traces[len(msg.Traces)-1] // in a compare view, the example's own run is the second
	for _, tr := range msg.Traces {
		if tr.Example == m.ex.Name && (tr.Model == m.player.CurrentModel() || tr.Model == "") {
			t = tr
		}
	}
	m.seen = true
	var v *learn.Verdict
	if m.guess != nil {
		s := learn.Score(*m.guess, t.Total)
		v, m.guess = &s, nil
		m.verdicts = append(m.verdicts, totalVerdict(s))
	}
	change := learn.Ran(m.c.Lesson, m.ex.Name, v, m.c.Now())
	if m.picked != "" {
		if lv, ok := learn.ScoreFirstLine(m.picked, m.lines, t); ok {
			m.verdicts = append(m.verdicts, lineVerdict(lv))
			change = learn.Both(change, learn.GuessedFirst(m.c.Lesson, m.ex.Name, lv, m.c.Now()))
		}
		m.picked = ""
	}
	return common.Record(change)
}

// totalVerdict says how a prediction of the total went.
func totalVerdict(s learn.Verdict) string {
	if s.Right {
		return fmt.Sprintf("✓ You predicted %g s; it took %.2f s. Well reasoned.", s.Guess, s.Actual.Seconds())
	}
	return fmt.Sprintf("✗ You predicted %g s; it took %.2f s. Look at which lanes overlap.", s.Guess, s.Actual.Seconds())
}

// lineVerdict says how a prediction of the first line went.
func lineVerdict(v learn.LineVerdict) string {
	if v.Right {
		return fmt.Sprintf("✓ You picked %q to print first, and it did.", v.Guess)
	}
	return fmt.Sprintf("✗ You picked %q to print first; %q did. Look at which lane wakes first.", v.Guess, v.Actual)
}

func (m Model) predictKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.Back):
		return m, common.Send(common.BackMsg{})
	case key.Matches(msg, k.Enter):
		g, given, err := learn.ParsePrediction(m.predict.Value())
		if err != nil {
			m.inputErr = err.Error()
			return m, nil
		}
		m.inputErr, m.guess, m.picked = "", nil, ""
		if given {
			m.guess = &g
		}
		if m.pick >= 0 {
			m.picked = m.lines[m.pick]
		}
		return m.run()
	case key.Matches(msg, k.Params) && m.predict.Value() == "":
		return m.openParams(predicting), nil
	case len(m.lines) > 0 && msg.Code == tea.KeyUp:
		// Only the arrows pick: k and j are letters a learner may type.
		m.pick = max(m.pick-1, -1)
		return m, nil
	case len(m.lines) > 0 && msg.Code == tea.KeyDown:
		m.pick = min(m.pick+1, len(m.lines)-1)
		return m, nil
	}
	var cmd tea.Cmd
	m.predict, cmd = m.predict.Update(msg)
	return m, cmd
}

func (m Model) openParams(from stage) Model {
	m.stage, m.back, m.paramIdx, m.inputErr = editing, from, 0, ""
	m.focusParam()
	return m
}

func (m *Model) focusParam() {
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

func (m Model) paramsKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.c.Keys
	if key.Matches(msg, k.Back) || len(m.ex.Params) == 0 {
		m.stage, m.inputErr = m.back, ""
		return m, nil
	}
	p := m.ex.Params[m.paramIdx]
	commit := func() bool {
		v := strings.TrimSpace(m.paramEdit.Value())
		if err := p.Check(v); err != nil {
			m.inputErr = termtext.Message(err.Error())
			return false
		}
		m.params[p.Name] = v
		m.inputErr = ""
		return true
	}
	switch {
	case key.Matches(msg, k.Up), key.Matches(msg, k.PrevFocus):
		if commit() && m.paramIdx > 0 {
			m.paramIdx--
			m.focusParam()
		}
		return m, nil
	case key.Matches(msg, k.Down), key.Matches(msg, k.NextFocus):
		if commit() && m.paramIdx < len(m.ex.Params)-1 {
			m.paramIdx++
			m.focusParam()
		}
		return m, nil
	case key.Matches(msg, k.Enter):
		if !commit() {
			return m, nil
		}
		m.askPrediction() // new parameters, a new prediction
		return m, nil
	case key.Matches(msg, k.Defaults):
		m.params = m.ex.Defaults()
		m.focusParam()
		return m, nil
	}
	var cmd tea.Cmd
	m.paramEdit, cmd = m.paramEdit.Update(msg)
	return m, cmd
}

func (m Model) watchKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.Back):
		if m.view != timelineView {
			m.view = timelineView
			return m, nil
		}
		return m, tea.Batch(m.player.Stop(), common.Send(common.BackMsg{}))
	case key.Matches(msg, k.Source):
		m.view = (m.view + 1) % views
		m.code.Top = 0
		m.code.Lines, m.label = m.sourceLines()
		return m, nil
	case m.lang() == goLang && m.view != timelineView && key.Matches(msg, k.Tracing):
		m.tracing = !m.tracing
		m.code.Top = 0
		m.code.Lines, m.label = m.sourceLines()
		return m, nil
	case m.view != timelineView && key.Matches(msg, k.Down):
		m.code.Scroll(1, m.codeHeight())
		return m, nil
	case m.view != timelineView && key.Matches(msg, k.Up):
		m.code.Scroll(-1, m.codeHeight())
		return m, nil
	case key.Matches(msg, k.Params):
		if !m.player.Done() {
			var cmd tea.Cmd
			m.player, cmd = m.player.Tell(m.c.Lang.Say("parameters can change once the run has finished (or press r)"))
			return m, cmd
		}
		return m.openParams(watching), nil
	}
	return m.toPlayer(msg)
}

// toPlayer hands msg to the player; when it changes the model (m, or the
// answer about python coming back), the source view follows.
func (m Model) toPlayer(msg tea.Msg) (Model, tea.Cmd) {
	before, wasDone := m.player.CurrentModel(), m.player.Done()
	var cmd tea.Cmd
	m.player, cmd = m.player.Update(msg)
	if wasDone && !m.player.Done() {
		m.verdicts = nil // a new run (r, c, m): the verdicts were the old one's
	}
	if m.player.CurrentModel() != before {
		// m: the source view follows the model.
		if m.view != timelineView {
			m.code.Top = 0
			m.code.Lines, m.label = m.sourceLines()
		}
		cmd = tea.Batch(cmd, m.warmSources())
	}
	return m, cmd
}

// headerLines is how many lines the title block takes.
func (m Model) headerLines() int { return strings.Count(m.header(), "\n") }

func (m Model) header() string {
	st, w := m.c.Styles, m.width
	title := st.Title.Render(termtext.Name(m.ex.Title)) + st.Muted.Render("  example "+m.ex.Name)
	summary := ""
	if m.seen && maps.Equal(m.params, m.ex.Defaults()) {
		// The summary tells the default run's outcome ("2 s in all"):
		// before a run has been seen it would answer the prediction, and
		// under other parameters it would be wrong.
		summary = wrap(st.Subtitle, termtext.Message(m.ex.Summary), w)
	}
	var verdicts strings.Builder
	for _, v := range m.verdicts {
		verdicts.WriteString(wrap(st.Text, v, w))
	}
	fixed := 3 + strings.Count(summary, "\n") + strings.Count(verdicts.String(), "\n") // title, parameters, blank
	caption := cut(wrap(st.Muted, m.caption, w), max(m.height-fixed-m.bodyNeeds(), 1), w)
	return ansi.TruncateWc(title, w, "…") + "\n" + summary + caption + m.paramsLine() + "\n" + verdicts.String() + "\n"
}

func (m Model) paramsLine() string {
	st := m.c.Styles
	if len(m.ex.Params) == 0 {
		return st.Muted.Render("no parameters")
	}
	var parts []string
	for _, p := range m.ex.Params {
		parts = append(parts, p.Name+"="+m.params[p.Name])
	}
	return ansi.TruncateWc(st.Muted.Render("parameters: "+strings.Join(parts, "  ")), m.width, "…")
}

// minPlayer is the least height the player is left under the header: a
// few lanes, the axis and the status lines.
const minPlayer = 12

// bodyNeeds is the height the stage's body wants under the header.
func (m Model) bodyNeeds() int {
	switch m.stage {
	case predicting:
		return strings.Count(m.predictView(), "\n")
	case editing:
		return strings.Count(m.paramsView(), "\n")
	}
	return minPlayer
}

// cut keeps the first n lines of text (lines ending in a line break), the
// last one ending in "…" when lines are left out: on a short screen the
// caption gives way to the prediction and the run. The card in the lesson
// showed it whole.
func cut(text string, n, width int) string {
	lines := strings.SplitAfter(text, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) <= n {
		return text
	}
	last := strings.TrimSuffix(lines[n-1], "\n")
	lines[n-1] = endWith(last, "…", width) + "\n"
	return strings.Join(lines[:n], "")
}

// endWith cuts line so that it and tail fit in width cells, and adds tail.
// Width is counted as common.Fit counts it (cell by cell): TruncateWc
// counts a Thai cluster such as ลำ as one cell, so it alone can leave the
// tail one cell past the edge, where Fit cuts it off.
func endWith(line, tail string, width int) string {
	room := max(width-ansi.StringWidthWc(tail), 1)
	for cut := room; cut > 0; cut-- {
		if head := ansi.TruncateWc(line, cut, ""); ansi.StringWidthWc(head) <= room {
			return head + tail
		}
	}
	return tail
}

// View draws the screen in exactly its size.
func (m Model) View() string {
	head := m.header()
	bodyH := max(m.height-m.headerLines(), 3)
	var body string
	switch {
	case m.stage == predicting:
		body = m.predictView()
	case m.stage == editing:
		body = m.paramsView()
	case m.view != timelineView:
		body = m.sourceView(m.codeHeight()) + "\n" + m.player.Status()
	default:
		m.player.SetSize(m.width, bodyH)
		body = m.player.View()
	}
	return common.Fit(head+body, m.width, m.height)
}

func (m Model) predictView() string {
	st := m.c.Styles
	var b strings.Builder
	b.WriteString(wrap(st.Text, "Predict before you run: how many seconds will the run take?", m.width))
	b.WriteString(ansi.TruncateWc("  "+m.predict.View()+st.Muted.Render("  enter runs it; empty skips"), m.width, "…") + "\n")
	if m.inputErr != "" {
		b.WriteString(wrap(st.Error, m.inputErr, m.width))
	}
	if len(m.lines) > 0 {
		b.WriteString(wrap(st.Text, "Which of these lines prints first? ↑/↓ to pick one (optional)", m.width))
		for i, l := range m.lines {
			line := st.Muted.Render("  · " + l)
			if i == m.pick {
				line = st.Accent.Render("  ▸ " + l)
			}
			b.WriteString(ansi.TruncateWc(line, m.width, "…") + "\n")
		}
	}
	return b.String()
}

func (m Model) paramsView() string {
	st := m.c.Styles
	var b strings.Builder
	b.WriteString(common.Wrap(st.Text.Render("Parameters (↑/↓ or tab to move, enter to use them, ctrl+r defaults, esc back)"), m.width) + "\n\n")
	for i, p := range m.ex.Params {
		marker := "  "
		val := m.params[p.Name]
		if i == m.paramIdx {
			marker = st.Accent.Render("▸ ")
			val = m.paramEdit.View()
		}
		b.WriteString(ansi.TruncateWc(fmt.Sprintf("%s%-10s %s", marker, p.Name, val), m.width, "…") + "\n")
		b.WriteString(ansi.TruncateWc(st.Muted.Render(fmt.Sprintf("    %s (%s to %s)", p.Help, p.Min, p.Max)), m.width, "…") + "\n")
	}
	if m.inputErr != "" {
		b.WriteString("\n" + common.Wrap(st.Error.Render(m.inputErr), m.width) + "\n")
	}
	return b.String()
}

// codeHeight is the rows the source view has: the body under the header,
// less the player's status under it.
func (m Model) codeHeight() int {
	bodyH := max(m.height-m.headerLines(), 3)
	return max(bodyH-strings.Count(m.player.Status(), "\n")-1, 1)
}

// sourceView shows the code that runs in h lines.
func (m Model) sourceView(h int) string {
	st := m.c.Styles
	hint := " · ↑/↓ scroll · s next view"
	if m.lang() == goLang {
		if m.tracing {
			hint += " · t hide tracing"
		} else {
			hint += " · t show tracing"
		}
	}
	return m.code.View(st.Title.Render(m.label), st.Muted.Render(hint), m.width, h)
}

// ShortHelp is the screen's keys for the status line.
func (m Model) ShortHelp() []key.Binding {
	k, l := m.c.Keys, m.c.Lang
	switch {
	case m.stage == predicting && len(m.lines) > 0:
		return []key.Binding{common.Relabel(k.Enter, "enter", l.Say("run")), k.Params, common.Display("↑/↓", l.Say("first line")), k.Back}
	case m.stage == predicting:
		return []key.Binding{common.Relabel(k.Enter, "enter", l.Say("run")), k.Params, k.Back}
	case m.stage == editing:
		return []key.Binding{common.Display("↑/↓/tab", l.Say("move")), common.Relabel(k.Enter, "enter", l.Say("use")), k.Defaults, k.Back}
	case m.view != timelineView && m.lang() == goLang:
		return []key.Binding{common.Display("↑/↓", l.Say("scroll")), k.Tracing, common.Relabel(k.Source, "s", l.Say("next view")), k.Back}
	case m.view != timelineView:
		return []key.Binding{common.Display("↑/↓", l.Say("scroll")), common.Relabel(k.Source, "s", l.Say("next view")), k.Back}
	}
	// The player ranks its keys, the screen's own among them; the App cuts
	// from the end, keeping esc.
	return append(m.player.ShortHelp(k.Params, common.Relabel(k.Source, "s", l.Say("source"))), k.Back)
}

// FullHelp is every key of the screen.
func (m Model) FullHelp() [][]key.Binding {
	k, l := m.c.Keys, m.c.Lang
	return append(m.player.FullHelp(),
		[]key.Binding{common.Relabel(k.Source, "s", l.Say("timeline/the model's code/the other language")), k.Tracing, common.Display("↑/↓", l.Say("scroll the source"))},
		[]key.Binding{k.Params, k.Defaults, common.Display("tab/shift+tab", l.Say("next/previous parameter"))},
		[]key.Binding{k.Back, k.Help, k.ForceQuit})
}

// wrap styles text and wraps it to width, ending in a line break. An
// author's line breaks inside a paragraph are soft (markdown), so each
// paragraph is joined into one line first and wrapped once, to the width
// the screen has: wrapping the author's 80-column lines again at 80
// columns left one word on a line of its own.
func wrap(style lipgloss.Style, text string, width int) string {
	var out []string
	for _, para := range learn.CaptionParagraphs(text) {
		for _, l := range strings.Split(ansi.WrapWc(para, max(width, 1), " -"), "\n") {
			out = append(out, style.Render(l))
		}
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "\n") + "\n"
}
