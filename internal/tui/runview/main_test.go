package runview

import (
	"testing"

	"go.uber.org/goleak"
)

// Every test stops or finishes its runs; no example goroutine may outlive it.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
