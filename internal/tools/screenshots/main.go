// Command screenshots regenerates the README's pictures of the player from
// the real binary running in a pseudo-terminal: the menu, a lesson, a
// running timeline and a quiz. `make screenshots` runs it from the
// repository root:
//
//	go run ./internal/tools/screenshots [-bin bin/asyncio-tutor] [-readme README.md]
//
// Each picture replaces the text between <!-- screen:NAME --> and
// <!-- /screen --> in the README; a README without one of those blocks is
// an error and is left as it was.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/ptytest"
)

func main() {
	bin := flag.String("bin", "", "the asyncio-tutor binary to capture (default: build ./cmd/asyncio-tutor)")
	readme := flag.String("readme", "README.md", "the file whose <!-- screen:NAME --> blocks are rewritten")
	flag.Parse()
	if err := run(*bin, *readme); err != nil {
		fmt.Fprintf(os.Stderr, "screenshots: %v\n", err)
		os.Exit(1)
	}
}

func run(bin, readme string) error {
	tmp, err := os.MkdirTemp("", "asyncio-tutor-screenshots")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if bin == "" {
		bin = filepath.Join(tmp, "asyncio-tutor")
		if err := ptytest.Build(bin, "./cmd/asyncio-tutor"); err != nil {
			return err
		}
	}
	state := filepath.Join(tmp, "state") // a learner who has read nothing yet
	shots, err := capture(bin, state)
	if err != nil {
		return err
	}
	return rewrite(readme, shots)
}

// shot is one picture: its name in the README and the screen's text.
type shot struct{ name, screen string }

// capture plays the course as a first-time learner would, grabbing the
// screens the README shows.
func capture(bin, state string) ([]shot, error) {
	cmd := exec.Command(bin)
	cmd.Env = ptytest.Env(state)
	s, err := ptytest.Start(cmd, 100, 30)
	if err != nil {
		return nil, err
	}
	defer s.Close()

	var shots []shot
	var failed error
	wait := func(text string) {
		if failed == nil {
			failed = s.WaitFor(text, 15*time.Second)
		}
	}
	press := func(keys ...string) {
		if failed == nil {
			failed = s.Press(keys...)
		}
	}
	grab := func(name string) {
		if failed == nil {
			shots = append(shots, shot{name, ptytest.TrimScreen(s.Screen.String())})
		}
	}

	wait("lessons read")
	grab("menu")
	press("down", "down", "down", "down", "down", "down", "down", "enter")
	wait("lesson 7 of")
	grab("lesson")
	press("tab", "enter")
	wait("Predict before you run")
	press("3", "enter")
	wait("func3 done")
	time.Sleep(700 * time.Millisecond) // the run's last frame
	grab("timeline")
	press("esc", "t")
	wait("Question 1 of")
	press("1", "enter")
	wait("enter: next question")
	grab("quiz")
	press("esc", "esc", "q")
	if failed != nil {
		return nil, failed
	}
	return shots, nil
}

// rewrite replaces each shot's block in the file readme.
func rewrite(readme string, shots []shot) error {
	b, err := os.ReadFile(readme)
	if err != nil {
		return err
	}
	out := string(b)
	var missing []error
	for _, sh := range shots {
		re := regexp.MustCompile(`(?s)<!-- screen:` + regexp.QuoteMeta(sh.name) + ` -->.*?<!-- /screen -->`)
		if !re.MatchString(out) {
			missing = append(missing, fmt.Errorf("%s has no <!-- screen:%s --> block", readme, sh.name))
			continue
		}
		block := fmt.Sprintf("<!-- screen:%s -->\n```text\n%s\n```\n<!-- /screen -->", sh.name, sh.screen)
		out = re.ReplaceAllLiteralString(out, block)
	}
	if err := errors.Join(missing...); err != nil {
		return err
	}
	if out == string(b) {
		fmt.Fprintf(os.Stderr, "screenshots: %s is up to date\n", readme)
		return nil
	}
	fmt.Fprintf(os.Stderr, "screenshots: rewrote %d screens in %s\n", len(shots), readme)
	return os.WriteFile(readme, []byte(out), 0o644)
}
