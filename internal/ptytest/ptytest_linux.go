package ptytest

import (
	"fmt"
	"os"
	"strings"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// What the signal tests need to read of a process and its terminal; Linux
// only, like the tests that use them.

// Stopped reports whether the process pid is stopped by job control (a
// SIGTSTP or SIGSTOP), as the state letter in /proc/PID/stat says: T.
// Linux only, like the pseudo-terminals the tests use.
func Stopped(pid int) (bool, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false, err
	}
	// "PID (COMM) STATE ...": COMM may hold spaces and parentheses.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 || i+2 >= len(b) {
		return false, fmt.Errorf("cannot read the state in /proc/%d/stat: %q", pid, b)
	}
	return b[i+2] == 'T', nil
}

// LocalModes is the tty's termios local modes (ECHO, ICANON, ISIG…): what
// a program in raw mode turns off and must turn on again.
func LocalModes(tty *os.File) (uint32, error) {
	tio, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		return 0, err
	}
	return tio.Lflag, nil
}

// Open opens a pseudo-terminal of cols x rows. Unlike pty.Open, its
// controlling side stays non-blocking, so closing it really closes it even
// while another goroutine reads from it: the kernel then hangs up the
// terminal, as when a terminal window is closed.
func Open(cols, rows int) (ptmx, tty *os.File, err error) {
	master, tty, err := pty.Open()
	if err != nil {
		return nil, nil, err
	}
	defer master.Close() // pty.Open's file was made blocking by its use of Fd
	if err := pty.Setsize(master, &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)}); err != nil {
		_ = tty.Close()
		return nil, nil, err
	}
	fd, err := unix.FcntlInt(master.Fd(), unix.F_DUPFD_CLOEXEC, 0) // not inherited by the program
	if err == nil {
		err = unix.SetNonblock(fd, true)
	}
	if err != nil {
		_ = tty.Close()
		return nil, nil, err
	}
	return os.NewFile(uintptr(fd), "/dev/ptmx"), tty, nil
}
