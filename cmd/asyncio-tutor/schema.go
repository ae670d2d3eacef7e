package main

import (
	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

func newSchemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema (draft-07) of quiz files, for editor autocompletion",
		Long: `schema prints the JSON Schema of quiz YAML files. Point your editor's YAML language server
at it (a copy ships as quizzes/schema.json) to get completion and inline errors while writing.`,
		Example: `  asyncio-tutor schema > quiz.schema.json
  # then, first line of a quiz file, for the YAML language server:
  # yaml-language-server: $schema=./quiz.schema.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := cmd.OutOrStdout().Write(course.QuizSchema()); err != nil {
				return ioError("cannot write the schema", err)
			}
			return nil
		},
	}
}
