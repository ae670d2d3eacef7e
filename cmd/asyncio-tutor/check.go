package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/check"
	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

func newCheckCmd() *cobra.Command {
	var format string
	var strict bool
	var explain string
	var flags courseFlags
	cmd := &cobra.Command{
		Use:   "check [DIR]",
		Short: "Validate a course folder and prove every answer key right",
		Long: `check reads a course folder and reports every problem at its file:line:col: YAML and
front-matter syntax, unknown or missing keys, duplicate ids, answer keys that cannot be right,
examples that do not exist, quiz smells, translations that drift from the original. It grades
every answer key with the real grader and runs the example of every output question, in the
question's model, to prove its lines print in that order. The instants come from virtual time,
so no verdict depends on how busy the machine is: loop runs the asyncio model, python runs
CPython's own loop on a virtual clock, and goroutines (the default) checks a run of the Go code
against the model's instants (a run too late to tell is retried, then reported skipped).
Without python3 a python question is reported as skipped, which does not fail.

Which course: DIR (or --course DIR); without one, the current folder when it holds
course.yaml, lessons/ or quizzes/, else the built-in course. The text report's first line
says which; the json, junit, github and sarif formats say it on standard error, so that
their standard output stays only the report.

Exit status: 0 when nothing is an error (warnings allowed, skips too; --strict counts every
warning as an error), 1 when something is (or the report cannot be written), 2 on a usage
error such as a folder that does not exist.`,
		Example: `  asyncio-tutor check                           # the course in this folder, else the built-in one
  asyncio-tutor check ./course                  # your course folder
  asyncio-tutor check --course ./course --strict  # warnings fail too
  asyncio-tutor check ./course --format github  # annotations on a pull request
  asyncio-tutor check ./course --format json | jq '.problems[] | select(.severity=="error")'
  asyncio-tutor check --explain unknown-key     # what a rule in brackets means`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("explain") {
				return explainRule(cmd, explain)
			}
			if !slices.Contains(check.Formats, format) {
				return usageError("unknown format %q; use one of %s", format, strings.Join(check.Formats, ", "))
			}
			dir, err := folderToCheck(args, flags.dir)
			if err != nil {
				return err
			}
			src, err := source(dir)
			if err != nil {
				return err
			}
			if err := announce(cmd, format, dir); err != nil {
				return ioError("cannot write the report", err)
			}
			c, problems := course.Load(cmd.Context(), src)
			report := check.Course(cmd.Context(), c, problems, check.Options{ProveOutput: true, Strict: strict})
			if err := check.Write(cmd.OutOrStdout(), report, format); err != nil {
				return ioError("cannot write the report", err)
			}
			if !report.OK() {
				return failure("check")
			}
			return nil
		},
	}
	flags.register(cmd, false)
	cmd.Flags().StringVarP(&format, "format", "f", "text", "report format: "+strings.Join(check.Formats, ", "))
	cmd.Flags().BoolVar(&strict, "strict", false, "report every warning as an error, so that warnings fail the check too")
	cmd.Flags().StringVar(&explain, "explain", "", "print what the rule RULE (the name in brackets) catches, why, and how to fix it, then exit")
	return cmd
}

// explainRule prints a rule's explanation; a name that is no rule is a
// usage error that suggests the nearest, or lists them all.
func explainRule(cmd *cobra.Command, rule string) error {
	e, ok := check.Explain(rule)
	if !ok {
		hint := course.Nearest(rule, check.Rules())
		if hint == "" {
			hint = "; the rules are " + strings.Join(check.Rules(), ", ")
		}
		return usageError("there is no rule %q%s", termtext.Name(rule), hint)
	}
	if _, err := io.WriteString(cmd.OutOrStdout(), e.String()); err != nil {
		return ioError("cannot write the explanation", err)
	}
	return nil
}

// folderToCheck is the course folder check reads: DIR or --course (the same
// thing said twice is fine, two different folders are not), else the
// current folder when it looks like a course, else "" for the built-in
// course. A CI step that runs a bare `check` inside the course must check
// that course, not the built-in one that always passes.
func folderToCheck(args []string, courseFlag string) (string, error) {
	dir := courseFlag
	if len(args) == 1 {
		if dir != "" && filepath.Clean(dir) != filepath.Clean(args[0]) {
			return "", usageError("check was given two course folders, %s and --course %s; give one", termtext.Name(args[0]), termtext.Name(dir))
		}
		dir = args[0]
	}
	if dir == "" && looksLikeCourse(".") {
		dir = "."
	}
	return dir, nil
}

// looksLikeCourse reports whether dir holds any of the things a course folder has.
func looksLikeCourse(dir string) bool {
	for _, name := range []string{"course.yaml", "lessons", "quizzes"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// announce says which course is checked: as the first line of the text
// report, and on standard error for the machine formats, whose standard
// output a parser reads whole (a line before the JSON or XML would break it).
// Only a failure to write the report fails the check; the note on standard
// error is a courtesy.
func announce(cmd *cobra.Command, format, dir string) error {
	if format != "text" {
		_, _ = io.WriteString(cmd.ErrOrStderr(), checkingLine(dir))
		return nil
	}
	_, err := io.WriteString(cmd.OutOrStdout(), checkingLine(dir))
	return err
}

func checkingLine(dir string) string {
	switch dir {
	case "":
		return "checking the built-in course\n"
	case ".", "./":
		return "checking the course in ./\n"
	}
	return fmt.Sprintf("checking the course in %s\n", termtext.Name(dir))
}
