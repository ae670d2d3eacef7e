// Package example is the example screen: the learner predicts the total,
// may change the parameters, then watches the run in the player, and can
// read the code that ran (lesson-grade Go, the real file, or the Python
// asyncio equivalent).
package example

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/player"
)

// stage is where the learner is on the screen.
type stage int

const (
	predicting stage = iota // before the first run: guess the total
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
	verdict  string   // the scored prediction
	inputErr string

	params    map[string]string
	paramIdx  int
	paramEdit textinput.Model

	view    view
	tracing bool // the Go view shows the file as compiled, tracing calls and all
	srcTop  int
	src     []string // the highlighted lines of the view, made when it opens
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
// change them). A learner who predicted this example's total before goes
// straight to a run; the Cmd starts it.
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
	m.SetSize(c.Width, c.Height)
	if learn.Predicted(c.Progress, ex.Name) {
		m, cmd := m.run()
		return m, tea.Batch(cmd, m.warmSources())
	}
	return m, m.warmSources()
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
		m.src, m.label = m.sourceLines()
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
		m.src, m.label = m.sourceLines() // the parameters may have changed the Python
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
	var v *learn.Verdict
	if m.guess != nil {
		s := learn.Score(*m.guess, t.Total)
		v, m.guess = &s, nil
		if s.Right {
			m.verdict = fmt.Sprintf("✓ You predicted %g s; it took %.2f s. Well reasoned.", s.Guess, t.Total.Seconds())
		} else {
			m.verdict = fmt.Sprintf("✗ You predicted %g s; it took %.2f s. Look at which lanes overlap.", s.Guess, t.Total.Seconds())
		}
	}
	return common.Record(learn.Ran(m.ex.Name, v, m.c.Now()))
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
		m.inputErr, m.guess = "", nil
		if given {
			m.guess = &g
		}
		return m.run()
	case key.Matches(msg, k.Params) && m.predict.Value() == "":
		return m.openParams(predicting), nil
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
		m.verdict = "" // it was about other parameters
		m.predict.SetValue("")
		m.stage = predicting // new parameters, a new prediction
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
		m.srcTop = 0
		m.src, m.label = m.sourceLines()
		return m, nil
	case m.lang() == goLang && m.view != timelineView && key.Matches(msg, k.Tracing):
		m.tracing = !m.tracing
		m.srcTop = 0
		m.src, m.label = m.sourceLines()
		return m, nil
	case m.view != timelineView && key.Matches(msg, k.Down):
		// No further than the last line at the bottom: up undoes each press.
		m.srcTop = min(m.srcTop+1, max(len(m.src)-(m.height-m.headerLines()-4), 0))
		return m, nil
	case m.view != timelineView && key.Matches(msg, k.Up):
		m.srcTop = max(m.srcTop-1, 0)
		return m, nil
	case key.Matches(msg, k.Params):
		if !m.player.Done() {
			var cmd tea.Cmd
			m.player, cmd = m.player.Say("parameters can change once the run has finished (or press r)")
			return m, cmd
		}
		return m.openParams(watching), nil
	}
	return m.toPlayer(msg)
}

// toPlayer hands msg to the player; when it changes the model (m, or the
// answer about python coming back), the source view follows.
func (m Model) toPlayer(msg tea.Msg) (Model, tea.Cmd) {
	before := m.player.CurrentModel()
	var cmd tea.Cmd
	m.player, cmd = m.player.Update(msg)
	if m.player.CurrentModel() != before {
		// m: the source view follows the model.
		if m.view != timelineView {
			m.srcTop = 0
			m.src, m.label = m.sourceLines()
		}
		cmd = tea.Batch(cmd, m.warmSources())
	}
	return m, cmd
}

// headerLines is how many lines the title block takes.
func (m Model) headerLines() int { return strings.Count(m.header(), "\n") }

func (m Model) header() string {
	st, w := m.c.Styles, m.width
	var b strings.Builder
	title := st.Title.Render(termtext.Name(m.ex.Title)) + st.Muted.Render("  example "+m.ex.Name)
	b.WriteString(ansi.TruncateWc(title, w, "…") + "\n")
	b.WriteString(common.Wrap(st.Subtitle.Render(termtext.Message(m.ex.Summary)), w) + "\n")
	if m.caption != "" {
		b.WriteString(common.Wrap(st.Muted.Render(termtext.Text(m.caption)), w) + "\n")
	}
	b.WriteString(m.paramsLine() + "\n")
	if m.verdict != "" {
		b.WriteString(ansi.TruncateWc(st.Text.Render(m.verdict), w, "…") + "\n")
	}
	return b.String() + "\n"
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
		status := m.player.Status()
		h := bodyH - strings.Count(status, "\n") - 1
		body = common.Fit(m.sourceView(h), m.width, h) + "\n" + status
	default:
		m.player.SetSize(m.width, bodyH)
		body = m.player.View()
	}
	return common.Fit(head+body, m.width, m.height)
}

func (m Model) predictView() string {
	st := m.c.Styles
	var b strings.Builder
	b.WriteString(st.Text.Render("Predict before you run: how many seconds will the whole run take?") + "\n")
	b.WriteString("  " + m.predict.View() + st.Muted.Render("  enter runs it (leave empty to skip)  p parameters") + "\n")
	if m.inputErr != "" {
		b.WriteString(common.Wrap(st.Error.Render(m.inputErr), m.width) + "\n")
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

// sourceView shows the code that runs, h lines, scrolled to srcTop.
func (m Model) sourceView(h int) string {
	st := m.c.Styles
	lines, label := m.src, m.label
	top := min(m.srcTop, max(len(lines)-h+1, 0))
	end := min(top+h-1, len(lines))
	hint := " · ↑/↓ scroll · s next view"
	if m.lang() == goLang {
		if m.tracing {
			hint += " · t hide tracing"
		} else {
			hint += " · t show tracing"
		}
	}
	var b strings.Builder
	b.WriteString(ansi.TruncateWc(st.Title.Render(label)+st.Muted.Render(fmt.Sprintf("  lines %d-%d of %d", top+1, end, len(lines))+hint), m.width, "…") + "\n")
	for _, l := range lines[top:end] {
		b.WriteString(ansi.TruncateWc(l, m.width, "…") + "\n")
	}
	return b.String()
}

// ShortHelp is the screen's keys for the status line.
func (m Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch {
	case m.stage == predicting:
		return []key.Binding{common.Relabel(k.Enter, "enter", "run"), k.Params, k.Back}
	case m.stage == editing:
		return []key.Binding{common.Display("↑/↓/tab", "move"), common.Relabel(k.Enter, "enter", "use"), k.Defaults, k.Back}
	case m.view != timelineView && m.lang() == goLang:
		return []key.Binding{common.Display("↑/↓", "scroll"), k.Tracing, common.Relabel(k.Source, "s", "next view"), k.Back}
	case m.view != timelineView:
		return []key.Binding{common.Display("↑/↓", "scroll"), common.Relabel(k.Source, "s", "next view"), k.Back}
	}
	p := m.player.ShortHelp()
	return append(append(p[:2:2], common.Relabel(k.Source, "s", "source")), append(p[2:], k.Params, k.Back)...)
}

// FullHelp is every key of the screen.
func (m Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return append(m.player.FullHelp(),
		[]key.Binding{common.Relabel(k.Source, "s", "timeline/the model's code/the other language"), k.Tracing, common.Display("↑/↓", "scroll the source")},
		[]key.Binding{k.Params, k.Defaults, common.Display("tab/shift+tab", "next/previous parameter")},
		[]key.Binding{k.Back, k.Help, k.ForceQuit})
}
