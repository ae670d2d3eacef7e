//go:build !faultinject

package common

// FaultPoint marks a place the faultinject build can make panic (see
// faultinject.go). In a normal build it does nothing and is inlined away.
func FaultPoint(string) {}
