package course

import (
	"os/exec"
	"strings"
	"testing"
)

// The domain must be usable and testable without a terminal: none of its
// packages may depend on charm.land, directly or not.
func TestDomainKnowsNoTerminal(t *testing.T) {
	domain := []string{"course", "quiz", "check", "trace", "examples", "termtext"}
	args := []string{"list", "-deps"}
	for _, d := range domain {
		args = append(args, "../"+d)
	}
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "charm.land/") {
			t.Errorf("a domain package depends on %s", dep)
		}
	}
}
