package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// runOutline is what `asyncio-tutor` with no arguments does until the
// interactive player lands: show the built-in course and the commands that
// work today, rather than a blank screen.
func runOutline(cmd *cobra.Command) error {
	flags := courseFlags{}
	c, problems, err := flags.load()
	if err != nil {
		return err
	}
	if err := flags.usable(problems); err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "asyncio-tutor: %d lessons, %d quizzes\n\n", len(c.Lessons), len(c.Quizzes))
	out := cmd.OutOrStdout()
	if _, err := fmt.Fprint(out, b.String()); err != nil {
		return err
	}
	if err := writeLessonTable(out, listLessons(c)); err != nil {
		return err
	}
	_, err = fmt.Fprint(out, `
The interactive player is not in this build yet. What works today:
  asyncio-tutor list                      lessons, quizzes and examples
  asyncio-tutor grade --quiz ID --answers FILE
  asyncio-tutor check [DIR]               validate a course and prove its answer keys
Run asyncio-tutor --help for everything.
`)
	return err
}
