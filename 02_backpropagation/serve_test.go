// The -serve mode's command line: its flags are checked, and its address
// bound, before MNIST loads; a real interrupt ends it with the shell's
// status and a line saying where the training stood.

package main

import (
	"bufio"
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dlfs/common/cli"
	"dlfs/common/cli/clitest"
	"dlfs/dataset/datasettest"
)

// notMNIST returns a -data path that no MNIST load can read (a regular
// file), so that an error about anything else shows the check came first.
func notMNIST(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestServeUsageErrors checks the -serve mistakes found before MNIST loads:
// each a usage error (exit status 2) naming its flag.
func TestServeUsageErrors(t *testing.T) {
	dir := t.TempDir()
	narrow := filepath.Join(dir, "hidden30.npz")
	if err := pageNet(config{seed: 1, hidden: 30}).SaveParams(narrow); err != nil {
		t.Fatal(err)
	}
	busy, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, tc := range []struct {
		name  string
		args  []string
		want  string
		never []string
	}{
		{"train-size below a batch", []string{"-train-size", "50"}, "-train-size 50: the page trains on mini-batches of 100 images", []string{"Config", "-batch "}},
		{"missing weights", []string{"-weights", filepath.Join(dir, "missing.npz")}, "-weights: ", []string{"MNIST", "not-a-folder"}},
		{"other hidden size", []string{"-weights", narrow}, "add -hidden 30", nil},
		{"busy address", []string{"-serve", busy.Addr().String()}, "-serve " + busy.Addr().String() + ": ", []string{"not-a-folder"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"-serve", "localhost:0", "-data", notMNIST(t)}, tc.args...)
			var stderr bytes.Buffer
			err := run(context.Background(), args, &bytes.Buffer{}, &bytes.Buffer{})
			if code := cli.ExitCode("02_backpropagation", err, &stderr); code != 2 || !strings.Contains(stderr.String(), tc.want) {
				t.Fatalf("%v: exit status %d, %q; want 2 and %q", tc.args, code, stderr.String(), tc.want)
			}
			t.Logf("%s", strings.TrimSpace(stderr.String()))
			for _, bad := range tc.never {
				if strings.Contains(stderr.String(), bad) {
					t.Errorf("%v: %q names %q", tc.args, stderr.String(), bad)
				}
			}
		})
	}
}

// A real SIGINT (SIGTERM) ends -serve with exit status 130 (143) and a line
// saying where the training stood. The test runs itself as the program.
func TestServeInterrupt(t *testing.T) {
	clitest.RunMain("02_backpropagation", main)
	mnist := datasettest.MNISTDir(t)
	for _, c := range []struct {
		sig  syscall.Signal
		code int
		name string
	}{{syscall.SIGINT, 130, "SIGINT"}, {syscall.SIGTERM, 143, "SIGTERM"}} {
		cmd := clitest.Command("TestServeInterrupt", "-data "+mnist+" -serve localhost:0 -train-size 1000")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		serving := make(chan string, 1)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if strings.HasPrefix(sc.Text(), "serving") {
					serving <- sc.Text()
				}
			}
		}()
		select {
		case line := <-serving:
			if !strings.Contains(line, "http://localhost:") {
				t.Errorf("printed %q, want http://localhost:PORT/", line)
			}
		case <-time.After(60 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("no \"serving\" line in 60 s; stderr:\n%s", stderr.String())
		}
		cmd.Process.Signal(c.sig)
		code := clitest.ExitCode(t, cmd.Wait())
		want := "02_backpropagation: serve: stopped serving; the training had not started: interrupted by " + c.name + "\n"
		if code != c.code || !strings.HasSuffix(stderr.String(), want) {
			t.Errorf("%s: exit status %d, want %d; stderr:\n%s\nwant it to end %q", c.name, code, c.code, stderr.String(), want)
		}
	}
}
