package progress

import (
	"encoding/json"
	"errors"
	"testing"
)

// parse never panics, and what it accepts saves and reads back the same.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		``, "\x00\x00", `null`, `[]`, `{}`, `{"schema_version": 1}`, `{"schema_version": 2}`,
		`{"schema_version": 1, "courses": {"builtin": {"resume": {"lesson": "a", "line": 3},
		  "lessons": {"a": {"read_at": "2026-11-02T10:15:00+07:00", "quiz_attempts": [{"quiz": "q", "score": 0.5,
		  "questions": [{"id": "x", "correct": true, "score": 1}]}]}},
		  "examples": {"e": {"runs": 2, "last_run": "2026-11-02T10:15:00Z"}},
		  "predictions": [{"example": "e", "what": "total", "guess": "1s", "actual": "1s", "right": true}]}}}`,
		`{"schema_version": 1, "courses": {"b": null}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parse(data)
		var newer *newerError
		var damaged *damagedError
		switch {
		case err == nil:
		case errors.As(err, &newer), errors.As(err, &damaged):
			return
		default:
			t.Fatalf("parse returned %T: %v", err, err)
		}
		if p.Courses == nil {
			t.Fatal("accepted progress without a courses map")
		}
		once, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("accepted progress does not save: %v", err)
		}
		q, err := parse(once)
		if err != nil {
			t.Fatalf("saved progress does not read back: %v\n%s", err, once)
		}
		twice, _ := json.Marshal(q)
		if string(once) != string(twice) {
			t.Fatalf("read back differently:\n%s\n%s", once, twice)
		}
	})
}
