// Tests of the download against local httptest mirrors (no real network):
// small fake files with their checksums stand in for MNIST. After every
// failure the folder must hold no partial or temporary file.

package dataset

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"dlfs/common/cli/clitest"
	"dlfs/dataset/datasettest"
)

// fakeFile returns n random bytes standing in for the file name, and the
// table entry (size and SHA-256) that describes them.
func fakeFile(name string, n int, seed uint64) (file, []byte) {
	rng := rand.New(rand.NewPCG(seed, 3))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	sum := sha256.Sum256(b)
	return file{name: name, size: int64(n), sha256: hex.EncodeToString(sum[:])}, b
}

// mirrors serves files under prefixes that each misbehave in one way:
//
//	/good/           the file, with its Content-Length
//	/404/            not found
//	/corrupt/        the right length, one byte changed
//	/short/          announces the full length, sends half, closes
//	/short-chunked/  no length announced, sends half, ends cleanly
//	/long/           no length announced, sends the file and more
//	/wrong-length/   announces (and sends) one byte less
//	/hang/           never answers
//	/hang-body/      sends half the file, then nothing
//
// requests counts the requests for each file name.
type mirrors struct {
	*httptest.Server
	requests map[string]*atomic.Int32
	hanging  chan string // the path of each request as it starts to hang
}

func newMirrors(t *testing.T, content map[string][]byte) *mirrors {
	quit := make(chan struct{})
	m := &mirrors{requests: map[string]*atomic.Int32{}, hanging: make(chan string, 100)}
	for name := range content {
		m.requests[name] = new(atomic.Int32)
	}
	mux := http.NewServeMux()
	handle := func(prefix string, serve func(w http.ResponseWriter, r *http.Request, body []byte)) {
		mux.HandleFunc(prefix, func(w http.ResponseWriter, r *http.Request) {
			body, ok := content[path.Base(r.URL.Path)]
			if !ok {
				http.NotFound(w, r)
				return
			}
			m.requests[path.Base(r.URL.Path)].Add(1)
			serve(w, r, body)
		})
	}
	setLength := func(w http.ResponseWriter, n int) { w.Header().Set("Content-Length", strconv.Itoa(n)) }
	flush := func(w http.ResponseWriter) { w.(http.Flusher).Flush() }
	hang := func(r *http.Request) {
		select {
		case m.hanging <- r.URL.Path:
		default:
		}
		select {
		case <-r.Context().Done():
		case <-quit:
		}
	}
	handle("/good/", func(w http.ResponseWriter, r *http.Request, body []byte) {
		setLength(w, len(body))
		w.Write(body)
	})
	handle("/404/", func(w http.ResponseWriter, r *http.Request, body []byte) { http.NotFound(w, r) })
	handle("/corrupt/", func(w http.ResponseWriter, r *http.Request, body []byte) {
		bad := bytes.Clone(body)
		bad[len(bad)/2] ^= 1
		setLength(w, len(bad))
		w.Write(bad)
	})
	handle("/short/", func(w http.ResponseWriter, r *http.Request, body []byte) {
		setLength(w, len(body))
		w.Write(body[:len(body)/2])
	})
	handle("/short-chunked/", func(w http.ResponseWriter, r *http.Request, body []byte) {
		flush(w)
		w.Write(body[:len(body)/2])
	})
	handle("/long/", func(w http.ResponseWriter, r *http.Request, body []byte) {
		flush(w)
		w.Write(body)
		w.Write([]byte("and more"))
	})
	handle("/wrong-length/", func(w http.ResponseWriter, r *http.Request, body []byte) {
		setLength(w, len(body)-1)
		w.Write(body[:len(body)-1])
	})
	handle("/hang/", func(w http.ResponseWriter, r *http.Request, body []byte) { hang(r) })
	handle("/hang-body/", func(w http.ResponseWriter, r *http.Request, body []byte) {
		setLength(w, len(body))
		w.Write(body[:len(body)/2])
		flush(w)
		hang(r)
	})
	m.Server = httptest.NewServer(mux)
	t.Cleanup(m.Close)
	t.Cleanup(func() { close(quit) }) // runs first: frees hanging handlers so Close can finish
	return m
}

// urls returns the base URLs of the given mirror prefixes.
func (m *mirrors) urls(prefixes ...string) []string {
	urls := make([]string, len(prefixes))
	for i, p := range prefixes {
		urls[i] = m.URL + "/" + p + "/"
	}
	return urls
}

// testStall is the stall timeout of the tests that hang; the others get a
// generous one so that a busy machine cannot fail them.
const testStall = 200 * time.Millisecond

func downloaderFor(urls []string, stall time.Duration, log *bytes.Buffer, files ...file) *downloader {
	return newDownloader(Options{Mirrors: urls, Progress: log, StallTimeout: stall}, files)
}

func TestDownloadSuccess(t *testing.T) {
	f, body := fakeFile("train-labels-idx1-ubyte.gz", 5000, 1)
	m := newMirrors(t, map[string][]byte{f.name: body})
	for _, tt := range []struct {
		name    string
		mirrors []string
		stall   time.Duration
		log     string // said in the progress log
	}{
		{"one good mirror", []string{"good"}, 10 * time.Second, "100%"},
		{"404 then good", []string{"404", "good"}, 10 * time.Second, "HTTP 404 Not Found"},
		{"corrupt then good", []string{"corrupt", "good"}, 10 * time.Second, "SHA-256 mismatch"},
		{"stalled then good", []string{"hang-body", "good"}, testStall, "stalled"},
	} {
		dir := t.TempDir()
		var log bytes.Buffer
		if err := downloaderFor(m.urls(tt.mirrors...), tt.stall, &log, f).fetch(dir, f); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil || !bytes.Equal(got, body) {
			t.Errorf("%s: the downloaded file differs from the served one (%v)", tt.name, err)
		}
		if names := clitest.Files(t, dir); !slices.Equal(names, []string{f.name}) {
			t.Errorf("%s: the folder holds %v, want only %s", tt.name, names, f.name)
		}
		if fi, err := os.Stat(filepath.Join(dir, f.name)); err == nil && fi.Mode().Perm()&0o044 != 0o044 {
			t.Errorf("%s: the file's mode is %v, want it readable by all", tt.name, fi.Mode())
		}
		if !strings.Contains(log.String(), tt.log) || !strings.Contains(log.String(), "5.0 kB / 5.0 kB 100%") {
			t.Errorf("%s: progress log %q does not say %q and show the finished file", tt.name, log.String(), tt.log)
		}
	}
}

func TestDownloadFailures(t *testing.T) {
	f, body := fakeFile("t10k-labels-idx1-ubyte.gz", 5000, 2)
	m := newMirrors(t, map[string][]byte{f.name: body})
	for _, tt := range []struct {
		mirror string
		stall  time.Duration
		want   error  // nil: no sentinel
		says   string // a part of the message
	}{
		{"404", 10 * time.Second, nil, "HTTP 404 Not Found"},
		{"corrupt", 10 * time.Second, ErrChecksum, "want " + f.sha256},
		{"short", 10 * time.Second, ErrTruncated, "closed after 2500 of 5000 bytes"},
		{"short-chunked", 10 * time.Second, ErrTruncated, "got 2500 of 5000 bytes"},
		{"long", 10 * time.Second, nil, "more than the 5000 bytes"},
		{"wrong-length", 10 * time.Second, nil, "offers 4999 bytes"},
		{"hang", testStall, ErrStalled, "no response within 200ms"},
		{"hang-body", testStall, ErrStalled, "after 2500 of 5000 bytes"},
	} {
		dir := t.TempDir()
		var log bytes.Buffer
		url := m.urls(tt.mirror)[0] + f.name
		start := time.Now()
		err := downloaderFor(m.urls(tt.mirror), tt.stall, &log, f).fetch(dir, f)
		if elapsed := time.Since(start); elapsed > 5*time.Second {
			t.Errorf("%s: took %v", tt.mirror, elapsed) // a guard against hanging, not a timing test
		}
		var derr *DownloadError
		switch {
		case !errors.As(err, &derr):
			t.Errorf("%s: got %v, want a *DownloadError", tt.mirror, err)
		case tt.want != nil && !errors.Is(err, tt.want):
			t.Errorf("%s: got %v, want %v", tt.mirror, err, tt.want)
		case !strings.Contains(err.Error(), url+": ") || !strings.Contains(err.Error(), tt.says):
			t.Errorf("%s: error %q does not name %s and say %q", tt.mirror, err, url, tt.says)
		case !strings.Contains(err.Error(), "by hand") || !strings.Contains(err.Error(), dir):
			t.Errorf("%s: error %q does not say how to place the file by hand into %s", tt.mirror, err, dir)
		}
		if names := clitest.Files(t, dir); len(names) != 0 {
			t.Errorf("%s: the folder holds %v after the failure, want nothing", tt.mirror, names)
		}
	}
}

// When every mirror fails, the error lists each URL in order with its failure.
func TestDownloadAllMirrorsFail(t *testing.T) {
	f, body := fakeFile("t10k-images-idx3-ubyte.gz", 3000, 3)
	m := newMirrors(t, map[string][]byte{f.name: body})
	dir := t.TempDir()
	urls := append(m.urls("404", "corrupt", "hang"), "http://127.0.0.1:1/") // nothing listens on port 1
	err := downloaderFor(urls, testStall, new(bytes.Buffer), f).fetch(dir, f)
	if !errors.Is(err, ErrChecksum) || !errors.Is(err, ErrStalled) {
		t.Errorf("got %v, want both ErrChecksum and ErrStalled inside", err)
	}
	msg := err.Error()
	last := -1
	for _, u := range urls {
		i := strings.Index(msg, u+f.name+": ")
		if i <= last {
			t.Errorf("error %q does not list %s after the mirrors before it", msg, u+f.name)
		}
		last = i
		if n := strings.Count(msg, u+f.name); n != 1 {
			t.Errorf("error %q names %s %d times, want once", msg, u+f.name, n)
		}
	}
	if names := clitest.Files(t, dir); len(names) != 0 {
		t.Errorf("the folder holds %v after the failure, want nothing", names)
	}
}

// A temporary file an hour old is left over from a killed program and is
// removed; a recent one may be another program's download and is kept.
func TestDownloadRemovesStaleParts(t *testing.T) {
	f, body := fakeFile("train-labels-idx1-ubyte.gz", 1000, 7)
	m := newMirrors(t, map[string][]byte{f.name: body})
	dir := t.TempDir()
	stale := filepath.Join(dir, "."+f.name+".part-123")
	fresh := filepath.Join(dir, "."+f.name+".part-456")
	other := filepath.Join(dir, ".other.part-789")
	for _, p := range []string{stale, fresh, other} {
		os.WriteFile(p, []byte("half"), 0o644)
	}
	old := time.Now().Add(-2 * time.Hour)
	os.Chtimes(stale, old, old)
	os.Chtimes(other, old, old)
	if err := downloaderFor(m.urls("good"), 10*time.Second, new(bytes.Buffer), f).fetch(dir, f); err != nil {
		t.Fatal(err)
	}
	names := clitest.Files(t, dir)
	want := []string{filepath.Base(other), filepath.Base(fresh), f.name}
	if !slices.Equal(names, want) {
		t.Errorf("the folder holds %v, want %v", names, want)
	}
}

// A folder that cannot be written to gets an error naming it and the file.
func TestDownloadUnwritableDir(t *testing.T) {
	f, body := fakeFile("train-images-idx3-ubyte.gz", 100, 4)
	m := newMirrors(t, map[string][]byte{f.name: body})
	dir := filepath.Join(t.TempDir(), "gone")
	err := downloaderFor(m.urls("good"), 10*time.Second, new(bytes.Buffer), f).fetch(dir, f)
	if err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), f.name) || !strings.Contains(err.Error(), "by hand") {
		t.Errorf("got %v, want an error naming %s and %s and how to place it by hand", err, dir, f.name)
	}
	if got := m.requests[f.name].Load(); got != 0 {
		t.Errorf("%d requests made for a file that could not be written", got)
	}
}

// The cache folder is created and filled; a second look downloads nothing.
// An explicit folder gets only the files it lacks.
func TestEnsureFiles(t *testing.T) {
	fa, a := fakeFile("a-images.gz", 2000, 5)
	fb, b := fakeFile("b-labels.gz", 300, 6)
	files := []file{fa, fb}
	m := newMirrors(t, map[string][]byte{fa.name: a, fb.name: b})
	opts := Options{Mirrors: m.urls("good"), Progress: new(bytes.Buffer)}

	cache := filepath.Join(t.TempDir(), "cache", "dlfs", "mnist")
	for range 2 {
		paths, err := ensureFiles(cache, "", files, opts)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{filepath.Join(cache, fa.name), filepath.Join(cache, fb.name)}; !slices.Equal(paths, want) {
			t.Errorf("paths %v, want %v", paths, want)
		}
	}
	if m.requests[fa.name].Load() != 1 || m.requests[fb.name].Load() != 1 {
		t.Errorf("requests %d and %d, want one each", m.requests[fa.name].Load(), m.requests[fb.name].Load())
	}

	explicit := t.TempDir()
	os.WriteFile(filepath.Join(explicit, "a-images"), a, 0o644) // a gunzipped copy counts
	paths, err := ensureFiles(explicit, "-data", files, opts)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(explicit, "a-images"), filepath.Join(explicit, fb.name)}; !slices.Equal(paths, want) {
		t.Errorf("paths %v, want %v", paths, want)
	}
	if m.requests[fa.name].Load() != 1 || m.requests[fb.name].Load() != 2 {
		t.Errorf("requests %d and %d, want 1 and 2", m.requests[fa.name].Load(), m.requests[fb.name].Load())
	}
}

func TestProgressRedrawsOnTerminal(t *testing.T) {
	var out bytes.Buffer
	p := &progress{w: &out, tty: true, name: "f.gz", total: 4000, shown: -1}
	p.Write(make([]byte, 1000))
	p.Write(make([]byte, 1000))
	p.Write(make([]byte, 0))
	p.end()
	want := "\r  f.gz                            1.0 kB / 4.0 kB  25%" +
		"\r  f.gz                            2.0 kB / 4.0 kB  50%" +
		"\r  f.gz                            2.0 kB / 4.0 kB  50%\n"
	if out.String() != want {
		t.Errorf("terminal progress %q, want %q", out.String(), want)
	}
	out.Reset()
	p = &progress{w: &out, name: "f.gz", total: 4000, shown: -1}
	p.Write(make([]byte, 4000))
	p.end()
	if strings.Count(out.String(), "\n") != 1 || strings.Contains(out.String(), "\r") {
		t.Errorf("progress to a file %q, want one line and no \\r", out.String())
	}
}

// Load downloads the real files from a local mirror into an empty folder,
// checks them against the real checksums, and reads them with the options.
func TestLoadDownloads(t *testing.T) {
	src := datasettest.MNISTDir(t)
	content := map[string][]byte{}
	for _, f := range mnistFiles {
		b, err := os.ReadFile(filepath.Join(src, f.name))
		if err != nil {
			t.Fatal(err)
		}
		content[f.name] = b
	}
	m := newMirrors(t, content)
	dir := t.TempDir()
	var log bytes.Buffer
	train, test, err := Load(Options{
		Dir: dir, Normalize: true, Flatten: true, OneHotLabel: true,
		Mirrors: m.urls("404", "good"), Progress: &log,
	})
	if err != nil {
		t.Fatal(err)
	}
	if train.N != 60000 || test.N != 10000 || !train.Normalize || !test.Flatten || !train.OneHotLabel {
		t.Errorf("Load gave %d and %d samples, normalize %v, flatten %v, one-hot %v", train.N, test.N, train.Normalize, test.Flatten, train.OneHotLabel)
	}
	names := clitest.Files(t, dir)
	slices.Sort(names)
	want := []string{"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"}
	if !slices.Equal(names, want) {
		t.Errorf("the folder holds %v, want %v", names, want)
	}
	if !strings.Contains(log.String(), "downloading MNIST into "+dir) {
		t.Errorf("progress log %q does not say where MNIST goes", log.String())
	}
}

// Cancelling the context given in Options stops a download at once, whether
// the mirror has not answered or stopped in the middle of the file, with an
// error that wraps context.Canceled; the folder is left as it was, without
// a temporary file, and no other mirror is tried.
func TestDownloadFollowsContext(t *testing.T) {
	images := mnistFiles[2] // t10k-images-idx3-ubyte.gz, the first file LoadTest downloads
	m := newMirrors(t, map[string][]byte{images.name: make([]byte, images.size)})
	for _, mirror := range []string{"hang", "hang-body"} {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			<-m.hanging // the server holds the request: the download is under way
			cancel()
		}()
		var log bytes.Buffer
		done := make(chan error, 1)
		go func() {
			_, err := LoadTest(Options{Dir: dir, Context: ctx, Mirrors: m.urls(mirror, "good"), StallTimeout: time.Hour, Progress: &log})
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), images.name) {
				t.Errorf("%s: LoadTest = %v, want an error naming %s and wrapping context.Canceled", mirror, err, images.name)
			}
			if strings.Contains(log.String(), "/good/") {
				t.Errorf("%s: another mirror was tried after the cancel:\n%s", mirror, log.String())
			}
		case <-time.After(10 * time.Second): // a guard against hanging, not a timing test
			t.Fatalf("%s: LoadTest still running after its context was cancelled", mirror)
		}
		if names := clitest.Files(t, dir); len(names) != 0 {
			t.Errorf("%s: the folder holds %v after the cancel, want nothing", mirror, names)
		}
		cancel()
	}
}
