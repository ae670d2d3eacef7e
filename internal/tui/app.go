// Package tui is the course player: a Bubble Tea program with a menu, lessons
// with live example cards, an example player and quizzes. The root App owns
// one concrete model per screen and switches between them on a state enum.
// Every expensive or IO step (rendering markdown, saving progress, writing a
// trace) runs in a tea.Cmd; Update only moves state.
package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/timeline"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/quizview"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// The smallest window the player lays out in.
const (
	MinWidth  = 60
	MinHeight = 16
)

// Options are what cmd/asyncio-tutor hands the player.
type Options struct {
	Course    *course.Course
	CourseKey string          // progress.CourseKey of the course's folder
	Store     *progress.Store // nil: progress could not be opened; the player still plays
	Notices   []string        // told on the menu: read-only progress, a quarantined file…
	Color     bool            // false for NO_COLOR and dumb terminals
	ASCII     bool
	NoMotion  bool // --no-animation: timelines jump from event to event
	Markdown  *markdown.Renderer
	Context   context.Context  // cancelled when the program ends: stops example runs
	Problems  []course.Problem // shown in a panel (instructors' --watch): the course's check problems
}

// CourseReloadedMsg hands the player a course reloaded from its folder
// (--watch). The learner keeps their place; the problems replace the panel.
type CourseReloadedMsg struct {
	Course   *course.Course
	Problems []course.Problem
	Err      error
}

type screen int

const (
	menuScreen screen = iota
	lessonScreen
	exampleScreen
	quizScreen
)

// App is the root model.
type App struct {
	opt     Options
	st      theme.Styles
	keys    theme.KeyMap
	mdTheme markdown.Theme
	isDark  bool
	help    help.Model

	screen   screen
	menu     menuModel
	lesson   lessonModel
	example  exampleModel
	quiz     quizview.Model
	showHelp bool

	prog   progress.Progress // the app's own copy; the store is written in Cmds
	status string            // the last error to tell the learner
	width  int
	height int
}

// savedMsg reports a progress save.
type savedMsg struct{ err error }

// New builds the player for a course.
func New(opt Options) App {
	if opt.Markdown == nil {
		opt.Markdown = markdown.New()
	}
	if opt.Context == nil {
		opt.Context = context.Background()
	}
	a := App{opt: opt, keys: theme.DefaultKeyMap(), help: help.New(), width: 80, height: 24}
	a.setTheme(true)
	if opt.Store != nil {
		a.prog = opt.Store.Snapshot()
	} else {
		a.prog = progress.New()
	}
	a.prog.Course(opt.CourseKey) // exists from here on, so views never create it
	return a
}

func (a *App) setTheme(isDark bool) {
	a.isDark = isDark
	a.st = theme.New(isDark)
	a.help.Styles = help.DefaultStyles(isDark)
	switch {
	case !a.opt.Color:
		a.mdTheme = markdown.Plain
	case isDark:
		a.mdTheme = markdown.Dark
	default:
		a.mdTheme = markdown.Light
	}
}

func (a App) course() *progress.Course { return a.prog.Courses[a.opt.CourseKey] }

func (a App) Init() tea.Cmd {
	if a.opt.Color {
		return tea.RequestBackgroundColor
	}
	return nil
}

// record changes the app's copy of the progress now and the stored file in
// a Cmd, so a frame never waits for a disk.
func (a *App) record(change func(c *progress.Course)) tea.Cmd {
	change(a.prog.Course(a.opt.CourseKey))
	store, key := a.opt.Store, a.opt.CourseKey
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		return savedMsg{err: store.Update(func(p *progress.Progress) { change(p.Course(key)) })}
	}
}

func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	faultPoint("update")
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.help.SetWidth(msg.Width)
		return a, tea.Batch(a.resize(), a.warm())
	case tea.BackgroundColorMsg:
		a.setTheme(msg.IsDark())
		a.example.render = timeline.NewRenderer(a.timelineOptions())
		return a, tea.Batch(a.resize(), a.warm())
	case savedMsg:
		if msg.err != nil && !errors.Is(msg.err, progress.ErrReadOnly) {
			a.status = "progress not saved: " + msg.err.Error()
		}
		return a, nil
	case renderedMsg:
		if a.screen != lessonScreen && a.screen != exampleScreen {
			return a, nil
		}
		var cmd tea.Cmd
		a.lesson, cmd = a.lesson.update(msg, a.keys, a.st, a.quizTitle())
		return a, tea.Batch(cmd, a.markReadIfSeen())
	case exampleRanMsg:
		return a, a.record(func(c *progress.Course) {
			now := time.Now()
			c.RanExample(msg.example, now)
			if msg.predict {
				c.AddPrediction(progress.Prediction{Example: msg.example, What: "total", Guess: fmt.Sprintf("%g s", msg.guess),
					Actual: fmt.Sprintf("%.2f s", msg.actual.Seconds()), Right: msg.right, At: now})
			}
		})
	case quizview.FinishedMsg:
		attempt := progress.QuizAttempt{Quiz: msg.Quiz, At: time.Now(), Score: msg.Score, Passed: msg.Passed}
		for _, r := range msg.Results {
			attempt.Questions = append(attempt.Questions, progress.QuestionResult{ID: r.QuestionID, Correct: r.Correct, Score: r.Score})
		}
		lessonID := a.lesson.lesson.ID
		return a, a.record(func(c *progress.Course) { c.AddQuizAttempt(lessonID, attempt) })
	case CourseReloadedMsg:
		return a.reloaded(msg)
	case quizview.BackMsg:
		a.screen = lessonScreen
		return a, nil
	case tea.KeyPressMsg:
		return a.keyPress(msg)
	}
	return a.forward(msg)
}

// reloaded swaps in a course reloaded from disk and keeps the learner's
// place: the same lesson (by id) at the same scroll position.
func (a App) reloaded(msg CourseReloadedMsg) (tea.Model, tea.Cmd) {
	if msg.Err != nil {
		a.status = "reload failed: " + msg.Err.Error()
		return a, nil
	}
	a.opt.Problems = msg.Problems
	a.status = ""
	if msg.Course == nil || len(msg.Course.Lessons) == 0 {
		return a, nil // keep playing what we had; the panel says what is wrong
	}
	a.opt.Course = msg.Course
	a.menu.cursor = min(a.menu.cursor, len(msg.Course.Lessons))
	if a.screen != lessonScreen || a.lesson.lesson == nil {
		return a, nil
	}
	for i, l := range msg.Course.Lessons {
		if l.ID == a.lesson.lesson.ID {
			line := a.lesson.vp.YOffset()
			focus := a.lesson.focus
			m, cmd := a.openLesson(i, line)
			a = m.(App)
			a.lesson.focus = focus
			return a, cmd
		}
	}
	a.screen = menuScreen // the lesson is gone
	return a, nil
}

// problemsPanel lists the course's problems for an instructor, most
// important first, in the lines it may use.
func (a App) problemsPanel(lines int) string {
	ps := a.opt.Problems
	if len(ps) == 0 || lines < 2 {
		return ""
	}
	errs := 0
	for _, p := range ps {
		if p.Severity == course.SeverityError {
			errs++
		}
	}
	var b strings.Builder
	b.WriteString(a.st.Warning.Render(fmt.Sprintf("check: %s, %s (saving a file reloads the course)", count(errs, "error"), count(len(ps)-errs, "warning"))))
	for i, p := range ps {
		if i == lines-1 {
			break
		}
		b.WriteString("\n" + ansi.TruncateWc(a.st.Muted.Render("  "+termtext.Line(p.String())), a.width, "…"))
	}
	return b.String()
}

// count says "1 error" or "3 errors".
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// forward hands other messages (frames, exports, cursor blinks) to the
// screen that is showing.
func (a App) forward(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch a.screen {
	case exampleScreen:
		a.example, cmd = a.example.update(msg, a.keys)
	case quizScreen:
		a.quiz, cmd = a.quiz.Update(msg)
	case lessonScreen:
		a.lesson, cmd = a.lesson.update(msg, a.keys, a.st, a.quizTitle())
	}
	return a, cmd
}

// typing reports whether a text field has the keys, so that q, ? and
// letters reach it instead of the app.
func (a App) typing() bool {
	switch a.screen {
	case quizScreen:
		return a.quiz.Typing()
	case exampleScreen:
		return a.example.stage == stagePredict || a.example.stage == stageParams
	}
	return false
}

func (a App) keyPress(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, a.keys.ForceQuit) {
		a.example.stop()
		return a, tea.Quit
	}
	if a.showHelp {
		a.showHelp = false // any key closes the help
		return a, nil
	}
	if !a.typing() && key.Matches(msg, a.keys.Help) {
		a.showHelp = true
		return a, nil
	}
	if a.width < MinWidth || a.height < MinHeight {
		return a, nil
	}
	switch a.screen {
	case menuScreen:
		return a.menuKey(msg)
	case lessonScreen:
		return a.lessonKey(msg)
	case exampleScreen:
		if key.Matches(msg, a.keys.Back) {
			if a.example.stage == stageParams && a.example.runs == nil {
				a.example.stage = stagePredict
				return a, nil
			}
			if a.example.stage == stageParams {
				a.example.stage = stageRunning
				return a, nil
			}
			a.example.stop()
			a.screen = lessonScreen
			return a, nil
		}
	case quizScreen:
		// The quiz handles esc itself (it answers with BackMsg).
	}
	return a.forward(msg)
}

func (a App) menuKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	c := a.opt.Course
	switch {
	case key.Matches(msg, a.keys.Quit):
		return a, tea.Quit // esc does not: a learner backing out in a hurry stays in the course
	case key.Matches(msg, a.keys.Enter):
		if a.menu.cursor == 0 {
			i := resumeIndex(c, a.course())
			line := 0
			if r := a.course().Resume; r.Lesson == c.Lessons[i].ID {
				line = r.Line
			}
			return a.openLesson(i, line)
		}
		return a.openLesson(a.menu.cursor-1, 0)
	}
	a.menu = a.menu.update(msg, a.keys, len(c.Lessons))
	return a, nil
}

func (a App) lessonKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, a.keys.Back):
		a.screen = menuScreen
		return a, a.saveResume()
	case key.Matches(msg, a.keys.Quiz):
		return a.openQuiz()
	case key.Matches(msg, a.keys.Next):
		return a.nextLesson()
	case key.Matches(msg, a.keys.Enter):
		stop, ok := a.lesson.focused()
		if !ok {
			return a, nil
		}
		switch stop.kind {
		case "example":
			return a.openExample(stop.example)
		case "quiz":
			return a.openQuiz()
		case "next":
			return a.nextLesson()
		}
	}
	m, cmd := a.forward(msg)
	a = m.(App)
	return a, tea.Batch(cmd, a.markReadIfSeen())
}

// markReadIfSeen records a lesson as read once its end has been on screen.
func (a *App) markReadIfSeen() tea.Cmd {
	if !a.lesson.atEnd || a.lesson.rendered == nil || lessonProgress(a.course(), a.lesson.lesson.ID).Read() {
		return nil
	}
	id := a.lesson.lesson.ID
	return a.record(func(c *progress.Course) { c.MarkRead(id, time.Now()) })
}

func (a *App) saveResume() tea.Cmd {
	if a.lesson.lesson == nil {
		return nil
	}
	id, line := a.lesson.lesson.ID, a.lesson.vp.YOffset()
	return a.record(func(c *progress.Course) { c.SetResume(id, line) })
}

func (a App) quizTitle() string {
	if a.lesson.lesson == nil || a.lesson.lesson.Quiz == "" {
		return ""
	}
	if q := a.opt.Course.Quiz(a.lesson.lesson.Quiz); q != nil {
		return termtext.Line(q.Title)
	}
	return ""
}

func (a App) openLesson(i, line int) (tea.Model, tea.Cmd) {
	c := a.opt.Course
	if i < 0 || i >= len(c.Lessons) {
		return a, nil
	}
	l := c.Lessons[i]
	a.lesson = newLessonModel(l, i, len(c.Lessons), i+1 < len(c.Lessons))
	a.lesson.theme = a.mdTheme
	a.screen = lessonScreen
	a.menu.cursor = i + 1
	a.lesson.setSize(a.width, a.height)
	cmd := a.loadLesson(line)
	return a, tea.Batch(cmd, a.saveResumeAt(l.ID, line), a.warm())
}

func (a *App) saveResumeAt(id string, line int) tea.Cmd {
	return a.record(func(c *progress.Course) { c.SetResume(id, line) })
}

// loadLesson shows the lesson from the cache when every segment is there
// (the usual case after the first visit), and renders it in a Cmd otherwise.
func (a *App) loadLesson(line int) tea.Cmd {
	l := a.lesson.lesson
	w := contentWidth(a.width)
	segs := make([]string, len(l.Segments))
	for i, s := range l.Segments {
		if s.Example != nil {
			continue
		}
		out, ok := a.opt.Markdown.Cached(s.Markdown, w, a.mdTheme)
		if !ok {
			a.lesson.rendered = nil
			a.lesson.wantLine = line
			a.lesson.compose(a.st, a.quizTitle())
			return renderLesson(a.opt.Markdown, l, w, a.mdTheme)
		}
		segs[i] = out
	}
	a.lesson.rendered = segs
	a.lesson.compose(a.st, a.quizTitle())
	a.lesson.vp.SetYOffset(line)
	return nil
}

func (a App) nextLesson() (tea.Model, tea.Cmd) {
	save := a.saveResume()
	m, cmd := a.openLesson(a.lesson.index+1, 0)
	return m, tea.Batch(save, cmd)
}

func (a App) openExample(ref *course.ExampleRef) (tea.Model, tea.Cmd) {
	x, ok := examples.Lookup(ref.Name)
	if !ok {
		a.status = fmt.Sprintf("this course names an example %q that this asyncio-tutor does not have", ref.Name)
		return a, nil
	}
	predicted := false
	for _, p := range a.course().Predictions {
		predicted = predicted || p.Example == x.Name
	}
	a.example = newExampleModel(a.opt.Context, x, ref.Caption, exampleOptions{
		timeline: a.timelineOptions(), ascii: a.opt.ASCII, reduced: a.opt.NoMotion, skipPredict: predicted,
	})
	a.example.width, a.example.height = a.width, a.height-1
	a.screen = exampleScreen
	if predicted {
		return a, a.example.start()
	}
	return a, nil
}

func (a App) timelineOptions() timeline.Options {
	st := timeline.PlainStyles()
	if a.opt.Color {
		st = timeline.DefaultStyles(a.isDark)
	}
	return timeline.Options{Styles: st, ASCII: a.opt.ASCII}
}

func (a App) openQuiz() (tea.Model, tea.Cmd) {
	l := a.lesson.lesson
	if l == nil || l.Quiz == "" {
		a.status = "this lesson has no quiz"
		return a, nil
	}
	q := a.opt.Course.Quiz(l.Quiz)
	if q == nil {
		return a, nil
	}
	a.quiz = quizview.New(q, a.st, a.keys, a.opt.Markdown, a.mdTheme, time.Now().UnixNano())
	a.quiz.SetSize(a.width, a.height-1)
	a.screen = quizScreen
	return a, a.quiz.Init()
}

// warm renders, in the background, the lesson the learner most likely opens
// next (the one to continue from the menu, the next one from a lesson), so
// that enter shows it at once from the cache. Its result is only the cache.
func (a App) warm() tea.Cmd {
	c := a.opt.Course
	i := resumeIndex(c, a.course())
	if a.screen != menuScreen && a.lesson.lesson != nil {
		i = a.lesson.index + 1
	}
	if i < 0 || i >= len(c.Lessons) || a.width < MinWidth {
		return nil
	}
	render := renderLesson(a.opt.Markdown, c.Lessons[i], contentWidth(a.width), a.mdTheme)
	return func() tea.Msg {
		render()
		return nil
	}
}

// resize lays every screen out for the window and re-renders the lesson
// when its width changed.
func (a *App) resize() tea.Cmd {
	a.example.width, a.example.height = a.width, a.height-1
	if a.screen == quizScreen { // a quiz model exists only once a quiz is opened
		a.quiz.SetSize(a.width, a.height-1)
	}
	if a.lesson.lesson == nil {
		return nil
	}
	a.lesson.setSize(a.width, a.height)
	if a.lesson.theme != a.mdTheme || a.lesson.width != contentWidth(a.width) {
		a.lesson.theme, a.lesson.width = a.mdTheme, contentWidth(a.width)
		return a.loadLesson(a.lesson.vp.YOffset())
	}
	return nil
}

func (a App) View() tea.View {
	faultPoint("view")
	v := tea.NewView(a.frame())
	v.AltScreen = true
	v.WindowTitle = "asyncio-tutor"
	if a.screen != menuScreen && a.lesson.lesson != nil {
		v.WindowTitle = "asyncio-tutor · " + termtext.Line(a.lesson.lesson.Title)
	}
	return v
}

// frame is the whole screen as text: it always fits the window.
func (a App) frame() string {
	if a.width < MinWidth || a.height < MinHeight {
		msg := fmt.Sprintf("asyncio-tutor needs a window of at least %dx%d; this one is %dx%d. Make it larger, or press ctrl+c to quit.", MinWidth, MinHeight, a.width, a.height)
		return wrap(msg, max(a.width, 10))
	}
	var body string
	var short []key.Binding
	switch a.screen {
	case menuScreen:
		panel := a.problemsPanel(min(len(a.opt.Problems)+1, a.height/3))
		h := a.height - 1
		if panel != "" {
			h -= strings.Count(panel, "\n") + 2
		}
		body = a.menu.view(a.st, a.opt.Course, a.course(), a.width, h, a.opt.Notices)
		if panel != "" {
			body = fit(body, a.width, h) + "\n\n" + panel
		}
		short = a.menu.shortHelp(a.keys)
	case lessonScreen:
		body = a.lesson.view(a.st, a.width)
		short = a.lesson.shortHelp(a.keys)
	case exampleScreen:
		body = a.example.view(a.st)
		short = a.example.shortHelp(a.keys)
	case quizScreen:
		body = a.quiz.View()
		short = a.quiz.ShortHelp()
	}
	if a.showHelp {
		body = a.st.Title.Render("Keys") + "\n\n" + a.help.FullHelpView(a.fullHelp()) + "\n\n" + a.st.Muted.Render("press any key to close")
	}
	status := a.help.ShortHelpView(short)
	if len(a.opt.Problems) > 0 && a.screen != menuScreen {
		status = a.st.Warning.Render(fmt.Sprintf("⚠ %s in the course (esc to the menu to see them)", count(len(a.opt.Problems), "problem"))) + "  " + status
	}
	if a.status != "" {
		status = a.st.Error.Render(termtext.Line(a.status))
	}
	return fit(body, a.width, a.height-1) + "\n" + ansi.TruncateWc(status, a.width, "…")
}

func (a App) fullHelp() [][]key.Binding {
	k := a.keys
	switch a.screen {
	case exampleScreen:
		return [][]key.Binding{{relabel(k.Toggle, "space", "pause/resume"), k.Faster, k.Slower}, {k.StepBack, k.StepFwd, k.Restart}, {k.Compare, k.Export, k.Source, k.Params}, {k.Back, k.ForceQuit}}
	case quizScreen:
		return a.quiz.FullHelp()
	case lessonScreen:
		return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDn}, {k.Top, k.Bottom, k.NextFocus, k.PrevFocus}, {k.Enter, k.Quiz, k.Next}, {k.Back, k.Help, k.ForceQuit}}
	}
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.Enter, k.Help}, {k.Quit, k.ForceQuit}}
}

// fit pads or cuts s to exactly height lines, each at most width cells.
func fit(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if ansi.StringWidthWc(l) > width {
			lines[i] = ansi.TruncateWc(l, width, "")
		}
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
