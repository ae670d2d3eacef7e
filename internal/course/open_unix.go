//go:build unix

package course

import "syscall"

// openNoWait makes opening a named pipe return at once instead of waiting
// for a writer, should a file turn into one between the look and the open.
const openNoWait = syscall.O_NONBLOCK
