// Named pipes for the tests that check a FIFO is refused, where the system has them.

//go:build unix

package atomicfile

import "syscall"

// mkfifo makes a named pipe at path.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
