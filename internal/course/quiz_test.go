package course

import (
	"fmt"
	"regexp/syntax"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// regexQuiz is a quiz of one regex question whose accepted answers are
// patterns, each on its own line from line 7 on, in column 9.
func regexQuiz(patterns ...string) string {
	var b strings.Builder
	b.WriteString("id: q\ntitle: T\nquestions:\n  - id: x\n    type: text\n    prompt: p\n    answers:\n      -\n")
	for _, p := range patterns {
		fmt.Fprintf(&b, "        - '%s'\n", p)
	}
	b.WriteString("    match: regex\n") // after answers: the check waits for the mode
	return b.String()
}

func TestRegexAnswerOverTheLengthLimit(t *testing.T) {
	long := strings.Repeat(`(?:\pL?){1000}`, 16<<10/14)
	require.Greater(t, len(long), 16_000)
	_, ps := ParseQuiz("q.yaml", []byte(regexQuiz(`await`, long)))
	require.Equal(t, []string{"q.yaml:10:11 regex-too-large"}, brief(ps))
	assert.Contains(t, ps[0].Message, "blank 1, answer 2")
	assert.Contains(t, ps[0].Message, fmt.Sprintf("at most %d", MaxPatternLen))
	assert.Contains(t, ps[0].Message, "short pattern")
}

func TestRegexAnswerWithAHugeProgram(t *testing.T) {
	cases := []string{
		`(?:(?:ab|cd){10}){100}`, // 22 bytes, 5,000 instructions
		`(?:.?){1000}`,           // every copy stays alive while matching
		strings.Repeat(`\w{300}`, 7),
	}
	for _, pattern := range cases {
		t.Run(pattern, func(t *testing.T) {
			require.Less(t, len(pattern), MaxPatternLen)
			_, ps := ParseQuiz("q.yaml", []byte(regexQuiz(pattern)))
			require.Equal(t, []string{"q.yaml:9:11 regex-too-large"}, brief(ps))
			assert.Contains(t, ps[0].Message, fmt.Sprintf("at most %d", MaxPatternInsts))
			assert.Contains(t, ps[0].Message, "instead of large {n,m} counts")
		})
	}
}

func TestRegexAnswersWithinTheLimits(t *testing.T) {
	_, ps := ParseQuiz("q.yaml", []byte(regexQuiz(`(?i)await\s+asyncio\.sleep\(\s*\d+(?:\.\d+)?\s*\)`, `(?:.?){490}`, `[`)))
	assert.Empty(t, ps, "a pattern that does not parse is check's bad-regex, not a limit")

	q, ps := ParseQuiz("q.yaml", []byte(strings.Replace(regexQuiz(strings.Repeat(`a{400}`, 6)), "regex", "fold", 1)))
	assert.Empty(t, ps, "fold answers are text, not patterns")
	assert.Equal(t, MatchFold, q.Questions[0].Match)
}

func TestRegexAnswersOfAQuizTogether(t *testing.T) {
	one := `(?:.?){450}` // 905 instructions with the anchors
	size, err := PatternSize(one)
	require.NoError(t, err)
	fits := MaxQuizPatternInsts / size
	patterns := make([]string, fits+2)
	for i := range patterns {
		patterns[i] = fmt.Sprintf("%s%d", one, i) // distinct, so nothing is measured once for two
	}
	_, ps := ParseQuiz("q.yaml", []byte(regexQuiz(patterns...)))
	require.Equal(t, []string{fmt.Sprintf("q.yaml:%d:11 regex-too-large", 9+fits)}, brief(ps), "one problem, at the pattern that goes over")
	assert.Contains(t, ps[0].Message, fmt.Sprintf("more than %d instructions together", MaxQuizPatternInsts))
}

func TestRegexAnswerRepeatedByAliases(t *testing.T) {
	src := "id: q\ntitle: T\nquestions:\n  - id: x\n    type: text\n    prompt: p\n    match: regex\n    answers: [[&p '(?:.?){1000}', *p, *p]]\n"
	_, ps := ParseQuiz("q.yaml", []byte(src))
	assert.Equal(t, []string{"q.yaml:8:16 regex-too-large", "q.yaml:8:35 regex-too-large", "q.yaml:8:39 regex-too-large"}, brief(ps), "each use, at its place")
}

// TestProgramSizeIsTheCompiledSize keeps the estimate honest: it is what
// the compiler emits, so the limit means what it says.
func TestProgramSizeIsTheCompiledSize(t *testing.T) {
	patterns := []string{
		``, `a`, `abc`, `(?i)await`, `a|b|c`, `a*`, `a+`, `a?`, `a*?`, `(?:a*)*`, `(?:a?)*`, `(a)`, `(?:)`, `a{0}`,
		`a{1}`, `a{2}`, `a{2,}`, `a{0,}`, `a{1,}`, `a{2,5}`, `a{0,5}`, `(?:a?){3}`, `(?:a?){0,3}`, `(?:a*){2,4}`,
		`(?:ab|c){3,}`, `(?:(?:a|b){10}){100}`, `(?:.?){1000}`, `\bx\B^$`, `[a-z]{3}\d+`, `(?:)*`, `(?:){3,5}`,
		`(?s).{2}`, `(?:a??){2,3}`, `(?:a+?)+?`, `(x|)*`, `(?:\pL|\pN)*`, `3(\.0+)?\s*s?`,
		`(?i)\s*await\s+asyncio\.sleep\(\s*\d+(?:\.\d+)?\s*\)`, `(?:a{2}){0,0}`, `(?:x{3}){2}y{4,}`,
	}
	for _, p := range patterns {
		re, err := syntax.Parse(AnswerPattern(p), syntax.Perl)
		require.NoError(t, err, p)
		prog, err := syntax.Compile(re.Simplify())
		require.NoError(t, err, p)
		assert.Equal(t, int64(len(prog.Inst)), estimateInsts(re), "%s", p)
	}
}

// hostileQuiz is a quiz file near MaxFileSize whose one blank accepts as
// many copies as fit of pattern, each made distinct.
func hostileQuiz(pattern string) []byte {
	var patterns []string
	for i := 0; len(patterns) < MaxListLen && (len(patterns)+1)*(len(pattern)+16) < MaxFileSize; i++ {
		patterns = append(patterns, fmt.Sprintf("%s%d", pattern, i))
	}
	return []byte(regexQuiz(patterns...))
}

// BenchmarkParseQuizOfHugePatterns loads a quiz of 500 patterns each just
// under the length limit, each compiling to 140,000 instructions: refusing
// them costs their parsing, never a program.
func BenchmarkParseQuizOfHugePatterns(b *testing.B) {
	src := hostileQuiz(strings.Repeat(`(?:\pL?){1000}`, 70))
	for b.Loop() {
		if _, ps := ParseQuiz("q.yaml", src); len(ps) != MaxListLen {
			b.Fatalf("%d problems", len(ps))
		}
	}
}

// BenchmarkParseQuizOverItsTotal loads a quiz of 500 patterns each at the
// instruction limit: programs are built only until the quiz's total runs out.
func BenchmarkParseQuizOverItsTotal(b *testing.B) {
	src := hostileQuiz(`(?:\pL?){495}`)
	for b.Loop() {
		if _, ps := ParseQuiz("q.yaml", src); len(ps) != 1 {
			b.Fatalf("%v", brief(ps))
		}
	}
}
