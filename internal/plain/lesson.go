package plain

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
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
	s.record(func(p *progress.Course) { p.SetResume(l.ID, 0) })
	s.println("")
	s.para(fmt.Sprintf("Lesson %d of %d: %s", i+1, len(c.Lessons), termtext.Line(l.Title)))
	if l.Summary != "" {
		s.para(termtext.Line(l.Summary))
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
	if !s.course().Lessons[l.ID].Read() {
		s.record(func(p *progress.Course) { p.MarkRead(l.ID, now()) })
	}
	s.println("")
	s.para(fmt.Sprintf("End of lesson %d: %s.", i+1, termtext.Line(l.Title)))
	return s.next(i, true)
}

// next asks where to go after lesson i or its quiz: the quiz, the next
// lesson or the menu. Enter takes the likeliest wish, shown in brackets: the
// quiz until it is passed, then the next lesson, then the menu.
func (s *session) next(i int, afterLesson bool) (action, error) {
	c := s.opt.Course
	l := c.Lessons[i]
	var opts, keys []string
	quiz := l.Quiz != "" && c.Quiz(l.Quiz) != nil
	passed := s.course().Lessons[l.ID].Passed()
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
		opts = append(opts, fmt.Sprintf("n next lesson (%d. %s)", i+2, termtext.Line(c.Lessons[i+1].Title)))
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
		s.println(fmt.Sprintf("%q is not one of the choices. Type %s, or q to quit.", a, orList(append(named, "Enter"))))
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
	name := termtext.Line(ref.Name)
	x, ok := examples.Lookup(ref.Name)
	if !ok {
		s.para(fmt.Sprintf("This lesson names an example %q that this asyncio-tutor does not have; skipping it.", name))
		return nil
	}
	s.para(fmt.Sprintf("Example %s: %s", x.Name, x.Title))
	if strings.TrimSpace(ref.Caption) != "" {
		s.markdown(ref.Caption)
	} else {
		s.para(x.Summary)
	}
	run, err := s.yes(fmt.Sprintf("Run example %s now?", x.Name))
	if err != nil || !run {
		return err
	}
	guess, predicted := 0.0, false
	if !s.predicted(x.Name) {
		if guess, predicted, err = s.predict(); err != nil {
			return err
		}
	}
	return s.runExample(x, guess, predicted)
}

// predicted reports whether the learner already predicted this example's
// total: as in the full-screen player, the question is asked once.
func (s *session) predicted(name string) bool {
	for _, p := range s.course().Predictions {
		if p.Example == name {
			return true
		}
	}
	return false
}

func (s *session) predict() (float64, bool, error) {
	for {
		a, err := s.ask("Predict the total in seconds first (Enter to skip): ")
		if err != nil || a == "" {
			return 0, false, err
		}
		text := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(a), "s"))
		g, err := strconv.ParseFloat(text, 64)
		if err == nil && g >= 0 && !math.IsInf(g, 0) && !math.IsNaN(g) {
			return g, true, nil
		}
		s.println("Type a number of seconds, like 1.5, or just Enter to skip.")
	}
}

// runExample runs x live and prints each event as it happens, then the
// total and the verdict on the learner's prediction.
func (s *session) runExample(x examples.Example, guess float64, predicted bool) error {
	clock, err := trace.NewClock(s.opt.Speed)
	if err != nil {
		return err
	}
	run, err := examples.Start(s.ctx, x.Name, nil, clock)
	if err != nil {
		s.para("The example cannot start: " + termtext.Line(err.Error()))
		return nil
	}
	s.println("Running " + x.Name + ". Time, task, what it does:")
	for n := 0; ; {
		evs, changed, done := run.Since(n)
		n += len(evs)
		for _, e := range evs {
			s.println(EventLine(e))
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
			s.para("The example stopped with an error: " + termtext.Line(pe.Error()))
		} else {
			s.para("The example stopped: " + termtext.Line(err.Error()))
		}
		return nil
	}
	got := tr.Total.Seconds()
	s.println(fmt.Sprintf("Finished in %.2f s.", got))
	right := predicted && math.Abs(guess-got) <= 0.15*got+0.05
	if predicted {
		if right {
			s.para(fmt.Sprintf("You predicted %g s; it took %.2f s. Right, well reasoned.", guess, got))
		} else {
			s.para(fmt.Sprintf("You predicted %g s; it took %.2f s. Not quite: look at which tasks wait at the same time.", guess, got))
		}
	}
	s.record(func(c *progress.Course) {
		at := now()
		c.RanExample(x.Name, at)
		if predicted {
			c.AddPrediction(progress.Prediction{Example: x.Name, What: "total", Guess: fmt.Sprintf("%g s", guess),
				Actual: fmt.Sprintf("%.2f s", got), Right: right, At: at})
		}
	})
	return nil
}

// EventLine is one event of a run as a line of the transcript: its time in
// the example's own seconds, the task, and what happened in words.
func EventLine(e trace.Event) string {
	return fmt.Sprintf("%.2f s  %s  %s", e.T.Seconds(), termtext.Line(e.Task), Sentence(e))
}

// Sentence says what an event means, in words a learner reads aloud.
func Sentence(e trace.Event) string {
	text := termtext.Line(e.Text)
	with := func(s string) string {
		if text == "" {
			return s
		}
		return s + ": " + text
	}
	switch e.Kind {
	case trace.KindStart:
		if e.Reason == trace.ReasonLoop {
			return "starts, given the turn by the loop"
		}
		return "starts"
	case trace.KindResume:
		if e.Reason == trace.ReasonLoop {
			return "resumes, given the turn by the loop"
		}
		return "resumes"
	case trace.KindWait:
		switch e.Reason {
		case trace.ReasonSleep:
			return with("waits for a timer")
		case trace.ReasonSync:
			return with("waits for other work to finish")
		case trace.ReasonChan:
			return with("waits on a channel")
		case trace.ReasonQueue:
			return with("waits on the queue")
		case trace.ReasonLock:
			return with("waits for a free slot")
		case trace.ReasonLoop:
			return with("waits for the loop to give it the turn")
		}
		return with("waits")
	case trace.KindPrint:
		return fmt.Sprintf("prints %q", text)
	case trace.KindEnd:
		if text == "" {
			return "finishes"
		}
		return fmt.Sprintf("finishes and returns %q", text)
	case trace.KindCancel:
		return with("is cancelled")
	case trace.KindReady:
		return "joins the loop's ready queue"
	case trace.KindTimer:
		s := fmt.Sprintf("gets a timer due at %.2f s", e.Due.Seconds())
		if text != "" {
			s += " (" + text + ")"
		}
		return s
	case trace.KindFire:
		return "has its timer fire"
	}
	return with(termtext.Line(string(e.Kind)))
}
