// Package quizview is the quiz screen of the course player: one question at
// a time, feedback after each answer, and a results screen that offers to
// retake only the missed questions.
//
// The model is a concrete sub-model: Update returns Model, not tea.Model.
// Grading runs in a tea.Cmd, like markdown rendering: a course's regex
// answers are untrusted, and although the course's limits keep matching
// quick, the screen must not freeze should they not. The Cmd grades within
// a time budget, and its result comes back as a message. Until a text's
// rendering arrives, the screen shows it as cleaned plain text.
package quizview

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// FinishedMsg is sent once per attempt, when the learner reaches its
// results screen, so the app can save it.
//
// Score, Passed and Results describe the whole quiz as it stands after this
// attempt: every question's latest result in this session, in quiz order.
// For a retake (Retake true) the questions not retaken keep the result of
// the attempt before, so passing means every question has now been passed
// on, not just the few that were retaken.
type FinishedMsg struct {
	Quiz    string
	Score   float64
	Passed  bool
	Results []quiz.Result
	Retake  bool
	Help    map[string]learn.Help // by question id: the hints asked for and the tries taken, this attempt
}

// AnsweredMsg is sent after each answer that counts (the last try), so that
// the app saves the attempt so far: leaving the quiz, or the program, loses
// none of it. Draft.At is left for the app to set.
type AnsweredMsg struct{ Draft progress.QuizDraft }

// reviewedMsg says the review of attempt seq has been on screen long
// enough for the retake to be offered.
type reviewedMsg struct{ seq int64 }

// reviewDelay is how long the results screen shows before it offers to
// retake the missed questions (scrolling to the end of the review offers it
// at once): what was missed is read before it is tried again.
const reviewDelay = 3 * time.Second

// BackMsg says the learner pressed esc (or enter on the results screen):
// the app goes back to the lesson or the menu.
type BackMsg struct{}

// OpenExampleMsg asks the app for the example the question on screen
// names, run as the question runs it. The quiz stays as it is meanwhile:
// the app comes back to this same model, every answer and the answer in
// progress kept, when the example screen is left.
type OpenExampleMsg struct{ Ref *course.ExampleRef }

type phase int

const (
	asking   phase = iota // the question waits for an answer
	answered              // the verdict, feedback and explanation show
	finished              // the results of the attempt show
)

// slot names a markdown text of the screen that is rendered in a Cmd.
type slot int

const (
	promptSlot slot = iota
	explSlot
	slots
)

// renderedMsg carries one rendering back from its Cmd. A stale one (another
// text or width than the screen now wants) is dropped.
type renderedMsg struct {
	slot  slot
	src   string
	width int
	out   string
}

// gradedMsg carries a grade back from its Cmd. One for another answer than
// the screen waits for (seq) is dropped: the learner may have left the quiz
// and opened it again meanwhile.
type gradedMsg struct {
	seq    int64
	result quiz.Result
	err    error
}

// gradeBudget is how long grading may take before the answer is reported
// as not gradable. Under the course's limits the slowest question grades in
// well under a tenth of that.
const gradeBudget = 2 * time.Second

// submissions numbers every submission of the process, so that a grade
// arriving at a newer quiz screen than the one that asked for it is never
// taken for that screen's own.
var submissions atomic.Int64

// rendered is a markdown text and its rendering at width.
type rendered struct {
	src   string
	width int
	out   string
}

// Model is the quiz screen.
type Model struct {
	unsaved bool // progress is not saved this session: leaving loses the answers
	quiz    *course.Quiz
	st      theme.Styles
	keys    theme.KeyMap
	bind    bindings
	g       glyphs
	md      *markdown.Renderer
	mdTheme markdown.Theme
	seed    int64

	width, height int

	// The attempt: which quiz questions it asks, and how each went.
	attempt int
	retake  bool
	asked   []int         // indexes into quiz.Questions
	results []quiz.Result // one per asked question answered so far
	given   []quiz.Answer // the answer behind each result
	how     []learn.Help  // the hint and tries behind each result
	latest  []quiz.Result // whole quiz, latest result per question (Answered false: none yet)
	sent    bool          // FinishedMsg of this attempt sent
	idx     int           // the current question, into asked
	phase   phase

	confirming  bool          // "leave the quiz?" is asked
	reviewSeq   int64         // the results screen's number, for its reviewedMsg
	reviewed    bool          // the results have been read: the retake is offered
	reviewDelay time.Duration // reviewDelay; tests shorten it

	// The current question's answer in progress.
	cursor    int
	picked    []bool
	inputs    []textinput.Model
	focus     int
	items     []string
	result    quiz.Result
	notice    string // a warning about the answer: the learner must act
	unread    string // why the answer last sent is not a number, in a number question
	note      string // news that needs nothing done, until the next key
	hintShown bool   // the learner asked for the question's hint
	tries     int    // wrong answers given to it so far, when it allows more than one
	submitted quiz.Answer

	grading  bool  // the answer was submitted and its grade is awaited
	gradeSeq int64 // the awaited submission's number

	offset int // first body line shown

	broken map[int]string // the questions not playable, by index, and why

	shown   [slots]rendered // what arrived
	pending [slots]rendered // what was asked for (src and width)
}

// New returns the quiz screen for q. seed makes the shuffles of order and
// output questions repeatable. problems are what check found in the course
// (an instructor's --watch): a question with an error among them, or of a
// type this player does not know, is shown broken and skipped.
func New(q *course.Quiz, st theme.Styles, keys theme.KeyMap, md *markdown.Renderer, mdTheme markdown.Theme, seed int64, problems ...course.Problem) Model {
	if q == nil {
		q = &course.Quiz{}
	}
	m := Model{
		quiz: q, st: st, keys: keys, bind: newBindings(keys), g: newGlyphs(st), md: md, mdTheme: mdTheme, seed: seed,
		width: 80, height: 24, reviewDelay: reviewDelay,
		latest: make([]quiz.Result, len(q.Questions)),
		broken: unplayable(q, problems),
	}
	asked := make([]int, len(q.Questions))
	for i := range asked {
		asked[i] = i
	}
	m, _ = m.begin(asked, false)
	return m
}

// Init asks for the first prompt's rendering.
func (m Model) Init() tea.Cmd {
	return m.renderCmds(nil)
}

// SetSize sets the size the view must fit. The new width's renderings are
// asked for on the next Update (any message, the app's WindowSizeMsg
// included); until they arrive the texts show plain.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = max(width, 1), max(height, 1)
	for i := range m.inputs {
		m.inputs[i].SetWidth(m.inputWidth())
	}
	m.offset = m.clampOffset(m.offset)
}

// Typing reports whether a text blank has focus: every printable key is then
// the learner's answer, not a command.
func (m Model) Typing() bool {
	return m.phase == asking && m.question() != nil && m.question().Type == course.Text && m.brokenNow() == ""
}

// question is the current question, nil on the results screen of an empty quiz.
func (m Model) question() *course.Question {
	if m.idx >= len(m.asked) {
		return nil
	}
	return m.quiz.Questions[m.asked[m.idx]]
}

// begin starts an attempt at the asked questions.
func (m Model) begin(asked []int, retake bool) (Model, tea.Cmd) {
	m.attempt++
	m.asked, m.retake = asked, retake
	m.results = make([]quiz.Result, 0, len(asked))
	m.given, m.how = make([]quiz.Answer, 0, len(asked)), make([]learn.Help, 0, len(asked))
	m.sent, m.reviewed = false, false
	m.idx = 0
	if len(asked) == 0 {
		m.phase = finished
		m.offset = 0
		return m, nil
	}
	return m.start()
}

// start shows the current question, unanswered.
func (m Model) start() (Model, tea.Cmd) {
	q := m.question()
	m.phase = asking
	m.cursor, m.focus, m.offset = 0, 0, 0
	m.picked, m.inputs, m.items = nil, nil, nil
	m.result, m.notice, m.unread = quiz.Result{}, "", ""
	m.hintShown, m.tries = false, 0
	m.grading = false
	if m.brokenNow() != "" {
		return m, nil // nothing to answer: enter skips it
	}
	var cmd tea.Cmd
	switch q.Type {
	case course.Single, course.Multi:
		m.picked = make([]bool, len(q.Choices))
	case course.Text:
		m.inputs = make([]textinput.Model, quiz.Blanks(q.Prompt))
		for i := range m.inputs {
			m.inputs[i] = m.newInput()
		}
		cmd = m.inputs[0].Focus()
	case course.Order, course.Output:
		m.items = quiz.Shuffle(quiz.Key(q).Items, m.seed, m.attempt, q.ID)
	}
	return m, cmd
}

func (m Model) newInput() textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.CharLimit = quiz.MaxAnswerLen // a backstop: longer pastes and typing are refused with a notice first
	s := textinput.DefaultStyles(m.st.IsDark)
	s.Cursor.Blink = false // no ticking while the learner thinks
	ti.SetStyles(s)
	ti.SetWidth(m.inputWidth())
	return ti
}

// Update handles keys, pasted text and the renderings coming back.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmds []tea.Cmd
	switch msg := msg.(type) {
	case renderedMsg:
		if msg.slot >= 0 && msg.slot < slots && msg.src == m.want(msg.slot) && msg.width == m.width {
			m.shown[msg.slot] = rendered{src: msg.src, width: msg.width, out: tidyRendered(msg.out)}
			m.offset = m.clampOffset(m.offset)
		}
	case gradedMsg:
		if m.grading && msg.seq == m.gradeSeq {
			var cmd tea.Cmd
			m, cmd = m.graded(msg)
			cmds = append(cmds, cmd)
		}
	case reviewedMsg:
		if msg.seq == m.reviewSeq && m.phase == finished {
			m.reviewed, m.notice = true, ""
		}
	case tea.KeyPressMsg:
		var cmd tea.Cmd
		m, cmd = m.key(msg)
		cmds = append(cmds, cmd)
	case tea.PasteMsg:
		if m.Typing() && !m.grading && m.focus < len(m.inputs) {
			var cmd tea.Cmd
			m, cmd = m.paste(msg)
			cmds = append(cmds, cmd)
		}
	default:
		// Cursor messages belong to the focused blank.
		if m.Typing() && m.focus < len(m.inputs) {
			var cmd tea.Cmd
			m.inputs = slices.Clone(m.inputs)
			m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
			cmds = append(cmds, cmd)
		}
	}
	return m, m.renderCmds(cmds)
}

// want is the markdown the screen shows in s now, "" for none.
func (m Model) want(s slot) string {
	q := m.question()
	if q == nil || m.phase == finished {
		return ""
	}
	if m.brokenNow() != "" {
		return ""
	}
	switch s {
	case promptSlot:
		return q.Prompt
	case explSlot:
		if m.phase == answered {
			return q.Explanation
		}
	}
	return ""
}

// renderCmds adds a rendering Cmd for every text whose rendering at the
// current width has neither arrived nor been asked for.
func (m *Model) renderCmds(cmds []tea.Cmd) tea.Cmd {
	for s := range slots {
		src := m.want(s)
		if src == "" || m.md == nil {
			continue
		}
		have, asked := m.shown[s], m.pending[s]
		if have.src == src && have.width == m.width || asked.src == src && asked.width == m.width {
			continue
		}
		m.pending[s] = rendered{src: src, width: m.width}
		r, w, th := m.md, m.width, m.mdTheme
		cmds = append(cmds, func() tea.Msg {
			return renderedMsg{slot: s, src: src, width: w, out: r.Render(src, w, th)}
		})
	}
	return tea.Batch(cmds...)
}

func back() tea.Msg { return BackMsg{} }

func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	m.note = ""
	if m.confirming {
		m.confirming = false
		if key.Matches(msg, m.keys.Leave) {
			return m, back
		}
		return m, nil // any other key stays, and does nothing else
	}
	if key.Matches(msg, m.keys.Back) {
		if m.phase != finished && (m.answeredCount() > 0 || m.answerStarted()) {
			m.confirming = true
			return m, nil
		}
		return m, back
	}
	if key.Matches(msg, m.keys.Example) {
		if ref := m.exampleRef(); ref != nil {
			return m, func() tea.Msg { return OpenExampleMsg{Ref: ref} }
		}
	}
	switch m.phase {
	case asking:
		return m.keyAsking(msg)
	case answered:
		if key.Matches(msg, m.keys.Enter) {
			return m.next()
		}
		m.scroll(msg, true)
	case finished:
		switch {
		case key.Matches(msg, m.keys.Enter):
			return m, back
		case key.Matches(msg, m.keys.Retake) && len(m.missed()) > 0:
			if !m.reviewed {
				m.notice = "look over what you missed first: r works in a moment"
				return m, nil
			}
			return m.begin(m.missed(), true)
		}
		m.notice = ""
		if m.scroll(msg, true) && m.atBottom() {
			m.reviewed = true
		}
	}
	return m, nil
}

// exampleRef is the card the example of the question on screen opens
// with, nil when there is no example to open now: the question names
// none, its answer is being graded (the grade must come back to this
// screen), a blank has the keys, or the results show.
func (m Model) exampleRef() *course.ExampleRef {
	if !m.canOpenExample() {
		return nil
	}
	q := m.question()
	caption := fmt.Sprintf("From quiz question %d of %d: esc goes back, answers kept.", m.idx+1, len(m.asked))
	return &course.ExampleRef{Name: q.Example, Caption: caption, Model: string(q.Model), Params: slices.Clone(q.Params)}
}

func (m Model) canOpenExample() bool {
	q := m.question()
	return q != nil && q.Example != "" && m.phase != finished && !m.grading && !m.Typing() && m.brokenNow() == ""
}

// Refresh is the screen shown again after another one: the renderings
// asked for meanwhile went to that screen, so they are asked again.
func (m Model) Refresh() (Model, tea.Cmd) {
	m.pending = [slots]rendered{}
	return m, m.renderCmds(nil)
}

// answeredCount is how many questions of the attempt have an answer that
// counts (a broken question skipped has none).
func (m Model) answeredCount() int {
	n := 0
	for i := range m.results {
		if !m.isBroken(m.asked[i]) {
			n++
		}
	}
	return n
}

// answerStarted reports whether the question on screen has an answer
// begun and not yet given: a choice picked, a blank typed in.
func (m Model) answerStarted() bool {
	if m.phase != asking {
		return false
	}
	return slices.Contains(m.picked, true) || slices.ContainsFunc(m.inputs, func(in textinput.Model) bool { return in.Value() != "" })
}

// atBottom reports whether the end of the body is on screen.
func (m Model) atBottom() bool {
	lines, _, _ := m.body()
	return m.offset+m.bodyHeight() >= len(lines)
}

// scroll moves the body for the scrolling keys; withArrows lets up and down
// scroll too (when they select nothing).
func (m *Model) scroll(msg tea.KeyPressMsg, withArrows bool) bool {
	page := max(1, m.bodyHeight()-1)
	switch {
	case withArrows && key.Matches(msg, m.keys.Up):
		m.offset--
	case withArrows && key.Matches(msg, m.keys.Down):
		m.offset++
	case key.Matches(msg, m.keys.PageUp):
		m.offset -= page
	case key.Matches(msg, m.keys.PageDn):
		m.offset += page
	case withArrows && key.Matches(msg, m.keys.Top):
		m.offset = 0
	case withArrows && key.Matches(msg, m.keys.Bottom):
		m.offset = 1 << 30
	default:
		return false
	}
	m.offset = m.clampOffset(m.offset)
	return true
}

func (m Model) keyAsking(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	if m.grading {
		return m, nil // the answer shown is the one being graded
	}
	q := m.question()
	m.notice = ""
	if m.brokenNow() != "" {
		if key.Matches(msg, m.keys.Enter) {
			return m.skip()
		}
		m.scroll(msg, true)
		return m, nil
	}
	switch q.Type {
	case course.Single, course.Multi:
		n := len(q.Choices)
		switch {
		case key.Matches(msg, m.keys.Up), key.Matches(msg, m.keys.Down):
			if key.Matches(msg, m.keys.Up) {
				m.cursor = max(0, m.cursor-1)
			} else {
				m.cursor = min(max(0, n-1), m.cursor+1)
			}
			if q.Type == course.Single && slices.Contains(m.picked, true) {
				// One choice, like a radio button: the mark goes with the
				// cursor, so that enter never answers another row than the
				// one marked.
				m.pick(q, m.cursor)
			}
		case key.Matches(msg, m.keys.Number):
			i, err := strconv.Atoi(msg.String())
			if err != nil || i < 1 || i > n {
				return m, nil
			}
			m.cursor = i - 1
			m.pick(q, i-1)
		case key.Matches(msg, m.keys.Toggle):
			if n > 0 {
				m.pick(q, m.cursor)
			}
		case key.Matches(msg, m.keys.Enter):
			if q.Type == course.Single && n > 0 {
				m.pick(q, m.cursor) // the choice under the cursor is the answer
			}
			if !slices.Contains(m.picked, true) {
				m.notice = "pick at least one with space or 1-9"
				return m, nil
			}
			return m.submit()
		case key.Matches(msg, m.keys.Hint):
			return m.showHint(), nil
		default:
			m.scroll(msg, false)
			return m, nil
		}
		m.follow()
	case course.Text:
		switch {
		case key.Matches(msg, m.keys.NextFocus), msg.String() == "down":
			return m.focusBlank(m.focus + 1)
		case key.Matches(msg, m.keys.PrevFocus), msg.String() == "up":
			return m.focusBlank(m.focus - 1)
		case key.Matches(msg, m.keys.Enter):
			for i, in := range m.inputs {
				if strings.TrimSpace(in.Value()) == "" {
					if len(m.inputs) == 1 {
						m.notice = "type an answer"
					} else {
						m.notice = "fill in blank " + strconv.Itoa(i+1)
					}
					return m.focusBlank(i)
				}
			}
			return m.submit()
		case msg.String() == "pgup" || msg.String() == "pgdown":
			m.scroll(msg, false)
			return m, nil
		case msg.String() == "ctrl+t": // h is a letter of the answer here
			return m.showHint(), nil
		case msg.Text != "" && m.overLimit(msg.Text):
			m.notice = fmt.Sprintf("answers are at most %d characters", quiz.MaxAnswerLen)
			return m, nil
		}
		var cmd tea.Cmd
		m.inputs = slices.Clone(m.inputs)
		m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
		return m, cmd
	case course.Order, course.Output:
		n := len(m.items)
		switch {
		case key.Matches(msg, m.keys.MoveUp):
			m.swap(m.cursor, m.cursor-1)
		case key.Matches(msg, m.keys.MoveDown):
			m.swap(m.cursor, m.cursor+1)
		case key.Matches(msg, m.keys.Up):
			m.cursor = max(0, m.cursor-1)
		case key.Matches(msg, m.keys.Down):
			m.cursor = min(max(0, n-1), m.cursor+1)
		case key.Matches(msg, m.keys.Enter):
			return m.submit()
		case key.Matches(msg, m.keys.Hint):
			return m.showHint(), nil
		default:
			m.scroll(msg, false)
			return m, nil
		}
		m.follow()
	}
	return m, nil
}

// showHint shows the question's hint, and notes that it was asked for.
func (m Model) showHint() Model {
	if q := m.question(); q != nil && strings.TrimSpace(q.Hint) != "" {
		m.hintShown = true
		m.follow()
	}
	return m
}

// pick picks choice i of a single question, or toggles it in a multi one.
func (m *Model) pick(q *course.Question, i int) {
	m.picked = slices.Clone(m.picked)
	if q.Type == course.Multi {
		m.picked[i] = !m.picked[i]
		return
	}
	for j := range m.picked {
		m.picked[j] = j == i
	}
}

// swap moves the selected item from i to j, and the selection with it.
func (m *Model) swap(i, j int) {
	if i < 0 || j < 0 || i >= len(m.items) || j >= len(m.items) {
		return
	}
	m.items = slices.Clone(m.items)
	m.items[i], m.items[j] = m.items[j], m.items[i]
	m.cursor = j
}

func (m Model) focusBlank(i int) (Model, tea.Cmd) {
	if len(m.inputs) == 0 {
		return m, nil
	}
	i = (i + len(m.inputs)) % len(m.inputs)
	m.inputs = slices.Clone(m.inputs)
	m.inputs[m.focus].Blur()
	m.focus = i
	cmd := m.inputs[i].Focus()
	m.follow()
	return m, cmd
}

// follow scrolls so the focused line (choice, item or blank) shows.
func (m *Model) follow() {
	lines, top, bottom := m.body()
	h := m.bodyHeight()
	if top >= 0 {
		if bottom-top >= h || top < m.offset {
			m.offset = top
		} else if bottom > m.offset+h {
			m.offset = bottom - h
		}
	}
	m.offset = clamp(m.offset, len(lines), h)
}

// answer is what the learner gave for the current question.
func (m Model) answer() quiz.Answer {
	var a quiz.Answer
	for i, p := range m.picked {
		if p {
			a.Choice = i + 1
			a.Choices = append(a.Choices, i+1)
		}
	}
	for _, in := range m.inputs {
		a.Texts = append(a.Texts, in.Value())
	}
	a.Items = m.items
	return a
}

// overLimit reports whether adding text to the focused blank would take it
// over quiz.MaxAnswerLen.
func (m Model) overLimit(text string) bool {
	return utf8.RuneCountInString(m.inputs[m.focus].Value())+utf8.RuneCountInString(text) > quiz.MaxAnswerLen
}

// paste adds pasted text to the focused blank, or refuses it whole when the
// blank would grow over the limit: cutting it short would grade an answer
// the learner did not give.
func (m Model) paste(msg tea.PasteMsg) (Model, tea.Cmd) {
	if m.overLimit(msg.Content) {
		m.notice = fmt.Sprintf("not pasted: that would make the answer %d characters, and answers are at most %d",
			utf8.RuneCountInString(m.inputs[m.focus].Value())+utf8.RuneCountInString(msg.Content), quiz.MaxAnswerLen)
		return m, nil
	}
	m.notice = ""
	var cmd tea.Cmd
	m.inputs = slices.Clone(m.inputs)
	m.inputs[m.focus], cmd = m.inputs[m.focus].Update(msg)
	return m, cmd
}

// submit hands the answer to a grading Cmd, unless it must not be graded.
func (m Model) submit() (Model, tea.Cmd) {
	a := m.answer()
	var long *quiz.AnswerTooLongError
	if errors.As(quiz.CheckAnswer(a), &long) {
		m.notice = fmt.Sprintf("blank %d is %d characters long; answers are at most %d", long.Blank, long.Len, quiz.MaxAnswerLen)
		return m.focusBlank(long.Blank - 1)
	}
	if blank, why := m.notANumber(a); why != "" {
		m.unread = why
		m.notice = "not graded, no try used: type a number"
		return m.focusBlank(blank)
	}
	m.unread = ""
	m.grading = true
	m.gradeSeq = submissions.Add(1)
	m.notice = ""
	m.submitted = a
	return m, gradeCmd(m.gradeSeq, m.question(), a)
}

// notANumber finds, in a number question, the first blank whose answer
// is not a number in the question's unit ("soon", "1.5 kg" for seconds),
// and says why: that is the wrong form of answer, not a wrong answer.
// why is "" when every blank reads as a number, or the question takes no
// numbers.
func (m Model) notANumber(a quiz.Answer) (blank int, why string) {
	q := m.question()
	if q == nil || q.Type != course.Text || q.Match != course.MatchNumber {
		return 0, ""
	}
	for i, typed := range a.Texts {
		var bad *quiz.NumberError
		if _, err := quiz.ReadNumber(typed, q.Unit); errors.As(err, &bad) {
			why = termtext.Message(bad.Error())
			if len(a.Texts) > 1 {
				why = fmt.Sprintf("blank %d: %s", i+1, why)
			}
			return i, why
		}
	}
	return 0, ""
}

func gradeCmd(seq int64, q *course.Question, a quiz.Answer) tea.Cmd {
	return func() tea.Msg {
		r, err := quiz.GradeWithin(q, a, gradeBudget)
		return gradedMsg{seq: seq, result: r, err: err}
	}
}

// graded shows the verdict, or, when the answer could not be graded, says
// so and leaves the question open: not gradable is not wrong.
func (m Model) graded(msg gradedMsg) (Model, tea.Cmd) {
	m.grading = false
	if msg.err != nil {
		m.notice = msg.err.Error() + "; it is not counted wrong: enter tries again"
		return m, nil
	}
	if left := triesOf(m.question()) - m.tries - 1; !msg.result.Correct && left > 0 {
		m.tries++
		m.notice = fmt.Sprintf("not quite, try again (%d %s left)", left, map[bool]string{true: "try", false: "tries"}[left == 1])
		d := m.Draft() // the try is spent: leaving and coming back must not give it again
		return m, func() tea.Msg { return AnsweredMsg{Draft: d} }
	}
	m.result = msg.result
	m.results = append(slices.Clip(m.results), m.result)
	m.given = append(slices.Clip(m.given), m.submitted)
	m.how = append(slices.Clip(m.how), learn.Help{HintUsed: m.hintShown, Tries: m.tries + 1})
	m.phase = answered
	m.notice = ""
	for i := range m.inputs {
		m.inputs[i].Blur()
	}
	m.offset = m.clampOffset(m.offset)
	d := m.Draft()
	return m, func() tea.Msg { return AnsweredMsg{Draft: d} }
}

// triesOf is how many answers a question takes before its right answer
// shows: at least one.
func triesOf(q *course.Question) int {
	if q == nil {
		return 1
	}
	return max(q.Tries, 1)
}

// next goes to the next question, or to the results screen after the last.
func (m Model) next() (Model, tea.Cmd) {
	m.idx++
	if m.idx < len(m.asked) {
		return m.start()
	}
	m.phase = finished
	m.offset = 0
	m.reviewSeq = reviews.Add(1)
	review := m.reviewLater()
	m.latest = slices.Clone(m.latest)
	played := 0
	for i, r := range m.results {
		if !m.isBroken(m.asked[i]) {
			m.latest[m.asked[i]] = r
			played++
		}
	}
	if m.sent || played == 0 {
		return m, review // nothing answered: nothing to save
	}
	m.sent = true
	fin := FinishedMsg{
		Quiz:    m.quiz.ID,
		Score:   m.score(),
		Results: m.playedResults(),
		Retake:  m.retake,
		Help:    map[string]learn.Help{},
	}
	for i, h := range m.how {
		if !m.isBroken(m.asked[i]) && (h.HintUsed || h.Tries > 1) {
			fin.Help[m.results[i].QuestionID] = h
		}
	}
	fin.Passed = quiz.Passed(m.quiz, fin.Score)
	return m, tea.Batch(review, func() tea.Msg { return fin })
}

// reviews numbers every results screen of the process, so that a
// reviewedMsg is only ever taken by the screen that asked for it.
var reviews atomic.Int64

// reviewLater offers the retake once the results have shown for a while;
// with nothing to retake there is nothing to wait for.
func (m *Model) reviewLater() tea.Cmd {
	if len(m.missed()) == 0 {
		return nil
	}
	if m.reviewDelay <= 0 {
		m.reviewed = true
		return nil
	}
	seq := m.reviewSeq
	return tea.Tick(m.reviewDelay, func(time.Time) tea.Msg { return reviewedMsg{seq} })
}

// playedResults is the latest result of every playable question, in quiz
// order: a broken question has none to save.
func (m Model) playedResults() []quiz.Result {
	out := make([]quiz.Result, 0, len(m.latest))
	for i, r := range m.latest {
		if !m.isBroken(i) {
			out = append(out, r)
		}
	}
	return out
}

// score is the whole quiz's score from the latest results.
func (m Model) score() float64 {
	byID := make(map[string]quiz.Result, len(m.latest))
	for _, r := range m.latest {
		if r.QuestionID != "" {
			byID[r.QuestionID] = r
		}
	}
	return quiz.Score(m.playable(), byID)
}

// missed lists the questions of this attempt not answered fully right.
func (m Model) missed() []int {
	var out []int
	for i, r := range m.results {
		if !r.Correct && !m.isBroken(m.asked[i]) {
			out = append(out, m.asked[i])
		}
	}
	return out
}
