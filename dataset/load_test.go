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
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

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

// Each message names the real cause, and valid IDX files that are not the
// published ones are used with one notice each.
func TestLoadMessages(t *testing.T) {
	oneImage := func(f file) []byte {
		if strings.Contains(f.name, "-images-") {
			return gz(idxImages(imageMagic, 1, 28, 28, make([]byte, ImageSize)))
		}
		return gz(idxLabels(labelMagic, 1, []byte{3}))
	}
	const testLabels = "t10k-labels-idx1-ubyte.gz"
	// The sizes of those files as this Go's gzip writes them.
	imagesSize := len(oneImage(file{name: "train-images-idx3-ubyte.gz"}))
	labelsSize := len(oneImage(file{name: "train-labels-idx1-ubyte.gz"}))
	for _, tc := range []struct {
		name    string
		setup   func(t *testing.T, dir string) string // returns the -data folder
		err     string                                // "" for success
		not     string                                // what the error or the notices must not hold
		notices []string                              // the notices, in order (nil: not checked)
	}{
		{"user-made files: one notice each", func(t *testing.T, dir string) string { return dir }, "", "",
			[]string{fmt.Sprintf("train-images-idx3-ubyte.gz is not the published MNIST file (%d bytes, the published file has 9912422); used as given", imagesSize),
				fmt.Sprintf("train-labels-idx1-ubyte.gz is not the published MNIST file (%d bytes", labelsSize), "t10k-images-idx3-ubyte.gz is not the published", testLabels + " is not the published"}},
		{"truncated user-made file: no advice to delete it", func(t *testing.T, dir string) string {
			os.WriteFile(filepath.Join(dir, testLabels), gz(idxLabels(labelMagic, 1, nil)), 0o644)
			return dir
		}, testLabels + ": truncated: only 0 of the 1 bytes of the 1 labels\n(it is not the published MNIST file " + testLabels, "(delete", nil},
		{"damaged file of the published size: delete it", func(t *testing.T, dir string) string {
			b := gz(idxLabels(labelMagic, 1, []byte{3}))
			b = append(b, make([]byte, 4542-len(b))...)
			os.WriteFile(filepath.Join(dir, testLabels), b, 0o644)
			return dir
		}, "(delete DIR/" + testLabels + ", a damaged copy of the published file, and run again", "", nil},
		{"zero images", func(t *testing.T, dir string) string {
			os.WriteFile(filepath.Join(dir, "t10k-images-idx3-ubyte.gz"), gz(idxImages(imageMagic, 0, 28, 28, nil)), 0o644)
			os.WriteFile(filepath.Join(dir, testLabels), gz(idxLabels(labelMagic, 0, nil)), 0o644)
			return dir
		}, "dataset: DIR/t10k-images-idx3-ubyte.gz holds no images", "batch", []string{}},
		{"-data is a file", func(t *testing.T, dir string) string { return filepath.Join(dir, testLabels) },
			"dataset: DIR/" + testLabels + " is a file, not a folder; point -data to the folder that holds train-images-idx3-ubyte.gz, ", "not a directory", nil},
		{"one file missing: the hint names it alone", func(t *testing.T, dir string) string {
			os.Remove(filepath.Join(dir, testLabels))
			return dir
		}, "Download " + testLabels + " by hand (from any MNIST mirror) into DIR,", "train-images-idx3-ubyte.gz by hand", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range mnistFiles {
				os.WriteFile(filepath.Join(dir, f.name), oneImage(f), 0o644)
			}
			data := tc.setup(t, dir)
			var notices strings.Builder
			_, _, err := Load(Options{Dir: data, Progress: &notices, Mirrors: []string{"http://127.0.0.1:1/"}, StallTimeout: time.Second})
			want := strings.ReplaceAll(tc.err, "DIR", dir)
			switch {
			case tc.err == "" && err != nil:
				t.Fatalf("Load: %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), want)):
				t.Fatalf("Load: %v\nwant an error containing %q", err, want)
			case tc.not != "" && err != nil && strings.Contains(err.Error(), tc.not):
				t.Errorf("Load: %v\nholds %q", err, tc.not)
			}
			if tc.notices == nil {
				return
			}
			var lines []string // no notice for files that are not used
			if notices.Len() > 0 {
				lines = strings.Split(strings.TrimSuffix(notices.String(), "\n"), "\n")
			}
			if len(lines) != len(tc.notices) {
				t.Fatalf("notices:\n%s\nwant %d lines", notices.String(), len(tc.notices))
			}
			for i, line := range lines {
				if !strings.HasPrefix(line, "dataset: "+dir+"/") || !strings.Contains(line, tc.notices[i]) || !strings.HasSuffix(line, "; used as given") {
					t.Errorf("notice %q, want it to name the file and hold %q", line, tc.notices[i])
				}
			}
		})
	}
}

// The published files, gzip'd or gunzipped, get no notice; a gunzipped file
// of the published size with other bytes gets one.
func TestLoadPublishedNoNotice(t *testing.T) {
	src := datasettest.MNISTDir(t)
	dir := t.TempDir()
	for _, f := range mnistFiles[2:] {
		b, err := os.ReadFile(filepath.Join(src, f.name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, f.name), b, 0o644)
	}
	gunzip(t, filepath.Join(src, "t10k-labels-idx1-ubyte.gz"), filepath.Join(dir, "t10k-labels-idx1-ubyte"))
	os.Remove(filepath.Join(dir, "t10k-labels-idx1-ubyte.gz"))
	var notices strings.Builder
	if _, err := LoadTest(Options{Dir: dir, Progress: &notices}); err != nil || notices.Len() != 0 {
		t.Fatalf("LoadTest of the published files: %v, notices %q; want none", err, notices.String())
	}
	raw := filepath.Join(dir, "t10k-labels-idx1-ubyte")
	b, _ := os.ReadFile(raw)
	b[len(b)-1] = (b[len(b)-1] + 1) % 10 // another digit: still valid
	os.WriteFile(raw, b, 0o644)
	if _, err := LoadTest(Options{Dir: dir, Progress: &notices}); err != nil ||
		notices.String() != "dataset: "+raw+" is not the published MNIST file (the same size, but another SHA-256); used as given\n" {
		t.Errorf("LoadTest of a changed label: %v, notices %q", err, notices.String())
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
