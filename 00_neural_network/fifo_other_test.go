// Systems without named pipes: the tests that need one skip it.

//go:build !unix

package main

import "errors"

// mkfifo reports that this system has no named pipes.
func mkfifo(string) error { return errors.New("no named pipes on this system") }
