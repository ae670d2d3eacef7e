package main

import (
	"context"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/asyncio-tutor/asyncio-tutor/internal/check"
	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// completionLoadTimeout bounds reading a course for a completion: the shell
// waits for the answer while the user waits at the prompt, so a slow or
// hostile course folder yields no suggestions rather than a hung shell.
const completionLoadTimeout = 700 * time.Millisecond

// registerCompletions tells the shell what each argument and flag value of
// root's commands can be. Commands are found by their path, so the files
// that build them need not know about completion.
func registerCompletions(root *cobra.Command) {
	forEachCommand(root, func(cmd *cobra.Command) {
		completeCourseFlags(cmd)
		path := strings.TrimPrefix(strings.TrimPrefix(cmd.CommandPath(), root.Name()), " ")
		switch path {
		case "check":
			completeFlag(cmd, "format", fixed(check.Formats...))
			cmd.ValidArgsFunction = folders
		case "init":
			cmd.ValidArgsFunction = folders
		case "list", "progress":
			completeFlag(cmd, "format", fixed("text", "json"))
		case "run":
			completeFlag(cmd, "format", fixed("text", "json", "chrome"))
			completeFlag(cmd, "model", fixed(models()...))
			completeFlag(cmd, "compare", fixed(append(models(), examples.Names()...)...))
			completeFlag(cmd, "param", exampleParams)
			cmd.ValidArgsFunction = exampleNames
		case "grade":
			completeFlag(cmd, "quiz", quizIDs)
			completeFlag(cmd, "answers", yamlFiles)
		case "progress reset":
			cmd.ValidArgsFunction = lessonIDs
		}
	})
}

func forEachCommand(cmd *cobra.Command, do func(*cobra.Command)) {
	do(cmd)
	for _, sub := range cmd.Commands() {
		forEachCommand(sub, do)
	}
}

// completeCourseFlags covers the flags every course-reading command shares.
func completeCourseFlags(cmd *cobra.Command) {
	completeFlag(cmd, "course", folders)
	completeFlag(cmd, "lang", languages)
}

type completer = func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective)

// completeFlag registers fn for cmd's own flag name, when cmd has one.
func completeFlag(cmd *cobra.Command, name string, fn completer) {
	if cmd.LocalNonPersistentFlags().Lookup(name) == nil && cmd.PersistentFlags().Lookup(name) == nil {
		return
	}
	// Registering twice is the only error, and each flag is registered once.
	_ = cmd.RegisterFlagCompletionFunc(name, fn)
}

func fixed(choices ...string) completer {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return choices, cobra.ShellCompDirectiveNoFileComp
	}
}

func models() []string {
	names := make([]string, len(trace.Models))
	for i, m := range trace.Models {
		names[i] = string(m)
	}
	return names
}

func folders(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveFilterDirs
}

func yamlFiles(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return []cobra.Completion{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}

// exampleNames offers the examples for run's argument.
func exampleNames(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return examples.Names(), cobra.ShellCompDirectiveNoFileComp
}

// exampleParams offers "name=" for each parameter of the example named on
// the command line, so the user types only the value.
func exampleParams(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) == 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	x, ok := examples.Lookup(args[0])
	if !ok {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var keys []cobra.Completion
	for _, p := range x.Params {
		keys = append(keys, cobra.CompletionWithDesc(p.Name+"=", "default "+p.Default))
	}
	return keys, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

func languages(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	c := completionCourse(cmd, nil)
	if c == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return append([]cobra.Completion{"en"}, c.Langs()...), cobra.ShellCompDirectiveNoFileComp
}

func quizIDs(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var ids []cobra.Completion
	if c := completionCourse(cmd, []string{}); c != nil {
		for _, q := range c.Quizzes {
			ids = appendCompletion(ids, q.ID, q.Title)
		}
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

func lessonIDs(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var ids []cobra.Completion
	if c := completionCourse(cmd, []string{}); c != nil && len(args) == 0 {
		for _, l := range c.Lessons {
			ids = appendCompletion(ids, l.ID, l.Title)
		}
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}

// appendCompletion adds id, described by title, to ids. Both come from a
// course folder: an id the shell could not take back as one word is left
// out, and the title is put on one line, since the completion protocol is
// one line per candidate with a tab before its description.
func appendCompletion(ids []cobra.Completion, id, title string) []cobra.Completion {
	if id == "" || termtext.Message(id) != id || strings.ContainsFunc(id, unicode.IsSpace) {
		return ids
	}
	return append(ids, cobra.CompletionWithDesc(id, termtext.Message(title)))
}

// completionCourse reads the course cmd's --course names (the built-in one
// without it) with the translations langs (nil: all), or nil when it cannot
// be read in time. A course with errors still offers what it has.
func completionCourse(cmd *cobra.Command, langs []string) *course.Course {
	dir, _ := cmd.Flags().GetString("course")
	src, err := source(dir)
	if err != nil {
		return nil
	}
	src.Langs = langs
	parent := cmd.Context()
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithTimeout(parent, completionLoadTimeout)
	defer cancel()
	c, _ := course.Load(ctx, src)
	if ctx.Err() != nil {
		return nil // cut short: what was read may be a part, so offer nothing
	}
	return c
}
