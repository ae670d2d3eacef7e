//go:build !unix

package player

// noFollow is 0 where there is no O_NOFOLLOW: O_EXCL alone refuses an
// existing name, a link included.
const noFollow = 0

func isLinkLoop(error) bool { return false }
