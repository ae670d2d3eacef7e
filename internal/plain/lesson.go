package plain

import (
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// action is what the learner chose at the end of a lesson or a quiz.
type action byte

const (
	toMenu  action = 'm'
	toNext  action = 'n'
	toQuiz  action = 't'
	toRetry action = 'r'
)

// lessonLoop plays lesson i from line from (0 is its top), then whatever
// the learner picks next, until they go back to the menu.
func (s *session) lessonLoop(i, from int) error {
	for {
		act, err := s.lesson(i, from)
		from = 0
		for err == nil && (act == toQuiz || act == toRetry) {
			act, err = s.quiz(i)
		}
		if err != nil {
			return err
		}
		if act != toNext || i+1 >= len(s.opt.Course.Lessons) {
			return nil
		}
		i++
	}
}

// part is a stretch of a lesson: a section of markdown or an example card,
// starting at line of the lesson's Body (the unit both front-ends save a
// place in).
type part struct {
	md      string
	example *course.ExampleRef
	line    int
}

// parts cuts a lesson into sections at its level 1 and 2 headings (outside
// code blocks) and at its example cards, in reading order.
func parts(l *course.Lesson) []part {
	var out []part
	for _, seg := range l.Segments {
		if seg.Example != nil {
			out = append(out, part{example: seg.Example, line: seg.Line})
			continue
		}
		var cur strings.Builder
		from, at := seg.Line, seg.Line
		flush := func() {
			if strings.TrimSpace(cur.String()) != "" {
				out = append(out, part{md: cur.String(), line: from})
			}
			cur.Reset()
			from = at
		}
		fence := ""
		for line := range strings.Lines(seg.Markdown) {
			t := strings.TrimLeft(line, " ")
			switch {
			case fence != "":
				if strings.HasPrefix(t, fence) {
					fence = ""
				}
			case strings.HasPrefix(t, "```"), strings.HasPrefix(t, "~~~"):
				fence = t[:3]
			case strings.HasPrefix(t, "# "), strings.HasPrefix(t, "## "):
				flush()
			}
			cur.WriteString(line)
			at++
		}
		flush()
	}
	return out
}

// lesson prints lesson i section by section from the one holding line
// from, offers its example cards, marks it read at its end and asks what
// next. The line of each section reached is saved as the place to resume,
// so that however the session ends, Continue picks up there.
func (s *session) lesson(i, from int) (action, error) {
	c := s.opt.Course
	l := c.Lessons[i]
	s.println("")
	s.para(fmt.Sprintf("Lesson %d of %d: %s", i+1, len(c.Lessons), termtext.Name(l.Title)))
	if l.Summary != "" {
		s.para(termtext.Message(l.Summary))
	}
	ps := parts(l)
	skipped := 0
	for j, p := range ps {
		start := p.line
		if j == 0 {
			start = 0 // the blank lines above the first section are its top too
		}
		if j+1 < len(ps) && ps[j+1].line <= from {
			skipped++ // read in an earlier session
			continue
		}
		if skipped > 0 {
			s.para(fmt.Sprintf("Picking up where you left off: section %d of %d.", j+1, len(ps)))
			skipped = 0
		}
		s.record(learn.Opened(l.ID, start))
		s.println("")
		if p.example != nil {
			if err := s.exampleCard(p.example); err != nil {
				return 0, err
			}
			continue
		}
		s.markdown(p.md)
		if j+1 < len(ps) && ps[j+1].example == nil {
			a, err := s.choose("Enter to read on, m for the menu: ", "", "m")
			if err != nil {
				return 0, err
			}
			if a == "m" {
				return toMenu, nil
			}
		}
	}
	if !learn.LessonState(c, l, s.course()).Read {
		s.record(learn.Read(l.ID, s.opt.Now()))
	}
	s.println("")
	s.para(fmt.Sprintf("End of lesson %d: %s.", i+1, termtext.Name(l.Title)))
	return s.next(i, true)
}

// next asks where to go after lesson i or its quiz: the quiz, the next
// lesson or the menu. Enter takes the likeliest wish, shown in brackets: the
// quiz until it is passed, then the next lesson, then the menu.
func (s *session) next(i int, afterLesson bool) (action, error) {
	c := s.opt.Course
	l := c.Lessons[i]
	var opts, keys []string
	st := learn.LessonState(c, l, s.course())
	quiz, passed := st.HasQuiz, st.Passed
	def := "m"
	if i+1 < len(c.Lessons) {
		def = "n"
	}
	switch {
	case quiz && afterLesson:
		opts, keys = append(opts, "t take the quiz"), append(keys, "t")
		if !passed {
			def = "t"
		}
	case quiz:
		opts, keys = append(opts, "r retake the quiz"), append(keys, "r")
		if !passed {
			def = "r"
		}
	}
	if i+1 < len(c.Lessons) {
		opts = append(opts, fmt.Sprintf("n next lesson (%d. %s)", i+2, termtext.Name(c.Lessons[i+1].Title)))
		keys = append(keys, "n")
	}
	opts, keys = append(opts, "m menu", "q quit"), append(keys, "m")
	a, err := s.choose(strings.Join(opts, ", ")+" ["+def+"]: ", keys...)
	if err != nil {
		return 0, err
	}
	if a == "" {
		a = def
	}
	return action(a[0]), nil
}

// choose asks until the answer is one of keys ("" is Enter).
func (s *session) choose(prompt string, keys ...string) (string, error) {
	for {
		a, err := s.ask(prompt)
		if err != nil {
			return "", err
		}
		a = strings.ToLower(a)
		for _, k := range keys {
			if a == k || a == "" {
				return a, nil
			}
		}
		var named []string
		for _, k := range keys {
			if k != "" {
				named = append(named, k)
			}
		}
		s.println(fmt.Sprintf("%q is not one of the choices. Type %s, or q to quit.", termtext.Excerpt(a, echoed), orList(append(named, "Enter"))))
	}
}

func orList(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// exampleCard shows an example's title and caption, and runs it as often
// as the learner asks: a prediction before the first run and after every
// change of the parameters, as in the full-screen player. The example's
// summary tells the outcome, so it waits until a run has been seen.
func (s *session) exampleCard(ref *course.ExampleRef) error {
	name := termtext.Name(ref.Name)
	x, ok := examples.Lookup(ref.Name)
	if !ok {
		s.para(fmt.Sprintf("This lesson names an example %q that this asyncio-tutor does not have; skipping it.", name))
		return nil
	}
	spec := cardSpec(ref)
	s.para(fmt.Sprintf("Example %s (%s): %s", x.Name, spec.Model.Title(), x.Title))
	if strings.TrimSpace(ref.Caption) != "" {
		s.markdown(ref.Caption)
	}
	run, err := s.yes(fmt.Sprintf("Run example %s now?", x.Name))
	if err != nil || !run {
		return err
	}
	spec.Params = cardParams(x, ref)
	var p prediction
	for ask := true; ; {
		if ask {
			if p, err = s.predictRun(x, spec); err != nil {
				return err
			}
		}
		if err := s.runExample(x, spec, p); err != nil {
			return err
		}
		p = prediction{} // a prediction scores the one run it was made for
		a, err := s.choose("Enter to read on, r to run it again, p to change the parameters: ", "", "r", "p")
		switch {
		case err != nil:
			return err
		case a == "":
			return nil
		case a == "p":
			if err := s.editParams(x, spec.Params); err != nil {
				return err
			}
		}
		ask = a == "p" // new parameters, a new prediction
	}
}

// cardSpec is what a card runs: its example in its model (goroutines
// when it names none) with its settings.
func cardSpec(ref *course.ExampleRef) examples.Spec {
	model, err := trace.ParseModel(ref.Model)
	if ref.Model == "" || err != nil {
		model = trace.ModelGoroutines // check rejects a bad model= before a course gets here
	}
	return examples.Spec{Name: ref.Name, Model: model, Params: ref.Settings()}
}

// cardParams is every parameter of x, the card's settings over the
// defaults: the values the parameter editor starts from.
func cardParams(x examples.Example, ref *course.ExampleRef) map[string]string {
	params := x.Defaults()
	for k, v := range ref.Settings() {
		if _, known := params[k]; known {
			params[k] = v
		}
	}
	return params
}

// settingsText is "delay3=4s, fail=2@1s": the parameters that differ from
// x's defaults, in x's order, or "".
func settingsText(params map[string]string, x examples.Example) string {
	def := x.Defaults()
	var parts []string
	for _, p := range x.Params {
		if v, ok := params[p.Name]; ok && v != def[p.Name] {
			parts = append(parts, p.Name+"="+v)
		}
	}
	return strings.Join(parts, ", ")
}

// editParams asks for each parameter in turn; Enter keeps its value, and a
// value out of range is refused with the example's words and asked again.
func (s *session) editParams(x examples.Example, params map[string]string) error {
	if len(x.Params) == 0 {
		s.para("Example " + x.Name + " has no parameters.")
		return nil
	}
	s.para("Parameters of " + x.Name + ". Enter keeps a value.")
	for _, p := range x.Params {
		for {
			a, err := s.ask(fmt.Sprintf("%s, %s (%s to %s) [%s]: ", p.Name, p.Help, p.Min, p.Max, params[p.Name]))
			if err != nil {
				return err
			}
			if a == "" {
				break
			}
			if err := p.Check(a); err != nil {
				s.println(sentence(termtext.Message(err.Error())))
				continue
			}
			params[p.Name] = a
			break
		}
	}
	return nil
}

// prediction is what the learner predicted for the next run: the total,
// and the line to print first among the choices offered, each nil or ""
// when not given.
type prediction struct {
	total   *float64
	first   string
	choices []string
}

// predictRun asks for the run's total and, when the example's output
// allows a fair question (learn.FirstLineChoices), which line prints
// first.
func (s *session) predictRun(x examples.Example, spec examples.Spec) (prediction, error) {
	var p prediction
	var err error
	if p.total, err = s.predict(); err != nil {
		return p, err
	}
	sim, simErr := examples.Simulate(s.ctx, examples.Spec{Name: x.Name, Model: trace.ModelLoop, Params: spec.Params})
	if simErr != nil {
		return p, nil
	}
	p.choices = learn.FirstLineChoices(sim, x.OrderedIn(spec.Model))
	if len(p.choices) > 0 {
		p.first, err = s.pickFirst(p.choices)
	}
	return p, err
}

// predict asks for the learner's guess of the run's total; nil when they
// skip it.
func (s *session) predict() (*float64, error) {
	for {
		a, err := s.ask("Predict the total in seconds first (Enter to skip): ")
		if err != nil {
			return nil, err
		}
		g, given, err := learn.ParsePrediction(a)
		switch {
		case err != nil:
			s.println(sentence(err.Error()))
		case !given:
			return nil, nil
		default:
			return &g, nil
		}
	}
}

// pickFirst asks which of the lines prints first; "" when the learner
// skips it.
func (s *session) pickFirst(lines []string) (string, error) {
	s.println("Which of these lines prints first?")
	for i, l := range lines {
		s.println(fmt.Sprintf("  %d. %s", i+1, l))
	}
	prompt := fmt.Sprintf("Your pick, a number from 1 to %d (Enter to skip): ", len(lines))
	for {
		a, err := s.ask(prompt)
		if err != nil || a == "" {
			return "", err
		}
		if k, err := strconv.Atoi(a); err == nil && k >= 1 && k <= len(lines) {
			return lines[k-1], nil
		}
		s.println(fmt.Sprintf("%q is not one of the lines. Type a number from 1 to %d, or just Enter to skip.", termtext.Excerpt(a, echoed), len(lines)))
	}
}

// runExample runs x as spec says, live, and prints each event as it
// happens, then the total and the verdicts on the learner's predictions.
func (s *session) runExample(x examples.Example, spec examples.Spec, p prediction) error {
	clock, err := trace.NewClock(s.opt.Speed)
	if err != nil {
		return err
	}
	spec.Name = x.Name
	run, err := examples.Start(s.ctx, spec, clock)
	if err != nil {
		s.para("The example cannot start: " + termtext.Message(err.Error()))
		return nil
	}
	header := "Running " + x.Name + " (" + spec.Model.Title()
	if set := settingsText(spec.Params, x); set != "" {
		header += "; " + termtext.Message(set)
	}
	s.println(header + "). Time, then what happens:")
	var all []trace.Event // the run's events so far: a resume is told with the wait it ends
	for {
		evs, changed, done := run.Since(len(all))
		for _, e := range evs {
			all = append(all, e)
			s.println(eventLine(all, len(all)-1))
		}
		if done {
			break
		}
		select {
		case <-changed:
		case <-s.ctx.Done():
			run.Stop()
		}
	}
	tr, err := run.Wait()
	if s.ctx.Err() != nil {
		return s.ctx.Err()
	}
	if err != nil {
		var pe *examples.PanicError
		if errors.As(err, &pe) {
			s.para("The example stopped with an error: " + termtext.Message(pe.Error()))
		} else {
			s.para("The example stopped: " + termtext.Message(err.Error()))
		}
		return nil
	}
	s.println(fmt.Sprintf("Finished in %.2f s.", tr.Total.Seconds()))
	var v *learn.Verdict
	if p.total != nil {
		sc := learn.Score(*p.total, tr.Total)
		v = &sc
		if sc.Right {
			s.para(fmt.Sprintf("You predicted %g s; it took %.2f s. Right, well reasoned.", sc.Guess, sc.Actual.Seconds()))
		} else {
			s.para(fmt.Sprintf("You predicted %g s; it took %.2f s. Not quite: look at which tasks wait at the same time.", sc.Guess, sc.Actual.Seconds()))
		}
	}
	change := learn.Ran(learn.Here(s.course()), x.Name, v, s.opt.Now())
	if p.first != "" {
		if lv, ok := learn.ScoreFirstLine(p.first, p.choices, tr); ok {
			if lv.Right {
				s.para(fmt.Sprintf("You picked %q to print first, and it did.", lv.Guess))
			} else {
				s.para(fmt.Sprintf("You picked %q to print first; %q did. Look at which task wakes first.", lv.Guess, lv.Actual))
			}
			change = learn.Both(change, learn.GuessedFirst(learn.Here(s.course()), x.Name, lv, s.opt.Now()))
		}
	}
	if maps.Equal(spec.Params, x.Defaults()) {
		// The summary is about the default run; now it can be told.
		s.para(termtext.Message(x.Summary))
	}
	s.record(change)
	return nil
}

// eventLine is event k of a run as a line of the transcript: its time in
// the example's own seconds, then what happened, the task as the subject,
// in the full-screen player's words ("1 s  say1 wakes from its 1 s sleep").
// evs are the run's events up to k at least.
func eventLine(evs []trace.Event, k int) string {
	if k < 0 || k >= len(evs) {
		return ""
	}
	return learn.Seconds(evs[k].T) + "  " + learn.Narrate(evs, k)
}

// sentence is a message as a sentence: capitalised, with a full stop.
func sentence(msg string) string {
	if msg == "" {
		return ""
	}
	msg = strings.ToUpper(msg[:1]) + msg[1:]
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}
