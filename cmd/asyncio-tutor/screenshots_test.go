package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var screenshots = flag.Bool("screenshots", false, "capture the player's screens into README.md (make screenshots)")

// TestScreenshots regenerates the README's pictures of the player from the
// real binary: the menu, a lesson, a running timeline and a quiz. It runs
// only with -screenshots; `make screenshots` passes it.
func TestScreenshots(t *testing.T) {
	if !*screenshots {
		t.Skip("run with -screenshots (make screenshots) to regenerate README.md's screens")
	}
	s := start(t, t.TempDir())
	shots := map[string]string{}
	grab := func(name string) { shots[name] = trimScreen(s.screen()) }

	s.waitFor("lessons read")
	grab("menu")
	s.press("down", "down", "down", "down", "down", "down", "down", "enter")
	s.waitFor("lesson 7 of")
	grab("lesson")
	s.press("tab", "enter")
	s.waitFor("Predict before you run")
	s.press("3", "enter")
	s.waitFor("func3 done")
	time.Sleep(700 * time.Millisecond)
	grab("timeline")
	s.press("esc", "t")
	s.waitFor("Question 1 of")
	s.press("1", "enter")
	s.waitFor("enter: next question")
	grab("quiz")

	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	out := string(readme)
	for name, screen := range shots {
		re := regexp.MustCompile(`(?s)<!-- screen:` + name + ` -->.*?<!-- /screen -->`)
		require.True(t, re.MatchString(out), "README.md has no <!-- screen:%s --> block", name)
		block := fmt.Sprintf("<!-- screen:%s -->\n```text\n%s\n```\n<!-- /screen -->", name, screen)
		out = re.ReplaceAllLiteralString(out, block)
	}
	require.NoError(t, os.WriteFile("../../README.md", []byte(out), 0o644))
}

// trimScreen drops trailing spaces, folds runs of blank lines into one, and
// drops the blank lines at the end.
func trimScreen(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimRight(l, " ")
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return strings.TrimRight(strings.Join(out, "\n"), "\n")
}
