// The page of -serve answers as the chapter's predict does: the same
// network, as a network.Net, with the same weights.

package main

import (
	"math/rand/v2"
	"testing"

	"dlfs/common/mat"
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
