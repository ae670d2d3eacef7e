package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/check"
	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

func newCheckCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "check [DIR]",
		Short: "Validate a course folder and prove every answer key right",
		Long: `check reads a course folder (the built-in course when DIR is omitted) and reports every
problem at its file:line:col: YAML and front-matter syntax, unknown or missing keys, duplicate
ids, answer keys that cannot be right, examples that do not exist, quiz smells, translations
that drift from the original. It grades every answer key with the real grader and runs the
example of every output question, in the question's model, to prove its lines print in that
order: goroutines (the default) on the wall clock, loop in exact virtual time, python on
CPython. Without python3 a python question is reported as skipped, which does not fail.

Exit status: 0 when nothing is an error (warnings allowed, skips too), 1 when something is
(or the report cannot be written), 2 on a usage error such as a folder that does not exist.`,
		Example: `  asyncio-tutor check                          # the built-in course
  asyncio-tutor check ./course                  # your course folder
  asyncio-tutor check ./course --format github  # annotations on a pull request
  asyncio-tutor check ./course --format json | jq '.problems[] | select(.severity=="error")'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(check.Formats, format) {
				return usageError("unknown format %q; use one of %s", format, strings.Join(check.Formats, ", "))
			}
			dir := ""
			if len(args) == 1 {
				dir = args[0]
			}
			src, err := source(dir)
			if err != nil {
				return err
			}
			c, problems := course.Load(cmd.Context(), src)
			report := check.Course(cmd.Context(), c, problems, check.Options{ProveOutput: true})
			if err := check.Write(cmd.OutOrStdout(), report, format); err != nil {
				return ioError("cannot write the report", err)
			}
			if !report.OK() {
				return failure("check")
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "report format: "+strings.Join(check.Formats, ", "))
	return cmd
}
