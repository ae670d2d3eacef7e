package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

func newGradeCmd() *cobra.Command {
	var flags courseFlags
	var quizID, answersFile string
	cmd := &cobra.Command{
		Use:   "grade --quiz ID --answers FILE",
		Short: "Grade a file of answers to one quiz",
		Long: `grade grades a YAML file of question-id: answer lines against a quiz and prints each
result and the score. Answers: single, a choice number (1 is the first choice); multi, a list
of numbers; text, the word, or a list with one word per blank when there are several (a
number question, match: number, takes a number with or without its unit: 1.5, 1.5 s or
1500 ms); order and output, the list of the question's items, each once, in your order. An
answer in the wrong form (no such choice, an entry that is not an item, one string for two
blanks, a word or a unit of another kind where a number is asked) is an input error that
says what was expected, not a wrong answer. A question left out is not
answered and scores 0.

Scoring: a right answer scores 1, a wrong one 0. A multi answer that picks only correct
choices scores the share of them it found (2 of 3 scores 0.67); one wrong pick makes it 0.
The quiz's score is the mean over all its questions, passed when it reaches the quiz's pass
mark. A quiz is graded even when other files of the course have errors; errors in its own
file refuse it (run asyncio-tutor check to see them).

Exit status: 0 when the score reaches the quiz's pass mark, 1 when it does not (or the
grades cannot be written), 2 on a usage or input error.`,
		Example: `  asyncio-tutor grade --quiz event-loop --answers answers.yaml

  # answers.yaml
  asyncio-run: 2                             # single: a choice number
  loop-facts: [1, 2]                         # multi: every choice you pick
  queue-and-channel: [ready queue, channel]  # text: one word per blank`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			q, err := quizToGrade(&flags, quizID)
			if err != nil {
				return err
			}
			src, err := readAnswers(answersFile, cmd.InOrStdin())
			if err != nil {
				return err
			}
			answers, bad := quiz.ParseAnswers(answersFile, src, q)
			if len(bad) > 0 {
				var lines []string
				for _, p := range bad {
					lines = append(lines, p.Shown())
				}
				return inputError("%s", strings.Join(lines, "\n"))
			}
			passed, err := writeGrades(cmd.OutOrStdout(), q, answers)
			if err != nil {
				return ioError("cannot write the grades", err)
			}
			if !passed {
				return failure("grade")
			}
			return nil
		},
	}
	flags.register(cmd, true)
	cmd.Flags().StringVar(&quizID, "quiz", "", "id of the quiz to grade against (see asyncio-tutor list)")
	cmd.Flags().StringVar(&answersFile, "answers", "", "YAML file of question-id: answer lines, or - for standard input")
	_ = cmd.MarkFlagRequired("quiz")
	_ = cmd.MarkFlagRequired("answers")
	return cmd
}

// quizToGrade loads the course and finds the quiz. Only errors in that
// quiz's own file refuse it: a learner's quiz is gradable while an author
// fixes another. A quiz that is not found is looked for in the files that
// failed to load, so a syntax error is reported rather than "no quiz"; an id
// two files share is refused, since which of them is meant is unknown.
func quizToGrade(flags *courseFlags, id string) (*course.Quiz, error) {
	c, problems, err := flags.load()
	if err != nil {
		return nil, err
	}
	files := map[string]bool{}
	var ids []string
	var q *course.Quiz
	for _, x := range c.Quizzes {
		ids = append(ids, x.ID)
		if x.ID == id {
			files[x.File] = true
			if q == nil {
				q = x
			}
		}
	}
	if q == nil {
		nearest := course.Nearest(id, ids)
		if err := flags.usable(problems); err != nil {
			return nil, inputError("%s has no quiz %q, or it is in a file with errors%s\n%v", describeCourse(flags), id, nearest, err)
		}
		return nil, usageError("%s has no quiz %q%s", describeCourse(flags), id, nearest)
	}
	own := slices.DeleteFunc(slices.Clone(problems), func(p course.Problem) bool { return !files[p.File] })
	if err := flags.usable(own); err != nil {
		return nil, err
	}
	return q, nil
}

// readAnswers reads the answers file, or standard input for "-", up to
// course.MaxFileSize. A named file must be a plain file: a pipe or a device
// would block or never end, and is refused without waiting on it.
func readAnswers(name string, stdin io.Reader) ([]byte, error) {
	if name != "-" {
		b, err := course.ReadRegular(name, course.MaxFileSize)
		if err != nil {
			return nil, inputError("cannot open the answers file %s: %v", name, err)
		}
		return b, nil
	}
	b, err := io.ReadAll(io.LimitReader(stdin, course.MaxFileSize+1))
	if err != nil {
		return nil, inputError("cannot read the answers from standard input: %v", err)
	}
	if len(b) > course.MaxFileSize {
		return nil, inputError("the answers on standard input are larger than %d KiB", course.MaxFileSize>>10)
	}
	return b, nil
}

// writeGrades prints each question's result and the score, and reports
// whether the quiz is passed, and whether the grades could be written.
func writeGrades(w io.Writer, q *course.Quiz, answers map[string]quiz.Answer) (bool, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n\n", termtext.Name(q.Title), termtext.Name(q.ID))
	results := map[string]quiz.Result{}
	for i, qu := range q.Questions {
		a, answered := answers[qu.ID]
		r := quiz.Grade(qu, a)
		results[qu.ID] = r
		verdict := "wrong"
		switch {
		case !answered || !r.Answered:
			verdict = "not answered"
		case r.Correct:
			verdict = "right"
		case r.Score > 0:
			verdict = fmt.Sprintf("partly right (%.0f%%)", r.Score*100)
		}
		fmt.Fprintf(&b, "%2d. %-24s %s\n", i+1, termtext.Name(qu.ID), verdict)
		for _, f := range r.Feedback {
			detail(&b, "feedback", f)
		}
		if !r.Correct {
			detail(&b, "right answer", r.Expected)
		}
		if answered && r.Explanation != "" {
			detail(&b, "why", r.Explanation)
		}
	}
	score := quiz.Score(q, results)
	passed := quiz.Passed(q, score)
	verdict := "passed"
	if !passed {
		verdict = "not passed"
	}
	fmt.Fprintf(&b, "\nscore %.0f%% (pass mark %.0f%%): %s\n", score*100, q.Pass*100, verdict)
	_, err := io.WriteString(w, b.String())
	return passed, err
}

// detail writes "label: text" under a result, with a course text's
// paragraphs unwrapped (the terminal wraps them) and a list kept one entry
// per line, indented under the label.
func detail(b *strings.Builder, label, text string) {
	text = strings.TrimSpace(termtext.Text(text))
	if isList(text) {
		fmt.Fprintf(b, "      %s:\n        %s\n", label, strings.ReplaceAll(text, "\n", "\n        "))
		return
	}
	paragraphs := strings.Split(text, "\n\n")
	for i, p := range paragraphs {
		paragraphs[i] = strings.Join(strings.Fields(p), " ")
	}
	fmt.Fprintf(b, "      %s: %s\n", label, strings.Join(paragraphs, "\n\n        "))
}

// isList reports whether every line of text starts like "1. ".
func isList(text string) bool {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, fmt.Sprintf("%d. ", i+1)) && !strings.HasPrefix(l, fmt.Sprintf("blank %d: ", i+1)) {
			return false
		}
	}
	return len(lines) > 1
}
