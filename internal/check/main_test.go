package check

import (
	"testing"

	"go.uber.org/goleak"
)

// Proving output keys starts example goroutines; none may outlive a check.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
