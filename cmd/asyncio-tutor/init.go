package main

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

// scaffold is the course init writes: course.yaml, a lesson with an example
// card, a quiz with a question of every type, and their Thai translations.
// A test checks that it passes check with no error and no warning.
//
//go:embed scaffold
var scaffold embed.FS

const scaffoldRoot = "scaffold"

func newInitCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "init DIR",
		Short: "Write a small course to start from into a new folder",
		Long: `init writes a course into DIR that check passes with no error and no warning:
course.yaml (title, summary, authors, languages, version), a lesson with an example card,
a quiz with one question of each type (single, multi, text, order, output), their Thai
translations in th/ folders, and quizzes/schema.json for your editor.

DIR must not exist yet, or be an empty folder: init never overwrites anything.`,
		Example: `  asyncio-tutor init my-course
  asyncio-tutor check my-course
  asyncio-tutor --course my-course --watch`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return initCourse(cmd.OutOrStdout(), args[0])
		},
	}
}

// initCourse writes the scaffold into dir and says what it wrote.
func initCourse(out io.Writer, dir string) error {
	if err := emptyOrAbsent(dir); err != nil {
		return err
	}
	written, err := writeScaffold(dir)
	if err != nil {
		return ioError("cannot write the course to "+termtext.Name(dir), err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "wrote a course to %s:\n", termtext.Name(dir))
	for _, name := range written {
		fmt.Fprintf(&b, "  %s\n", name)
	}
	fmt.Fprintf(&b, "next: asyncio-tutor check %[1]s, then asyncio-tutor --course %[1]s --watch\n", termtext.Name(dir))
	if _, err := io.WriteString(out, b.String()); err != nil {
		return ioError("cannot write the list of files", err)
	}
	return nil
}

// emptyOrAbsent refuses a dir that holds anything, or that is a file: init
// writes a new course and never overwrites a file of someone's.
func emptyOrAbsent(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		if st, statErr := os.Stat(dir); statErr == nil && !st.IsDir() {
			return usageError("%s is a file; give init a new folder to write the course into", termtext.Name(dir))
		}
		return inputError("cannot read %s: %v", termtext.Name(dir), unwrapPathErr(err))
	case len(entries) > 0:
		return usageError("%s exists and is not empty; init writes a new course, so give it a new folder or an empty one", termtext.Name(dir))
	}
	return nil
}

// writeScaffold writes every scaffold file under dir, and quizzes/schema.json
// from the schema this program checks with, and returns the names written,
// relative to dir. A file is created, never replaced: O_EXCL makes a file
// that appeared since emptyOrAbsent looked an error rather than lost.
func writeScaffold(dir string) ([]string, error) {
	var written []string
	err := fs.WalkDir(scaffold, scaffoldRoot, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := scaffold.ReadFile(name)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(name, scaffoldRoot+"/")
		written = append(written, rel)
		return createFile(filepath.Join(dir, filepath.FromSlash(rel)), data)
	})
	if err != nil {
		return nil, err
	}
	schema := path.Join("quizzes", "schema.json")
	if err := createFile(filepath.Join(dir, filepath.FromSlash(schema)), course.QuizSchema()); err != nil {
		return nil, err
	}
	return append(written, schema), nil
}

// createFile creates name, and the folders above it, with data.
func createFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
