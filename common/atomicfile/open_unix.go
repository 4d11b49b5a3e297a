// OpenRegular's open flag on Unix (machinery, not the book).

//go:build unix

package atomicfile

import "syscall"

// openNonblock makes open(2) return at once even for a named pipe that no
// program writes to; reading a regular file is the same with it or without.
const openNonblock = syscall.O_NONBLOCK
