package plain

import (
	"errors"
	"fmt"
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

// lessonLoop plays lesson i, then whatever the learner picks next, until
// they go back to the menu.
func (s *session) lessonLoop(i int) error {
	for {
		act, err := s.lesson(i)
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

// part is a stretch of a lesson: a section of markdown or an example card.
type part struct {
	md      string
	example *course.ExampleRef
}

// parts cuts a lesson into sections at its level 1 and 2 headings (outside
// code blocks) and at its example cards, in reading order.
func parts(l *course.Lesson) []part {
	var out []part
	for _, seg := range l.Segments {
		if seg.Example != nil {
			out = append(out, part{example: seg.Example})
			continue
		}
		var cur strings.Builder
		flush := func() {
			if strings.TrimSpace(cur.String()) != "" {
				out = append(out, part{md: cur.String()})
			}
			cur.Reset()
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
		}
		flush()
	}
	return out
}

// lesson prints lesson i section by section, offers its example cards,
// marks it read at its end and asks what next.
func (s *session) lesson(i int) (action, error) {
	c := s.opt.Course
	l := c.Lessons[i]
	s.record(learn.Opened(l.ID, 0))
	s.println("")
	s.para(fmt.Sprintf("Lesson %d of %d: %s", i+1, len(c.Lessons), termtext.Name(l.Title)))
	if l.Summary != "" {
		s.para(termtext.Message(l.Summary))
	}
	ps := parts(l)
	for j, p := range ps {
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
	if !learn.LessonStatus(c, l, s.course()).Read {
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
	st := learn.LessonStatus(c, l, s.course())
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

// exampleCard shows an example's title and caption and runs it if asked.
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
	} else {
		s.para(x.Summary)
	}
	run, err := s.yes(fmt.Sprintf("Run example %s now?", x.Name))
	if err != nil || !run {
		return err
	}
	var guess *float64
	if !learn.Predicted(s.course(), x.Name) {
		if guess, err = s.predict(); err != nil {
			return err
		}
	}
	return s.runExample(x, spec, guess)
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

// settingsText is "delay3=4s, fail=none" in the order written, or "".
func settingsText(ref map[string]string, x examples.Example) string {
	var parts []string
	for _, p := range x.Params {
		if v, ok := ref[p.Name]; ok {
			parts = append(parts, p.Name+"="+v)
		}
	}
	return strings.Join(parts, ", ")
}

// predict asks for the learner's guess of the run's total, once per
// example as in the full-screen player; nil when they skip it.
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

// runExample runs x as spec says, live, and prints each event as it
// happens, then the total and the verdict on the learner's prediction.
func (s *session) runExample(x examples.Example, spec examples.Spec, guess *float64) error {
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
	if guess != nil {
		sc := learn.Score(*guess, tr.Total)
		v = &sc
		if sc.Right {
			s.para(fmt.Sprintf("You predicted %g s; it took %.2f s. Right, well reasoned.", sc.Guess, sc.Actual.Seconds()))
		} else {
			s.para(fmt.Sprintf("You predicted %g s; it took %.2f s. Not quite: look at which tasks wait at the same time.", sc.Guess, sc.Actual.Seconds()))
		}
	}
	s.record(learn.Ran(x.Name, v, s.opt.Now()))
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
