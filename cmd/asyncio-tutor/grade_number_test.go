package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The built-in course's half-step question is a number question in s.
func gradeHalfStep(t *testing.T, answer string, args ...string) result {
	t.Helper()
	return runCLI(t, "half-step: "+answer+"\n", append([]string{"grade", "--quiz", "nested-awaits", "--answers", "-"}, args...)...)
}

func TestGradeAcceptsNumberAnswers(t *testing.T) {
	for _, answer := range []string{"1.5", "1.5 s", "1500 ms", "'1,5'", "1.5 seconds"} {
		r := gradeHalfStep(t, answer)
		assert.Equal(t, exitFail, r.code, "the other questions are unanswered: %s", r.stderr)
		assert.Regexp(t, `half-step +right`, r.stdout, answer)
	}
	r := gradeHalfStep(t, "1.5 วินาที", "--lang", "th")
	assert.Regexp(t, `half-step +right`, r.stdout)

	r = gradeHalfStep(t, "1.5 ms")
	assert.Regexp(t, `half-step +wrong\n +right answer: 1.5 s\n`, r.stdout)
}

func TestGradeRefusesANumberAnswerThatIsNoNumber(t *testing.T) {
	r := gradeHalfStep(t, "soon")
	assert.Equal(t, exitUsage, r.code, r.stdout)
	assert.Contains(t, r.stderr, `-:1:12: error: question "half-step" (text): "soon" is not a number; write digits, like 1.5 or 1.5 s`)
	assert.Empty(t, r.stdout)

	r = gradeHalfStep(t, "1.5 kg")
	assert.Equal(t, exitUsage, r.code, r.stdout)
	assert.Contains(t, r.stderr, `"1.5 kg" is not in a unit of time; answer in s`)
}

func TestSchemaDocumentsTheQuizAdditions(t *testing.T) {
	r := runCLI(t, "", "schema")
	assert.Equal(t, 0, r.code)
	for _, key := range []string{`"hint"`, `"tries"`, `"tolerance"`, `"unit"`, `"number"`} {
		assert.Contains(t, r.stdout, key)
	}
}
