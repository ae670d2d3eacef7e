//go:build faultinject

package examples

import "os"

// In a faultinject build, ASYNCIO_TUTOR_FAULT=example makes every example
// task panic when it prints, as a bug in example code would.
func init() {
	if os.Getenv("ASYNCIO_TUTOR_FAULT") == "example" {
		faultHooks.beforePrint = func(task, _ string) { panic("fault injected: example task " + task) }
	}
}
