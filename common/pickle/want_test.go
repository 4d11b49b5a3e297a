// LoadWant: a pickle's arrays checked against what a network wants, and a
// file too large for them refused before it is read.

package pickle

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"dlfs/common/npy"
)

func TestLoadWant(t *testing.T) {
	expected, err := npy.Load(filepath.Join("testdata", "expected.npz"))
	if err != nil {
		t.Fatal(err)
	}
	want := npy.Want{}
	for name, a := range expected {
		want[name] = a.Shape
	}
	file := filepath.Join("testdata", "numpy1_p3_dict.pkl")
	got, err := LoadWant(file, want)
	if err != nil {
		t.Fatalf("every array wanted with its shape: %v", err)
	}
	if len(got) != len(expected) {
		t.Errorf("%d arrays, want %d", len(got), len(expected))
	}

	wrong := npy.Want{}
	for name, shape := range want {
		wrong[name] = shape
	}
	wrong["W1"] = append([]int{7}, want["W1"]...)
	if _, err := LoadWant(file, wrong); !errors.Is(err, npy.ErrMismatch) || !strings.Contains(err.Error(), `"W1"`) {
		t.Errorf("W1 of another shape: got %v, want an ErrMismatch naming W1", err)
	}

	delete(wrong, "W1")
	wrong["W1"] = want["W1"]
	wrong["W9"] = []int{2}
	if _, err := LoadWant(file, wrong); !errors.Is(err, npy.ErrMismatch) || !strings.Contains(err.Error(), "W9") {
		t.Errorf("a wanted array missing: got %v, want an ErrMismatch naming W9", err)
	}

	if _, err := LoadWant(filepath.Join("..", "..", "00_neural_network", "sample_weight.npz"), npy.Want{"W1": {1}}); err == nil || !strings.Contains(err.Error(), "more than a pickle of the network's 1 values") {
		t.Errorf("a file far larger than one value needs: got %v, want it refused for its size", err)
	}
}
