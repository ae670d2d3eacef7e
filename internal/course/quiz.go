package course

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// checkID reports an id that is not lower-case words joined by dashes.
func (d *decoder) checkID(n *yaml.Node, what, id string) bool {
	if len(id) > MaxIDLen || !idPattern.MatchString(id) {
		d.errorf(d.resolveQuiet(n), RuleBadID, "%s %q must be lower-case letters, digits and single dashes (like event-loop), at most %d characters", what, truncate(id, 40), MaxIDLen)
		return false
	}
	return true
}

// typeFields says which keys belong to which question type, beyond the keys
// every question has.
var typeFields = map[QuestionType][]string{
	Single: {"choices"},
	Multi:  {"choices"},
	Text:   {"answers", "match"},
	Order:  {"items"},
	Output: {"example", "model", "params", "lines"},
}

// optionalFields are the type fields a question of that type may leave out.
var optionalFields = []string{"match", "model", "params"}

// ParseQuiz reads one quiz file. It returns the quiz (nil when the file is
// unusable) and every problem found, at file:line:col.
func ParseQuiz(file string, src []byte) (*Quiz, []Problem) {
	d := &decoder{file: file}
	root := d.parseYAML([]byte(normalizeNewlines(string(src))))
	if root == nil {
		return nil, d.problems
	}
	q := &Quiz{File: file, Pass: DefaultPass, Pos: map[string]Pos{"": {File: file, Line: 1, Col: 1}}}
	var questionsNode *yaml.Node
	present := d.mapping(root, "a quiz", q.Pos,
		field{"id", func(v *yaml.Node) {
			if s, ok := d.str(v, "the quiz id"); ok && d.checkID(v, "the quiz id", s) {
				q.ID = s
			}
		}},
		field{"title", func(v *yaml.Node) { q.Title, _ = d.oneLine(v, "the quiz title") }},
		field{"pass", func(v *yaml.Node) {
			if f, ok := d.number(v, "pass"); ok {
				if f <= 0 || f > 1 {
					d.errorf(d.resolveQuiet(v), RuleBadValue, "pass is the fraction of the score needed to pass: more than 0 and at most 1 (e.g. 0.7), not %v", f)
				} else {
					q.Pass = f
				}
			}
		}},
		field{"questions", func(v *yaml.Node) { questionsNode = v }},
	)
	if present == nil {
		return nil, SortProblems(d.problems)
	}
	d.require(d.resolveQuiet(root), "a quiz", q.Pos, present, "id", "title", "questions")
	if questionsNode != nil {
		seen := map[string]Pos{}
		d.list(questionsNode, "questions", func(i int, item *yaml.Node) {
			qu := d.question(item, i)
			if qu == nil {
				return
			}
			if qu.ID != "" {
				if first, dup := seen[qu.ID]; dup {
					d.problems = append(d.problems, qu.At("id").Errorf(RuleDuplicateID, "question id %q is used twice in this quiz (first at line %d)", qu.ID, first.Line))
				} else {
					seen[qu.ID] = qu.At("id")
				}
			}
			q.Questions = append(q.Questions, qu)
		})
		if n := d.resolveQuiet(questionsNode); n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
			d.errorf(n, RuleMissingField, "a quiz needs at least one question")
		}
	}
	return q, SortProblems(d.problems)
}

// oneLine reads text that must fit on one line (titles, summaries).
func (d *decoder) oneLine(n *yaml.Node, what string) (string, bool) {
	s, ok := d.str(n, what)
	if ok && strings.ContainsAny(s, "\n\r") {
		d.errorf(d.resolveQuiet(n), RuleBadValue, "%s must be one line", what)
		return "", false
	}
	return strings.TrimSpace(s), ok
}

func (d *decoder) question(n *yaml.Node, index int) *Question {
	q := &Question{Pos: map[string]Pos{"": d.pos(d.resolveQuiet(n))}}
	what := fmt.Sprintf("question %d", index+1)
	present := d.mapping(n, what, q.Pos,
		field{"id", func(v *yaml.Node) {
			if s, ok := d.str(v, "the question id"); ok && d.checkID(v, "the question id", s) {
				q.ID = s
				what = fmt.Sprintf("question %q", s)
			}
		}},
		field{"type", func(v *yaml.Node) {
			s, ok := d.str(v, "the question type")
			if !ok {
				return
			}
			t := QuestionType(strings.TrimSpace(s))
			if !slices.Contains(QuestionTypes, t) {
				d.errorf(d.resolveQuiet(v), RuleBadValue, "unknown question type %q; use one of single, multi, text, order, output", s)
				return
			}
			q.Type = t
		}},
		field{"prompt", func(v *yaml.Node) { q.Prompt, _ = d.str(v, "the prompt") }},
		field{"choices", func(v *yaml.Node) {
			d.list(v, "choices", func(i int, item *yaml.Node) {
				if c, ok := d.choice(item, i); ok {
					q.Choices = append(q.Choices, c)
				}
			})
		}},
		field{"answers", func(v *yaml.Node) {
			d.list(v, "answers", func(i int, blank *yaml.Node) {
				b := d.resolveQuiet(blank)
				if b.Kind != yaml.SequenceNode {
					d.errorf(b, RuleWrongType, `answers holds one list of accepted answers per blank, e.g. answers: [["async"], ["await"]]; entry %d is %s, not a list`, i+1, describe(b))
					return
				}
				accepted, ok := d.strList(blank, fmt.Sprintf("the accepted answers for blank %d", i+1))
				if ok && len(accepted) == 0 {
					d.errorf(b, RuleMissingField, "blank %d has no accepted answer", i+1)
				}
				q.Answers = append(q.Answers, accepted)
			})
		}},
		field{"match", func(v *yaml.Node) {
			if s, ok := d.str(v, "match"); ok {
				switch m := MatchMode(s); m {
				case MatchFold, MatchExact, MatchRegex:
					q.Match = m
				default:
					d.errorf(d.resolveQuiet(v), RuleBadValue, "match must be fold, exact or regex, not %q", s)
				}
			}
		}},
		field{"items", func(v *yaml.Node) { q.Items, _ = d.strList(v, "items") }},
		field{"example", func(v *yaml.Node) { q.Example, _ = d.str(v, "example") }},
		field{"model", func(v *yaml.Node) {
			if s, ok := d.str(v, "model"); ok {
				m, err := trace.ParseModel(s)
				if err != nil {
					d.errorf(d.resolveQuiet(v), RuleBadValue, "%v (goroutines, the default, runs the Go code; loop the asyncio model in exact virtual time; python the Python twin on python3)", err)
					return
				}
				q.Model = m
			}
		}},
		field{"params", func(v *yaml.Node) { q.Params = d.params(v) }},
		field{"lines", func(v *yaml.Node) { q.Lines, _ = d.strList(v, "lines") }},
		field{"explanation", func(v *yaml.Node) { q.Explanation, _ = d.str(v, "the explanation") }},
		field{"tags", func(v *yaml.Node) { q.Tags, _ = d.strList(v, "tags") }},
	)
	if present == nil {
		return nil
	}
	start := d.resolveQuiet(n)
	d.require(start, what, q.Pos, present, "id", "type", "prompt")
	if q.Type == "" {
		return q
	}
	if q.Type == Text && q.Match == "" {
		q.Match = MatchFold
	}
	needed := typeFields[q.Type]
	d.require(start, fmt.Sprintf("%s (a %s question)", what, q.Type), q.Pos, present, requiredFor(q.Type)...)
	for _, k := range []string{"choices", "answers", "match", "items", "example", "model", "params", "lines"} {
		if present[k] && !slices.Contains(needed, k) {
			d.problems = append(d.problems, q.At(k).Errorf(RuleFieldForType, "%q belongs to %s questions, but %s is a %s question", k, typesWith(k), what, q.Type))
		}
	}
	return q
}

// params reads an output question's params: a mapping of parameter names to
// values, e.g. {delay3: 4s}. Like an example card's key=value words, only
// the shape is checked here; check knows which names and values the example
// takes.
func (d *decoder) params(n *yaml.Node) []CardParam {
	m := d.resolve(n)
	if m == nil || m.Kind != yaml.MappingNode {
		d.errorf(m, RuleWrongType, "params must be a mapping of parameter names to values, like params: {delay3: 4s}, not %s", describe(m))
		return nil
	}
	if len(m.Content)/2 > MaxListLen {
		d.errorf(m, RuleTooLong, "params has %d entries; the limit is %d", len(m.Content)/2, MaxListLen)
		return nil
	}
	var out []CardParam
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content) && !d.overBudget; i += 2 {
		k, v := d.resolve(m.Content[i]), d.resolveQuiet(m.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			d.errorf(k, RuleWrongType, "keys in params must be parameter names")
			continue
		}
		if seen[k.Value] {
			d.errorf(k, RuleDuplicateKey, "parameter %q appears twice in params; YAML keeps only one, so remove the other", truncate(k.Value, 40))
			continue
		}
		seen[k.Value] = true
		if isNull(v) {
			d.errorf(k, RuleMissingField, "parameter %q has no value: give one, or leave it out for the default", truncate(k.Value, 40))
			continue
		}
		value, ok := d.str(v, fmt.Sprintf("the value of parameter %q", truncate(k.Value, 40)))
		if !ok {
			continue
		}
		if strings.TrimSpace(value) == "" {
			d.errorf(v, RuleMissingField, "parameter %q has an empty value", truncate(k.Value, 40))
			continue
		}
		out = append(out, CardParam{Name: k.Value, Value: strings.TrimSpace(value), Pos: d.pos(k)})
	}
	return out
}

// typesWith names the question types that use key, e.g. "single and multi".
func typesWith(key string) string {
	var names []string
	for _, t := range QuestionTypes {
		if slices.Contains(typeFields[t], key) {
			names = append(names, string(t))
		}
	}
	return strings.Join(names, " and ")
}

func (d *decoder) choice(n *yaml.Node, i int) (Choice, bool) {
	c := Choice{Pos: d.pos(d.resolveQuiet(n))}
	what := fmt.Sprintf("choice %d", i+1)
	pos := map[string]Pos{}
	present := d.mapping(n, what, pos,
		field{"text", func(v *yaml.Node) { c.Text, _ = d.str(v, "the choice text") }},
		field{"correct", func(v *yaml.Node) { c.Correct, _ = d.boolean(v, "correct") }},
		field{"feedback", func(v *yaml.Node) { c.Feedback, _ = d.str(v, "the feedback") }},
	)
	if present == nil {
		return c, false
	}
	d.require(d.resolveQuiet(n), what, pos, present, "text")
	return c, true
}
