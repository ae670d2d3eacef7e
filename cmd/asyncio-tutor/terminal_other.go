//go:build !unix

package main

import tea "charm.land/bubbletea/v2"

// jobControl does nothing where there is no job control (Windows): no
// SIGTSTP to handle, and ctrl+z is an ordinary key.
type jobControl struct{}

func (*jobControl) filter(_ tea.Model, msg tea.Msg) tea.Msg { return msg }

func (*jobControl) start(*tea.Program) (stop func()) { return func() {} }
