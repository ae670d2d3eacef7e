// Package check validates a loaded course beyond its syntax: answer keys that
// cannot be right, examples that do not exist, quiz smells, translations that
// drift from the original, and a self-test of every key through the real
// grader. It also proves `output` answer keys by running their examples.
// It knows no terminal; format.go writes reports for people and for CI.
package check

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// Rule names of this package; the loader's are in the course package.
const (
	RuleUnknownExample      = "unknown-example"
	RuleChoicesCount        = "choices-count"
	RuleSingleCorrect       = "single-correct"
	RuleMultiCorrect        = "multi-correct"
	RuleTextBlanks          = "text-blanks"
	RuleBadRegex            = "bad-regex"
	RuleOrderItems          = "order-items"
	RuleOutputLines         = "output-lines"
	RuleOutputProof         = "output-proof"
	RuleGraderSelfTest      = "grader-self-test"
	RuleSmellLongestCorrect = "smell-longest-correct"
	RuleSmellAllNone        = "smell-all-none"
	RuleSmellNoExplanation  = "smell-no-explanation"
	RuleSmellNoFeedback     = "smell-no-feedback"
	RuleTranslationMismatch = "translation-mismatch"
	// RuleExampleSettings is a card or an output question that sets a
	// model, a parameter or a value its example does not have.
	RuleExampleSettings = "example-settings"
	// RuleOrderItemsAlike is two order items that differ only in case or
	// spacing: the learner cannot tell which goes where, yet the grader can.
	RuleOrderItemsAlike = "order-items-alike"
	// RuleRegexLikeAnswer is a fold or exact answer written like a pattern,
	// e.g. (Bounded)?Semaphore: compared as plain text, it accepts only itself.
	RuleRegexLikeAnswer = "regex-like-answer"
	// RuleMultiAllCorrect is a multi question whose every choice is correct:
	// ticking every box always wins, so it tells right from wrong not at all.
	RuleMultiAllCorrect = "multi-all-correct"
)

// SeveritySkipped marks a proof that could not run here (the python model
// without python3) or could not be timed (a machine too busy, proof.go):
// neither passed nor failed, and not counted as an error.
const SeveritySkipped course.Severity = "skipped"

// Options tunes a check.
type Options struct {
	// ProveOutput runs the example of every output question to prove that
	// its lines really print in the key's order. Off, the check is pure and
	// instant; `asyncio-tutor check` turns it on.
	ProveOutput bool
	// Strict reports every warning as an error, so that it fails the check
	// in every format alike (`check --strict`: a CI that keeps a course
	// clean). Skipped proofs stay skipped: they say nothing about the course.
	Strict bool
}

// Report is the outcome of checking a course.
type Report struct {
	Problems []course.Problem
	// Skipped are the output keys that could not be proved on this machine,
	// each at its question's example: key, with the reason. Severity is
	// SeveritySkipped. They do not fail the check.
	Skipped []course.Problem
	Files   int
	// FileNames are the files that loaded (course.FileNames), so the JUnit
	// report can list passing files too.
	FileNames []string
	Elapsed   time.Duration // how long the check took; JUnit reports it
}

// Errors counts problems that fail the check.
func (r *Report) Errors() int { return r.count(course.SeverityError) }

// Warnings counts problems that only advise.
func (r *Report) Warnings() int { return r.count(course.SeverityWarning) }

// OK reports whether the course passes: no errors (warnings allowed).
func (r *Report) OK() bool { return r.Errors() == 0 }

// Failed counts the files with at least one error.
func (r *Report) Failed() int {
	files := map[string]bool{}
	for _, p := range r.Problems {
		if p.Severity == course.SeverityError {
			files[p.File] = true
		}
	}
	return len(files)
}

// Passed counts the files read without an error.
func (r *Report) Passed() int { return max(0, r.Files-r.Failed()) }

func (r *Report) count(s course.Severity) int {
	n := 0
	for _, p := range r.Problems {
		if p.Severity == s {
			n++
		}
	}
	return n
}

// Course checks a course that course.Load returned, together with the
// problems Load found, and returns one report sorted by file and position.
func Course(ctx context.Context, c *course.Course, loadProblems []course.Problem, opt Options) *Report {
	start := time.Now()
	ch := &checker{problems: slices.Clone(loadProblems)}
	contents := append([]*course.Content{{Lessons: c.Lessons, Quizzes: c.Quizzes}}, translations(c)...)
	for _, ct := range contents {
		for _, l := range ct.Lessons {
			ch.lesson(l)
		}
		for _, q := range ct.Quizzes {
			ch.quiz(q)
		}
	}
	for _, lang := range c.Langs() {
		ch.translation(c, c.Translations[lang])
	}
	if opt.ProveOutput {
		ch.proveOutputs(ctx, c)
	}
	if opt.Strict {
		ch.warningsAreErrors()
	}
	return &Report{Problems: course.SortProblems(ch.problems), Skipped: course.SortProblems(ch.skipped), Files: c.Files, FileNames: c.FileNames(), Elapsed: time.Since(start)}
}

type checker struct {
	problems []course.Problem
	skipped  []course.Problem
	// unfit are output questions whose model or parameters are wrong; their
	// keys cannot be proved, and the wrong setting is already reported.
	unfit map[*course.Question]bool
}

func (ch *checker) add(p course.Problem) { ch.problems = append(ch.problems, p) }

func (ch *checker) warningsAreErrors() {
	for i, p := range ch.problems {
		if p.Severity == course.SeverityWarning {
			ch.problems[i].Severity = course.SeverityError
		}
	}
}

func unknownExample(at course.Pos, name string) course.Problem {
	return at.Errorf(RuleUnknownExample, "there is no example %q%s", name, course.Nearest(name, examples.Names()))
}

func (ch *checker) lesson(l *course.Lesson) {
	for _, ref := range l.Examples() {
		x, ok := examples.Lookup(ref.Name)
		if !ok {
			ch.add(unknownExample(ref.Pos, ref.Name))
			continue
		}
		if ref.Model != "" {
			if _, err := trace.ParseModel(ref.Model); err != nil {
				ch.add(ref.ModelPos.Errorf(RuleExampleSettings, "%v (model=goroutines, the default, runs the Go code; model=loop the asyncio model in exact virtual time; model=python the Python twin on python3)", err))
			}
		}
		ch.settings(x, ref.Pos, ref.Params, func(p course.CardParam) string { return p.Name + "=" + p.Value })
	}
}

// settings checks the parameters a card or an output question sets against
// its example: each must exist and its value be in range, and together the
// example must accept them. It reports each wrong one where it is written and
// returns whether all are right.
func (ch *checker) settings(x examples.Example, at course.Pos, params []course.CardParam, show func(course.CardParam) string) bool {
	ok := true
	for _, p := range params {
		i := slices.IndexFunc(x.Params, func(d examples.Param) bool { return d.Name == p.Name })
		if i < 0 {
			ch.add(p.Pos.Errorf(RuleExampleSettings, "%s: example %s has %s%s", show(p), x.Name, paramList(x), course.Nearest(p.Name, paramNames(x))))
			ok = false
			continue
		}
		if err := x.Params[i].Check(p.Value); err != nil {
			ch.add(p.Pos.Errorf(RuleExampleSettings, "%s: %v", show(p), err))
			ok = false
		}
	}
	if !ok || len(params) == 0 {
		return ok
	}
	given := map[string]string{}
	for _, p := range params {
		given[p.Name] = p.Value
	}
	if _, err := x.Expect(given); err != nil { // values fine one by one, not together
		ch.add(at.Errorf(RuleExampleSettings, "example %s cannot run with these settings: %v", x.Name, err))
		return false
	}
	return true
}

func paramNames(x examples.Example) []string {
	names := make([]string, len(x.Params))
	for i, p := range x.Params {
		names[i] = p.Name
	}
	return names
}

// paramList says which parameters x has, for a message about one it lacks.
func paramList(x examples.Example) string {
	if len(x.Params) == 0 {
		return "no parameters"
	}
	return "no such parameter; it has " + strings.Join(paramNames(x), ", ")
}

func (ch *checker) quiz(q *course.Quiz) {
	longestCorrect, choiceQuestions := 0, 0
	for _, qu := range q.Questions {
		ok := ch.question(qu)
		if ok {
			ch.selfTest(qu)
		}
		ch.triesAllAnswers(qu)
		ch.hintGivesAnswer(qu)
		if qu.Explanation == "" {
			ch.add(qu.At("").Warnf(RuleSmellNoExplanation, "question %q has no explanation; say why the answer is right, learners read it after answering", qu.ID))
		}
		if (qu.Type == course.Single || qu.Type == course.Multi) && len(qu.Choices) >= 3 {
			choiceQuestions++
			if correctIsLongest(qu) {
				longestCorrect++
			}
		}
	}
	if choiceQuestions >= 3 && longestCorrect*2 > choiceQuestions {
		ch.add(q.At("id").Warnf(RuleSmellLongestCorrect, "in %d of %d choice questions the correct choice is the longest; learners notice, so make wrong choices as careful as right ones", longestCorrect, choiceQuestions))
	}
}

// correctIsLongest reports whether a correct choice is strictly longer than
// every wrong one.
func correctIsLongest(q *course.Question) bool {
	longestRight, longestWrong := 0, 0
	for _, c := range q.Choices {
		n := len([]rune(c.Text))
		if c.Correct {
			longestRight = max(longestRight, n)
		} else {
			longestWrong = max(longestWrong, n)
		}
	}
	return longestRight > longestWrong
}

var allOrNone = regexp.MustCompile(`(?i)^\s*(all|none|both|neither) of (the )?(above|these|them)\b`)

// question checks that a question's key can be right. It returns false when
// the key is broken, so the self-test is not run on it.
func (ch *checker) question(q *course.Question) bool {
	before := len(ch.problems)
	switch q.Type {
	case course.Single, course.Multi:
		if len(q.Choices) < 2 {
			ch.add(q.At("choices").Errorf(RuleChoicesCount, "a %s question needs at least two choices, it has %d", q.Type, len(q.Choices)))
		}
		correct := len(q.CorrectChoices())
		if q.Type == course.Single && correct != 1 {
			ch.add(q.At("choices").Errorf(RuleSingleCorrect, "a single question has exactly one choice with correct: true, this one has %d%s", correct,
				map[bool]string{true: "; use type: multi if several are right", false: ""}[correct > 1]))
		}
		if q.Type == course.Multi && correct == 0 {
			ch.add(q.At("choices").Errorf(RuleMultiCorrect, "a multi question needs at least one choice with correct: true"))
		}
		if q.Type == course.Multi && correct >= 2 && correct == len(q.Choices) {
			ch.add(q.At("choices").Warnf(RuleMultiAllCorrect, "every choice of multi question %q is correct, so ticking them all wins without reading them; add a wrong choice that stands for a misconception", q.ID))
		}
		for i, c := range q.Choices {
			if allOrNone.MatchString(c.Text) {
				ch.add(c.Pos.Warnf(RuleSmellAllNone, "choice %d reads %q; such choices test test-taking, not understanding", i+1, truncateRunes(c.Text, 30)))
			}
			if !c.Correct && c.Feedback == "" {
				ch.add(c.Pos.Warnf(RuleSmellNoFeedback, "wrong choice %d has no feedback; say which misconception it stands for", i+1))
			}
		}
	case course.Text:
		blanks := quiz.Blanks(q.Prompt)
		if len(q.Answers) != blanks {
			ch.add(q.At("answers").Errorf(RuleTextBlanks, "the prompt has %d blank(s) (each ___ is one; none means one) but answers has %d list(s), one per blank", blanks, len(q.Answers)))
		}
		if q.Match == course.MatchNumber {
			ch.numberKeys(q)
		}
		if q.Match == course.MatchFold || q.Match == course.MatchExact {
			ch.regexLikeAnswers(q)
		}
		if q.Match == course.MatchRegex {
			for i, accepted := range q.Answers {
				for _, pattern := range accepted {
					// The loader reports a pattern over a limit (regex-too-large),
					// found without building its program; only a pattern within
					// the limits is compiled here. The pattern is compiled alone,
					// not anchored as the grader uses it, so that "a)|(.*" cannot
					// close the grader's group and accept anything.
					if _, err := course.PatternSize(pattern); errors.As(err, new(*course.PatternLimitError)) {
						continue
					}
					if _, err := regexp.Compile(pattern); err != nil {
						ch.add(q.At("answers").Errorf(RuleBadRegex, "blank %d: %q is not a valid regular expression: %v", i+1, pattern, err))
					}
				}
			}
		}
	case course.Order:
		if ch.distinct(q, "items", q.Items, RuleOrderItems) {
			ch.alike(q)
		}
	case course.Output:
		x, ok := examples.Lookup(q.Example)
		if q.Example != "" && !ok {
			ch.add(unknownExample(q.At("example"), q.Example))
		}
		if ok && !ch.settings(x, q.At("params"), q.Params, func(p course.CardParam) string { return fmt.Sprintf("params: %s: %s", p.Name, p.Value) }) {
			if ch.unfit == nil {
				ch.unfit = map[*course.Question]bool{}
			}
			ch.unfit[q] = true
		}
		ch.distinct(q, "lines", q.Lines, RuleOutputLines)
	default:
		return false // no type: the loader reported it
	}
	return len(ch.problems) == before || !slices.ContainsFunc(ch.problems[before:], func(p course.Problem) bool { return p.Severity == course.SeverityError })
}

// distinct checks that an order or output key has at least two entries and
// no repeats: a repeated entry makes two orders equally right. It reports
// whether the key passed.
func (ch *checker) distinct(q *course.Question, key string, items []string, rule string) bool {
	if len(items) < 2 {
		ch.add(q.At(key).Errorf(rule, "%s needs at least two entries to put in order, it has %d", key, len(items)))
		return false
	}
	seen := map[string]int{}
	for i, s := range items {
		if j, dup := seen[s]; dup {
			ch.add(q.At(key).Errorf(rule, "entries %d and %d of %s are both %q; every entry must differ, or two orders would be right", j+1, i+1, key, truncateRunes(s, 40)))
			return false
		}
		seen[s] = i
	}
	return true
}

// alike reports two order items that differ only in case or spacing. The
// player shows both and the grader tells them apart, but a learner cannot:
// swapping them looks as right as the key and is graded wrong. Output lines
// are left alone: they are what the program prints, proved by running it.
func (ch *checker) alike(q *course.Question) {
	seen := map[string]int{}
	for i, s := range q.Items {
		folded := quiz.Fold(s)
		if j, dup := seen[folded]; dup {
			ch.add(q.At("items").Errorf(RuleOrderItemsAlike, "entries %d and %d of items, %q and %q, differ only in case or spacing; a learner cannot tell which goes where, so word them differently", j+1, i+1, truncateRunes(q.Items[j], 40), truncateRunes(s, 40)))
			return
		}
		seen[folded] = i
	}
}

// regexLike finds what in an answer reads as regular-expression syntax
// rather than text: a quantified group or class, an alternation between
// words, a wildcard, an escape class, an anchor. Plain parentheses and dots
// are left alone: "wg.Wait()" and "queue (FIFO)" are ordinary answers.
var regexLike = regexp.MustCompile(`\)[?*+]|\)\{\d|\][?*+]|\[[^\]]*\w-\w[^\]]*\]|\(\?[:!=<]|\w\|\w|\.[*+]|\\[dDwWsSbB]|^\^|[^\s$]\$$`)

// regexLikeAnswers warns about fold or exact answers written like patterns,
// such as (Bounded)?Semaphore: the author most likely meant match: regex,
// and as plain text the answer accepts only someone who types the pattern.
// A warning, not an error: a question may really ask for a pattern.
func (ch *checker) regexLikeAnswers(q *course.Question) {
	for i, accepted := range q.Answers {
		for _, answer := range accepted {
			syntax := regexLike.FindString(answer)
			if syntax == "" {
				continue
			}
			if _, err := regexp.Compile(answer); err != nil {
				continue // not a working pattern either: not what the author meant
			}
			ch.add(q.At("answers").Warnf(RuleRegexLikeAnswer, "blank %d: %q reads like a regular expression (%q), but match: %s compares it as plain text, so only typing it exactly as written is right; set match: regex if it is a pattern, or list each answer it stands for", i+1, truncateRunes(answer, 40), syntax, q.Match))
		}
	}
}

// selfTest grades the key with the real grader: it must score full marks;
// an empty answer and every wrong single choice must score nothing.
func (ch *checker) selfTest(q *course.Question) {
	at := q.At("")
	if r := quiz.Grade(q, quiz.Answer{Texts: make([]string, len(q.Answers))}); r.Score != 0 {
		ch.add(q.At("answers").Errorf(RuleGraderSelfTest, "question %q accepts an empty answer; every accepted answer must need typing something", q.ID))
	}
	if q.Type == course.Text && q.Match == course.MatchRegex {
		return // a pattern is not an answer to itself; compiling it is the test
	}
	if r := quiz.Grade(q, quiz.Key(q)); r.Score != 1 || !r.Correct {
		ch.add(at.Errorf(RuleGraderSelfTest, "the answer key of %q does not score full marks when graded (%.2f); the grader and the key disagree", q.ID, r.Score))
	}
	switch q.Type {
	case course.Single:
		for i, c := range q.Choices {
			if !c.Correct {
				if r := quiz.Grade(q, quiz.Answer{Choice: i + 1}); r.Score != 0 {
					ch.add(c.Pos.Errorf(RuleGraderSelfTest, "wrong choice %d scores %.2f; it must score 0", i+1, r.Score))
				}
			}
		}
	case course.Order, course.Output:
		rev := slices.Clone(quiz.Key(q).Items)
		slices.Reverse(rev)
		if r := quiz.Grade(q, quiz.Answer{Items: rev}); r.Correct {
			ch.add(at.Errorf(RuleGraderSelfTest, "the reversed order of %q is graded right; the items must differ", q.ID))
		}
	}
}

// translation compares a translated course with the English original: same
// quizzes and questions, same answer keys, same examples.
func (ch *checker) translation(c *course.Course, tr *course.Content) {
	for _, l := range tr.Lessons {
		en := c.Lesson(l.ID)
		if en == nil {
			continue // the loader reported the orphan
		}
		if l.Quiz != "" && l.Quiz != en.Quiz {
			ch.add(l.At("quiz").Errorf(RuleTranslationMismatch, "the %s translation links quiz %q, the original links %q", tr.Lang, l.Quiz, en.Quiz))
		}
		if got, want := refNames(l), refNames(en); !slices.Equal(got, want) {
			ch.add(l.At("").Errorf(RuleTranslationMismatch, "the %s translation places examples %v, the original %v; keep the same example blocks in the same order", tr.Lang, got, want))
		}
	}
	for _, q := range tr.Quizzes {
		en := c.Quiz(q.ID)
		if en == nil {
			continue
		}
		if q.Pass != en.Pass {
			ch.add(q.At("pass").Errorf(RuleTranslationMismatch, "pass is %v here and %v in the original", q.Pass, en.Pass))
		}
		if got, want := questionIDs(q), questionIDs(en); !slices.Equal(got, want) {
			ch.add(q.At("questions").Errorf(RuleTranslationMismatch, "the %s translation has questions %v, the original %v; keep the same ids in the same order", tr.Lang, got, want))
			continue
		}
		for i, qu := range q.Questions {
			if why := keyDiff(qu, en.Questions[i]); why != "" {
				ch.add(qu.At("").Errorf(RuleTranslationMismatch, "question %q does not match %s: %s", qu.ID, en.File, why))
			}
		}
	}
}

// refNames lists a lesson's example cards as written: the name, then the
// model and parameters it sets, if any.
func refNames(l *course.Lesson) []string {
	var names []string
	for _, r := range l.Examples() {
		words := []string{r.Name}
		if r.Model != "" {
			words = append(words, "model="+r.Model)
		}
		for _, p := range r.Params {
			words = append(words, p.Name+"="+p.Value)
		}
		names = append(names, strings.Join(words, " "))
	}
	return names
}

func questionIDs(q *course.Quiz) []string {
	ids := make([]string, len(q.Questions))
	for i, qu := range q.Questions {
		ids[i] = qu.ID
	}
	return ids
}

// keyDiff says how a translated question's answer key differs from the
// original's, or "" when it does not. Texts may be translated; what is right
// may not change.
func keyDiff(t, en *course.Question) string {
	switch {
	case t.Type != en.Type:
		return fmt.Sprintf("type %s here, %s in the original", t.Type, en.Type)
	case len(t.Choices) != len(en.Choices):
		return fmt.Sprintf("%d choices here, %d in the original", len(t.Choices), len(en.Choices))
	case !slices.Equal(t.CorrectChoices(), en.CorrectChoices()):
		return "other choices are marked correct than in the original"
	case t.Type == course.Text && len(t.Answers) != len(en.Answers):
		return fmt.Sprintf("%d blanks here, %d in the original", len(t.Answers), len(en.Answers))
	case len(t.Items) != len(en.Items):
		return fmt.Sprintf("%d items here, %d in the original", len(t.Items), len(en.Items))
	case t.Example != en.Example || !slices.Equal(t.Lines, en.Lines):
		return "example or lines differ from the original; program output is never translated"
	case t.RunModel() != en.RunModel() || !maps.Equal(t.Settings(), en.Settings()):
		return "model or params differ from the original; the example must run as in the original"
	case t.Tries != en.Tries:
		return fmt.Sprintf("tries: %d here, %d in the original", t.Tries, en.Tries)
	}
	return numberKeyDiff(t, en)
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
