package player

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/asyncio-tutor/asyncio-tutor/internal/timeline"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// Standalone plays one example outside the course, as `asyncio-tutor run`
// does in a terminal: inline, below the shell's prompt. It ends by itself
// once the run has played to its end, leaving the final frame on screen,
// unless the learner took the controls (paused, stepped, replayed): then q
// ends it.
type Standalone struct {
	p         Model
	color     bool
	maxHeight int
	touched   bool // the learner pressed a player key
	quitting  bool
}

// NewStandalone plays opt's example; color picks the styles once the
// terminal tells its background, maxHeight caps the frame (0: the window).
func NewStandalone(opt Options, color bool, maxHeight int) Standalone {
	return Standalone{p: New(opt), color: color, maxHeight: maxHeight}
}

// Err is the run's failure once it has ended.
func (s Standalone) Err() error { return s.p.Err() }

func (s Standalone) Init() tea.Cmd {
	var cmds []tea.Cmd
	if s.color {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	// Init cannot change the model: the run starts on the first message,
	// the window's size, which Bubble Tea always sends.
	return tea.Batch(cmds...)
}

func (s Standalone) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h := msg.Height - 2 // the help line, and the cursor's, so the frame never scrolls
		if s.maxHeight > 0 {
			h = min(h, s.maxHeight)
		}
		s.p.SetSize(msg.Width, h)
		if !s.p.Started() {
			s.p, cmd = s.p.Start(nil)
		}
	case tea.BackgroundColorMsg:
		s.p.SetLook(theme.New(msg.IsDark()), timeline.Options{Styles: timeline.DefaultStyles(msg.IsDark()), ASCII: s.p.opt.Timeline.ASCII})
	case tea.KeyPressMsg:
		k := s.p.opt.Keys
		if key.Matches(msg, k.Quit, k.Back, k.ForceQuit) {
			s.quitting = true
			return s, tea.Sequence(s.p.Stop(), tea.Quit)
		}
		s.touched = true
	}
	var pc tea.Cmd
	s.p, pc = s.p.Update(msg)
	if s.p.AtEnd() && !s.touched {
		s.quitting = true
		return s, tea.Batch(cmd, pc, tea.Quit)
	}
	return s, tea.Batch(cmd, pc)
}

func (s Standalone) View() tea.View {
	if !s.p.Started() {
		return tea.NewView("")
	}
	// The trailing newline keeps the cursor below the frame, so the shell's
	// prompt does not land on the frame's last line once the run is over.
	status := s.p.Status()
	frame := timeline.TrimFrame(s.p.Frame(s.p.height - strings.Count(status, "\n") - 1))
	if s.quitting {
		return tea.NewView(frame + "\n")
	}
	help := "q quit"
	switch {
	case !s.touched:
		help = "space pause · ←/→ step · m model · q quit"
	case s.p.OutputScrolls():
		help = "↑/↓ scroll output · q quit"
	}
	return tea.NewView(frame + "\n\n" + status + "\n" + s.p.opt.Styles.Muted.Render(help) + "\n")
}
