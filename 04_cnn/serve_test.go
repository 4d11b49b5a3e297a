// The -serve mode's command line: its flags are checked, and its address
// bound, before MNIST loads, each mistake a usage error naming its flag.

package main

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dlfs/common/cli"
)

func TestServeUsageErrors(t *testing.T) {
	dir := t.TempDir()
	notMNIST := filepath.Join(dir, "not-a-folder") // no MNIST load can read it
	if err := os.WriteFile(notMNIST, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	simple := filepath.Join(dir, "simple.npz")
	if err := NewSimpleConvNet(BookSimpleConfig, rand.New(rand.NewPCG(1, 1))).SaveParams(simple); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args        []string
		want, never string
	}{
		{[]string{"-train-size", "50"}, "-train-size 50: the page trains on mini-batches of 100 images", "-batch "},
		{[]string{"-net", "deep", "-weights", simple}, "these are Chapter 7: SimpleConvNet's weights: add -net simple", "not-a-folder"},
		{[]string{"-serve", "localhost:http-nonsense"}, "-serve localhost:http-nonsense: ", "not-a-folder"},
	} {
		args := append([]string{"-serve", "localhost:0", "-data", notMNIST}, tc.args...)
		var stderr bytes.Buffer
		err := run(context.Background(), args, &bytes.Buffer{}, &bytes.Buffer{})
		if code := cli.ExitCode("04_cnn", err, &stderr); code != 2 || !strings.Contains(stderr.String(), tc.want) || strings.Contains(stderr.String(), tc.never) {
			t.Errorf("%v: exit status %d, %q; want 2 and %q", tc.args, code, stderr.String(), tc.want)
		}
	}
}
