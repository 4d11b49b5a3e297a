// The page of -serve answers as the chapter's predict does: the same
// network, as a network.Net, with the same weights; and its command line
// is checked before MNIST loads.

package main

import (
	"bytes"
	"context"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/nn"
)

func TestPageNetPredictsAsPredict(t *testing.T) {
	chapter, err := loadNetwork("")
	if err != nil {
		t.Fatal(err)
	}
	arrays, name, err := readWeights("")
	if err != nil {
		t.Fatal(err)
	}
	page := pageNet()
	if err := page.SetParams(name, arrays); err != nil {
		t.Fatal(err)
	}
	x := nn.RandN(rand.New(rand.NewPCG(1, 2)), 7, 784, 0.5)
	want := predict(chapter, x)               // softmax probabilities
	got := nn.Softmax(page.Predict(x, false)) // the page's scores, through softmax
	if d := mat.MaxAbsDiff(got, want); d > 1e-12 {
		t.Errorf("the page's network differs from predict by %g, want < 1e-12", d)
	}
}

// The -serve mistakes found before MNIST loads (-data names a file no load
// can read): each a usage error (exit status 2) naming its flag.
func TestServeUsageErrors(t *testing.T) {
	dir := t.TempDir()
	notMNIST := filepath.Join(dir, "not-a-folder")
	if err := os.WriteFile(notMNIST, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "two-layers.npz")
	if err := network.NewBuilder(784).Affine(10, 0.01, rand.New(rand.NewPCG(1, 1))).Net().SaveParams(other); err != nil {
		t.Fatal(err)
	}
	busy, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-weights", filepath.Join(dir, "missing.npz")}, "-weights: "},
		{[]string{"-weights", other}, "784-50-100-10"},
		{[]string{"-serve", busy.Addr().String()}, "-serve " + busy.Addr().String() + ": "},
	} {
		args := append([]string{"-serve", "localhost:0", "-data", notMNIST}, tc.args...)
		var stderr bytes.Buffer
		err := run(context.Background(), args, &bytes.Buffer{}, &bytes.Buffer{})
		if code := cli.ExitCode("00_neural_network", err, &stderr); code != 2 || !strings.Contains(stderr.String(), tc.want) || strings.Contains(stderr.String(), "not-a-folder") {
			t.Errorf("%v: exit status %d, %q; want 2 and %q", tc.args, code, stderr.String(), tc.want)
		}
	}
}
