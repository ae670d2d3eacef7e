package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Help text is written in the source as paragraphs wrapped for the editor;
// what the reader sees is wrapped for where it goes.
const (
	// pipedHelpWidth is the width help wraps at when it does not go to a
	// terminal (a pager, a file): a width prose stays easy to read at.
	pipedHelpWidth = 80
	// helpIndent is the left padding fang puts before the long description.
	helpIndent = 2
	// maxHelpWidth is the widest fang draws help, whatever the terminal.
	maxHelpWidth = 120
	// Fang lists subcommands and flags in two columns: keys indented by
	// listIndent, descriptions after a key column at least minKeyColumn
	// wide and 2 wider than the widest key.
	listIndent   = 4
	minKeyColumn = 10
	keyGap       = 2
	// minDescriptionWidth is the narrowest description column worth
	// wrapping into; narrower, the terminal's own wrapping reads better.
	minDescriptionWidth = 20
)

// documentCommands adds the man page command and fits every command's
// help to where it will be shown.
func documentCommands(root *cobra.Command) {
	root.AddCommand(newManCmd())
	if cols := terminalWidth(os.Stdout); cols > 0 {
		fitHelp(root, 0) // fang wraps paragraphs at the terminal's width (up to 120) itself
		// Added now rather than when cobra runs, so their lines fit too.
		root.InitDefaultHelpCmd()
		root.InitDefaultCompletionCmd()
		fitColumns(root, min(cols, maxHelpWidth))
		return
	}
	fitHelp(root, pipedWidth())
}

// pipedWidth is the width of help that does not go to a terminal: $COLUMNS
// when the shell set one (as for run and --plain), else pipedHelpWidth.
func pipedWidth() int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= 40 {
		return min(n, maxHelpWidth)
	}
	return pipedHelpWidth
}

// fitHelp rejoins the lines of each paragraph of every Long text, so a
// renderer can wrap it at any width, and wraps it at width when that is not
// 0 (the renderer would otherwise fill its own, wider, fixed width).
func fitHelp(cmd *cobra.Command, width int) {
	cmd.Long = reflow(cmd.Long, max(width-helpIndent, 0))
	for _, sub := range cmd.Commands() {
		fitHelp(sub, width)
	}
}

// reflow joins the lines of each paragraph of s (paragraphs are separated
// by blank lines) and, when width > 0, wraps them at width. A line that
// starts with a space or a list marker keeps its own line: it is laid out
// on purpose.
func reflow(s string, width int) string {
	paragraphs := strings.Split(s, "\n\n")
	for i, p := range paragraphs {
		var lines []string
		for _, line := range strings.Split(p, "\n") {
			if n := len(lines); n > 0 && !laidOut(line) {
				lines[n-1] += " " + strings.TrimSpace(line)
				continue
			}
			lines = append(lines, strings.TrimRight(line, " "))
		}
		if width > 0 {
			for j, line := range lines {
				if !indented(line) { // an indented line is laid out to be seen as written
					lines[j] = wrapWords(line, width)
				}
			}
		}
		paragraphs[i] = strings.Join(lines, "\n")
	}
	return strings.Join(paragraphs, "\n\n")
}

// fitColumns wraps the descriptions of cmd's flags and subcommands, and
// those of every command below, to width: fang lays them out in two
// columns but leaves long descriptions to run past the terminal's edge.
// It is for a terminal only: the shell's completion reads the same texts,
// one line each, through a pipe.
func fitColumns(cmd *cobra.Command, width int) {
	room := width - listIndent - keyColumn(cmd)
	if room >= minDescriptionWidth {
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			f.Usage = wrapWords(f.Usage, room-ansi.StringWidth(defaultSuffix(f)))
		})
		for _, sub := range cmd.Commands() {
			sub.Short = wrapWords(sub.Short, room)
		}
	}
	for _, sub := range cmd.Commands() {
		fitColumns(sub, width)
	}
}

// defaultSuffix is what fang appends to a flag's description: its default.
func defaultSuffix(f *pflag.Flag) string {
	switch f.DefValue {
	case "", "false", "0", "[]":
		return ""
	}
	return " (" + f.DefValue + ")"
}

// keyColumn is the width of the key column of cmd's help, worked out as
// fang does. The keys cobra adds only when the command runs are counted
// too: -h --help everywhere, and -v --version at the root.
func keyColumn(cmd *cobra.Command) int {
	widest := len("-h --help")
	if !cmd.HasParent() {
		widest = max(widest, len("-v --version"))
	}
	for _, sub := range cmd.Commands() {
		if !sub.Hidden {
			widest = max(widest, ansi.StringWidth(listedUsage(sub)))
		}
	}
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		key := "--" + f.Name
		if f.Shorthand != "" {
			key = "-" + f.Shorthand + " " + key
		}
		widest = max(widest, len(key))
	})
	return max(minKeyColumn, widest+keyGap)
}

var bracketedRe = regexp.MustCompile(`(\[.*\])`)

// listedUsage is how fang names a subcommand in its parent's list: its Use
// with [command], [args] and [--flags] moved to the end.
func listedUsage(cmd *cobra.Command) string {
	u := cmd.Use
	hasArgs := strings.Contains(u, "[args]")
	hasFlags := strings.Contains(u, "[flags]") || strings.Contains(u, "[--flags]") ||
		cmd.HasFlags() || cmd.HasPersistentFlags() || cmd.HasAvailableFlags()
	hasCommands := strings.Contains(u, "[command]") || cmd.HasAvailableSubCommands()
	for _, k := range []string{"[args]", "[flags]", "[--flags]", "[command]"} {
		u = strings.ReplaceAll(u, k, "")
	}
	others := bracketedRe.FindAllString(u, -1)
	for _, o := range others {
		u = strings.ReplaceAll(u, o, "")
	}
	parts := []string{strings.TrimSpace(u)}
	if hasCommands {
		parts = append(parts, "[command]")
	}
	if hasArgs {
		parts = append(parts, "[args]")
	}
	parts = append(parts, others...)
	if hasFlags {
		parts = append(parts, "[--flags]")
	}
	return strings.Join(parts, " ")
}

// wrapWords wraps s at width, breaking only at spaces: help quotes flags
// and paths, which a break at a hyphen ("--" at one line's end, "list" at
// the next's start) would mangle. A word wider than width keeps its line.
func wrapWords(s string, width int) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(s) {
		w := ansi.StringWidth(word)
		switch {
		case i == 0:
		case col+1+w > width:
			b.WriteByte('\n')
			col = 0
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += w
	}
	return b.String()
}

func laidOut(line string) bool {
	return line == "" || indented(line) || strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ")
}

func indented(line string) bool {
	return strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
}

// newManCmd is the hidden man command: the page is written from the
// command tree, so it lists what the program really takes.
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:                   "man",
		Short:                 "Print the manual page (roff), e.g. asyncio-tutor man | man -l -",
		Hidden:                true,
		DisableFlagsInUseLine: true,
		Args:                  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := io.WriteString(cmd.OutOrStdout(), manPage(cmd.Root())); err != nil {
				return ioError("cannot write the manual page", err)
			}
			return nil
		},
	}
}

// exitStatusText is the EXIT STATUS section: the README's table, in short.
var exitStatusText = []struct{ code, meaning string }{
	{"0", "Done: the check passed, the quiz was passed, the output was written."},
	{"1", "The command ran and failed: check found an error, grade scored below the pass mark, " +
		"or the command could not finish because writing its output (a closed pipe, a full disk) " +
		"or saving progress failed, or run --model python found no python3."},
	{"2", "A usage or input error, to fix before running again: an unknown command or flag, a bad flag value, " +
		"a course folder that does not exist or has errors, an answers file that cannot be read or parsed, " +
		"progress reset without a terminal and without --yes, the player without a terminal."},
}

// manPage is root's manual page in roff: NAME, SYNOPSIS, DESCRIPTION, the
// root's OPTIONS, each command with its own flags, and EXIT STATUS. Each
// flag is listed once, under the command that declares it: a persistent
// flag is not repeated under the commands that inherit it.
func manPage(root *cobra.Command) string {
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	var b strings.Builder
	name := root.Name()
	source := strings.TrimSpace(name + " " + root.Version)
	fmt.Fprintf(&b, ".TH %s 1 \"\" \"%s\" \"User Commands\"\n", roffText(strings.ToUpper(name)), roffText(source))
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", roffText(name), roffText(oneLine(root.Short)))
	fmt.Fprintf(&b, ".SH SYNOPSIS\n.B %s\n[\\fIflags\\fR]\n.br\n.B %[1]s\n\\fIcommand\\fR [\\fIflags\\fR] [\\fIarguments\\fR]\n", roffText(name))
	b.WriteString(".SH DESCRIPTION\n")
	writeParagraphs(&b, root.Long)
	b.WriteString(".SH OPTIONS\n")
	writeFlags(&b, root, true)
	b.WriteString(".SH COMMANDS\n")
	forEachDocumented(root, func(cmd *cobra.Command) {
		fmt.Fprintf(&b, ".SS \"%s\"\n", roffText(usageLine(cmd)))
		writeParagraphs(&b, description(cmd))
		writeFlags(&b, cmd, false)
	})
	b.WriteString(".SH EXIT STATUS\n")
	for _, s := range exitStatusText {
		fmt.Fprintf(&b, ".TP\n.B %s\n%s\n", s.code, roffText(s.meaning))
	}
	return b.String()
}

// description is what the page says of cmd: its long text, but only the
// one-line summary of cobra's completion commands, whose long texts are
// shell set-up notes that help and the README give.
func description(cmd *cobra.Command) string {
	if cmd.Name() == "completion" || (cmd.HasParent() && cmd.Parent().Name() == "completion") {
		return cmd.Short
	}
	return cmp.Or(cmd.Long, cmd.Short)
}

// forEachDocumented visits the commands a user can run, below root, in the
// order help lists them; cobra's help command and hidden ones are left out.
func forEachDocumented(cmd *cobra.Command, do func(*cobra.Command)) {
	for _, sub := range cmd.Commands() {
		if !sub.IsAvailableCommand() {
			continue
		}
		do(sub)
		forEachDocumented(sub, do)
	}
}

// usageLine is the command's path and arguments, without "[flags]".
func usageLine(cmd *cobra.Command) string {
	line := strings.TrimSpace(strings.Replace(cmd.UseLine(), "[flags]", "", 1))
	return strings.Join(strings.Fields(line), " ")
}

// writeFlags lists the flags cmd declares itself (LocalFlags: its own and
// its persistent ones, not those it inherits). --help is listed once, at
// the root.
func writeFlags(b *strings.Builder, cmd *cobra.Command, isRoot bool) {
	cmd.LocalFlags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden || (f.Name == "help" && !isRoot) {
			return
		}
		fmt.Fprintf(b, ".TP\n%s\n%s\n", flagHeading(f), roffText(flagHelp(f)))
	})
}

// flagHeading is "-f, --format string": one dash for the shorthand, two for
// the name, and the value's kind (the word between backquotes in the usage,
// or the type) in italics.
func flagHeading(f *pflag.Flag) string {
	var h string
	if f.Shorthand != "" {
		h = `\fB` + roffText("-"+f.Shorthand) + `\fR, `
	}
	h += `\fB` + roffText("--"+f.Name) + `\fR`
	kind, _ := pflag.UnquoteUsage(f)
	switch {
	case kind == "":
	case f.NoOptDefVal != "":
		h += `[=\fI` + roffText(kind) + `\fR]`
	default:
		h += ` \fI` + roffText(kind) + `\fR`
	}
	return h
}

func flagHelp(f *pflag.Flag) string {
	_, usage := pflag.UnquoteUsage(f)
	usage = oneLine(usage) // the page is filled by man, not by us
	switch f.DefValue {
	case "", "false", "0", "[]":
		return usage
	}
	return usage + " (default " + f.DefValue + ")"
}

// writeParagraphs writes s as roff paragraphs: the lines of a paragraph
// joined, so the man reader fills them to its own width.
func writeParagraphs(b *strings.Builder, s string) {
	for i, p := range strings.Split(reflow(strings.TrimSpace(s), 0), "\n\n") {
		if i > 0 {
			b.WriteString(".PP\n")
		}
		for _, line := range strings.Split(p, "\n") {
			if laidOut(line) && line != "" {
				fmt.Fprintf(b, ".br\n%s\n", roffText(strings.TrimSpace(line)))
				continue
			}
			b.WriteString(roffText(line) + "\n")
		}
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// roffText escapes s for one line of roff text: a backslash would start an
// escape, a dot or quote at the start of a line a request, and "-" is
// written \- so that flags read in the page can be pasted into a shell.
func roffText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}
