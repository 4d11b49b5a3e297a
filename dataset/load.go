// Load, the book's load_mnist(normalize, flatten, one_hot_label), and the
// folder it reads from: -data flag, then $MNIST_DIR, then the user's cache.

package dataset

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Options are the choices of Load. Unlike load_mnist, whose normalize and
// flatten default to True, every option is off unless set: the zero value
// gives 0..255 pixels and plain labels from the default folder, downloading
// what is missing.
type Options struct {
	Dir         string // the folder holding MNIST, from a program's -data flag; "" means $MNIST_DIR, then CacheDir()
	Normalize   bool   // pixels divided by 255 into [0,1] (the book's default, normalize=True); else 0..255
	Flatten     bool   // the book's flatten: Shape reports (784) rather than (1, 28, 28)
	OneHotLabel bool   // the book's one_hot_label: Set.T returns one-hot rows

	// Context stops a download when it is cancelled (a run's Ctrl-C): Load
	// returns its error at once, leaving no partial file. nil means
	// context.Background().
	Context context.Context

	Mirrors  []string     // base URLs to download from, tried in order; nil means DefaultMirrors
	Progress io.Writer    // where download progress goes; nil means os.Stderr
	Client   *http.Client // nil means a client with connect and response-header timeouts
	// StallTimeout abandons a mirror that sends nothing for this long, while
	// connecting or in the middle of a file; 0 means 30 seconds.
	StallTimeout time.Duration
}

// file is one of the four MNIST files, as published.
type file struct {
	name      string // as on the mirrors
	size      int64  // bytes of the .gz file
	sha256    string // of the .gz file, in hex
	rawSize   int64  // bytes of the file gunzipped
	rawSHA256 string // of the file gunzipped, in hex
}

// mnistFiles are the four original files. Their MD5 sums match those
// published with MNIST; these are their SHA-256 sums, gzip'd as published
// and gunzipped.
var mnistFiles = []file{
	{"train-images-idx3-ubyte.gz", 9912422, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
		47040016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"},
	{"train-labels-idx1-ubyte.gz", 28881, "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
		60008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"},
	{"t10k-images-idx3-ubyte.gz", 1648877, "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
		7840016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"},
	{"t10k-labels-idx1-ubyte.gz", 4542, "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
		10008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"},
}

// ErrNoImages is the error, wrapped with the file's name, of an IDX file
// that holds no images: no program can learn from, or be tested on, none.
var ErrNoImages = errors.New("holds no images")

// Load reads the MNIST training set (60,000 images) and test set (10,000),
// like the book's load_mnist. It finds the files as Dir does, downloads any
// that are missing (see the package documentation), and decodes the four
// files concurrently.
func Load(opts Options) (train, test *Set, err error) {
	sets, err := load(opts, mnistFiles)
	if err != nil {
		return nil, nil, err
	}
	return sets[0], sets[1], nil
}

// LoadTest reads only the test set, for programs that evaluate pretrained
// weights: it skips gunzipping the 47 MB of training images, which is most of
// Load's time, and downloads only the two test files if they are missing.
func LoadTest(opts Options) (*Set, error) {
	sets, err := load(opts, mnistFiles[2:])
	if err != nil {
		return nil, err
	}
	return sets[0], nil
}

// load reads files, pairs of an image file and its label file, into one Set
// per pair.
func load(opts Options, files []file) ([]*Set, error) {
	dir, from, err := resolveDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	paths, err := ensureFiles(dir, from, files, opts)
	if err != nil {
		return nil, err
	}

	// First every header, which are tiny: an image file and its label file
	// must claim the same count before a pixel is read. Each file of the
	// published size is hashed as it is read, to tell a copy of the
	// published file from one of the same size made otherwise.
	idx := make([]*idxFile, len(paths))
	defer func() {
		for _, x := range idx {
			if x != nil {
				x.close()
			}
		}
	}()
	errs := make([]error, len(paths))
	published := make([]string, len(paths)) // "" for the published file, else why not
	for i, path := range paths {
		idx[i], published[i], errs[i] = openChecked(path, files[i])
	}
	if err := hinted(errs, paths, files, from); err != nil {
		return nil, err
	}
	for i := 0; i < len(idx); i += 2 {
		if err := sameCount(idx[i], idx[i+1]); err != nil {
			return nil, err
		}
	}

	// Then the bodies. Decoding the training images (gunzipping 47 MB)
	// takes most of the time; the other files decode beside it.
	data := make([][]uint8, len(paths))
	var wg sync.WaitGroup
	for i, x := range idx {
		wg.Go(func() {
			data[i], errs[i] = x.body()
			if x.h != nil { // published[i] is the SHA-256 of the published file
				if hex.EncodeToString(x.h.Sum(nil)) == published[i] {
					published[i] = ""
				} else {
					published[i] = "the same size, but another SHA-256"
				}
			}
		})
	}
	wg.Wait()
	if err := hinted(errs, paths, files, from); err != nil {
		return nil, err
	}
	var sets []*Set
	for i := 0; i < len(paths); i += 2 {
		sets = append(sets, newSet(data[i], data[i+1], opts))
	}
	for i, why := range published {
		if why != "" {
			fmt.Fprintf(progressOf(opts), "dataset: %s is not the published MNIST file (%s); used as given\n", paths[i], why)
		}
	}
	return sets, nil
}

// hinted joins errs, the errors of reading paths, adding to each that says
// a file is damaged what to do about it.
func hinted(errs []error, paths []string, files []file, from string) error {
	for i, err := range errs {
		if err != nil && damaged(err) {
			errs[i] = fmt.Errorf("%w\n%s", err, damagedHint(paths[i], files[i], from))
		}
	}
	return errors.Join(errs...)
}

// damaged reports whether err says that a file's contents are wrong.
func damaged(err error) bool {
	for _, e := range []error{ErrMagic, ErrTruncated, ErrTrailing, ErrDims, ErrTooLarge, ErrLabel, ErrCorrupt} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// damagedHint says what to do about the damaged file at path: delete it to
// have it downloaded afresh when it is one a download put there (it is in the
// cache, or has the size of the published file), else only that it is not
// the published file, since the user made it so.
func damagedHint(path string, f file, from string) string {
	if fi, err := os.Stat(path); from == "" || err == nil && (fi.Size() == f.size || fi.Size() == f.rawSize) {
		return fmt.Sprintf("(delete %s, a damaged copy of the published file, and run again to have it downloaded afresh)", path)
	}
	return fmt.Sprintf("(it is not the published MNIST file %s; put that file in its place, or fix this one)", f.name)
}

// progressOf returns where Load's notices go: opts.Progress, else stderr.
func progressOf(opts Options) io.Writer {
	if opts.Progress != nil {
		return opts.Progress
	}
	return os.Stderr
}

// openChecked opens the IDX file at path, which stands for the published
// file f, and reads its header. When its size is that of f (gzip'd or
// gunzipped) the file is hashed as it is read (x.h), and published is the
// SHA-256 of f; else published says how its size differs, for the notice.
func openChecked(path string, f file) (x *idxFile, published string, err error) {
	magic := uint32(labelMagic)
	if strings.Contains(f.name, "-images-") {
		magic = imageMagic
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, "", fmt.Errorf("dataset: %w", err)
	}
	size, sum := f.size, f.sha256
	if !strings.HasSuffix(path, ".gz") {
		size, sum = f.rawSize, f.rawSHA256
	}
	if fi.Size() != size {
		x, err = openIDX(path, magic, nil)
		return x, fmt.Sprintf("%d bytes, the published file has %d", fi.Size(), size), err
	}
	x, err = openIDX(path, magic, sha256.New())
	return x, sum, err
}

// sameCount checks, from their headers, that an image file and its label
// file hold the same number of images, and at least one.
func sameCount(images, labels *idxFile) error {
	if images.count == 0 {
		return fmt.Errorf("dataset: %s %w", images.path, ErrNoImages)
	}
	if images.count != labels.count {
		return fmt.Errorf("dataset: %w: %s has %d images but %s has %d labels",
			ErrCountMismatch, images.path, images.count, labels.path, labels.count)
	}
	return nil
}

// ReadSet reads a set from an IDX image file and the IDX label file that
// goes with it (gzip'd or raw). Both headers are read first, and their
// counts compared, before a pixel is read. The options are the zero ones:
// raw pixels, plain labels; set the Set's fields to change them.
func ReadSet(imagesPath, labelsPath string) (*Set, error) {
	images, err := openIDX(imagesPath, imageMagic, nil)
	if err != nil {
		return nil, err
	}
	defer images.close()
	labels, err := openIDX(labelsPath, labelMagic, nil)
	if err != nil {
		return nil, err
	}
	defer labels.close()
	if err := sameCount(images, labels); err != nil {
		return nil, err
	}
	pixels, err := images.body()
	if err != nil {
		return nil, err
	}
	digits, err := labels.body()
	if err != nil {
		return nil, err
	}
	return newSet(pixels, digits, Options{}), nil
}

// newSet makes a Set of pixels and labels whose counts sameCount has checked.
func newSet(pixels, labels []uint8, opts Options) *Set {
	return &Set{
		N: len(labels), Rows: ImageRows, Cols: ImageCols, Pixels: pixels, Labels: labels,
		Normalize: opts.Normalize, Flatten: opts.Flatten, OneHotLabel: opts.OneHotLabel,
	}
}

// CacheDir returns the per-user cache folder for MNIST: dlfs/mnist inside
// os.UserCacheDir(), that is ~/.cache/dlfs/mnist on Linux,
// ~/Library/Caches/dlfs/mnist on macOS, %LocalAppData%\dlfs\mnist on Windows.
func CacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("dataset: no cache folder for MNIST (%w); set MNIST_DIR or pass -data", err)
	}
	return filepath.Join(dir, "dlfs", "mnist"), nil
}

// Dir returns the folder Load reads MNIST from: flagDir when it is not empty
// (a program's -data flag), else $MNIST_DIR when set, else CacheDir().
func Dir(flagDir string) (string, error) {
	dir, _, err := resolveDir(flagDir)
	return dir, err
}

// resolveDir is Dir that also says where the folder came from: "-data",
// "MNIST_DIR", or "" for the cache.
func resolveDir(flagDir string) (dir, from string, err error) {
	if flagDir != "" {
		return flagDir, "-data", nil
	}
	if env := os.Getenv("MNIST_DIR"); env != "" {
		return env, "MNIST_DIR", nil
	}
	dir, err = CacheDir()
	return dir, "", err
}

// ensureFiles returns the paths of files in dir, each found gzip'd (as
// published) or gunzipped, downloading those found in neither form. A folder
// given explicitly (from is not "") must exist; the cache folder is created.
func ensureFiles(dir, from string, files []file, opts Options) ([]string, error) {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("dataset: %s is a file, not a folder; point %s to the folder that holds %s",
			dir, fromName(from), fileList(files))
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("dataset: the MNIST folder %s (from %s): %w", dir, fromName(from), err)
	}
	paths := make([]string, len(files))
	var missing []file
	for i, f := range files {
		gz := filepath.Join(dir, f.name)
		raw := strings.TrimSuffix(gz, ".gz")
		switch {
		case exists(gz):
			paths[i] = gz
		case exists(raw):
			paths[i] = raw
		default:
			paths[i] = gz
			missing = append(missing, f)
		}
	}
	if len(missing) == 0 {
		return paths, nil
	}

	if from != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("dataset: the MNIST folder %s (from %s) does not exist or is not a folder; "+
				"create it to have MNIST downloaded into it, or point %s to a folder holding %s",
				dir, from, from, fileList(files))
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("dataset: cannot create the MNIST cache: %w; set MNIST_DIR or pass -data "+
			"to use a folder holding %s", err, fileList(files))
	}
	d := newDownloader(opts, missing)
	fmt.Fprintf(d.progress, "dataset: downloading MNIST into %s\n", dir)
	for _, f := range missing {
		if err := d.fetch(dir, f); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// fromName says where the MNIST folder came from, for messages.
func fromName(from string) string {
	if from == "" {
		return "the cache folder; set MNIST_DIR or pass -data"
	}
	return from
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, fs.ErrNotExist)
}

// fileList names files for messages: "a.gz, b.gz, c.gz and d.gz".
func fileList(files []file) string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.name
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
