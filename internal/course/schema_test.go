package course

import (
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite quizzes/schema.json")

// Editors read quizzes/schema.json from the repository; it must say what
// QuizSchema says.
func TestSchemaFileIsCurrent(t *testing.T) {
	const file = "../../quizzes/schema.json"
	if *update {
		require.NoError(t, os.WriteFile(file, QuizSchema(), 0o644))
	}
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, string(QuizSchema()), string(got), "run go test ./internal/course -update")
}

func TestSchemaIsDraft07WithEveryQuestionKey(t *testing.T) {
	var s map[string]any
	require.NoError(t, json.Unmarshal(QuizSchema(), &s))
	assert.Equal(t, "http://json-schema.org/draft-07/schema#", s["$schema"])
	question := s["properties"].(map[string]any)["questions"].(map[string]any)["items"].(map[string]any)
	props := question["properties"].(map[string]any)
	for _, key := range []string{"id", "type", "prompt", "choices", "answers", "match", "items", "example", "lines", "explanation", "tags"} {
		assert.Contains(t, props, key)
	}
	assert.Len(t, question["allOf"], len(QuestionTypes), "one if/then per question type")
}
