package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	asynciotutor "github.com/asyncio-tutor/asyncio-tutor"
	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// courseFlags are the flags of every command that reads a course.
type courseFlags struct {
	dir  string
	lang string
	// shown is the language the last load showed the course in ("" for
	// English): --lang, or the locale's language when the course has it.
	// A --watch reload keeps it.
	shown string
	// cmd is the command the flags belong to: its context ends when the
	// user interrupts, which stops a course that is still being read.
	cmd *cobra.Command
}

func (f *courseFlags) register(cmd *cobra.Command, withLang bool) {
	f.cmd = cmd
	cmd.Flags().StringVar(&f.dir, "course", "", "course folder to use instead of the built-in course (holds lessons/ and quizzes/)")
	if withLang {
		cmd.Flags().StringVar(&f.lang, "lang", "", "language of a translation to show, e.g. th (English where a file is not translated)")
	}
}

// source is the embedded default course, or the folder dir.
func source(dir string) (course.Source, error) {
	if dir == "" {
		return course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS, Top: asynciotutor.CourseFS}, nil
	}
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return course.Source{}, inputError("cannot open course folder %s: %v", dir, unwrapPathErr(err))
	case !st.IsDir():
		return course.Source{}, inputError("%s is a file; give the course folder, which holds lessons/ and quizzes/", dir)
	}
	return course.Dir(dir), nil
}

// context is the running command's context, or Background for flags no
// command registered (tests).
func (f *courseFlags) context() context.Context {
	if f.cmd == nil || f.cmd.Context() == nil {
		return context.Background()
	}
	return f.cmd.Context()
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// load reads the course and picks the language. Problems in the course are
// returned for the caller to judge: list and grade refuse a course with errors.
func (f *courseFlags) load() (*course.Course, []course.Problem, error) {
	src, err := source(f.dir)
	if err != nil {
		return nil, nil, err
	}
	english := f.lang == "" || f.lang == "en"
	src.Langs = []string{} // only what is shown: start-up waits for the parser
	if !english {
		src.Langs = []string{f.lang}
	}
	c, problems := course.Load(f.context(), src)
	if english {
		f.shown = ""
		return c, problems, nil
	}
	if _, ok := c.Translations[f.lang]; !ok {
		src.Langs = nil
		all, _ := course.Load(f.context(), src)
		have := "none"
		if langs := all.Langs(); len(langs) > 0 {
			have = strings.Join(langs, ", ")
		}
		return nil, nil, usageError("the course has no %q translation (available: %s)", f.lang, have)
	}
	f.shown = f.lang
	return c.In(f.lang), problems, nil
}

// loadPreferring loads the course shown in lang when it has that
// translation and in English otherwise: for a language the locale asks for,
// which is a wish, not an order.
func (f *courseFlags) loadPreferring(lang string) (*course.Course, []course.Problem, error) {
	src, err := source(f.dir)
	if err != nil {
		return nil, nil, err
	}
	src.Langs = []string{lang}
	c, problems := course.Load(f.context(), src)
	f.shown = ""
	if _, ok := c.Translations[lang]; ok {
		f.shown = lang
	}
	return c.In(lang), problems, nil
}

// loadUsable loads the course and refuses one with errors: what list,
// grade and progress need.
func (f *courseFlags) loadUsable() (*course.Course, error) {
	c, problems, err := f.load()
	if err != nil {
		return nil, err
	}
	if err := f.usable(problems); err != nil {
		return nil, err
	}
	return c, nil
}

// usable refuses a course with errors, pointing at check for the details.
func (f *courseFlags) usable(problems []course.Problem) error {
	if !course.HasErrors(problems) {
		return nil
	}
	first := problems[0]
	for _, p := range problems {
		if p.Severity == course.SeverityError {
			first = p
			break
		}
	}
	where := "asyncio-tutor check"
	if f.dir != "" {
		where += " " + f.dir
	}
	return inputError("the course has errors, the first: %s\nrun %s to see them all", first.Shown(), where)
}

func describeCourse(f *courseFlags) string {
	if f.dir == "" {
		return "the built-in course"
	}
	return fmt.Sprintf("the course in %s", f.dir)
}
