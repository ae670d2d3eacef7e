//go:build !unix

package progress

// openNoFollow is 0 where open has no such flags; readPlain's check that
// the opened file is the one it looked at covers a swapped path.
const openNoFollow = 0
