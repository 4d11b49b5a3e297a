// Downloading MNIST: the part of the book's dataset/mnist.py that calls
// urllib.request.urlretrieve. That fetches from one host with no check, and
// readers met HTTP 403 when the host went away; this tries several mirrors,
// checks each file's SHA-256, writes atomically, and gives up on a mirror
// that stops sending.

package dataset

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	progressbar "dlfs/common/progress" // IsTerminal; this package's own progress type is the download line
)

// DefaultMirrors are the base URLs MNIST is downloaded from, in order: the
// one the book's code uses today, Google's CVDF mirror, and LeCun's original
// page (plain HTTP, and often refusing). The SHA-256 check makes any mirror
// as good as the original.
var DefaultMirrors = []string{
	"https://ossci-datasets.s3.amazonaws.com/mnist/",
	"https://storage.googleapis.com/cvdf-datasets/mnist/",
	"http://yann.lecun.com/exdb/mnist/",
}

// Errors of a download from one mirror.
var (
	ErrChecksum = errors.New("SHA-256 mismatch") // the mirror sent other bytes than the original file
	ErrStalled  = errors.New("download stalled") // nothing arrived for the stall timeout
)

// DefaultStallTimeout is how long a mirror may send nothing before it is
// abandoned, when Options.StallTimeout is 0.
const DefaultStallTimeout = 30 * time.Second

// DownloadError reports a file that no mirror could supply. Its message lists
// each URL tried with its failure and says how to place the files by hand.
type DownloadError struct {
	File string   // the file, e.g. "train-images-idx3-ubyte.gz"
	Dir  string   // the folder it was to be written to
	URLs []string // the URLs tried, in order
	Errs []error  // Errs[i] is why URLs[i] failed

	files []file // all the files Load needs, for the advice
}

// Error lists each URL tried with its failure, then says how to place the
// files by hand.
func (e *DownloadError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "dataset: could not download %s into %s", e.File, e.Dir)
	if len(e.URLs) == 0 {
		b.WriteString(": no mirrors to try")
	}
	for i, addr := range e.URLs {
		fmt.Fprintf(&b, "\n  %s: %v", addr, e.Errs[i])
	}
	b.WriteString("\n" + byHand(e.Dir, e.files))
	return b.String()
}

// Unwrap returns the failure of each mirror, for errors.Is.
func (e *DownloadError) Unwrap() []error { return e.Errs }

func byHand(dir string, files []file) string {
	return fmt.Sprintf("Download %s by hand (from any MNIST mirror) into %s, "+
		"or set MNIST_DIR (or a program's -data flag) to a folder that holds them.", fileList(files), dir)
}

// downloader fetches files from mirrors in turn, until ctx is cancelled.
type downloader struct {
	ctx      context.Context
	mirrors  []string
	client   *http.Client
	progress io.Writer
	tty      bool          // progress is a terminal: redraw the line in place
	stall    time.Duration // give up on a mirror after this long with no data
	files    []file        // everything Load needs, for messages
}

func newDownloader(opts Options, files []file) *downloader {
	d := &downloader{
		ctx: opts.Context, mirrors: opts.Mirrors, client: opts.Client, progress: opts.Progress,
		stall: opts.StallTimeout, files: files,
	}
	if d.ctx == nil {
		d.ctx = context.Background()
	}
	if d.mirrors == nil {
		d.mirrors = DefaultMirrors
	}
	if d.client == nil {
		// A slow but steady download may take as long as it needs, so the
		// client has no overall Timeout; the stall timer stops a dead one.
		d.client = &http.Client{Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: 30 * time.Second,
			ForceAttemptHTTP2:     true,
		}}
	}
	if d.progress == nil {
		d.progress = os.Stderr
	}
	if d.stall <= 0 {
		d.stall = DefaultStallTimeout
	}
	d.tty = progressbar.IsTerminal(d.progress)
	return d
}

// fetch downloads f into dir from the first mirror that supplies it intact.
// The bytes go to a temporary file in dir, renamed to f.name once its size
// and SHA-256 are right; on every failure the temporary file is removed.
// When d.ctx is cancelled, fetch stops at once and returns an error that
// wraps the context's cause (errors.Is(err, context.Canceled)).
func (d *downloader) fetch(dir string, f file) error {
	if err := d.interrupted(f); err != nil {
		return err
	}
	removeStale(dir, "."+f.name+".part-")
	tmp, err := os.CreateTemp(dir, "."+f.name+".part-*")
	if err != nil {
		return fmt.Errorf("dataset: cannot download %s into %s: %w\n%s", f.name, dir, err, byHand(dir, d.files))
	}
	renamed := false
	defer func() {
		tmp.Close() // a second Close, after success, only returns an error
		if !renamed {
			os.Remove(tmp.Name())
		}
	}()

	failed := &DownloadError{File: f.name, Dir: dir, files: d.files}
	for _, base := range d.mirrors {
		addr := strings.TrimSuffix(base, "/") + "/" + f.name
		err := d.fetchFrom(addr, tmp, f)
		if err == nil {
			tmp.Chmod(0o644) // CreateTemp makes it private; the data is public
			if err := tmp.Close(); err != nil {
				return fmt.Errorf("dataset: writing %s: %w", tmp.Name(), err)
			}
			if err := os.Rename(tmp.Name(), filepath.Join(dir, f.name)); err != nil {
				return fmt.Errorf("dataset: %w", err)
			}
			renamed = true
			return nil
		}
		if err := d.interrupted(f); err != nil {
			return err // no other mirror either: the run is being stopped
		}
		failed.URLs = append(failed.URLs, addr)
		failed.Errs = append(failed.Errs, err)
		fmt.Fprintf(d.progress, "  %s: %v\n", addr, err)
	}
	return failed
}

// interrupted returns the error of a download of f stopped by d.ctx, or nil
// while the context is live.
func (d *downloader) interrupted(f file) error {
	if d.ctx.Err() == nil {
		return nil
	}
	return fmt.Errorf("dataset: download of %s stopped: %w", f.name, context.Cause(d.ctx))
}

// staleAfter is the age at which a temporary file is taken to be left over
// from a killed program rather than written by a download in progress (which
// touches it at least once per stall timeout).
const staleAfter = time.Hour

// removeStale removes the temporary files in dir whose names start with
// prefix and that have not changed for staleAfter.
func removeStale(dir, prefix string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > staleAfter {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// fetchFrom downloads addr into tmp, from its start, and checks that it is f.
func (d *downloader) fetchFrom(addr string, tmp *os.File, f file) error {
	if err := tmp.Truncate(0); err != nil {
		return err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}

	// The stall timer cancels the request when nothing arrives for d.stall:
	// no connection, no response, or a body that stops flowing. So does
	// the caller's context.
	ctx, cancel := context.WithCancelCause(d.ctx)
	defer cancel(nil)
	timer := time.AfterFunc(d.stall, func() { cancel(ErrStalled) })
	defer timer.Stop()

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, addr, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept-Encoding", "identity") // the .gz bytes as published, not unzipped in transit
	resp, err := d.client.Do(req)
	if err != nil {
		if context.Cause(ctx) == ErrStalled {
			return fmt.Errorf("%w: no response within %v", ErrStalled, d.stall)
		}
		if uerr, ok := err.(*url.Error); ok {
			return uerr.Err // the URL is named already, by DownloadError
		}
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %s", resp.Status)
	}
	if resp.ContentLength >= 0 && resp.ContentLength != f.size {
		return fmt.Errorf("the server offers %d bytes, but the file has %d", resp.ContentLength, f.size)
	}

	hash := sha256.New()
	bar := d.newProgress(f.name, f.size)
	body := &stallReader{r: resp.Body, timer: timer, stall: d.stall}
	n, err := io.Copy(io.MultiWriter(tmp, hash, bar), io.LimitReader(body, f.size+1))
	bar.end()
	switch {
	case err != nil && context.Cause(ctx) == ErrStalled:
		return fmt.Errorf("%w: nothing received for %v after %d of %d bytes", ErrStalled, d.stall, n, f.size)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: the connection closed after %d of %d bytes", ErrTruncated, n, f.size)
	case err != nil:
		return fmt.Errorf("after %d of %d bytes: %w", n, f.size, err)
	case n < f.size:
		return fmt.Errorf("%w: got %d of %d bytes", ErrTruncated, n, f.size)
	case n > f.size:
		return fmt.Errorf("got more than the %d bytes of the file", f.size)
	}
	if sum := hex.EncodeToString(hash.Sum(nil)); sum != f.sha256 {
		return fmt.Errorf("%w: got %s, want %s", ErrChecksum, sum, f.sha256)
	}
	return tmp.Sync()
}

// stallReader pushes the stall timer back each time data arrives.
type stallReader struct {
	r     io.Reader
	timer *time.Timer
	stall time.Duration
}

func (s *stallReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if n > 0 {
		s.timer.Reset(s.stall)
	}
	return n, err
}
