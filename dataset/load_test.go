// Tests on the real MNIST files (found through $MNIST_DIR; skipped without
// it), and of where Load looks for them.

package dataset

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"dlfs/common/mat"
	"dlfs/dataset/datasettest"
)

// loadReal loads MNIST once for all the tests that read it.
var loadReal = sync.OnceValues(func() ([2]*Set, error) {
	train, test, err := Load(Options{Dir: os.Getenv("MNIST_DIR")})
	return [2]*Set{train, test}, err
})

func realMNIST(t *testing.T) (train, test *Set) {
	t.Helper()
	datasettest.MNISTDir(t)
	sets, err := loadReal()
	if err != nil {
		t.Fatal(err)
	}
	return sets[0], sets[1]
}

func TestLoadCounts(t *testing.T) {
	train, test := realMNIST(t)
	for _, c := range []struct {
		name string
		s    *Set
		n    int
	}{{"train", train, 60000}, {"test", test, 10000}} {
		if c.s.N != c.n || c.s.Rows != 28 || c.s.Cols != 28 || len(c.s.Pixels) != c.n*784 || len(c.s.Labels) != c.n {
			t.Errorf("%s: N=%d %dx%d, %d pixels, %d labels; want %d 28x28", c.name, c.s.N, c.s.Rows, c.s.Cols, len(c.s.Pixels), len(c.s.Labels), c.n)
		}
	}
	if got, want := train.LabelsOf(train.Range(0, 10)), []int{5, 0, 4, 1, 9, 2, 1, 3, 1, 4}; !slices.Equal(got, want) {
		t.Errorf("first ten training labels %v, want %v", got, want)
	}
}

// LoadTest reads the same test set as Load, with the same options.
func TestLoadTestMatchesLoad(t *testing.T) {
	_, test := realMNIST(t)
	only, err := LoadTest(Options{Dir: datasettest.MNISTDir(t), Normalize: true})
	if err != nil {
		t.Fatal(err)
	}
	if only.N != 10000 || !slices.Equal(only.Pixels, test.Pixels) || !slices.Equal(only.Labels, test.Labels) || !only.Normalize {
		t.Errorf("LoadTest: %d images, normalize %v; differs from Load's test set", only.N, only.Normalize)
	}
}

// The decoded files, header put back, must have the MD5 sums published for
// the uncompressed MNIST files.
func TestLoadMatchesPublishedMD5(t *testing.T) {
	train, test := realMNIST(t)
	images := func(s *Set) []byte { return idxImages(imageMagic, uint32(s.N), 28, 28, s.Pixels) }
	labels := func(s *Set) []byte { return idxLabels(labelMagic, uint32(s.N), s.Labels) }
	for _, c := range []struct {
		name string
		file []byte
		md5  string
	}{
		{"train-images-idx3-ubyte", images(train), "6bbc9ace898e44ae57da46a324031adb"},
		{"train-labels-idx1-ubyte", labels(train), "a25bea736e30d166cdddb491f175f624"},
		{"t10k-images-idx3-ubyte", images(test), "2646ac647ad5339dbf082846283269ea"},
		{"t10k-labels-idx1-ubyte", labels(test), "27ae3e4e09519cfbb04c329615203637"},
	} {
		if sum := md5.Sum(c.file); hex.EncodeToString(sum[:]) != c.md5 {
			t.Errorf("%s: MD5 %x, want %s", c.name, sum, c.md5)
		}
	}
}

func TestLoadPixelRange(t *testing.T) {
	train, _ := realMNIST(t)
	if lo, hi := slices.Min(train.Pixels), slices.Max(train.Pixels); lo != 0 || hi != 255 {
		t.Errorf("raw pixels span %d..%d, want 0..255", lo, hi)
	}
	for _, normalize := range []bool{false, true} {
		s := *train
		s.Normalize = normalize
		top := 255.0
		if normalize {
			top = 1
		}
		x := mat.New(1000, ImageSize)
		lo, hi := x.Data[0], x.Data[0]
		for idx := range s.Chunks(1000) {
			s.XInto(x, idx)
			lo, hi = min(lo, slices.Min(x.Data)), max(hi, slices.Max(x.Data))
		}
		if lo != 0 || hi != top {
			t.Errorf("normalize=%v: X spans %v..%v, want 0..%v", normalize, lo, hi, top)
		}
	}
}

func TestLoadOneHot(t *testing.T) {
	_, test := realMNIST(t)
	s := *test
	s.OneHotLabel = true
	idx := s.Range(0, 10000)
	onehot := s.T(idx)
	if got := mat.ArgmaxRows(onehot); !slices.Equal(got, s.LabelsOf(idx)) {
		t.Errorf("argmax of the one-hot rows differs from the labels")
	}
	if sums := mat.SumAxis1(onehot); slices.Min(sums.Data) != 1 || slices.Max(sums.Data) != 1 {
		t.Errorf("one-hot rows sum to %v..%v, want 1", slices.Min(sums.Data), slices.Max(sums.Data))
	}
}

// A folder of gunzipped files reads the same as the published .gz files.
func TestLoadRawFiles(t *testing.T) {
	dir := datasettest.MNISTDir(t)
	train, test := realMNIST(t)
	mixed := t.TempDir()
	for i, f := range mnistFiles {
		src := filepath.Join(dir, f.name)
		if i%2 == 0 {
			if err := os.Symlink(src, filepath.Join(mixed, f.name)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		gunzip(t, src, filepath.Join(mixed, strings.TrimSuffix(f.name, ".gz")))
	}
	raw := filepath.Join(mixed, "train-labels-idx1-ubyte")
	labels, err := ReadLabels(raw)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(labels, train.Labels) {
		t.Errorf("%s decodes differently from its .gz", raw)
	}
	train2, test2, err := Load(Options{Dir: mixed})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(train2.Labels, train.Labels) || !bytes.Equal(test2.Labels, test.Labels) || !bytes.Equal(test2.Pixels, test.Pixels) {
		t.Errorf("Load of a folder with gunzipped label files differs from the .gz files")
	}
}

func gunzip(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := io.Copy(&out, zr); err != nil {
		t.Fatal(err)
	}
	if binary.BigEndian.Uint32(out.Bytes()) != labelMagic {
		t.Fatalf("%s is not a label file", src)
	}
	if err := os.WriteFile(dst, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDirOrder(t *testing.T) {
	t.Setenv("MNIST_DIR", "/from/env")
	if got, _ := Dir("/from/flag"); got != "/from/flag" {
		t.Errorf("Dir with a flag = %s, want the flag", got)
	}
	if got, _ := Dir(""); got != "/from/env" {
		t.Errorf("Dir with MNIST_DIR = %s, want MNIST_DIR", got)
	}
	t.Setenv("MNIST_DIR", "")
	cache, err := CacheDir()
	if err != nil {
		t.Skip("no user cache folder here:", err)
	}
	if got, _ := Dir(""); got != cache || !strings.HasSuffix(got, filepath.Join("dlfs", "mnist")) {
		t.Errorf("Dir with nothing set = %s, want the cache %s, ending in dlfs/mnist", got, cache)
	}
}

// A damaged file is named, with what is wrong and what to do.
func TestLoadDamagedFile(t *testing.T) {
	dir := t.TempDir()
	for _, f := range mnistFiles {
		b := gz(idxLabels(labelMagic, 1, []byte{3}))
		if strings.Contains(f.name, "-images-") {
			b = gz(idxImages(imageMagic, 1, 28, 28, make([]byte, ImageSize)))
		}
		os.WriteFile(filepath.Join(dir, f.name), b, 0o644)
	}
	if train, test, err := Load(Options{Dir: dir}); err != nil || train.N != 1 || test.N != 1 {
		t.Fatalf("Load of one-image files: %v", err)
	}
	bad := filepath.Join(dir, "t10k-labels-idx1-ubyte.gz")
	os.WriteFile(bad, gz(idxLabels(labelMagic, 2, []byte{3})), 0o644)
	_, _, err := Load(Options{Dir: dir})
	if !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "delete a damaged file") {
		t.Errorf("Load with a truncated %s: %v", bad, err)
	}
}

// A folder named explicitly that does not exist is an error naming it, and
// is not created.
func TestLoadMissingExplicitDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "typo")
	t.Setenv("MNIST_DIR", dir)
	_, _, err := Load(Options{Mirrors: []string{"http://127.0.0.1:1/never-used/"}})
	if err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "MNIST_DIR") ||
		!strings.Contains(err.Error(), "train-images-idx3-ubyte.gz") {
		t.Errorf("Load from a missing MNIST_DIR: %v; want an error naming the folder, MNIST_DIR and the files", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load created the missing folder %s", dir)
	}
}
