//go:build !faultinject

package tui

// faultPoint marks a place the faultinject build can make panic (see
// faultinject.go). In a normal build it does nothing and is inlined away.
func faultPoint(string) {}
