// The IDX file format of MNIST: the parser behind the book's _load_img and
// _load_label in dataset/mnist.py, which read the gzip'd files with
// np.frombuffer(f.read(), np.uint8, offset=16) and trust whatever they find.
// This one checks the header and the length before it believes them.

package dataset

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"os"
)

// The shape of MNIST.
const (
	ImageRows = 28                    // pixels down an image
	ImageCols = 28                    // pixels across an image
	ImageSize = ImageRows * ImageCols // 784 bytes per image, row after row
	Classes   = 10                    // the digits 0..9

	// MaxImages is the largest number of images or labels an IDX header may
	// claim (MNIST has 60,000). It stops a forged header from asking for
	// gigabytes before a single pixel has been read.
	MaxImages = 10_000_000
)

// IDX magic numbers: two zero bytes, 0x08 for "unsigned byte", then the
// number of dimensions.
const (
	imageMagic = 0x00000803 // 2051: unsigned bytes, 3 dimensions (count, rows, cols)
	labelMagic = 0x00000801 // 2049: unsigned bytes, 1 dimension (count)
)

// Errors for the ways an IDX file can be wrong. The errors returned wrap one
// of these (test with errors.Is) and add the details: the file and what was
// found against what was expected.
var (
	ErrMagic         = errors.New("wrong magic number")            // not an IDX file, or images and labels swapped
	ErrTruncated     = errors.New("truncated")                     // fewer bytes than the header announces
	ErrTrailing      = errors.New("unexpected data after the end") // more bytes than the header announces
	ErrDims          = errors.New("images are not 28x28")          // not MNIST's image size
	ErrTooLarge      = errors.New("implausible size in header")    // a count above MaxImages
	ErrLabel         = errors.New("label is not a digit 0-9")      // a label of 10 or more
	ErrCorrupt       = errors.New("corrupt gzip data")             // a damaged gzip stream or a wrong CRC
	ErrCountMismatch = errors.New("image and label counts differ") // files that do not go together
)

// maxDeflateRatio bounds how much deflate can expand its input: zlib's
// documentation gives 1032:1 as the most any stream can reach. It lets a gzip
// file's size bound what its header may claim.
const maxDeflateRatio = 1032

// DecodeImages reads an IDX image file (magic 2051) of 28x28 images from r,
// gzip-compressed or raw, and returns its pixels: N*784 bytes, image after
// image, each one row after row, 0 for the background and 255 for ink.
// Since the size of r is unknown, the buffer grows as pixels arrive, so a
// header that claims more than r holds costs no more than r holds.
func DecodeImages(r io.Reader) ([]uint8, error) { return decode(r, -1, imageMagic) }

// DecodeLabels reads an IDX label file (magic 2049) from r, gzip-compressed
// or raw, and returns its labels, one digit 0..9 per image.
func DecodeLabels(r io.Reader) ([]uint8, error) { return decode(r, -1, labelMagic) }

// ReadImages reads the IDX image file at path, like DecodeImages. Its errors
// name the file.
func ReadImages(path string) ([]uint8, error) { return readFile(path, imageMagic, nil) }

// ReadLabels reads the IDX label file at path, like DecodeLabels. Its errors
// name the file.
func ReadLabels(path string) ([]uint8, error) { return readFile(path, labelMagic, nil) }

// readFile reads the IDX file at path; when h is not nil, every byte of the
// file goes through it as it is read.
func readFile(path string, magic uint32, h hash.Hash) ([]uint8, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err) // the *PathError names the file
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	r := io.Reader(f)
	if h != nil {
		r = io.TeeReader(f, h)
	}
	data, err := decode(r, fi.Size(), magic)
	if err != nil {
		return nil, fmt.Errorf("dataset: %s: %w", path, err)
	}
	if h != nil {
		if _, err := io.Copy(h, f); err != nil { // whatever decode left unread
			return nil, fmt.Errorf("dataset: %w", err)
		}
	}
	return data, nil
}

// decode reads one IDX file of the given kind from r. size is the number of
// bytes in r, or -1 when unknown; when known, it bounds what the header may
// claim, and the pixels are read into one buffer of the claimed size.
func decode(r io.Reader, size int64, magic uint32) ([]uint8, error) {
	br := bufio.NewReader(r)
	in := io.Reader(br)
	limit := size // the most bytes the decoded file can hold, or -1
	gzipped := false
	if sig, _ := br.Peek(2); len(sig) == 2 && sig[0] == 0x1f && sig[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err == io.ErrUnexpectedEOF {
			return nil, fmt.Errorf("%w: the gzip header is cut short", ErrTruncated)
		} else if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		defer zr.Close()
		zr.Multistream(false)
		in, gzipped = &gzipStream{zr, br}, true
		if size >= 0 && size <= math.MaxInt64/maxDeflateRatio {
			limit = size * maxDeflateRatio
		}
	}

	// The header: magic, count, and for images the rows and columns.
	var hdr [16]byte
	if n, err := io.ReadFull(in, hdr[:4]); err != nil {
		return nil, readError(err, gzipped, "header", n, 4)
	}
	got := binary.BigEndian.Uint32(hdr[:4])
	if got != magic {
		return nil, fmt.Errorf("%w: got %d (%s), want %d (%s)", ErrMagic, got, kindOf(got), magic, kindOf(magic))
	}
	hdrLen := 8
	if magic == imageMagic {
		hdrLen = 16
	}
	if n, err := io.ReadFull(in, hdr[4:hdrLen]); err != nil {
		return nil, readError(err, gzipped, "header", 4+n, hdrLen)
	}
	count := int64(binary.BigEndian.Uint32(hdr[4:8]))
	item := int64(1) // bytes per image or label
	what := "labels"
	if magic == imageMagic {
		rows := binary.BigEndian.Uint32(hdr[8:12])
		cols := binary.BigEndian.Uint32(hdr[12:16])
		if rows != ImageRows || cols != ImageCols {
			return nil, fmt.Errorf("%w: header says %dx%d", ErrDims, rows, cols)
		}
		item, what = ImageSize, "images"
	}
	if count > MaxImages {
		return nil, fmt.Errorf("%w: header claims %d %s, more than the %d allowed", ErrTooLarge, count, what, MaxImages)
	}
	want := count * item // at most 7.84e9: fits int64; check int for 32-bit machines
	if want > math.MaxInt {
		return nil, fmt.Errorf("%w: header claims %d %s (%d bytes), more than this machine can address", ErrTooLarge, count, what, want)
	}
	if limit >= 0 && want > limit-int64(hdrLen) {
		how := fmt.Sprintf("the file holds only %d bytes after the header", max(limit-int64(hdrLen), 0))
		if gzipped {
			how = fmt.Sprintf("a %d-byte gzip file cannot hold that many", size)
		}
		return nil, fmt.Errorf("%w: header claims %d %s (%d bytes) but %s", ErrTruncated, count, what, want, how)
	}

	// The body, then nothing more.
	body, err := readBody(in, int(want), limit >= 0)
	if err != nil {
		return nil, readError(err, gzipped, fmt.Sprintf("%d %s", count, what), len(body), int(want))
	}
	var extra [1]byte
	switch n, err := io.ReadFull(in, extra[:]); {
	case n > 0:
		return nil, fmt.Errorf("%w: more bytes after the %d %s the header announced", ErrTrailing, count, what)
	case errors.Is(err, ErrTrailing):
		return nil, err
	case err == io.ErrUnexpectedEOF:
		return nil, fmt.Errorf("%w: the gzip stream is cut short", ErrTruncated)
	case err != io.EOF:
		return nil, readError(err, gzipped, "end of the file", 0, 0)
	}
	if magic == labelMagic {
		for i, l := range body {
			if l >= Classes {
				return nil, fmt.Errorf("%w: label %d is %d", ErrLabel, i, l)
			}
		}
	}
	return body, nil
}

// gzipStream reads a gzip file member after member, as gunzip does. Bytes
// after the last member that do not begin another are ErrTrailing (the gzip
// package's own multistream mode would take a few such bytes for a cut-off
// header and report them as a truncated file).
type gzipStream struct {
	zr *gzip.Reader
	br *bufio.Reader // the compressed file, below zr
}

var errGzipTrailing = fmt.Errorf("%w: bytes after the end of the gzip stream", ErrTrailing)

func (g *gzipStream) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	if err != io.EOF {
		return n, err
	}
	// The member ended, its checksum good. Another may follow.
	next, err := g.br.Peek(2)
	switch {
	case len(next) == 0 && err == io.EOF:
		return n, io.EOF
	case len(next) == 0:
		return n, err
	case len(next) < 2 || next[0] != 0x1f || next[1] != 0x8b:
		return n, errGzipTrailing
	}
	if err := g.zr.Reset(g.br); err != nil {
		return n, err
	}
	g.zr.Multistream(false)
	return n, nil
}

// readBody reads exactly want bytes from in. When the input's size has been
// checked (sized), the buffer is allocated at once; otherwise it starts at
// 1 MiB and doubles as data arrives, never beyond want, so a forged header
// cannot allocate much more than the input really holds. On a failure it
// returns the bytes read so far with the error.
func readBody(in io.Reader, want int, sized bool) ([]byte, error) {
	if sized {
		buf := make([]byte, want)
		n, err := io.ReadFull(in, buf)
		return buf[:n], err
	}
	buf := make([]byte, 0, min(want, 1<<20))
	for len(buf) < want {
		if len(buf) == cap(buf) {
			bigger := make([]byte, len(buf), min(2*cap(buf), want))
			copy(bigger, buf)
			buf = bigger
		}
		n, err := io.ReadFull(in, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// readError explains a failed read of part: a short read is ErrTruncated
// (saying how many of the wanted bytes were there), a damaged gzip stream is
// ErrCorrupt, anything else (a disk error) is passed on.
func readError(err error, gzipped bool, part string, got, want int) error {
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return fmt.Errorf("%w: only %d of the %d bytes of the %s", ErrTruncated, got, want, part)
	case errors.Is(err, ErrTrailing): // the gzip stream ended early, and something else follows it
		return fmt.Errorf("%w: only %d of the %d bytes of the %s, then %w", ErrTruncated, got, want, part, err)
	case gzipped && isGzipError(err):
		return fmt.Errorf("%w in the %s: %w", ErrCorrupt, part, err)
	}
	return fmt.Errorf("reading the %s: %w", part, err)
}

func isGzipError(err error) bool {
	var corrupt flate.CorruptInputError
	return errors.As(err, &corrupt) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader)
}

// kindOf names a magic number for error messages, so that a label file given
// where images are expected says so.
func kindOf(magic uint32) string {
	switch magic {
	case imageMagic:
		return "IDX images"
	case labelMagic:
		return "IDX labels"
	}
	return "not an MNIST IDX file"
}
