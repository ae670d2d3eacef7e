package course

import (
	"encoding/json"
	"slices"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// QuizSchema is the JSON Schema (draft-07) of a quiz file, so that editors
// with a YAML language server autocomplete and underline quiz files. Load is
// the authority; the schema mirrors it, and a test keeps quizzes/schema.json
// equal to this.
func QuizSchema() []byte {
	text := func(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }
	id := func(desc string) map[string]any {
		return map[string]any{"type": "string", "pattern": idPattern.String(), "maxLength": MaxIDLen, "description": desc}
	}
	list := func(items map[string]any, desc string) map[string]any {
		return map[string]any{"type": "array", "items": items, "maxItems": MaxListLen, "description": desc}
	}
	// An instructor may write a choice as True or 42; Load accepts the text.
	scalar := map[string]any{"type": []string{"string", "number", "boolean"}}
	onlyFor := func(t QuestionType) map[string]any {
		var forbidden []any
		for _, other := range QuestionTypes { // a fixed order: the schema file is compared byte for byte
			if other == t {
				continue
			}
			for _, k := range typeFields[other] {
				if !slices.Contains(typeFields[t], k) {
					forbidden = append(forbidden, map[string]any{"required": []string{k}})
				}
			}
		}
		then := map[string]any{"required": requiredFor(t)}
		if len(forbidden) > 0 {
			then["not"] = map[string]any{"anyOf": dedupe(forbidden)}
		}
		return map[string]any{
			"if":   map[string]any{"properties": map[string]any{"type": map[string]any{"const": string(t)}}},
			"then": then,
		}
	}
	var allOf []any
	for _, t := range QuestionTypes {
		allOf = append(allOf, onlyFor(t))
	}
	models := make([]string, len(trace.Models))
	for i, m := range trace.Models {
		models[i] = string(m)
	}
	types := make([]string, len(QuestionTypes))
	for i, t := range QuestionTypes {
		types[i] = string(t)
	}
	question := map[string]any{
		"type":                 "object",
		"additionalProperties": false,
		"required":             []string{"id", "type", "prompt"},
		"properties": map[string]any{
			"id":     id("unique within the quiz"),
			"type":   map[string]any{"enum": types, "description": "single | multi | text | order | output"},
			"prompt": text("the question, in markdown; in a text question each ___ is a blank"),
			"choices": list(map[string]any{
				"type":                 "object",
				"additionalProperties": false,
				"required":             []string{"text"},
				"properties": map[string]any{
					"text":     scalar,
					"correct":  map[string]any{"type": "boolean", "default": false},
					"feedback": text("shown when the learner picks this choice"),
				},
			}, "single and multi: the choices"),
			"answers": list(list(scalar, "accepted answers for one blank"), "text: one list of accepted answers per blank"),
			"match": map[string]any{"enum": []string{string(MatchFold), string(MatchExact), string(MatchRegex), string(MatchNumber)}, "default": string(MatchFold),
				"description": "text: fold (case and width ignored), exact, regex (each answer a pattern for the whole answer) or number (each answer a number, read with unit and tolerance)"},
			"tolerance": map[string]any{
				"oneOf": []any{
					map[string]any{"type": "number", "minimum": 0},
					map[string]any{"type": "string", "pattern": `^\s*[0-9]+(\.[0-9]+)?\s*%\s*$`},
				},
				"default":     0,
				"description": "text with match: number: how far from the key an answer may be, in the unit (0.1) or as a percentage of the key (5%)",
			},
			"unit": map[string]any{"type": "string", "minLength": 1, "maxLength": maxUnitLen,
				"description": "text with match: number: the unit of the key, e.g. s; answers in ms, min or h are converted, and s, sec, seconds and วินาที are one unit"},
			"items":   list(scalar, "order: the items in their correct order"),
			"example": text("output: the example whose printed lines the learner orders"),
			"model": map[string]any{"enum": models, "default": string(trace.ModelGoroutines),
				"description": "output: the model the example runs in: goroutines (the Go code), loop (the asyncio model, exact virtual time) or python (the Python twin; needs python3)"},
			"params": map[string]any{
				"type":                 "object",
				"additionalProperties": map[string]any{"type": []string{"string", "number"}},
				"maxProperties":        MaxListLen,
				"description":          "output: parameters the example runs with, e.g. {delay3: 4s}; the rest keep their defaults",
			},
			"lines":       list(scalar, "output: the lines in the order the example really prints them"),
			"explanation": text("markdown shown after answering, right or wrong"),
			"hint": map[string]any{"type": "string", "minLength": 1, "maxLength": MaxHintLen,
				"description": "a short nudge the learner may ask for before answering; it must not give the answer away"},
			"tries": map[string]any{"type": "integer", "minimum": 1, "maximum": MaxTries, "default": DefaultTries,
				"description": "attempts at the question: after a wrong answer with tries left, the learner answers again"},
			"tags": list(map[string]any{"type": "string"}, "free-form labels"),
		},
		"allOf": allOf,
	}
	schema := map[string]any{
		"$schema":              "http://json-schema.org/draft-07/schema#",
		"$id":                  "https://github.com/asyncio-tutor/asyncio-tutor/quizzes/schema.json",
		"title":                "asyncio-tutor quiz",
		"type":                 "object",
		"additionalProperties": false,
		"required":             []string{"id", "title", "questions"},
		"properties": map[string]any{
			"id":        id("unique in the course; lessons link it with quiz: ID"),
			"title":     text("one line"),
			"pass":      map[string]any{"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": DefaultPass},
			"questions": map[string]any{"type": "array", "minItems": 1, "maxItems": MaxListLen, "items": question},
		},
	}
	b, err := json.MarshalIndent(schema, "", "  ")
	if err != nil {
		panic(err) // a map of plain values always marshals
	}
	return append(b, '\n')
}

func requiredFor(t QuestionType) []string {
	var req []string
	for _, k := range typeFields[t] {
		if !slices.Contains(optionalFields, k) {
			req = append(req, k)
		}
	}
	return req
}

func dedupe(xs []any) []any {
	seen := map[string]bool{}
	var out []any
	for _, x := range xs {
		k := x.(map[string]any)["required"].([]string)[0]
		if !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}
