// End-to-end tests of the program: the book's weights give the book's
// accuracies, a short training run learns and writes its files, a run that
// diverges or is interrupted stops and writes nothing, weights with a NaN
// are refused, and bad command lines are usage errors that name the flag.

package main

import (
	"bytes"
	"context"
	"errors"
	"image"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/cli/clitest"
	"dlfs/common/mat"
	"dlfs/common/trainer"
	"dlfs/dataset"
	"dlfs/dataset/datasettest"
)

// lastLine returns the last line of out.
func lastLine(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return lines[len(lines)-1]
}

// The book's own weights converted to .npy, evaluated on the 10,000 test
// images, give exactly what the book's NumPy code gives (see
// ../shared/book-weights/README.md). Under -short the DeepConvNet is left
// out: its 0.9935 is TestBookPickles's too, from the same arrays in the
// book's pickle.
func TestBookWeights(t *testing.T) {
	mnist := datasettest.MNISTDir(t)
	for _, tc := range []struct{ net, weights, want string }{
		{"simple", "ch07_simple_convnet", "test accuracy: 0.9890"},
		{"deep", "ch08_deep_convnet", "test accuracy: 0.9935"},
	} {
		t.Run(tc.net, func(t *testing.T) {
			if testing.Short() && tc.net == "deep" {
				t.Skip("-short: TestBookPickles checks the same 0.9935")
			}
			weights := datasettest.BookWeights(t, tc.weights)
			out := clitest.Run(t, run, "-data", mnist, "-net", tc.net, "-weights", weights)
			if got := lastLine(out); got != tc.want {
				t.Errorf("the book's %s weights: got %q, want %q", tc.weights, got, tc.want)
			}
		})
	}
}

// A short run on 1000 images writes the parameters as the book's pickle and
// the pictures; the saved parameters, evaluated with -weights, give the
// accuracy the run reported, and Python's pickle.load (the book's
// load_params) reads them back as they are. The second run also filters
// an image given with -filter-image.
func TestTrainSaveAndEvaluate(t *testing.T) {
	mnist := datasettest.MNISTDir(t)
	dir := t.TempDir()
	save := filepath.Join(dir, "w.pkl")
	out := clitest.Run(t, run, "-data", mnist, "-epochs", "2", "-train-size", "1000", "-save", save, "-out", dir)
	last := lastLine(out)
	if !regexp.MustCompile(`^test accuracy: 0\.\d{4}$`).MatchString(last) {
		t.Fatalf("last line %q, want test accuracy: 0.XXXX", last)
	}
	if got := strings.Count(out, "epoch "); got != 3 {
		t.Errorf("%d epoch lines, want 3 (epochs 0, 1, 2):\n%s", got, out)
	}
	for _, name := range []string{"w.pkl", "filters_before.png", "filters_after.png", "apply_filter.png", "accuracy.svg", "loss.svg", "misclassified.png"} {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}

	// A 40x30 image of stripes: its apply_filter.png differs from the
	// first run's, which filtered the first test digit.
	img := image.NewGray(image.Rect(0, 0, 40, 30))
	for i := range img.Pix {
		img.Pix[i] = uint8(255 * (i / 3 % 2))
	}
	png := filepath.Join(dir, "stripes.png")
	if err := os.WriteFile(png, encodePNG(t, img), 0o644); err != nil {
		t.Fatal(err)
	}
	out2 := filepath.Join(dir, "again")
	if again := lastLine(clitest.Run(t, run, "-data", mnist, "-weights", save, "-out", out2, "-filter-image", png)); again != last {
		t.Errorf("the saved weights give %q, the run ended with %q", again, last)
	}
	first, err1 := os.ReadFile(filepath.Join(dir, "apply_filter.png"))
	second, err2 := os.ReadFile(filepath.Join(out2, "apply_filter.png"))
	if err1 != nil || err2 != nil || bytes.Equal(first, second) {
		t.Errorf("apply_filter.png of -filter-image: %v, %v, or the same as the test digit's", err1, err2)
	}
	checkPythonReads(t, save)
}

// -check is the book's ch07/gradient_check.py: one line per parameter,
// each difference tiny. It reads no MNIST (it refuses -data).
func TestCheckMode(t *testing.T) {
	out := clitest.Run(t, run, "-check", "-seed", "8")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	names := []string{"W1", "b1", "W2", "b2", "W3", "b3"}
	if len(lines) != len(names) {
		t.Fatalf("printed %q, want one line per parameter %v", out, names)
	}
	for i, line := range lines {
		name, v, _ := strings.Cut(line, " ")
		diff, err := strconv.ParseFloat(v, 64)
		if name != names[i] || err != nil || !(diff < 1e-6) {
			t.Errorf("line %q, want %s and a difference below 1e-6", line, names[i])
		}
	}
}

// A few dozen Adam steps on a small subset make the loss fall, as in the
// first moments of the book's training.
func TestTrainingLossFalls(t *testing.T) {
	trainSet, testSet, err := dataset.Load(dataset.Options{Dir: datasettest.MNISTDir(t), Normalize: true, Flatten: true})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	net := NewSimpleConvNet(BookSimpleConfig, rng)
	c := config{epochs: 1, batch: 50, optimizer: "Adam", lr: 0.001}
	tr, err := train(context.Background(), net, trainSet.Head(2000), testSet.Head(500), c, rng, nil, &bytes.Buffer{}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	acc := tr.TestAcc[len(tr.TestAcc)-1]
	if n := len(tr.TrainLoss); n != 40 {
		t.Fatalf("%d iterations, want 40 (2000 images in batches of 50)", n)
	}
	first, last := mat.Sum(mat.NewFrom(1, 5, tr.TrainLoss[:5]))/5, mat.Sum(mat.NewFrom(1, 5, tr.TrainLoss[35:]))/5 // mean losses
	t.Logf("loss %.3f -> %.3f, accuracy on 500 test images %.3f", first, last, acc)
	if !(first > 2.2 && last < first-0.5) {
		t.Errorf("mean loss of the first 5 iterations %.3f, of the last 5 %.3f: want it to start near ln 10 = 2.30 and fall by 0.5", first, last)
	}
}

// A learning rate far too large wrecks the network: its loss becomes NaN
// (-lr 1e300) or blows up without becoming NaN (-lr 100, the loss of a dead
// network that is confidently wrong). Either way the run stops with an error
// naming -lr, and writes nothing: no parameters, no -out folder.
func TestDivergenceStops(t *testing.T) {
	mnist := datasettest.MNISTDir(t)
	for _, lr := range []string{"1e300", "100"} {
		dir := t.TempDir()
		save, out := filepath.Join(dir, "w.npz"), filepath.Join(dir, "out")
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), []string{"-data", mnist, "-epochs", "1", "-train-size", "1000", "-lr", lr, "-save", save, "-out", out}, &stdout, &stderr)
		if !errors.Is(err, trainer.ErrDiverged) {
			t.Fatalf("-lr %s: got %v, want an error wrapping trainer.ErrDiverged", lr, err)
		}
		if !strings.Contains(err.Error(), "iteration") || !strings.Contains(err.Error(), "-lr") {
			t.Errorf("-lr %s: error %q should name the iteration and suggest a smaller -lr", lr, err)
		}
		if code := cli.ExitCode("04_cnn", err, &stderr); code != 1 {
			t.Errorf("-lr %s: exit status %d, want 1", lr, code)
		}
		for _, path := range []string{save, out} {
			if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("-lr %s: %s exists after a failed run (%v)", lr, path, err)
			}
		}
	}
}

// An interrupt stops training at the end of its step: the run says where it
// stopped, exits with 130 for SIGINT, and leaves no -out folder and no
// parameters.
func TestInterruptStops(t *testing.T) {
	mnist := datasettest.MNISTDir(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(&cli.Interrupted{Signal: os.Interrupt})
	var stdout, stderr bytes.Buffer
	err := run(ctx, []string{"-data", mnist, "-epochs", "1", "-train-size", "1000", "-out", out}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "stopped after 0 of 10 iterations") {
		t.Fatalf("got %v, want an error saying where training stopped", err)
	}
	if code := cli.ExitCode("04_cnn", err, &stderr); code != 130 {
		t.Errorf("exit status %d, want 130", code)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 0 {
		t.Errorf("the run left %v in the folder (%v), want nothing", entries, err)
	}
}

// Weights with a NaN are refused before MNIST is loaded, with an error that
// names the file, the array and the index.
func TestWeightsWithNaN(t *testing.T) {
	dir := t.TempDir()
	net := NewSimpleConvNet(BookSimpleConfig, rand.New(rand.NewPCG(1, 1)))
	net.Param("b2").Data[42] = math.NaN()
	path := filepath.Join(dir, "nan.npz")
	if err := net.SaveParams(path); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"-data", filepath.Join(dir, "no-mnist"), "-weights", path}, &stdout, &stderr)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{path, `"b2"`, "NaN", "[42]"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

// Bad command lines are usage errors (exit status 2) whose message names
// the flag. None of these needs MNIST: they fail before loading it.
func TestFlagErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-net", "resnet"}, "-net"},
		{[]string{"-epochs", "0"}, "-epochs"},
		{[]string{"-epochs", "x"}, "-epochs"},
		{[]string{"-batch", "-1"}, "-batch"},
		{[]string{"-batch", "100000"}, "-batch"},
		{[]string{"-lr", "0"}, "-lr"},
		{[]string{"-lr", "NaN"}, "-lr"},
		{[]string{"-optimizer", "adamw"}, "-optimizer"},
		{[]string{"-train-size", "0"}, "-train-size"},
		{[]string{"-weights", missing}, "-weights"},
		{[]string{"-weights", ".", "-epochs", "3"}, "-epochs"},
		{[]string{"-weights", ".", "-save", "w.npz"}, "-save"},
		{[]string{"-weights", ".", "-lr", "0.1"}, "-lr"},
		{[]string{"-weights", ".", "-seed", "2"}, "-seed"},
		{[]string{"-save", "w.json"}, "-save w.json: want a file name ending in .npz or .pkl"},
		{[]string{"-half"}, "-half: want -weights"},
		{[]string{"-half", "-weights", ".", "-out", "x"}, "-out"},
		{[]string{"-check", "-epochs", "3"}, "-epochs"},
		{[]string{"-filter-image", "x.png"}, "-filter-image x.png: want -out"},
		{[]string{"-weights", ".", "-out", missing, "-filter-image", missing}, "-filter-image"},
		{[]string{"-weights", ".", "-out", missing, "-filter-image", os.DevNull}, "-filter-image"},
		{[]string{"-weights", "."}, "-weights"},
		{[]string{"-save", filepath.Join(os.DevNull, "w.npz")}, "-save"},
		{[]string{"-save", filepath.Join(missing, "w.npz")}, "-save"},
		{[]string{"-out", os.DevNull}, "-out"},
		{[]string{"-out", filepath.Join(os.DevNull, "x")}, "-out"},
		{[]string{"-cpuprofile", os.DevNull}, "-cpuprofile"},
		{[]string{"-cpuprofile", filepath.Join(missing, "cpu.prof")}, "-cpuprofile"},
		{[]string{"-seed", "-1"}, "-seed"},
		{[]string{"-nosuchflag"}, "nosuchflag"},
		{[]string{"extra"}, "extra"},
	} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), tc.args, &stdout, &stderr)
		var usage cli.UsageError
		if !errors.As(err, &usage) {
			t.Errorf("%v: got %v, want a usage error", tc.args, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %q does not name %s", tc.args, err, tc.want)
		}
		if code := cli.ExitCode("04_cnn", err, &stderr); code != 2 {
			t.Errorf("%v: exit status %d, want 2", tc.args, code)
		}
	}
}

// -h prints every flag with its default and exits with status 0.
func TestHelp(t *testing.T) {
	_, help := clitest.Help(t, run)
	clitest.CheckFlagDefaults(t, help, "net", "data", "seed", "epochs", "batch", "optimizer", "lr", "train-size", "weights", "half", "check", "save", "out", "filter-image", "serve", "cpuprofile")
}
