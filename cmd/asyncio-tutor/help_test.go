package main

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"charm.land/fang/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestManPageHasAnExitStatusSection(t *testing.T) {
	r := runCLI(t, "", "man")
	require.Equal(t, exitOK, r.code, r.stderr)
	_, status, found := strings.Cut(r.stdout, "\n.SH EXIT STATUS\n")
	require.True(t, found, "no EXIT STATUS section in\n%s", r.stdout)
	for _, code := range []string{"0", "1", "2"} {
		assert.Contains(t, status, ".TP\n.B "+code+"\n")
	}
	assert.Contains(t, status, "usage or input error")
	assert.Contains(t, r.stdout, ".SS \"asyncio\\-tutor progress reset [LESSON]\"")
}

var flagHeadingRe = regexp.MustCompile(`\\fB\\-\\-([a-z-\\]+)\\fR`)

// Each section of the page (the root's options, then one per command)
// names each flag once, and a shorthand has one dash (-f, not --f).
func TestManPageListsEachFlagOnce(t *testing.T) {
	page := runCLI(t, "", "man").stdout
	sections := strings.Split(page, "\n.SS ")
	require.Greater(t, len(sections), 5)
	for _, section := range sections {
		title, _, _ := strings.Cut(section, "\n")
		seen := map[string]bool{}
		for _, m := range flagHeadingRe.FindAllStringSubmatch(section, -1) {
			assert.False(t, seen[m[1]], "%s lists --%s twice", title, m[1])
			seen[m[1]] = true
		}
	}
	assert.Contains(t, page, `\fB\-f\fR, \fB\-\-format\fR \fIstring\fR`)
	assert.NotContains(t, page, `\-\-f `)
	assert.Equal(t, 1, strings.Count(page, `\fB\-\-help\fR`), "--help is listed once, at the top")
}

// A persistent flag belongs to the command that declares it: the commands
// that inherit it do not list it again.
func TestManPageListsAPersistentFlagWhereItIsDeclared(t *testing.T) {
	root := &cobra.Command{Use: "tool", Short: "a tool"}
	root.PersistentFlags().String("config", "", "config file")
	sub := &cobra.Command{Use: "sub", Short: "a sub", Run: func(*cobra.Command, []string) {}}
	sub.Flags().Bool("fast", false, "go fast")
	root.AddCommand(sub)
	_, _ = sub.Flags().GetBool("fast") // merges the inherited flags, as running does
	sub.InheritedFlags()

	page := manPage(root)
	assert.Equal(t, 1, strings.Count(page, `\-\-config`), page)
	_, subSection, _ := strings.Cut(page, `.SS "tool sub"`)
	assert.Contains(t, subSection, `\-\-fast`)
}

func TestRoffTextCannotStartARequest(t *testing.T) {
	assert.Equal(t, `\&.TH x`, roffText(".TH x"))
	assert.Equal(t, `\&'br`, roffText("'br"))
	assert.Equal(t, `a\eb \-\-x`, roffText(`a\b --x`))
}

// Piped help wraps at $COLUMNS (a fixed 80 without it), not at the width
// the source text happens to be wrapped at.
func TestHelpWrapsAtTheWidthItIsGiven(t *testing.T) {
	for _, width := range []string{"60", "80"} {
		t.Run(width, func(t *testing.T) {
			t.Setenv("COLUMNS", width)
			limit, err := strconv.Atoi(width)
			require.NoError(t, err)
			for _, command := range [][]string{{"--help"}, {"check", "--help"}, {"grade", "--help"}, {"run", "--help"}, {"progress", "reset", "--help"}} {
				r := runCLI(t, "", command...)
				require.Equal(t, exitOK, r.code, r.stderr)
				description, _, _ := strings.Cut(r.stdout, "USAGE")
				var lines []string
				for _, line := range strings.Split(description, "\n") {
					lines = append(lines, strings.TrimRight(ansi.Strip(line), " "))
				}
				for _, line := range lines {
					assert.LessOrEqual(t, ansi.StringWidth(line), limit, "%q: %q", command, line)
				}
				assert.Greater(t, len(lines), 3)
			}
		})
	}
}

func TestReflowJoinsParagraphsAndKeepsLaidOutLines(t *testing.T) {
	in := "one two\nthree four\n\n  indented\n- item\n- item two\nafter"
	assert.Equal(t, "one two three four\n\n  indented\n- item\n- item two after", reflow(in, 0))
	assert.Equal(t, "one two\nthree\nfour\n\n  indented\n- item\n- item\ntwo after", reflow(in, 9))
}

// In a terminal, help leaves the wrapping to fang, which knows the width:
// each paragraph is one line.
func TestFitHelpForATerminalLeavesOneLineParagraphs(t *testing.T) {
	root := newRootCmd()
	fitHelp(root, 0)
	check, _, err := root.Find([]string{"check"})
	require.NoError(t, err)
	for _, p := range strings.Split(check.Long, "\n\n") {
		assert.NotContains(t, p, "\n")
	}
}

// In a terminal, flag and command descriptions are wrapped to fit beside
// fang's key column, which fang itself leaves running past the edge.
func TestFitColumnsKeepsFlagListsInsideTheTerminal(t *testing.T) {
	for _, tc := range []struct {
		width int
		args  []string
	}{
		{80, []string{"--help"}},
		{80, []string{"run", "--help"}},
		{60, []string{"run", "--help"}},
		{60, []string{"check", "--help"}},
		{60, []string{"progress", "--help"}},
	} {
		root := newRootCmd()
		root.InitDefaultCompletionCmd()
		fitColumns(root, tc.width)
		var out strings.Builder
		root.SetOut(&out)
		root.SetArgs(tc.args)
		require.NoError(t, fang.Execute(context.Background(), root))
		_, lists, found := strings.Cut(out.String(), "COMMANDS")
		if !found {
			_, lists, found = strings.Cut(out.String(), "FLAGS")
		}
		require.True(t, found, out.String())
		for _, line := range strings.Split(lists, "\n") {
			line = strings.TrimRight(ansi.Strip(line), " ")
			assert.LessOrEqual(t, ansi.StringWidth(line), tc.width, "%d %q: %q", tc.width, tc.args, line)
		}
	}
}

func TestWrapWordsBreaksOnlyAtSpaces(t *testing.T) {
	assert.Equal(t, "see --list\nand\nthe-longest-word", wrapWords("see --list and the-longest-word", 10))
}
