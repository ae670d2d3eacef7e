// Package asynciotutor_test holds the repository's architecture rules: which of its
// packages may know about the terminal, and which may not import which.
// It has only this test file; `go test ./...` runs it.
package asynciotutor_test

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/asyncio-tutor/asyncio-tutor"

// presentation are the packages allowed to depend on charm.land: the
// command and the screens. A path ending in "/..." allows everything under
// it. Every other package of the module, including any added later, is
// domain and must not reach charm.land, directly or through another module.
var presentation = []string{
	"cmd/asyncio-tutor",
	"internal/tui/...",
	"internal/plain",
	"internal/markdown",
	"internal/timeline",
	"internal/palette",
}

// forbidden are imports between the module's own packages that would tangle
// layers: key (a package) must not depend, directly or not, on any of the
// listed packages ("/..." as above).
var forbidden = map[string][]string{
	// The learning logic is shared by the full-screen and the plain player.
	"internal/learn": {"internal/tui/...", "internal/plain/..."},
	// Examples are run by check, not the other way around.
	"internal/examples": {"internal/check/..."},
}

type listed struct {
	ImportPath string
	Imports    []string
	DepOnly    bool
	Standard   bool
}

// goList runs go list -deps -json over the whole module with build tags.
func goList(t *testing.T, tags string) (own []string, pkgs map[string]*listed) {
	t.Helper()
	args := []string{"list", "-deps", "-json"}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	cmd := exec.Command("go", append(args, "./...")...)
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	pkgs = map[string]*listed{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listed
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs[p.ImportPath] = &p
		if !p.DepOnly && strings.HasPrefix(p.ImportPath, module) {
			own = append(own, p.ImportPath)
		}
	}
	slices.Sort(own)
	return own, pkgs
}

// rel is a module package's path inside the repository: "internal/course".
func rel(path string) string {
	if path == module {
		return "."
	}
	return strings.TrimPrefix(path, module+"/")
}

func matches(path string, patterns []string) bool {
	for _, p := range patterns {
		if dir, ok := strings.CutSuffix(p, "/..."); ok {
			if path == dir || strings.HasPrefix(path, dir+"/") {
				return true
			}
		} else if path == p {
			return true
		}
	}
	return false
}

// chain is the shortest import path from pkg to a package bad says yes to,
// nil when there is none.
func chain(pkgs map[string]*listed, from string, bad func(string) bool) []string {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur != from && bad(cur) {
			var path []string
			for p := cur; p != ""; p = prev[p] {
				path = append(path, p)
			}
			slices.Reverse(path)
			return path
		}
		p := pkgs[cur]
		if p == nil {
			continue
		}
		for _, imp := range p.Imports {
			if _, seen := prev[imp]; !seen {
				prev[imp] = cur
				queue = append(queue, imp)
			}
		}
	}
	return nil
}

func show(path []string) string {
	out := make([]string, len(path))
	for i, p := range path {
		if strings.HasPrefix(p, module) {
			p = rel(p)
		}
		out[i] = p
	}
	return strings.Join(out, " → ")
}

var tagSets = []string{"", "faultinject"}

// The domain must be usable and testable without a terminal: no package
// outside the presentation allow-list may depend on charm.land.
func TestDomainKnowsNoTerminal(t *testing.T) {
	for _, tags := range tagSets {
		own, pkgs := goList(t, tags)
		domain := 0
		for _, path := range own {
			if matches(rel(path), presentation) {
				continue
			}
			domain++
			if c := chain(pkgs, path, func(p string) bool { return strings.HasPrefix(p, "charm.land/") }); c != nil {
				t.Errorf("tags %q: domain package %s depends on charm.land through %s (import path %s pulls it in); "+
					"move the code, or, if it is presentation, add it to the allow-list in arch_test.go",
					tags, rel(path), show(c), show(c[1:2]))
			}
		}
		// A guard against the test passing because it saw nothing.
		for _, want := range []string{"internal/course", "internal/quiz", "internal/check", "internal/trace", "internal/examples", "internal/termtext", "internal/progress"} {
			if !slices.Contains(own, module+"/"+want) {
				t.Errorf("go list ./... does not list %s; is the test run from the repository root?", want)
			}
		}
		if domain == 0 {
			t.Errorf("tags %q: no domain package found", tags)
		}
	}
}

func TestLayersDoNotTangle(t *testing.T) {
	for _, tags := range tagSets {
		own, pkgs := goList(t, tags)
		for _, path := range own {
			for from, not := range forbidden {
				if rel(path) != from {
					continue
				}
				isBad := func(p string) bool {
					return strings.HasPrefix(p, module+"/") && matches(rel(p), not)
				}
				if c := chain(pkgs, path, isBad); c != nil {
					t.Errorf("tags %q: %s must not import %s, but does through %s", tags, from, strings.Join(not, " or "), show(c))
				}
			}
		}
		for from := range forbidden {
			if !slices.Contains(own, module+"/"+from) {
				t.Errorf("the rule for %s names a package go list ./... does not list", from)
			}
		}
	}
}
