package quiz

import (
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v4"
	"go.yaml.in/yaml/v4/plugin/loaderlimits"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// ParseAnswers reads an answers file for `asyncio-tutor grade`: a YAML
// mapping of question id to answer. single: a 1-based choice number; multi:
// a list of numbers; text: a string, or a list of strings for several
// blanks; order and output: the list of items. Every problem is reported at
// its file:line:col; answers that parsed are returned even when others did not.
func ParseAnswers(file string, src []byte, q *course.Quiz) (map[string]Answer, []course.Problem) {
	if len(src) > course.MaxFileSize {
		return nil, []course.Problem{course.Pos{File: file}.Errorf(course.RuleFileTooLarge, "the answers file is larger than %d KiB", course.MaxFileSize>>10)}
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
			problems = append(problems, at(v).Errorf(course.RuleWrongType, "question %q (%s): %v", qu.ID, qu.Type, err))
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
		if v.Kind == yaml.ScalarNode {
			return Answer{Texts: []string{v.Value}}, nil
		}
		texts, err := scalars(v, "answer with the word, or a list with one word per blank")
		return Answer{Texts: texts}, err
	case course.Order, course.Output:
		items, err := scalars(v, "answer with the list of items in your order")
		return Answer{Items: items}, err
	}
	return Answer{}, fmt.Errorf("the question cannot be graded")
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
