package quiz

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
	"go.yaml.in/yaml/v4/plugin/loaderlimits"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// ParseAnswers reads an answers file for `asyncio-tutor grade`: a YAML
// mapping of question id to answer. single: a 1-based choice number; multi:
// a list of numbers; text: a string, or a list of one string per blank when
// there are several; order and output: the list of the question's items, each
// once. An answer of the wrong form (a choice out of range, an entry that is
// not an item, one string for two blanks) is a problem, not a wrong answer:
// the learner hears what was expected. So is a file with no answers. Every
// problem is reported at its file:line:col; answers that parsed are returned
// even when others did not.
func ParseAnswers(file string, src []byte, q *course.Quiz) (map[string]Answer, []course.Problem) {
	if len(src) > course.MaxFileSize {
		return nil, []course.Problem{course.Pos{File: file}.Errorf(course.RuleFileTooLarge, "the answers file is larger than %d KiB", course.MaxFileSize>>10)}
	}
	if !hasContent(src) {
		return nil, []course.Problem{course.Pos{File: file, Line: 1, Col: 1}.Errorf(course.RuleMissingField, "%s", emptyFileMessage(q))}
	}
	var doc yaml.Node
	limits := yaml.WithPlugin(loaderlimits.New(loaderlimits.DepthValue(8), loaderlimits.AliasValue(1000)))
	if err := yaml.Load(src, &doc, limits); err != nil {
		p := course.Pos{File: file}
		if le, ok := err.(*yaml.LoadError); ok && le.Mark.Line > 0 {
			p.Line, p.Col = le.Mark.Line, le.Mark.Column
			return nil, []course.Problem{p.Errorf(course.RuleYAMLSyntax, "%s", le.Message)}
		}
		return nil, []course.Problem{p.Errorf(course.RuleYAMLSyntax, "%v", err)}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	at := func(n *yaml.Node) course.Pos { return course.Pos{File: file, Line: n.Line, Col: n.Column} }
	if root.Kind == yaml.MappingNode && len(root.Content) == 0 || root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, []course.Problem{course.Pos{File: file, Line: 1, Col: 1}.Errorf(course.RuleMissingField, "%s", emptyFileMessage(q))}
	}
	if root.Kind != yaml.MappingNode {
		return nil, []course.Problem{at(root).Errorf(course.RuleWrongType, "an answers file is a mapping of question-id: answer lines")}
	}
	byID := map[string]*course.Question{}
	var ids []string
	for _, qu := range q.Questions {
		byID[qu.ID] = qu
		ids = append(ids, qu.ID)
	}
	answers := map[string]Answer{}
	seen := map[string]bool{}
	var problems []course.Problem
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		qu, ok := byID[k.Value]
		if !ok {
			problems = append(problems, at(k).Errorf(course.RuleUnknownKey, "quiz %q has no question %q%s", q.ID, k.Value, course.Nearest(k.Value, ids)))
			continue
		}
		if seen[qu.ID] {
			problems = append(problems, at(k).Errorf(course.RuleDuplicateKey, "question %q is answered twice", qu.ID))
			continue
		}
		seen[qu.ID] = true
		a, err := answerFrom(qu, v)
		if err != nil {
			where := v
			var ne *nodeError
			if errors.As(err, &ne) {
				where = ne.node
			}
			problems = append(problems, at(where).Errorf(course.RuleWrongType, "question %q (%s): %v", qu.ID, qu.Type, err))
			continue
		}
		if long := tooLongBlank(a); long != nil {
			problems = append(problems, at(blankNode(v, long.Blank)).Errorf(course.RuleTooLong, "question %q: %v; it is not graded", qu.ID, long))
			continue
		}
		answers[qu.ID] = a
	}
	return answers, problems
}

func answerFrom(q *course.Question, v *yaml.Node) (Answer, error) {
	switch q.Type {
	case course.Single:
		n, err := choiceNumber(v, len(q.Choices))
		return Answer{Choice: n}, err
	case course.Multi:
		if v.Kind == yaml.ScalarNode { // one number alone is a fair way to pick one
			n, err := choiceNumber(v, len(q.Choices))
			return Answer{Choices: []int{n}}, err
		}
		if v.Kind != yaml.SequenceNode {
			return Answer{}, fmt.Errorf("answer with a list of choice numbers, e.g. [1, 3]")
		}
		var a Answer
		for _, item := range v.Content {
			n, err := choiceNumber(item, len(q.Choices))
			if err != nil {
				return Answer{}, err
			}
			a.Choices = append(a.Choices, n)
		}
		return a, nil
	case course.Text:
		return textAnswer(q, v)
	case course.Order, course.Output:
		items, err := scalars(v, "answer with the list of items in your order")
		if err != nil {
			return Answer{}, err
		}
		items, err = asItems(Key(q).Items, q.ID, v, items)
		return Answer{Items: items}, err
	}
	return Answer{}, fmt.Errorf("the question cannot be graded")
}

// textAnswer takes the word for a one-blank question, and a list of exactly
// one word per blank otherwise: "async await" for two blanks is refused
// rather than graded wrong, since the learner may know both words.
func textAnswer(q *course.Question, v *yaml.Node) (Answer, error) {
	blanks := len(q.Answers)
	if v.Kind == yaml.ScalarNode {
		if blanks > 1 {
			return Answer{}, fmt.Errorf("the prompt has %d blanks, so answer with a list of %d words, one per blank in the prompt's order, e.g. [%s]", blanks, blanks, exampleWords(blanks))
		}
		return Answer{Texts: []string{v.Value}}, numbersIn(q, v, []string{v.Value})
	}
	texts, err := scalars(v, "answer with the word, or a list with one word per blank")
	if err != nil {
		return Answer{}, err
	}
	if blanks > 0 && len(texts) != blanks {
		return Answer{}, fmt.Errorf("the prompt has %s, the answer gives %d; answer with a list of one word per blank, e.g. [%s]", plural(blanks, "blank"), len(texts), exampleWords(blanks))
	}
	return Answer{Texts: texts}, numbersIn(q, v, texts)
}

// numbersIn refuses, in a number question, a typed answer that is not a
// number in the question's unit ("soon", "1.5 kg" for seconds): like a
// choice out of range, it is the wrong form, not a wrong answer. One too
// long is left to the length check, which says so at its blank.
func numbersIn(q *course.Question, v *yaml.Node, texts []string) error {
	if q.Match != course.MatchNumber {
		return nil
	}
	for i, text := range texts {
		if tooLong(text) {
			continue
		}
		if _, err := ReadNumber(text, q.Unit); err != nil {
			return &nodeError{blankNode(v, i+1), err}
		}
	}
	return nil
}

// exampleWords is a placeholder list, "first, second", for an example that
// must not give the answer away.
func exampleWords(n int) string {
	words := []string{"first", "second", "third", "fourth", "fifth"}
	if n > len(words) {
		return fmt.Sprintf("first, second, ... (%d words)", n)
	}
	return strings.Join(words[:n], ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// nodeError is an error about one entry of an answer, reported at that
// entry rather than at the whole answer.
type nodeError struct {
	node *yaml.Node
	err  error
}

func (e *nodeError) Error() string { return e.err.Error() }

// asItems checks that an order or output answer uses the question's items,
// each once and all of them, as the player lets a learner do: an entry that
// is not an item is an input error, as a choice number out of range is, not
// a silently wrong answer. An entry that differs from an item only in case or
// spacing is taken as that item (check makes sure no two items fold alike).
// The items are listed shuffled, as the player shows them: in the key's
// order they would give the answer away.
func asItems(key []string, id string, v *yaml.Node, given []string) ([]string, error) {
	shown := func() string {
		quoted := make([]string, len(key))
		for i, s := range Shuffle(key, 0, 0, id) {
			quoted[i] = strconv.Quote(s)
		}
		return strings.Join(quoted, ", ")
	}
	out := make([]string, len(given))
	used := map[string]int{}
	for i, s := range given {
		item, ok := itemFor(key, s)
		if !ok {
			return nil, &nodeError{v.Content[i], fmt.Errorf("%q is not one of its items; answer with a list of its items, each once, in your order: %s", s, shown())}
		}
		if j, twice := used[item]; twice {
			return nil, &nodeError{v.Content[i], fmt.Errorf("entries %d and %d are both %q; give each item once", j+1, i+1, item)}
		}
		used[item] = i
		out[i] = item
	}
	if len(out) != len(key) {
		var missing []string
		for _, item := range Shuffle(key, 0, 0, id) {
			if _, ok := used[item]; !ok {
				missing = append(missing, strconv.Quote(item))
			}
		}
		return nil, fmt.Errorf("the answer leaves out %s; give all %d items in your order", strings.Join(missing, ", "), len(key))
	}
	return out, nil
}

// itemFor is the item s names: itself, or the one item it equals after
// folding case and spacing.
func itemFor(key []string, s string) (string, bool) {
	if slices.Contains(key, s) {
		return s, true
	}
	found := ""
	for _, item := range key {
		if Fold(item) == Fold(s) {
			if found != "" {
				return "", false
			}
			found = item
		}
	}
	return found, found != ""
}

// hasContent reports whether src holds anything but blank lines and comments.
func hasContent(src []byte) bool {
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if line != "" && !strings.HasPrefix(line, "#") {
			return true
		}
	}
	return false
}

// emptyFileMessage says what an answers file holds, with a line for the
// quiz's first question as an example.
func emptyFileMessage(q *course.Quiz) string {
	msg := "the answers file has no answers; write one question-id: answer line per question"
	if len(q.Questions) == 0 {
		return msg
	}
	first := q.Questions[0]
	example := map[course.QuestionType]string{
		course.Single: "2", course.Multi: "[1, 3]", course.Text: "word",
		course.Order: "[first item, second item, ...]", course.Output: "[first line, second line, ...]",
	}[first.Type]
	if first.Type == course.Text && first.Match == course.MatchNumber {
		example = "1.5"
	}
	if first.Type == course.Text && len(first.Answers) > 1 {
		example = "[" + exampleWords(len(first.Answers)) + "]"
	}
	return fmt.Sprintf("%s of quiz %q, e.g. %s: %s", msg, q.ID, first.ID, example)
}

func choiceNumber(v *yaml.Node, count int) (int, error) {
	n, err := strconv.Atoi(v.Value)
	if v.Kind != yaml.ScalarNode || err != nil {
		return 0, fmt.Errorf("answer with a choice number from 1 to %d", count)
	}
	if n < 1 || n > count {
		return 0, fmt.Errorf("there is no choice %d; choices are numbered 1 to %d", n, count)
	}
	return n, nil
}

func scalars(v *yaml.Node, hint string) ([]string, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s", hint)
	}
	out := make([]string, 0, len(v.Content))
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s", hint)
		}
		out = append(out, item.Value)
	}
	return out, nil
}

// tooLongBlank is CheckAnswer's refusal of a blank over MaxAnswerLen, or nil.
func tooLongBlank(a Answer) *AnswerTooLongError {
	long, _ := CheckAnswer(a).(*AnswerTooLongError)
	return long
}

// blankNode is where the answer to blank (1-based) is: the entry of a list,
// or the one scalar.
func blankNode(v *yaml.Node, blank int) *yaml.Node {
	if v.Kind == yaml.SequenceNode && blank <= len(v.Content) {
		return v.Content[blank-1]
	}
	return v
}
