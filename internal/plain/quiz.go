package plain

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

// quiz asks the quiz of lesson i one question at a time, grades each answer
// at once, and saves the attempt.
func (s *session) quiz(i int) (action, error) {
	l := s.opt.Course.Lessons[i]
	q := s.opt.Course.Quiz(l.Quiz)
	if q == nil {
		return toMenu, nil
	}
	attempt := 1 // the shuffles differ from attempt to attempt
	if lp := s.course().Lessons[l.ID]; lp != nil {
		attempt += len(lp.QuizAttempts)
	}
	s.println("")
	s.para(fmt.Sprintf("Quiz: %s. %s; you pass with %d%%.", termtext.Name(q.Title), learn.Plural(len(q.Questions), "question", "questions"), learn.Percent(q.Pass)))
	results := map[string]quiz.Result{}
	var order []quiz.Result
	for n, qu := range q.Questions {
		s.println("")
		s.println(fmt.Sprintf("Question %d of %d, %s", n+1, len(q.Questions), howTo(qu)))
		a, err := s.answer(qu, attempt)
		if err != nil {
			return 0, err
		}
		r := quiz.Grade(qu, a)
		results[qu.ID] = r
		order = append(order, r)
		s.verdict(qu, r)
	}

	score := quiz.Score(q, results)
	passed := quiz.Passed(q, score)
	right := 0
	for _, r := range order {
		if r.Correct {
			right++
		}
	}
	s.println("")
	verdict := "Not passed yet"
	if passed {
		verdict = "Passed"
	}
	s.para(fmt.Sprintf("Score: %d%%, %d of %d right. %s (you pass with %d%%).", learn.Percent(score), right, len(q.Questions), verdict, learn.Percent(q.Pass)))
	if right < len(q.Questions) {
		s.println("Missed:")
		for n, qu := range q.Questions {
			if r := results[qu.ID]; !r.Correct {
				how := "wrong"
				if r.Score > 0 {
					how = "partly right"
				}
				s.wrapIndent(fmt.Sprintf("  %d. ", n+1), oneLine(qu.Prompt)+" ("+how+")")
			}
		}
	}
	s.record(learn.Attempted(l.ID, q.ID, score, passed, order, s.opt.Now()))
	return s.next(i, false)
}

// howTo is a question's kind in words, which says how to answer it.
func howTo(q *course.Question) string {
	switch q.Type {
	case course.Single:
		return "pick one:"
	case course.Multi:
		return "pick every right choice:"
	case course.Text:
		if n := quiz.Blanks(q.Prompt); n > 1 {
			return fmt.Sprintf("fill in %d blanks:", n)
		}
		return "type the answer:"
	case course.Order:
		return "put in order:"
	case course.Output:
		return fmt.Sprintf("put the lines in the order example %s prints them:", termtext.Name(q.Example))
	}
	return string(q.Type) + ":"
}

// oneLine is a prompt shortened to one line, for the list of missed questions.
func oneLine(md string) string {
	s := strings.Join(strings.Fields(termtext.Message(md)), " ")
	if r := []rune(s); len(r) > 100 {
		s = string(r[:99]) + "…"
	}
	return s
}

// answer prints a question and reads the learner's answer, asking again
// after an entry it cannot use.
func (s *session) answer(q *course.Question, attempt int) (quiz.Answer, error) {
	prompt := q.Prompt
	if q.Type == course.Text {
		prompt = nameBlanks(prompt)
	}
	s.markdown(prompt)
	switch q.Type {
	case course.Single, course.Multi:
		for n, c := range q.Choices {
			s.wrapIndent(fmt.Sprintf("  %d. ", n+1), termtext.Message(c.Text))
		}
		if q.Type == course.Single {
			n, err := s.numbers(fmt.Sprintf("Your answer, a number from 1 to %d: ", len(q.Choices)), len(q.Choices), 1, 1)
			if err != nil {
				return quiz.Answer{}, err
			}
			return quiz.Answer{Choice: n[0]}, nil
		}
		n, err := s.numbers(fmt.Sprintf("Your answers, numbers from 1 to %d separated by spaces: ", len(q.Choices)), len(q.Choices), 1, len(q.Choices))
		return quiz.Answer{Choices: n}, err
	case course.Text:
		blanks := quiz.Blanks(q.Prompt)
		texts := make([]string, blanks)
		for b := range texts {
			prompt := "Answer: "
			if blanks > 1 {
				prompt = fmt.Sprintf("Blank %d: ", b+1)
			}
			for {
				a, err := s.ask(prompt)
				if err != nil {
					return quiz.Answer{}, err
				}
				if a == "" {
					s.println("Type a word or two, or q to quit.")
					continue
				}
				if err := quiz.CheckAnswer(quiz.Answer{Texts: []string{a}}); err != nil {
					// An answer that long is never graded; asking again keeps
					// the question instead of marking it wrong.
					s.println(fmt.Sprintf("That is %d characters; an answer is at most %d. Type a shorter one, or q to quit.", utf8.RuneCountInString(a), quiz.MaxAnswerLen))
					continue
				}
				if q.Match == course.MatchNumber {
					// Not a number at all is not a wrong answer: it is not graded.
					if _, err := quiz.ReadNumber(a, q.Unit); err != nil {
						s.println(termtext.Message(err.Error()) + ". Type a number, or q to quit.")
						continue
					}
				}
				texts[b] = a
				break
			}
		}
		return quiz.Answer{Texts: texts}, nil
	case course.Order, course.Output:
		items := quiz.Shuffle(quiz.Key(q).Items, s.opt.Seed, attempt, q.ID)
		for n, it := range items {
			s.wrapIndent(fmt.Sprintf("  %d. ", n+1), termtext.Message(it))
		}
		if len(items) == 0 {
			return quiz.Answer{}, nil
		}
		n, err := s.numbers(fmt.Sprintf("The numbers in the right order, all %d separated by spaces: ", len(items)), len(items), len(items), len(items))
		if err != nil {
			return quiz.Answer{}, err
		}
		s.shown = items
		var a quiz.Answer
		for _, k := range n {
			a.Items = append(a.Items, items[k-1])
		}
		return a, nil
	}
	s.para("This question cannot be answered here; it counts as unanswered.")
	return quiz.Answer{}, nil
}

// numbers asks for between least and most numbers from 1 to count,
// separated by spaces or commas. An ordering (least == most == count) must
// use each number once; a choice of several may not repeat one either.
func (s *session) numbers(prompt string, count, least, most int) ([]int, error) {
	for {
		a, err := s.ask(prompt)
		if err != nil {
			return nil, err
		}
		ns, problem := parseNumbers(a, count, least, most)
		if problem == "" {
			return ns, nil
		}
		s.para(problem + " Try again, or q to quit.")
	}
}

// parseNumbers reads a typed list of numbers, or says what is wrong with it.
func parseNumbers(a string, count, least, most int) ([]int, string) {
	fields := strings.FieldsFunc(a, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == ';' })
	if len(fields) == 0 {
		return nil, "Type a number from 1 to " + strconv.Itoa(count) + "."
	}
	var ns []int
	for _, f := range fields {
		n, err := strconv.Atoi(strings.TrimSuffix(f, "."))
		if err != nil {
			return nil, fmt.Sprintf("%q is not a number.", termtext.Excerpt(f, echoed))
		}
		if n < 1 || n > count {
			return nil, fmt.Sprintf("There is no %d: the numbers go from 1 to %d.", n, count)
		}
		if slices.Contains(ns, n) {
			return nil, fmt.Sprintf("%d is there twice; give each number once.", n)
		}
		ns = append(ns, n)
	}
	switch {
	case least == most && least > 1 && len(ns) != least:
		return nil, fmt.Sprintf("Give all %d numbers, each once; you gave %d.", least, len(ns))
	case most == 1 && len(ns) > 1:
		return nil, "Pick only one number."
	}
	return ns, ""
}

// verdict says how an answer went: right or not, the feedback of the
// picked choices, the explanation, and the right answer after a wrong one.
func (s *session) verdict(q *course.Question, r quiz.Result) {
	switch {
	case r.Correct:
		s.println("Right.")
	case r.Score > 0:
		s.println(fmt.Sprintf("Partly right: %d%% of the marks.", learn.Percent(r.Score)))
	default:
		s.println("Wrong.")
	}
	if len(r.Blanks) > 1 && !r.Correct {
		var words []string
		for b, ok := range r.Blanks {
			w := "wrong"
			if ok {
				w = "right"
			}
			words = append(words, fmt.Sprintf("blank %d %s", b+1, w))
		}
		s.para(strings.Join(words, ", ") + ".")
	}
	for _, f := range r.Feedback {
		s.wrapIndent("  ", termtext.Text(f))
	}
	if strings.TrimSpace(r.Explanation) != "" {
		s.markdown(r.Explanation)
	}
	if !r.Correct && r.Expected != "" {
		s.println("The right answer:")
		for line := range strings.Lines(r.Expected) {
			s.wrapIndent("  ", termtext.Message(strings.TrimRight(line, "\n")))
		}
		if q.Type == course.Order || q.Type == course.Output {
			s.println("In the numbers shown: " + positions(s.shown, quiz.Key(q).Items) + ".")
		}
	}
}

// positions says the right order as the numbers of the items as shown.
func positions(shown, key []string) string {
	used := make([]bool, len(shown))
	var ns []string
	for _, k := range key {
		for i, it := range shown {
			if !used[i] && it == k {
				used[i] = true
				ns = append(ns, strconv.Itoa(i+1))
				break
			}
		}
	}
	return strings.Join(ns, " ")
}
