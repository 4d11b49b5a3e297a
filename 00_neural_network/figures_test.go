// Tests of chapter 3's figures: the curves against the book's ranges, the
// digit's PNG pixel by pixel, the files -out writes and the shapes printed,
// and the first MNIST training image's label, 5.

package main

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/cli/clitest"
	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

// The curves run over np.arange(-5, 5, 0.1) with the book's y ranges, and
// hold the book's values: the step jumps after 0, the sigmoid is 1/2 at 0,
// ReLU is x on the right.
func TestActivationCharts(t *testing.T) {
	x := activationX()
	if len(x) != 100 || x[0] != -5 || math.Abs(x[99]-4.9) > 1e-12 {
		t.Fatalf("x has %d values from %v to %v, want np.arange(-5, 5, 0.1)", len(x), x[0], x[len(x)-1])
	}
	relu := activationChart("ReLU function", func(v float64) float64 { return max(v, 0) }, -1, 5.5)
	if relu.Y.Min != -1 || relu.Y.Max != 5.5 || len(relu.Series) != 1 || relu.Series[0].Y[99] != x[99] {
		t.Errorf("y range %v..%v, want the book's -1..5.5 with the curve itself", relu.Y.Min, relu.Y.Max)
	}
	c := sigStepChart()
	sig, st := c.Series[0].Y, c.Series[1].Y
	for i, v := range x {
		if want := 1 / (1 + math.Exp(-v)); math.Abs(sig[i]-want) > 1e-15 {
			t.Fatalf("sigmoid(%v) = %v, want %v", v, sig[i], want)
		}
		if want := 0.0; v > 0 && st[i] != 1 || v <= 0 && st[i] != want {
			t.Fatalf("step(%v) = %v", v, st[i])
		}
	}
	if !c.Series[1].Dashed || c.Series[1].Color != "#000000" {
		t.Errorf("the step function is not drawn 'k--' as the book draws it")
	}
}

// fakeSet is one 28x28 image: black but for a white first row, label 7.
func fakeSet() *dataset.Set {
	pix := make([]uint8, 28*28)
	for i := range 28 {
		pix[i] = 255
	}
	return &dataset.Set{N: 1, Rows: 28, Cols: 28, Pixels: pix, Labels: []uint8{7}}
}

// The digit is drawn 12 times its size, white where the pixel is 255 and
// black where it is 0, with its label under it.
func TestDigitImage(t *testing.T) {
	img, err := digitImage(fakeSet(), 0).Image()
	if err != nil {
		t.Fatal(err)
	}
	if w := img.Bounds().Dx(); w != 28*imageScale+2*8 {
		t.Errorf("image is %d pixels wide, want %d", w, 28*imageScale+16)
	}
	if img.Bounds().Dy() <= 28*imageScale+16 {
		t.Errorf("image is %d pixels high, leaving no room for the label", img.Bounds().Dy())
	}
	// Inside the tile: row 0 white, row 1 black.
	white, black := img.RGBAAt(8+5, 8+5), img.RGBAAt(8+5, 8+imageScale+5)
	if white.R != 255 || black.R != 0 {
		t.Errorf("pixel of value 255 drawn %v, of value 0 drawn %v; want white and black", white, black)
	}
}

// -out writes the five figures and prints the label and the shapes.
func TestWriteFigures(t *testing.T) {
	path := filepath.Join(t.TempDir(), "figures")
	out, err := cli.OutputDir("-out", path)
	if err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	names, err := writeFigures(out, fakeSet(), &stdout)
	if err := out.Close(err); err != nil {
		t.Fatal(err)
	}
	want := []string{"step_function.svg", "sigmoid.svg", "relu.svg", "sig_step_compare.svg", "mnist_show.png"}
	if !slices.Equal(names, want) || !slices.Equal(figureFiles, want) {
		t.Errorf("wrote %v, -out checks %v, want %v", names, figureFiles, want)
	}
	for _, name := range want {
		data, err := os.ReadFile(filepath.Join(path, name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".png") {
			if _, err := png.Decode(bytes.NewReader(data)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		} else if !strings.Contains(string(data), "<title") && !strings.Contains(string(data), `class="title"`) {
			t.Errorf("%s has no title", name)
		}
	}
	if got := stdout.String(); !strings.Contains(got, "label 7") || !strings.Contains(got, "(784,)") || !strings.Contains(got, "(28, 28)") {
		t.Errorf("printed %q, want the label and the shapes (784,) and (28, 28)", got)
	}
	if _, err := writeFigures(out, &dataset.Set{Rows: 28, Cols: 28}, &stdout); err == nil {
		t.Errorf("an empty training set gave no error")
	}
}

// The book's first training image shows a 5.
func TestFirstTrainingImageIsFive(t *testing.T) {
	dir := os.Getenv("MNIST_DIR")
	if dir == "" {
		if os.Getenv("MNIST_REQUIRED") == "1" {
			t.Fatal("MNIST_REQUIRED=1 but MNIST_DIR is not set")
		}
		t.Skip("MNIST_DIR is not set: set it to a folder with the MNIST files to run this test")
	}
	train, _, err := dataset.Load(dataset.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if train.Label(0) != 5 || train.Rows*train.Cols != 784 {
		t.Errorf("first training image: label %d, %d pixels; want 5 and 784", train.Label(0), train.Rows*train.Cols)
	}
}

// -out through the command line: the five figures, mnist_show's lines with
// the book's label 5, and then the run as without -out.
func TestRunOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "figures")
	out := clitest.Run(t, run, "-data", datasettest.MNISTDir(t), "-out", dir)
	if got := strings.Join(clitest.Files(t, dir), " "); got != "mnist_show.png relu.svg sig_step_compare.svg sigmoid.svg step_function.svg" {
		t.Errorf("-out wrote %s, want the five figures", got)
	}
	if !strings.HasPrefix(out, "mnist_show: first training image, label 5\nimg.shape (784,), reshaped to (28, 28)\n") {
		t.Errorf("-out printed\n%s\nwant mnist_show's label 5 and shapes first", out)
	}
	if acc := lastAccuracy(t, out); acc < 0.9352 {
		t.Errorf("with -out the built-in weights score %.4f, want what they score without it, at least 0.9352", acc)
	}
}
