package main

import (
	"slices"

	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// namedSchema is a file schema prints the JSON Schema of.
type namedSchema struct {
	name   string
	schema func() []byte
}

// schemas are the files schema knows; the first is the default.
var schemas = []namedSchema{
	{"quiz", course.QuizSchema},
	{"course", course.CourseSchema},
}

func newSchemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema [quiz|course]",
		Short: "Print the JSON Schema (draft-07) of quiz files or course.yaml, for editor autocompletion",
		Long: `schema prints the JSON Schema of quiz YAML files (quiz, the default) or of course.yaml
(course). Point your editor's YAML language server at it (a copy of the quiz schema ships
as quizzes/schema.json) to get completion and inline errors while writing.`,
		Example: `  asyncio-tutor schema > quiz.schema.json
  asyncio-tutor schema course > course.schema.json
  # then, first line of a quiz file, for the YAML language server:
  # yaml-language-server: $schema=./quiz.schema.json`,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: []string{"quiz", "course"},
		RunE: func(cmd *cobra.Command, args []string) error {
			i := 0
			if len(args) == 1 {
				i = slices.IndexFunc(schemas, func(s namedSchema) bool { return s.name == args[0] })
			}
			if i < 0 {
				return usageError("there is no schema of %q; use quiz or course", args[0])
			}
			if _, err := cmd.OutOrStdout().Write(schemas[i].schema()); err != nil {
				return ioError("cannot write the schema", err)
			}
			return nil
		},
	}
}
