package main

import (
	"io"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/plain"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
)

// plainWanted reports whether the course plays line by line: --plain, or a
// terminal that says it can do nothing else.
func plainWanted(f playFlags) bool {
	return f.plain || os.Getenv("TERM") == "dumb"
}

// playPlain plays the course as a line-oriented program for screen readers
// and dumb terminals. It needs no terminal: it reads lines from the
// command's input and writes plain text, without a single escape code.
func playPlain(cmd *cobra.Command, f playFlags) error {
	if f.watch {
		return usageError("--watch needs the full-screen player; leave out --plain (and TERM=dumb) to use it")
	}
	c, problems, err := f.loadCourse()
	if err != nil {
		return err
	}
	if err := f.usable(problems); err != nil {
		return err
	}
	if len(c.Lessons) == 0 {
		return inputError("%s has no lesson to play", describeCourse(&f.courseFlags))
	}

	store, notices := openProgress()
	if store != nil {
		defer store.Close()
	}
	title := "asyncio-tutor: asynchronous programming, run live"
	if f.dir != "" {
		title = "asyncio-tutor: " + describeCourse(&f.courseFlags)
	}
	if c.Title() != "" {
		title = c.Title()
		if c.Meta.Summary != "" {
			title += ": " + c.Meta.Summary
		}
	}
	out := cmd.OutOrStdout()
	err = plain.Run(cmd.Context(), cmd.InOrStdin(), out, plain.Options{
		Course:    c,
		CourseKey: progress.CourseKey(f.dir),
		Store:     store,
		Notices:   notices,
		Title:     title,
		Width:     plainWidth(out),
		ASCII:     terminalAbilities(f.ascii, false).ASCII,
		Seed:      time.Now().UnixNano(),
	})
	if err != nil {
		return ioError("cannot write the course out", err)
	}
	return nil
}

// plainWidth is the width text wraps at: $COLUMNS, else the terminal's
// width, else 80.
func plainWidth(out io.Writer) int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if n := terminalWidth(out); n > 0 {
		return n
	}
	return 80
}
