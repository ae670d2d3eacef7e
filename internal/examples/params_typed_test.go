package examples

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// An out-of-range value is named as the learner typed it, in their unit,
// beside the range they may use.
func TestOutOfRangeSaysTheValueAsTyped(t *testing.T) {
	x, ok := Lookup("sequential")
	if !assert.True(t, ok) {
		return
	}
	p := x.Params[0]
	cases := map[string]string{
		"99s":     "99s is out of range: allowed from 0s to 10s",
		" 90s ":   "90s is out of range: allowed from 0s to 10s",
		"12000ms": "12000ms is out of range: allowed from 0s to 10s",
		"2m":      "2m is out of range: allowed from 0s to 10s",
		"11":      "11s is out of range: allowed from 0s to 10s",
	}
	for typed, want := range cases {
		assert.EqualError(t, p.Check(typed), want, "%q", typed)
	}
	g, _ := Lookup("gather")
	fail := g.Params[len(g.Params)-1]
	assert.EqualError(t, fail.Check("2@90000ms"), "2@90000ms is out of range: a task from 1 to 3, a time up to 10s")
}
