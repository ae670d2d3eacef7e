// Package tui is the course player: a Bubble Tea program whose root App
// routes between screens (menu, lesson, example, quiz), each a component of
// its own package sharing one common.Common. The App handles the global
// keys and saves the learner's progress; screens ask for everything else by
// message. Every expensive or IO step (rendering markdown, saving progress,
// writing a trace) runs in a tea.Cmd; Update only moves state.
package tui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/example"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/lesson"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/menu"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/quizview"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// The smallest window the player lays out in.
const (
	MinWidth  = 60
	MinHeight = 16
)

// statusFor is how long a status message stays on the status line.
const statusFor = 6 * time.Second

// Options are what cmd/asyncio-tutor hands the player.
type Options struct {
	Course    *course.Course
	CourseKey string          // progress.CourseKey of the course's folder
	Store     *progress.Store // nil: progress could not be opened; the player still plays
	Notices   []string        // told on the menu: read-only progress, a quarantined file…
	Terminal  common.Terminal // colour, ASCII, motion: worked out once by the command
	Markdown  *markdown.Renderer
	Context   context.Context  // cancelled when the program ends: stops example runs
	Problems  []course.Problem // shown in a panel (instructors' --watch): the course's check problems
	Now       func() time.Time // the time progress records; nil: time.Now
	Lang      say.Lang         // the interface's language: the course's, where the catalog has it
}

// CourseReloadedMsg hands the player a course reloaded from its folder
// (--watch). The learner keeps their place; the problems replace the panel.
type CourseReloadedMsg struct {
	Course   *course.Course
	Problems []course.Problem
	Err      error
	Gen      int // which reload this is; the proofs that follow it carry the same
}

// CourseProvedMsg hands the player what the whole check, answer-key proofs
// included, found in the course of reload Gen. It replaces the panel's
// problems, unless a newer reload came meanwhile: then it is stale.
type CourseProvedMsg struct {
	Gen      int
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
	opt  Options
	c    *common.Common
	help help.Model

	screen     screen
	menu       menu.Model
	lesson     lesson.Model
	hasLesson  bool
	example    example.Model
	quiz       quizview.Model
	quizLesson string // the lesson whose quiz is open
	// quizBehind says the example on screen was opened from the quiz:
	// leaving it goes back to that quiz, the same model, every answer kept.
	quizBehind bool
	showHelp   bool
	// broken is the error that keeps the open lesson from parsing since
	// the last reload, nil when it parses: the screen keeps the lesson's
	// last good content under it.
	broken     *course.Problem
	lessonFile string // the open lesson's file, as problems name it
	reloadGen  int    // the latest reload's Gen
	proving    bool   // its answer-key proofs are still running

	prog      progress.Progress // the app's own copy; the store is written in Cmds
	status    string            // the last error to tell the learner
	statusGen int
	warmGen   int
	width     int
	height    int

	// last is where the learner is after the latest Update, shared by
	// every copy of the App, so that Flush can save it however the program
	// ended: a signal and a recovered panic return no model to ask.
	last *exitPlace
}

type savedMsg struct{ err error }

type statusExpiredMsg struct{ gen int }

// New builds the player for a course.
func New(opt Options) App {
	if opt.Markdown == nil {
		opt.Markdown = markdown.New()
	}
	if opt.Context == nil {
		opt.Context = context.Background()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	a := App{opt: opt, help: help.New(), width: 80, height: 24, last: &exitPlace{}}
	if opt.Store != nil {
		a.prog = opt.Store.Snapshot()
	} else {
		a.prog = progress.New()
	}
	a.c = &common.Common{
		Terminal: opt.Terminal, Context: opt.Context, Now: opt.Now, Lang: opt.Lang, Keys: theme.NewKeyMap(opt.Lang), Markdown: opt.Markdown,
		Course: opt.Course, Progress: a.prog.Course(opt.CourseKey), Problems: opt.Problems, Notices: opt.Notices,
	}
	a.setDark(true)
	a.menu = menu.New(a.c)
	a.layout()
	return a
}

func (a *App) setDark(isDark bool) {
	a.c.SetDark(isDark)
	a.help.Styles = help.DefaultStyles(isDark)
	if a.c.ASCII {
		a.help.ShortSeparator = " | "
		a.help.Ellipsis = "..."
	}
}

func (a App) Init() tea.Cmd {
	if a.c.Color {
		return tea.RequestBackgroundColor
	}
	return nil
}

// record applies a learner's change to the app's copy of the progress now
// and to the stored file in a Cmd, so a frame never waits for a disk.
func (a *App) record(change learn.Change) tea.Cmd {
	change(a.c.Progress)
	store, key := a.opt.Store, a.opt.CourseKey
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		return savedMsg{err: store.Update(func(p *progress.Progress) { change(p.Course(key)) })}
	}
}

// say puts a message on the status line for a while.
func (a *App) say(text string) tea.Cmd {
	a.status = text
	a.statusGen++
	gen := a.statusGen
	return tea.Tick(statusFor, func(time.Time) tea.Msg { return statusExpiredMsg{gen} })
}

// exitPlace is what leaving the program must save: the lesson and line
// the learner is at, and the quiz attempt under way. A panic in an Update
// leaves the place the Update before it saw.
type exitPlace struct {
	lesson      string
	line        int
	draftLesson string
	draft       *progress.QuizDraft
}

// Update handles a message, then notes where the learner now is.
func (a App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	a, cmd := a.update(msg)
	if a.last != nil {
		*a.last = a.place()
	}
	return a, cmd
}

// place is where the learner is: the open lesson's line (the one the
// example or quiz on screen was opened from) and the quiz attempt under
// way with its answers so far.
func (a *App) place() exitPlace {
	var p exitPlace
	if a.hasLesson && a.lesson.Index() >= 0 {
		p.lesson, p.line = a.c.Course.Lessons[a.lesson.Index()].ID, a.lesson.Line()
	}
	if a.quizOpen() && a.quiz.InProgress() {
		d := a.quiz.Draft()
		d.At = a.c.Now()
		p.draftLesson, p.draft = a.quizLesson, &d
	}
	return p
}

// quizOpen reports whether a quiz attempt is on screen or waits behind
// the example one of its questions opened.
func (a *App) quizOpen() bool {
	return a.screen == quizScreen || a.screen == exampleScreen && a.quizBehind
}

// change is the change leaving the program makes: the place saved.
func (p exitPlace) change() learn.Change {
	return func(c *progress.Course) {
		if p.lesson != "" {
			learn.Opened(p.lesson, p.line)(c)
		}
		if p.draft != nil {
			learn.DraftSaved(p.draftLesson, *p.draft)(c)
		}
	}
}

// Flush saves, in the calling goroutine, where the learner was when the
// program ended: the lesson and line, and the quiz answers so far. Call it
// once the program has stopped, however it stopped (quit, a signal, a
// panic Bubble Tea recovered from), on the App handed to the program: every
// copy shares what it saves. Nothing to save is not an error, nor is a
// read-only store.
func (a App) Flush() error {
	if a.opt.Store == nil || a.last == nil {
		return nil
	}
	p := *a.last
	if p.lesson == "" && p.draft == nil {
		return nil
	}
	key := a.opt.CourseKey
	err := a.opt.Store.Update(func(pr *progress.Progress) { p.change()(pr.Course(key)) })
	if errors.Is(err, progress.ErrReadOnly) {
		return nil
	}
	return err
}

func (a App) update(msg tea.Msg) (App, tea.Cmd) {
	common.FaultPoint("update")
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		after := tea.Batch(a.layout(), a.warmLater())
		return a, after
	case tea.BackgroundColorMsg:
		a.setDark(msg.IsDark())
		if a.screen == exampleScreen {
			a.example.SetLook()
		}
		after := tea.Batch(a.layout(), a.warmLater())
		return a, after
	case savedMsg:
		if msg.err != nil && !errors.Is(msg.err, progress.ErrReadOnly) {
			after := a.say("progress not saved: " + msg.err.Error())
			return a, after
		}
		return a, nil
	case warmMsg:
		if msg.gen == a.warmGen {
			return a, a.warm()
		}
		return a, nil
	case statusExpiredMsg:
		if msg.gen == a.statusGen {
			a.status = ""
		}
		return a, nil
	case common.RecordMsg:
		return a, a.record(msg.Change)
	case common.ErrorMsg:
		after := a.say(msg.Err.Error())
		return a, after
	case common.QuitMsg:
		return a, a.quit()
	case common.OpenLessonMsg:
		return a.openLesson(msg.Index, msg.Line)
	case common.OpenExampleMsg:
		return a.openExample(msg.Ref)
	case quizview.OpenExampleMsg:
		return a.openExampleFromQuiz(msg.Ref)
	case common.OpenQuizMsg:
		return a.openQuiz(msg)
	case common.BackMsg, quizview.BackMsg:
		return a.back()
	case quizview.FinishedMsg:
		return a, a.record(learn.AttemptedWith(a.quizLesson, msg.Quiz, msg.Score, msg.Passed, msg.Results, msg.Help, a.c.Now()))
	case quizview.AnsweredMsg:
		d := msg.Draft
		d.At = a.c.Now()
		return a, a.record(learn.DraftSaved(a.quizLesson, d))
	case lesson.RenderedMsg, lesson.SettledMsg:
		if !a.hasLesson {
			return a, nil
		}
		var cmd tea.Cmd
		a.lesson, cmd = a.lesson.Update(msg)
		return a, cmd
	case CourseReloadedMsg:
		return a.reloaded(msg)
	case CourseProvedMsg:
		return a.proved(msg)
	case tea.KeyPressMsg:
		return a.keyPress(msg)
	}
	return a.forward(msg)
}

// forward hands a message to the screen that is showing.
func (a App) forward(msg tea.Msg) (App, tea.Cmd) {
	var cmd tea.Cmd
	switch a.screen {
	case menuScreen:
		a.menu, cmd = a.menu.Update(msg)
	case lessonScreen:
		a.lesson, cmd = a.lesson.Update(msg)
	case exampleScreen:
		a.example, cmd = a.example.Update(msg)
	case quizScreen:
		a.quiz, cmd = a.quiz.Update(msg)
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
		return a.example.Typing()
	case lessonScreen:
		return a.lesson.Typing()
	}
	return false
}

func (a App) keyPress(msg tea.KeyPressMsg) (App, tea.Cmd) {
	k := a.c.Keys
	if key.Matches(msg, k.ForceQuit) {
		return a, a.quit()
	}
	if a.showHelp {
		a.showHelp = false // any key closes the help
		return a, nil
	}
	if !a.typing() && key.Matches(msg, k.Help) {
		a.showHelp = true
		return a, nil
	}
	if !a.typing() && key.Matches(msg, k.Quit) {
		return a, a.quit()
	}
	if a.width < MinWidth || a.height < MinHeight {
		return a, nil
	}
	return a.forward(msg)
}

// quit ends the session, stopping any run on screen first, once the
// learner's place (the lesson's line, the quiz answers so far) is saved.
func (a App) quit() tea.Cmd {
	save := a.record(a.place().change())
	if a.screen == exampleScreen {
		return tea.Sequence(save, a.example.Leave(), tea.Quit)
	}
	return tea.Sequence(save, tea.Quit)
}

// back leaves the screen for the one it was opened from.
func (a App) back() (App, tea.Cmd) {
	switch {
	case a.screen == lessonScreen:
		a.menu.Select(a.lesson.Index())
		a.screen = menuScreen
		a.c.Lesson = ""
		after := a.warmLater()
		return a, after
	case a.screen == exampleScreen && a.quizBehind:
		a.quizBehind = false
		a.screen = quizScreen
		a.quiz.SetSize(a.c.Width, a.c.Height) // the window may have changed meanwhile
		var cmd tea.Cmd
		a.quiz, cmd = a.quiz.Refresh()
		return a, cmd
	case a.screen != menuScreen && a.hasLesson:
		a.screen = lessonScreen
	default:
		a.screen = menuScreen
	}
	return a, nil
}

func (a App) openLesson(i, line int) (App, tea.Cmd) {
	if i < 0 || i >= len(a.c.Course.Lessons) {
		return a, nil
	}
	var cmd tea.Cmd
	a.lesson, cmd = lesson.New(a.c, i, line)
	a.hasLesson, a.screen = true, lessonScreen
	a.menu.Select(i)
	a.broken, a.lessonFile = nil, a.c.Course.Lessons[i].File
	id := a.c.Course.Lessons[i].ID
	a.c.Lesson = id
	after := tea.Batch(cmd, a.record(learn.Opened(id, line)), a.warmLater())
	return a, after
}

func (a App) openExample(ref *course.ExampleRef) (App, tea.Cmd) {
	x, ok := examples.Lookup(ref.Name)
	if !ok {
		after := a.say(fmt.Sprintf("this course names an example %q that this asyncio-tutor does not have", ref.Name))
		return a, after
	}
	var cmd tea.Cmd
	a.example, cmd = example.Open(a.c, x, ref)
	a.screen, a.quizBehind = exampleScreen, false
	return a, cmd
}

// openExampleFromQuiz opens the example a quiz question names, keeping
// the quiz as it is to come back to.
func (a App) openExampleFromQuiz(ref *course.ExampleRef) (App, tea.Cmd) {
	if a.screen != quizScreen {
		return a, nil // the quiz was left before the message came
	}
	a, cmd := a.openExample(ref)
	a.quizBehind = a.screen == exampleScreen
	return a, cmd
}

func (a App) openQuiz(msg common.OpenQuizMsg) (App, tea.Cmd) {
	q := a.c.Course.Quiz(msg.Quiz)
	if q == nil {
		after := a.say("this lesson's quiz is missing from the course")
		return a, after
	}
	a.quiz = quizview.New(q, a.c.Styles, a.c.Keys, a.c.Markdown, a.c.MDTheme, time.Now().UnixNano(), a.c.Problems...)
	a.quiz.SetSize(a.c.Width, a.c.Height)
	if a.opt.Store == nil || a.opt.Store.ReadOnly() {
		a.quiz = a.quiz.Unsaved()
	}
	a.quizLesson, a.screen, a.quizBehind = msg.Lesson, quizScreen, false
	var resumed tea.Cmd
	if lp := a.c.Progress.Lessons[msg.Lesson]; lp != nil {
		if d, ok := learn.ResumeDraft(q, lp.QuizDraft); ok {
			var before []progress.QuestionResult
			if n := len(lp.QuizAttempts); n > 0 {
				before = lp.QuizAttempts[n-1].Questions
			}
			a.quiz, resumed = a.quiz.Resume(d, before)
		}
	}
	return a, tea.Batch(a.quiz.Init(), resumed)
}

// reloaded swaps in a course reloaded from disk and keeps the learner's
// place: the same lesson (by id) at the same scroll position. A lesson that
// no longer parses stays on screen as it last was, under its error, for
// the author to fix it there.
func (a App) reloaded(msg CourseReloadedMsg) (App, tea.Cmd) {
	a.reloadGen = msg.Gen
	a.proving = msg.Err == nil && msg.Gen > 0 // the watcher numbers its reloads from 1
	if msg.Err != nil {
		after := a.say("reload failed: " + msg.Err.Error())
		return a, after
	}
	a.c.Problems = msg.Problems
	if msg.Course == nil || len(msg.Course.Lessons) == 0 {
		// Keep playing what we had; the panel says what is wrong.
		if a.hasLesson && a.screen == lessonScreen {
			a.broken = fileError(msg.Problems, a.lessonFile)
		}
		return a, nil
	}
	a.c.Course = msg.Course
	a.menu.Select(-1)
	if !a.hasLesson {
		return a, nil
	}
	l, cmd, ok := a.lesson.Reload()
	if ok {
		a.lesson, a.broken = l, nil
		a.lessonFile = a.c.Course.Lessons[l.Index()].File
		a.menu.Select(l.Index())
		return a, cmd
	}
	if p := fileError(msg.Problems, a.lessonFile); p != nil && a.screen == lessonScreen {
		a.lesson, a.broken = l, p // l no longer claims a place in the new course
		return a, nil
	}
	a.hasLesson, a.broken = false, nil
	if a.screen == lessonScreen {
		a.screen = menuScreen // the lesson is gone
	}
	return a, nil
}

// proved puts the whole check's problems, proofs included, in the panel,
// unless they are about a course older than the one on screen.
func (a App) proved(msg CourseProvedMsg) (App, tea.Cmd) {
	if msg.Gen != a.reloadGen {
		return a, nil
	}
	a.proving = false
	if msg.Err != nil {
		after := a.say(msg.Err.Error())
		return a, after
	}
	a.c.Problems = msg.Problems
	return a, nil
}

// fileError is the first error in file, nil when it has none.
func fileError(ps []course.Problem, file string) *course.Problem {
	for _, p := range ps {
		if p.File == file && p.Severity == course.SeverityError {
			return &p
		}
	}
	return nil
}

// warm renders, in the background, the lesson the learner most likely opens
// next (the one to continue from the menu, the next one from a lesson), so
// that enter shows it at once from the cache. Its result is only the cache.
func (a App) warm() tea.Cmd {
	c := a.c.Course
	i, _ := learn.Resume(c, a.c.Progress)
	if a.screen != menuScreen && a.hasLesson {
		i = a.lesson.Index() + 1
	}
	if i < 0 || i >= len(c.Lessons) || a.width < MinWidth {
		return nil
	}
	// Warm calls off the warm before it, and opening any lesson calls it off.
	return lesson.Warm(a.c.Markdown, c.Lessons[i], lesson.ContentWidth(a.width), a.c.MDTheme)
}

// warmLater asks for warm a moment from now, once the frame the key
// waits for is drawn (a render competes with it for the machine), and
// only if nothing asked again meanwhile (a window being dragged asks at
// every column).
func (a *App) warmLater() tea.Cmd {
	a.warmGen++
	gen := a.warmGen
	return tea.Tick(warmAfter, func(time.Time) tea.Msg { return warmMsg{gen} })
}

// warmAfter is how long a warming render waits.
const warmAfter = 150 * time.Millisecond

type warmMsg struct{ gen int }

// layout sizes every screen for the window; a lesson whose width or theme
// changed re-renders.
func (a *App) layout() tea.Cmd {
	a.c.Width, a.c.Height = a.width, a.height-1
	a.menu.SetSize(a.c.Width, a.c.Height)
	if a.screen == exampleScreen {
		a.example.SetSize(a.c.Width, a.c.Height)
	}
	if a.screen == quizScreen {
		a.quiz.SetSize(a.c.Width, a.c.Height)
	}
	if a.hasLesson {
		return a.lesson.SetSize(a.c.Width, a.c.Height)
	}
	return nil
}

func (a App) View() tea.View {
	common.FaultPoint("view")
	v := tea.NewView(a.frame())
	v.AltScreen = true
	// The wheel scrolls the lesson and the menu. As in glow, selecting text
	// with the mouse then takes shift (option on macOS) in most terminals.
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "asyncio-tutor"
	if a.screen != menuScreen && a.hasLesson {
		v.WindowTitle = "asyncio-tutor · " + a.lesson.Title() // Title is already a Name
	}
	return v
}

// frame is the whole screen as text: it always fits the window.
func (a App) frame() string {
	if a.width < MinWidth || a.height < MinHeight {
		msg := fmt.Sprintf("asyncio-tutor needs a window of at least %dx%d; this one is %dx%d. Make it larger, or press ctrl+c to quit.", MinWidth, MinHeight, a.width, a.height)
		return common.Wrap(msg, max(a.width, 10))
	}
	st := a.c.Styles
	var body string
	var short []key.Binding
	var full [][]key.Binding
	switch a.screen {
	case menuScreen:
		body, short, full = a.menu.View(), a.menu.ShortHelp(), a.menu.FullHelp()
		if len(a.c.Course.Lessons) == 0 {
			body = a.waitingView()
		}
	case lessonScreen:
		body, short, full = a.lesson.View(), a.lesson.ShortHelp(), a.lesson.FullHelp()
		if a.broken != nil {
			body = a.brokenBanner() + "\n" + body
		}
	case exampleScreen:
		body, short, full = a.example.View(), a.example.ShortHelp(), a.example.FullHelp()
	case quizScreen:
		body, short, full = a.quiz.View(), a.quiz.ShortHelp(), a.quiz.FullHelp()
	}
	if a.showHelp {
		body = st.Title.Render(a.c.Lang.Say("Keys")) + "\n\n" + a.help.FullHelpView(full) + "\n\n" + st.Muted.Render(a.c.Lang.Say("press any key to close"))
	}
	status := a.statusHelp(short, a.width)
	if a.proving {
		status = st.Muted.Render("proving answer keys…") + "  " + status
	}
	if len(a.c.Problems) > 0 && a.screen != menuScreen {
		status = st.Warning.Render(fmt.Sprintf("⚠ %s in the course (esc to the menu to see them)", common.Count(len(a.c.Problems), "problem"))) + "  " + status
	}
	if a.status != "" {
		status = st.Error.Render(termtext.Message(a.status))
	}
	return common.Fit(body, a.width, a.height-1) + "\n" + ansi.TruncateWc(status, a.width, "…")
}

// brokenBanner says why the lesson on screen is its last good content.
// It takes at most three lines, so that the lesson keeps most of the screen.
func (a App) brokenBanner() string {
	st := a.c.Styles
	text := termtext.Message(fmt.Sprintf("✗ %s: %s", a.broken.Where(), a.broken.Message))
	lines := strings.Split(common.Wrap(text, a.width), "\n")
	if len(lines) > 2 {
		lines = append(lines[:1], ansi.TruncateWc(lines[1], a.width-1, "")+"…")
	}
	for i, l := range lines {
		lines[i] = st.Error.Render(strings.TrimRight(l, " "))
	}
	return strings.Join(append(lines, st.Muted.Render("showing the last version that parsed; save a fix to see it")), "\n")
}

// waitingView is the screen of a --watch course with no lesson yet: what
// to create, and the problems so far. It changes to the menu when the
// first lesson parses.
func (a App) waitingView() string {
	st := a.c.Styles
	lines := []string{
		st.Title.Render("Waiting for lessons/01-first.md …"),
		"",
		"This course has no lesson yet. Create lessons/01-first.md in the course folder, starting with:",
		"",
		"  ---",
		"  id: first",
		"  title: A first lesson",
		"  ---",
		"",
		"It shows here as soon as it is saved.",
	}
	if len(a.c.Problems) > 0 {
		lines = append(lines, "", st.Warning.Render(common.Count(len(a.c.Problems), "problem")+" in the course:"))
		for _, p := range a.c.Problems {
			lines = append(lines, "  "+termtext.Message(p.Where()+": "+p.Message))
		}
	}
	return common.Wrap(strings.Join(lines, "\n"), a.width)
}

// statusHelp is the screen's short help cut to width: the keys at the end
// go first, but esc and ? stay, so a learner can always back out and find
// every key.
func (a App) statusHelp(short []key.Binding, width int) string {
	k := a.c.Keys
	var keep, rest []key.Binding
	for _, b := range short {
		if key.Matches(tea.KeyPressMsg{Code: tea.KeyEscape}, b) || slices.Contains(b.Keys(), "?") {
			keep = append(keep, b)
		} else {
			rest = append(rest, b)
		}
	}
	// While a field is typing, ? is a letter of it, not the key list.
	if !a.typing() && !slices.ContainsFunc(keep, func(b key.Binding) bool { return slices.Contains(b.Keys(), "?") }) {
		keep = append(keep, k.Help)
	}
	for {
		s := a.help.ShortHelpView(append(slices.Clone(rest), keep...))
		// Counted cell by cell, as the terminal does: a Thai ำ is one
		// more cell than its grapheme cluster counts.
		if ansi.StringWidthWc(s) <= width || len(rest) == 0 {
			return s
		}
		rest = rest[:len(rest)-1]
	}
}
