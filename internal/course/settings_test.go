package course

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

func lessonWith(info string) string {
	return "---\nid: a\ntitle: A\n---\n\n" + info + "\ncaption\n```\n"
}

func TestCardSettingsAreReadInOrderWithTheirPlaces(t *testing.T) {
	l, ps := ParseLesson("l.md", []byte(lessonWith("```example gather  model=loop delay3=4s\tdelay1=1.5")))
	require.Empty(t, ps)
	refs := l.Examples()
	require.Len(t, refs, 1)
	r := refs[0]
	assert.Equal(t, "gather", r.Name)
	assert.Equal(t, "caption", r.Caption)
	assert.Equal(t, Pos{File: "l.md", Line: 6, Col: 12}, r.Pos)
	assert.Equal(t, "loop", r.Model)
	assert.Equal(t, Pos{File: "l.md", Line: 6, Col: 20}, r.ModelPos)
	assert.Equal(t, []CardParam{
		{Name: "delay3", Value: "4s", Pos: Pos{File: "l.md", Line: 6, Col: 31}},
		{Name: "delay1", Value: "1.5", Pos: Pos{File: "l.md", Line: 6, Col: 41}},
	}, r.Params)
	assert.Equal(t, map[string]string{"delay3": "4s", "delay1": "1.5"}, r.Settings())
}

func TestCardWithoutSettings(t *testing.T) {
	l, ps := ParseLesson("l.md", []byte(lessonWith("```example gather")))
	require.Empty(t, ps)
	r := l.Examples()[0]
	assert.Empty(t, r.Model)
	assert.Nil(t, r.Params)
	assert.Nil(t, r.Settings())
}

// A card's words are only parsed here: an unknown model, example or
// parameter is check's to find, since only it knows the examples.
func TestCardMeaningIsLeftToCheck(t *testing.T) {
	l, ps := ParseLesson("l.md", []byte(lessonWith("```example gather model=fortran nope=1")))
	require.Empty(t, ps)
	assert.Equal(t, "fortran", l.Examples()[0].Model)
}

func TestCardSettingSyntaxErrors(t *testing.T) {
	cases := []struct {
		name, info string
		want       []string
		message    string
	}{
		{"not key=value", "```example gather loop", []string{"l.md:6:19 example-block"}, `"loop" is not a setting`},
		{"empty key", "```example gather =4s", []string{"l.md:6:19 example-block"}, "is not a setting"},
		{"empty value", "```example gather delay1=", []string{"l.md:6:19 example-block"}, "delay1= has no value"},
		{"repeated key", "```example gather delay1=1s delay1=2s", []string{"l.md:6:29 example-block"}, "delay1 is set twice on this card (first at column 19)"},
		{"repeated model", "~~~ example gather model=loop model=python", []string{"l.md:6:31 example-block"}, "model is set twice"},
		{"settings before the name", "```example model=loop gather", []string{"l.md:6:12 example-block"}, "name the example first"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := lessonWith(c.info)
			if c.info[0] == '~' {
				src = "---\nid: a\ntitle: A\n---\n\n" + c.info + "\n~~~\n"
			}
			l, ps := ParseLesson("l.md", []byte(src))
			assert.Equal(t, c.want, brief(ps))
			require.NotEmpty(t, ps)
			assert.Contains(t, ps[0].Message, c.message)
			require.NotNil(t, l)
		})
	}
}

// A bad word does not cost the card: the lesson still shows it, with the
// settings that are well formed.
func TestCardKeepsItsGoodSettings(t *testing.T) {
	l, ps := ParseLesson("l.md", []byte(lessonWith("```example gather oops delay2=1s")))
	require.Len(t, ps, 1)
	r := l.Examples()[0]
	assert.Equal(t, []CardParam{{Name: "delay2", Value: "1s", Pos: Pos{File: "l.md", Line: 6, Col: 24}}}, r.Params)
}

const outputQuiz = `id: q
title: Q
questions:
  - id: o
    type: output
    prompt: Order.
    example: gather
    model: %s
    params: %s
    lines: [a, b]
`

func quizWith(model, params string) string {
	return fmt.Sprintf(outputQuiz, model, params)
}

func TestOutputQuestionModelAndParams(t *testing.T) {
	q, ps := ParseQuiz("q.yaml", []byte(quizWith("loop", "{delay3: 4s, delay1: 2}")))
	require.Empty(t, ps)
	qu := q.Questions[0]
	assert.Equal(t, trace.ModelLoop, qu.Model)
	assert.Equal(t, trace.ModelLoop, qu.RunModel())
	assert.Equal(t, []CardParam{
		{Name: "delay3", Value: "4s", Pos: Pos{File: "q.yaml", Line: 9, Col: 14}},
		{Name: "delay1", Value: "2", Pos: Pos{File: "q.yaml", Line: 9, Col: 26}},
	}, qu.Params)
	assert.Equal(t, map[string]string{"delay3": "4s", "delay1": "2"}, qu.Settings())
	assert.Equal(t, Pos{File: "q.yaml", Line: 8, Col: 12}, qu.At("model"))
}

func TestOutputQuestionWithoutModelRunsGoroutines(t *testing.T) {
	src := "id: q\ntitle: Q\nquestions:\n  - id: o\n    type: output\n    prompt: Order.\n    example: gather\n    lines: [a, b]\n"
	q, ps := ParseQuiz("q.yaml", []byte(src))
	require.Empty(t, ps)
	assert.Equal(t, trace.Model(""), q.Questions[0].Model)
	assert.Equal(t, trace.ModelGoroutines, q.Questions[0].RunModel())
	assert.Nil(t, q.Questions[0].Settings())
}

func TestOutputQuestionModelAndParamsErrors(t *testing.T) {
	cases := []struct {
		name, model, params string
		want                []string
		message             string
	}{
		{"unknown model", "asyncio", "{}", []string{"q.yaml:8:12 bad-value"}, `unknown model "asyncio"; use goroutines, loop or python`},
		{"model not text", "[loop]", "{}", []string{"q.yaml:8:12 wrong-type"}, "model must be text"},
		{"params a list", "loop", "[delay1]", []string{"q.yaml:9:13 wrong-type"}, "params must be a mapping"},
		{"param without value", "loop", "{delay1: }", []string{"q.yaml:9:14 missing-field"}, `parameter "delay1" has no value`},
		{"param value a list", "loop", "{delay1: [1]}", []string{"q.yaml:9:22 wrong-type"}, `the value of parameter "delay1" must be text`},
		{"param twice", "loop", "{delay1: 1, delay1: 2}", []string{"q.yaml:9:25 duplicate-key"}, `parameter "delay1" appears twice`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ps := ParseQuiz("q.yaml", []byte(quizWith(c.model, c.params)))
			assert.Equal(t, c.want, brief(ps))
			require.NotEmpty(t, ps)
			assert.Contains(t, ps[0].Message, c.message)
		})
	}
}

func TestModelBelongsToOutputQuestions(t *testing.T) {
	src := "id: q\ntitle: Q\nquestions:\n  - id: o\n    type: order\n    prompt: Order.\n    items: [a, b]\n    model: loop\n    params: {x: 1}\n"
	_, ps := ParseQuiz("q.yaml", []byte(src))
	assert.Equal(t, []string{"q.yaml:8:12 field-for-other-type", "q.yaml:9:13 field-for-other-type"}, brief(ps))
}

func TestSchemaHasModelAndParams(t *testing.T) {
	s := string(QuizSchema())
	assert.Contains(t, s, `"model": {`)
	assert.Contains(t, s, `"params": {`)
	assert.Contains(t, s, `"python"`)
}
