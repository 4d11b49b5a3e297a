// Tests of Builder on a small convolutional network: names, shapes and
// parameter numbering, saving and loading in NumPy's shapes, and the
// gradient with respect to the input against the numerical one.

package network

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// tinyConvNet is conv - relu - pool - affine - relu - affine on 1x6x6
// images: SimpleConvNet in miniature.
func tinyConvNet(seed uint64) *Net {
	rng := rand.New(rand.NewPCG(seed, 1))
	return NewBuilder(1, 6, 6).
		Conv(3, 3, 1, 1, 0.5, rng).Relu().Pool(2, 2).
		Affine(5, 0.5, rng).Relu().
		Affine(4, 0.5, rng).
		Net()
}

func TestBuilderNamesShapesAndParams(t *testing.T) {
	n := tinyConvNet(1)
	wantNames := []string{"Convolution1", "Relu1", "Pooling1", "Affine1", "Relu2", "Affine2"}
	wantShapes := [][]int{{3, 6, 6}, {3, 6, 6}, {3, 3, 3}, {5}, {5}, {4}}
	if !slices.Equal(n.Names, wantNames) {
		t.Errorf("Names = %v, want %v", n.Names, wantNames)
	}
	for i, s := range wantShapes {
		if !slices.Equal(n.Shapes[i], s) {
			t.Errorf("Shapes[%d] = %v, want %v", i, n.Shapes[i], s)
		}
	}
	var names []string
	for _, p := range n.Params() {
		names = append(names, p.Name)
	}
	if want := []string{"W1", "b1", "W2", "b2", "W3", "b3"}; !slices.Equal(names, want) {
		t.Errorf("parameter names %v, want %v", names, want)
	}
	if w := n.Param("W2"); w == nil || w.Rows != 27 || w.Cols != 5 {
		t.Errorf("W2 is %v, want the 27x5 weights of the first Affine", w)
	}
	if !strings.Contains(n.String(), "Pooling1") || !strings.Contains(n.String(), "parameters") {
		t.Errorf("String() = %q, want the layers and the parameter count", n.String())
	}
}

// A MultiLayerNet with batch normalization numbers gamma and beta with the
// Affine before them, as the book's MultiLayerNetExtend does.
func TestBatchNormParamsShareTheAffineNumber(t *testing.T) {
	n, err := NewMultiLayerNet(Config{InputSize: 4, HiddenSizes: []int{3}, OutputSize: 2, UseBatchnorm: true})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range n.Params() {
		names = append(names, p.Name)
	}
	if want := []string{"W1", "b1", "gamma1", "beta1", "W2", "b2"}; !slices.Equal(names, want) {
		t.Errorf("parameter names %v, want %v", names, want)
	}
}

// SaveParams writes the book's shapes, and LoadParams into another network
// of the same shape gives the same predictions.
func TestSaveAndLoadParams(t *testing.T) {
	a, b := tinyConvNet(1), tinyConvNet(2)
	path := filepath.Join(t.TempDir(), "w.npz")
	if err := a.SaveParams(path); err != nil {
		t.Fatal(err)
	}
	if err := b.LoadParams(path); err != nil {
		t.Fatal(err)
	}
	x := nn.RandN(rand.New(rand.NewPCG(3, 3)), 2, 36, 1)
	if d := mat.MaxAbsDiff(a.Predict(x, false).Clone(), b.Predict(x, false)); d != 0 {
		t.Errorf("loaded network predicts %g away from the saved one", d)
	}
	// Weights of another network are refused, naming the array.
	other := NewBuilder(1, 6, 6).Conv(2, 3, 1, 1, 0.5, rand.New(rand.NewPCG(1, 1))).Net()
	if err := other.LoadParams(path); err == nil || !strings.Contains(err.Error(), "W1") {
		t.Errorf("loading a 3-filter network into a 2-filter one: %v, want an error naming W1", err)
	}
}
