package course

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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
	Text:   {"answers", "match", "tolerance", "unit"},
	Order:  {"items"},
	Output: {"example", "model", "params", "lines"},
}

// optionalFields are the type fields a question of that type may leave out.
var optionalFields = []string{"match", "model", "params", "tolerance", "unit"}

// numberFields are the text question keys that only match: number reads.
var numberFields = []string{"tolerance", "unit"}

// openYAML parses a YAML course file for a decoder: its line ends made
// plain, and not read at all when it is not UTF-8 (every later position
// would be off). root is nil when there is nothing to decode; d.problems
// then says why.
func openYAML(file string, src []byte) (d *decoder, root *yaml.Node) {
	text := normalizeNewlines(string(src))
	d = &decoder{file: file}
	if p := checkUTF8(file, []byte(text)); p != nil {
		d.problems = []Problem{*p}
		return d, nil
	}
	return d, d.parseYAML([]byte(text))
}

// ParseQuiz reads one quiz file. It returns the quiz (nil when the file is
// unusable) and every problem found, at file:line:col.
func ParseQuiz(file string, src []byte) (*Quiz, []Problem) {
	d, root := openYAML(file, src)
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
		patterns := &patternBudget{left: MaxQuizPatternInsts}
		d.list(questionsNode, "questions", func(i int, item *yaml.Node) {
			qu := d.question(item, i, patterns)
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

func (d *decoder) question(n *yaml.Node, index int, patterns *patternBudget) *Question {
	q := &Question{Tries: DefaultTries, Pos: map[string]Pos{"": d.pos(d.resolveQuiet(n))}}
	var blankNodes []*yaml.Node // each blank's list of accepted answers, for checking patterns once match is known
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
				blankNodes = append(blankNodes, b)
				for j, item := range b.Content {
					q.Pos[AnswerKey(i, j)] = d.pos(d.resolveQuiet(item))
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
				case MatchFold, MatchExact, MatchRegex, MatchNumber:
					q.Match = m
				default:
					d.errorf(d.resolveQuiet(v), RuleBadValue, "match must be fold, exact, regex or number, not %q", s)
				}
			}
		}},
		field{"tolerance", func(v *yaml.Node) { q.Tolerance, _ = d.tolerance(v) }},
		field{"unit", func(v *yaml.Node) { q.Unit, _ = d.unit(v) }},
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
		field{"hint", func(v *yaml.Node) { q.Hint, _ = d.hint(v) }},
		field{"tries", func(v *yaml.Node) {
			if n, ok := d.tries(v); ok {
				q.Tries = n
			}
		}},
		field{"tags", func(v *yaml.Node) { q.Tags, _ = d.strList(v, "tags") }},
	)
	if present == nil {
		return nil
	}
	start := d.resolveQuiet(n)
	d.require(start, what, q.Pos, present, "id", "type", "prompt")
	for _, k := range []string{"hint", "tries"} {
		if _, written := q.Pos[k]; written && !present[k] {
			d.problems = append(d.problems, q.At(k).Errorf(RuleMissingField, "%s: has no value; give one, or leave %s out", k, k))
		}
	}
	if q.Type == "" {
		return q
	}
	if q.Type == Text && q.Match == "" {
		q.Match = MatchFold
	}
	if q.Type == Text && q.Match == MatchRegex {
		d.checkPatterns(blankNodes, patterns)
	}
	needed := typeFields[q.Type]
	d.require(start, fmt.Sprintf("%s (a %s question)", what, q.Type), q.Pos, present, requiredFor(q.Type)...)
	for _, k := range []string{"choices", "answers", "match", "tolerance", "unit", "items", "example", "model", "params", "lines"} {
		if present[k] && !slices.Contains(needed, k) {
			d.problems = append(d.problems, q.At(k).Errorf(RuleFieldForType, "%q belongs to %s questions, but %s is a %s question", k, typesWith(k), what, q.Type))
		}
	}
	if q.Type == Text && q.Match != MatchNumber {
		for _, k := range numberFields {
			if present[k] {
				d.problems = append(d.problems, q.At(k).Errorf(RuleFieldForType, "%q belongs to text questions with match: number, but %s matches by %s; add match: number or remove %s", k, what, q.Match, k))
			}
		}
	}
	return q
}

// AnswerKey is the key of q.Pos where accepted answer j (0-based) of blank
// i (0-based) is written.
func AnswerKey(blank, j int) string { return fmt.Sprintf("answers[%d][%d]", blank, j) }

// AnswerAt returns where accepted answer j of blank i is written, or where
// answers is when that is unknown.
func (q *Question) AnswerAt(blank, j int) Pos {
	if p, ok := q.Pos[AnswerKey(blank, j)]; ok {
		return p
	}
	return q.At("answers")
}

// hint reads a question's hint: text that says something, short, and free
// of the control characters the player would strip.
func (d *decoder) hint(n *yaml.Node) (string, bool) {
	s, ok := d.str(n, "the hint")
	if !ok {
		return "", false
	}
	s = strings.TrimSpace(s)
	at := d.resolveQuiet(n)
	switch count := utf8.RuneCountInString(s); {
	case s == "":
		d.errorf(at, RuleMissingField, "the hint is empty: write the nudge a learner may ask for, or leave hint out")
		return "", false
	case count > MaxHintLen:
		d.errorf(at, RuleTooLong, "the hint is %d characters long; a hint is a short nudge of at most %d (the explanation is the place for more)", count, MaxHintLen)
		return "", false
	}
	if i := strings.IndexFunc(s, isStripped); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		d.problems = append(d.problems, d.pos(at).Warnf(RuleControlChar,
			"the hint holds the control character %s, which the player does not show as written (it drops it, or shows its code); take it out", controlName(r)))
	}
	return s, true
}

// tries reads the number of attempts a question gives: a whole number from
// 1 to MaxTries.
func (d *decoder) tries(n *yaml.Node) (int, bool) {
	t, ok := d.integer(n, "tries")
	if !ok {
		return 0, false
	}
	if t < 1 || t > MaxTries {
		d.errorf(d.resolveQuiet(n), RuleBadValue, "tries is the number of attempts at the question, from 1 (the default) to %d, not %d", MaxTries, t)
		return 0, false
	}
	return t, true
}

// unit reads a number question's unit: one short word, like s or tasks.
func (d *decoder) unit(n *yaml.Node) (string, bool) {
	s, ok := d.oneLine(n, "the unit")
	if !ok {
		return "", false
	}
	if s == "" || utf8.RuneCountInString(s) > maxUnitLen {
		d.errorf(d.resolveQuiet(n), RuleBadValue, "the unit is a short word like s, ms or tasks (at most %d characters), not %q", maxUnitLen, truncate(s, 40))
		return "", false
	}
	return s, true
}

const maxUnitLen = 20

// tolerance reads how far a number answer may be from the key: a
// non-negative number in the question's unit (tolerance: 0.1), or a
// percentage of the key (tolerance: 5%).
func (d *decoder) tolerance(n *yaml.Node) (Tolerance, bool) {
	v := d.resolve(n)
	if v == nil || v.Kind != yaml.ScalarNode {
		d.errorf(v, RuleWrongType, "tolerance must be a number, like 0.1, or a percentage, like 5%%, not %s", describe(v))
		return Tolerance{}, false
	}
	text := strings.TrimSpace(v.Value)
	pct := strings.HasSuffix(text, "%")
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(text, "%")), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || (!pct && v.Tag != "!!int" && v.Tag != "!!float") {
		d.errorf(v, RuleWrongType, "tolerance must be a number, like 0.1, or a percentage, like 5%%, not %q", truncate(v.Value, 40))
		return Tolerance{}, false
	}
	if f < 0 {
		d.errorf(v, RuleBadValue, "tolerance is how far an answer may be from the key, so it cannot be negative: write %s", strings.TrimPrefix(text, "-"))
		return Tolerance{}, false
	}
	if pct {
		return Tolerance{Value: f / 100, Relative: true}, true
	}
	return Tolerance{Value: f}, true
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

// Limits on regex answers. Go's regexp never backtracks, but matching still
// costs time in proportion to the compiled program times the length of the
// answer, and a short pattern can compile to a huge program, because counted
// repeats multiply out: (?:\pL?){1000} is 14 bytes and 2,000 instructions,
// and 16 KiB of such groups compiled to 2.3 million instructions, which took
// 2 s to compile and 22 s to match one 200-character answer. Under these
// limits the worst pattern grades the longest answer in milliseconds.
const (
	MaxPatternLen       = 1000   // bytes in one regex answer
	MaxPatternInsts     = 1000   // instructions in its compiled program
	MaxQuizPatternInsts = 10_000 // instructions of all the regex answers of one quiz, together
)

// AnswerPattern is the expression the grader matches typed answers with: the
// accepted pattern, anchored so that it must match the whole answer.
func AnswerPattern(accepted string) string { return `^(?:` + accepted + `)$` }

// PatternLimitError says a regex answer is over MaxPatternLen or MaxPatternInsts.
type PatternLimitError struct {
	Bytes int   // the pattern's length, when that is over the limit
	Insts int64 // the size of its compiled program, when that is over the limit
}

func (e *PatternLimitError) Error() string {
	if e.Bytes > 0 {
		return fmt.Sprintf("the pattern is %d bytes long, and a regex answer may be at most %d: "+
			"match the answers you mean with a short pattern, like (?i)await\\s+\\w+, instead of spelling out every variant", e.Bytes, MaxPatternLen)
	}
	return fmt.Sprintf("the pattern compiles to %d instructions, and a regex answer may compile to at most %d, since grading takes time in proportion: "+
		"counted repeats multiply out (x{50} is 50 copies of x, (?:x{10}){10} is 100), so write * or + instead of large {n,m} counts, "+
		"and avoid nesting counts or repeating long groups", e.Insts, MaxPatternInsts)
}

// PatternSize checks a regex answer against MaxPatternLen and
// MaxPatternInsts and returns the size of its compiled program. An error is a
// *PatternLimitError for a limit, a *syntax.Error for a pattern that does
// not parse.
func PatternSize(accepted string) (int, error) {
	re, err := parseWithinLimits(accepted)
	if err != nil {
		return 0, err
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0, err
	}
	if n := len(prog.Inst); n > MaxPatternInsts { // the estimate missed a case: the program itself decides
		return 0, &PatternLimitError{Insts: int64(n)}
	}
	return len(prog.Inst), nil
}

// parseWithinLimits parses a regex answer and refuses it when it is too long
// or would compile to too big a program. The size is worked out on the
// parse tree, so a pattern over the limit costs no more than its parsing.
func parseWithinLimits(accepted string) (*syntax.Regexp, error) {
	if len(accepted) > MaxPatternLen {
		return nil, &PatternLimitError{Bytes: len(accepted)}
	}
	re, err := syntax.Parse(AnswerPattern(accepted), syntax.Perl)
	if err != nil {
		return nil, err
	}
	if n := estimateInsts(re); n > MaxPatternInsts {
		return nil, &PatternLimitError{Insts: n}
	}
	return re, nil
}

// estimateInsts is the size of re's program, worked out without building it.
func estimateInsts(re *syntax.Regexp) int64 { return programSize(re).insts + programOverhead }

// programOverhead is the instructions every program has besides its
// expression's: the failure at 0 and the final match.
const programOverhead = 2

// sizeCeiling keeps the arithmetic of programSize from overflowing; any size
// that reaches it is far over every limit.
const sizeCeiling = 1 << 40

// progSize is what programSize knows of one subexpression once simplified:
// its instructions, whether it matches the empty string, and its operator
// and greediness, which decide whether an enclosing *, + or ? adds one.
type progSize struct {
	insts     int64
	nullable  bool
	op        syntax.Op
	nonGreedy bool
}

// programSize is the number of instructions syntax.Compile(re.Simplify())
// emits for re, worked out without expanding anything: Simplify writes
// x{n,m} as n copies of x and m-n nested copies of x?, and the compiler
// emits each copy.
func programSize(re *syntax.Regexp) progSize {
	nonGreedy := re.Flags&syntax.NonGreedy != 0
	switch re.Op {
	case syntax.OpNoMatch:
		return progSize{op: re.Op}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return progSize{insts: 1, nullable: true, op: re.Op}
	case syntax.OpLiteral:
		return progSize{insts: max(1, int64(len(re.Rune))), nullable: len(re.Rune) == 0, op: re.Op}
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return progSize{insts: 1, op: re.Op}
	case syntax.OpCapture:
		sub := programSize(re.Sub[0])
		return progSize{insts: add(sub.insts, 2), nullable: sub.nullable, op: re.Op}
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		return repeated(re.Op, nonGreedy, programSize(re.Sub[0]))
	case syntax.OpConcat:
		out := progSize{insts: 0, nullable: true, op: re.Op}
		for _, sub := range re.Sub {
			s := programSize(sub)
			out.insts, out.nullable = add(out.insts, s.insts), out.nullable && s.nullable
		}
		out.insts = max(out.insts, 1) // an empty concatenation is one no-op
		return out
	case syntax.OpAlternate:
		out := progSize{insts: int64(len(re.Sub) - 1), op: re.Op}
		for _, sub := range re.Sub {
			s := programSize(sub)
			out.insts, out.nullable = add(out.insts, s.insts), out.nullable || s.nullable
		}
		return out
	case syntax.OpRepeat:
		return counted(re.Min, re.Max, nonGreedy, programSize(re.Sub[0]))
	}
	return progSize{insts: sizeCeiling, op: re.Op} // an operator this code does not know: refuse it
}

// repeated is the size of sub*, sub+ or sub?. Simplify drops an operator
// applied twice, and the compiler writes a star of a nullable sub as (sub+)?.
func repeated(op syntax.Op, nonGreedy bool, sub progSize) progSize {
	if sub.op == syntax.OpEmptyMatch || sub.op == op && sub.nonGreedy == nonGreedy {
		return sub
	}
	out := progSize{insts: add(sub.insts, 1), nullable: op != syntax.OpPlus || sub.nullable, op: op, nonGreedy: nonGreedy}
	if op == syntax.OpStar && sub.nullable {
		out.insts = add(out.insts, 1)
	}
	return out
}

// counted is the size of sub{min,max} (max -1 for no upper bound) as
// Simplify rewrites it.
func counted(minimum, maximum int, nonGreedy bool, sub progSize) progSize {
	switch {
	case minimum == 0 && maximum == 0:
		return progSize{insts: 1, nullable: true, op: syntax.OpEmptyMatch}
	case maximum == -1 && minimum <= 1:
		op := syntax.OpStar
		if minimum == 1 {
			op = syntax.OpPlus
		}
		return repeated(op, nonGreedy, sub)
	case maximum == -1: // n-1 copies, then sub+
		plus := repeated(syntax.OpPlus, nonGreedy, sub)
		return progSize{insts: add(mul(sub.insts, int64(minimum-1)), plus.insts), nullable: sub.nullable, op: syntax.OpConcat}
	case minimum == 1 && maximum == 1:
		return sub
	case maximum < minimum:
		return progSize{op: syntax.OpNoMatch}
	}
	// min copies, then max-min nested optional copies: x{2,5} is xx(x(x(x)?)?)?
	insts := mul(sub.insts, int64(minimum))
	if extra := int64(maximum - minimum); extra > 0 {
		innermost := repeated(syntax.OpQuest, nonGreedy, sub)
		insts = add(insts, add(innermost.insts, mul(add(sub.insts, 1), extra-1)))
	}
	if minimum == 0 {
		return progSize{insts: insts, nullable: true, op: syntax.OpQuest, nonGreedy: nonGreedy}
	}
	return progSize{insts: insts, nullable: sub.nullable, op: syntax.OpConcat}
}

func add(a, b int64) int64 { return min(a+b, sizeCeiling) }

func mul(a, b int64) int64 {
	if a != 0 && b > sizeCeiling/a {
		return sizeCeiling
	}
	return min(a*b, sizeCeiling)
}

// patternBudget is what a quiz file's regex answers may still spend of
// MaxQuizPatternInsts, and what is known of each pattern already measured
// (an alias may repeat one many times).
type patternBudget struct {
	left     int
	exceeded bool
	measured map[string]measured
}

type measured struct {
	size int
	err  error
}

// checkPatterns reports each regex answer over a limit at its own position,
// and the one that takes the quiz's regex answers over their total.
func (d *decoder) checkPatterns(blanks []*yaml.Node, budget *patternBudget) {
	for i, blank := range blanks {
		for j, item := range blank.Content {
			n := d.resolveQuiet(item)
			if n == nil || n.Kind != yaml.ScalarNode {
				continue // reported as the wrong type already
			}
			size, err := budget.measure(n.Value)
			var limit *PatternLimitError
			switch {
			case errors.As(err, &limit):
				d.errorf(item, RuleRegexTooLarge, "blank %d, answer %d: %v", i+1, j+1, limit)
			case err != nil:
				// check reports a pattern that does not parse (bad-regex)
			case budget.exceeded:
			case size > budget.left:
				budget.exceeded = true
				d.errorf(item, RuleRegexTooLarge, "blank %d, answer %d: with this pattern the regex answers of this quiz compile to more than %d instructions together, "+
					"the limit that keeps grading the whole quiz quick: simplify the patterns, or move some questions to another quiz", i+1, j+1, MaxQuizPatternInsts)
			default:
				budget.left -= size
			}
		}
	}
}

// measure is PatternSize, done once per distinct pattern of the file. Once
// the quiz is over its total, the programs are no longer built: the
// estimate still finds each pattern over its own limit, and the work of
// compiling stays bounded by the total.
func (b *patternBudget) measure(pattern string) (int, error) {
	if m, ok := b.measured[pattern]; ok {
		return m.size, m.err
	}
	var m measured
	if b.exceeded {
		var re *syntax.Regexp
		if re, m.err = parseWithinLimits(pattern); m.err == nil {
			m.size = int(estimateInsts(re))
		}
	} else {
		m.size, m.err = PatternSize(pattern)
	}
	if b.measured == nil {
		b.measured = map[string]measured{}
	}
	b.measured[pattern] = m
	return m.size, m.err
}
