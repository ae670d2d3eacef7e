//go:build !unix

package course

// openNoWait is 0 where opening a file cannot wait for a writer.
const openNoWait = 0
