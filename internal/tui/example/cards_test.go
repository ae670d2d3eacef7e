package example

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// englishNumbers and thaiNumbers are how the course writes small whole
// numbers in words.
var (
	englishNumbers = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	thaiNumbers    = []string{"ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า", "สิบ"}
)

// statesTime finds where text states d as a time: "2 s", "2s", "2 seconds",
// "2-second", "two seconds", "2 วินาที", "สองวินาที". A parameter setting
// ("delay1=2s") is the card's input, not its outcome.
func statesTime(text string, d time.Duration) string {
	n := strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
	forms := []string{`(^|[^\d.=])` + regexp.QuoteMeta(n) + `(\.0+)?(\s*s\b|\s*sec|\s*seconds?\b|-second|\s*วินาที)`}
	if d%time.Second == 0 && d <= 10*time.Second {
		k := int(d / time.Second)
		forms = append(forms, `(?i)\b`+englishNumbers[k]+`[ -]seconds?\b`, thaiNumbers[k]+`\s*วินาที`)
	}
	if d < time.Second {
		forms = append(forms, `(^|[^\d.=])`+strconv.Itoa(int(d/time.Millisecond))+`\s*ms\b`)
	}
	for _, f := range forms {
		if m := regexp.MustCompile(f).FindString(text); m != "" {
			return m
		}
	}
	return ""
}

func TestStatesTime(t *testing.T) {
	for text, d := range map[string]time.Duration{
		"done in 3 s": 3 * time.Second, "2 s in all.": 2 * time.Second, "both at 1s": time.Second,
		"one second in all": time.Second, "a 1-second deadline": time.Second, "4.5 seconds": 4500 * time.Millisecond,
		"ที่ 1 วินาที": time.Second, "ใช้สองวินาที": 2 * time.Second, "after 500 ms": 500 * time.Millisecond,
	} {
		assert.NotEmpty(t, statesTime(text, d), "%q states %v", text, d)
	}
	for text, d := range map[string]time.Duration{
		"set delay1=3s": 3 * time.Second, "Six 1-second requests": 3 * time.Second, "at 0.5 s": 5 * time.Second,
		"step=500ms": 500 * time.Millisecond, "21 s": time.Second,
	} {
		assert.Empty(t, statesTime(text, d), "%q does not state %v", text, d)
	}
}

// No card of the built-in course, in any language, gives away the total
// of the run it opens before that run has been seen: not in its caption,
// and nowhere on the screen the card opens.
func TestNoCardTellsTheTotalBeforeTheRun(t *testing.T) {
	full, problems := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS})
	require.False(t, course.HasErrors(problems), "%v", problems)
	cards := 0
	for _, lang := range append([]string{""}, full.Langs()...) {
		for _, l := range full.In(lang).Lessons {
			for _, seg := range l.Segments {
				ref := seg.Example
				if ref == nil {
					continue
				}
				cards++
				x, ok := examples.Lookup(ref.Name)
				require.True(t, ok, "%s: %s", l.File, ref.Name)
				total, err := x.Expect(ref.Settings())
				require.NoError(t, err)
				where := fmt.Sprintf("%s:%d, example %s (total %v)", l.File, ref.Pos.Line, ref.Name, total)
				t.Run(fmt.Sprintf("%s:%d", l.File, ref.Pos.Line), func(t *testing.T) {
					caption := strings.Join(strings.Fields(ref.Caption), " ")
					assert.Empty(t, statesTime(caption, total), "%s: the caption tells the total: %q", where, caption)
					synctest.Test(t, func(t *testing.T) {
						s := open(t, newCommon(100, 30), ref.Name, ref.Caption, ref.Params...)
						screen := strings.Join(strings.Fields(s.view()), " ")
						assert.Empty(t, statesTime(screen, total), "%s: the screen before the run tells the total: %s", where, screen)
					})
				})
			}
		}
	}
	assert.Greater(t, cards, 20, "every card of both languages was walked")
}
