// -resume: a training interrupted after an epoch and resumed from what it
// saved ends with the same parameters, to the bit, as the run that was
// never stopped; a state that does not fit is refused by name.

package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/npy"
	"dlfs/dataset/datasettest"
)

func TestResumeMatchesUninterrupted(t *testing.T) {
	mnist := datasettest.MNISTDir(t)
	dir := t.TempDir()
	args := []string{"-data", mnist, "-epochs", "3", "-train-size", "200"}
	whole := filepath.Join(dir, "whole.npz")
	if err := run(context.Background(), append(args, "-save", whole), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}

	cut := filepath.Join(dir, "cut.npz")
	ctx, cancel := context.WithCancelCause(context.Background())
	stdout := &cancelOn{prefix: "epoch 1:", cancel: func() { cancel(&cli.Interrupted{Signal: os.Interrupt}) }}
	if err := run(ctx, append(args, "-save", cut), stdout, io.Discard); cli.ExitCode("04_cnn", err, io.Discard) != 130 {
		t.Fatalf("the interrupted run: %v, want exit status 130", err)
	}
	saved := filepath.Join(dir, "cut.interrupted-epoch1.npz")
	if !strings.Contains(stdout.text.String(), "-resume "+saved) {
		t.Errorf("the interrupted run does not say how to go on:\n%s", stdout.text.String())
	}

	resumed := filepath.Join(dir, "resumed.npz")
	var out strings.Builder
	if err := run(context.Background(), append(args, "-resume", saved, "-save", resumed), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	want, err := npy.Load(whole)
	if err != nil {
		t.Fatal(err)
	}
	got, err := npy.Load(resumed)
	if err != nil {
		t.Fatal(err)
	}
	for name, w := range want {
		if !slices.Equal(got[name].Data, w.Data) {
			t.Errorf("%s after resuming differs from the uninterrupted run's", name)
		}
	}
	if !strings.Contains(out.String(), "epoch 2:") || strings.Contains(out.String(), "epoch 0:") {
		t.Errorf("the resumed run should go on from epoch 2:\n%s", out.String())
	}

	// The state of another optimizer, and of another network, are refused.
	for _, extra := range [][]string{{"-optimizer", "SGD"}, {"-net", "deep"}} {
		err := run(context.Background(), append(append(args, "-resume", saved, "-save", filepath.Join(dir, "x.npz")), extra...), io.Discard, io.Discard)
		if code := cli.ExitCode("04_cnn", err, io.Discard); code != 2 || !strings.Contains(err.Error(), "-resume") {
			t.Errorf("%v: got %v (exit status %d), want a usage error naming -resume", extra, err, code)
		}
	}
}
