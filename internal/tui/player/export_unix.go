//go:build unix

package player

import (
	"errors"
	"syscall"
)

// noFollow makes an open fail on a link rather than open what it points to.
const noFollow = syscall.O_NOFOLLOW

// isLinkLoop says err is what an open with noFollow returns for a link.
func isLinkLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }
