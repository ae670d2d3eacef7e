package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each range says its unit once: a duration's bounds carry theirs, a count
// names what it counts.
func TestRunListSaysEachUnitOnce(t *testing.T) {
	list := runCLI(t, "", "run", "--list")
	require.Equal(t, exitOK, list.code, list.stderr)
	assert.Contains(t, list.stdout, "--param delay1=1s   how long say1 sleeps before it prints (0s to 10s)\n")
	assert.Contains(t, list.stdout, "(1 to 20 items)")
	assert.NotContains(t, list.stdout, "s s)")
}
