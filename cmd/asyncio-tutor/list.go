package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

// listedLesson is the public JSON shape of `list --format json`.
type listedLesson struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Summary  string   `json:"summary,omitempty"`
	Quiz     string   `json:"quiz,omitempty"`
	Examples []string `json:"examples"`
	File     string   `json:"file"`
}

// listedCourse is what course.yaml says, in `list --format json`'s "course"
// key; the key is absent when the course has no course.yaml.
type listedCourse struct {
	Title     string   `json:"title"`
	Summary   string   `json:"summary,omitempty"`
	Authors   []string `json:"authors,omitempty"`
	Languages []string `json:"languages,omitempty"`
	Version   string   `json:"version,omitempty"`
}

func newListCmd() *cobra.Command {
	var flags courseFlags
	var format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the course's lessons with their quizzes and examples",
		Example: `  asyncio-tutor list
  asyncio-tutor list --lang th
  asyncio-tutor list --course ./my-course --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return usageError("unknown format %q; use text or json", format)
			}
			c, err := flags.loadUsable()
			if err != nil {
				return err
			}
			lessons := listLessons(c)
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				out := map[string]any{"lessons": lessons}
				if m := c.Meta; m != nil {
					out["course"] = listedCourse{Title: m.Title, Summary: m.Summary, Authors: m.Authors, Languages: m.Languages, Version: m.Version}
				}
				if err := enc.Encode(out); err != nil {
					return ioError("cannot write the list", err)
				}
				return nil
			}
			if err := writeLessonTable(cmd.OutOrStdout(), c.Title(), lessons); err != nil {
				return ioError("cannot write the list", err)
			}
			return nil
		},
	}
	flags.register(cmd, true)
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text or json")
	return cmd
}

func listLessons(c *course.Course) []listedLesson {
	out := make([]listedLesson, 0, len(c.Lessons))
	for _, l := range c.Lessons {
		ll := listedLesson{ID: l.ID, Title: l.Title, Summary: l.Summary, Quiz: l.Quiz, File: l.File, Examples: []string{}}
		for _, r := range l.Examples() {
			ll.Examples = append(ll.Examples, r.Name)
		}
		out = append(out, ll)
	}
	return out
}

// writeLessonTable writes the course's title, when it has one, then the
// lessons, aligning columns by display width, so Thai titles (with
// combining marks) line up as well as English ones.
func writeLessonTable(w io.Writer, title string, lessons []listedLesson) error {
	rows := [][]string{{"#", "ID", "TITLE", "QUIZ", "EXAMPLES"}}
	for i, l := range lessons {
		rows = append(rows, []string{fmt.Sprint(i + 1), l.ID, l.Title, l.Quiz, strings.Join(l.Examples, ", ")})
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, cell := range r {
			r[i] = termtext.Name(cell)
			widths[i] = max(widths[i], ansi.StringWidth(r[i]))
		}
	}
	var b strings.Builder
	if title != "" {
		b.WriteString(termtext.Name(title) + "\n\n")
	}
	for _, r := range rows {
		for i, cell := range r {
			b.WriteString(cell)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(cell)+2))
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
