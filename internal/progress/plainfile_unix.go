//go:build unix

package progress

import "syscall"

// openNoFollow makes an open fail on a symbolic link and return at once on
// a named pipe, should the path change between the look and the open.
const openNoFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK
