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

	"dlfs/common/atomicfile"
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

// ReadImages reads the IDX image file at path, like DecodeImages. The path
// must be a regular file (a named pipe is refused, not waited on). Its
// errors name the file.
func ReadImages(path string) ([]uint8, error) { return readFile(path, imageMagic) }

// ReadLabels reads the IDX label file at path, like DecodeLabels. Its errors
// name the file.
func ReadLabels(path string) ([]uint8, error) { return readFile(path, labelMagic) }

// readFile reads the IDX file at path, header and body.
func readFile(path string, magic uint32) ([]uint8, error) {
	x, err := openIDX(path, magic, nil)
	if err != nil {
		return nil, err
	}
	defer x.close()
	return x.body()
}

// decode reads one IDX file of the given kind from r. size is the number of
// bytes in r, or -1 when unknown; when known, it bounds what the header may
// claim.
func decode(r io.Reader, size int64, magic uint32) ([]uint8, error) {
	s, err := readHeader(r, size, magic)
	if err != nil {
		return nil, err
	}
	defer s.close()
	return s.body()
}

// idxFile is an IDX file on disk whose header has been read, so that the
// counts of an image file and its label file can be compared before a
// pixel is read.
type idxFile struct {
	*idxStream
	path string
	f    *os.File
	h    hash.Hash // when not nil, every byte of the file goes through it
}

// openIDX opens the IDX file at path, which must be a regular file, and
// reads its header. When h is not nil, every byte of the file goes through
// it as it is read (body reads the rest of the file into it). Errors name
// the file.
func openIDX(path string, magic uint32, h hash.Hash) (*idxFile, error) {
	f, fi, err := atomicfile.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err) // the error names the file
	}
	r := io.Reader(f)
	if h != nil {
		r = io.TeeReader(f, h)
	}
	s, err := readHeader(r, fi.Size(), magic)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("dataset: %s: %w", path, err)
	}
	return &idxFile{idxStream: s, path: path, f: f, h: h}, nil
}

// body reads the images or labels of the file, and hashes what is left of
// the file after them. A gzip file that claims more than typicalRatio times
// its size is first read through without keeping its data: only when that
// data is all there is room made for it, all at once. So a claim its data
// does not back costs a read and no memory, and one it does costs the data
// alone, not the copies of a buffer grown step by step.
func (x *idxFile) body() ([]uint8, error) {
	if x.zr != nil && !x.checked && int64(x.count*x.item) > typicalRatio*x.size {
		if err := x.skip(); err != nil {
			return nil, fmt.Errorf("dataset: %s: %w", x.path, err)
		}
		if err := x.rewind(); err != nil {
			return nil, err
		}
	}
	data, err := x.idxStream.body()
	if err != nil {
		return nil, fmt.Errorf("dataset: %s: %w", x.path, err)
	}
	if x.h != nil {
		if _, err := io.Copy(x.h, x.f); err != nil { // whatever the decoder left unread
			return nil, fmt.Errorf("dataset: %w", err)
		}
	}
	return data, nil
}

// rewind reads the file's header again, from the start of the file, for a
// second read of its body, which has been checked (skip).
func (x *idxFile) rewind() error {
	x.idxStream.close()
	if _, err := x.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("dataset: %w", err)
	}
	r := io.Reader(x.f)
	if x.h != nil {
		x.h.Reset()
		r = io.TeeReader(x.f, x.h)
	}
	s, err := readHeader(r, x.size, x.magic)
	if err != nil {
		return fmt.Errorf("dataset: %s: %w", x.path, err)
	}
	if s.count != x.count {
		s.close()
		return fmt.Errorf("dataset: %s changed while it was read", x.path)
	}
	s.checked = true
	x.idxStream = s
	return nil
}

func (x *idxFile) close() {
	x.idxStream.close()
	x.f.Close()
}

// idxStream is an IDX file whose header has been read: what the header
// claims, and the stream of bytes after it.
type idxStream struct {
	in      io.Reader    // the (gunzipped) bytes after the header
	zr      *gzip.Reader // the gzip reader below in, or nil for a raw file
	size    int64        // bytes of the file as stored, or -1 when unknown
	magic   uint32
	count   int  // images or labels the header claims
	item    int  // bytes per image (784) or label (1)
	checked bool // the data has been read once and holds what the header claims
}

// what names the things the file holds, for messages.
func (s *idxStream) what() string {
	if s.magic == imageMagic {
		return "images"
	}
	return "labels"
}

func (s *idxStream) close() {
	if s.zr != nil {
		s.zr.Close()
	}
}

// readHeader reads the header of one IDX file of the given kind from r:
// the magic number, the count, and for images the rows and columns. size is
// the number of bytes in r, or -1 when unknown; when known, it bounds what
// the header may claim.
func readHeader(r io.Reader, size int64, magic uint32) (*idxStream, error) {
	br := bufio.NewReader(r)
	s := &idxStream{in: br, size: size, magic: magic, item: 1}
	limit := size // the most bytes the decoded file can hold, or -1
	if sig, _ := br.Peek(2); len(sig) == 2 && sig[0] == 0x1f && sig[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err == io.ErrUnexpectedEOF {
			return nil, fmt.Errorf("%w: the gzip header is cut short", ErrTruncated)
		} else if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		zr.Multistream(false)
		s.in, s.zr = &gzipStream{zr, br}, zr
		if size >= 0 && size <= math.MaxInt64/maxDeflateRatio {
			limit = size * maxDeflateRatio
		}
	}

	var hdr [16]byte
	if n, err := io.ReadFull(s.in, hdr[:4]); err != nil {
		s.close()
		return nil, s.readError(err, "header", n, 4)
	}
	if got := binary.BigEndian.Uint32(hdr[:4]); got != magic {
		s.close()
		return nil, fmt.Errorf("%w: got %d (%s), want %d (%s)", ErrMagic, got, kindOf(got), magic, kindOf(magic))
	}
	hdrLen := 8
	if magic == imageMagic {
		hdrLen = 16
	}
	if n, err := io.ReadFull(s.in, hdr[4:hdrLen]); err != nil {
		s.close()
		return nil, s.readError(err, "header", 4+n, hdrLen)
	}
	count := int64(binary.BigEndian.Uint32(hdr[4:8]))
	if magic == imageMagic {
		rows := binary.BigEndian.Uint32(hdr[8:12])
		cols := binary.BigEndian.Uint32(hdr[12:16])
		if rows != ImageRows || cols != ImageCols {
			s.close()
			return nil, fmt.Errorf("%w: header says %dx%d", ErrDims, rows, cols)
		}
		s.item = ImageSize
	}
	if count > MaxImages {
		s.close()
		return nil, fmt.Errorf("%w: header claims %d %s, more than the %d allowed", ErrTooLarge, count, s.what(), MaxImages)
	}
	want := count * int64(s.item) // at most 7.84e9: fits int64; check int for 32-bit machines
	if want > math.MaxInt {
		s.close()
		return nil, fmt.Errorf("%w: header claims %d %s (%d bytes), more than this machine can address", ErrTooLarge, count, s.what(), want)
	}
	if limit >= 0 && want > limit-int64(hdrLen) {
		how := fmt.Sprintf("the file holds only %d bytes after the header", max(limit-int64(hdrLen), 0))
		if s.zr != nil {
			how = fmt.Sprintf("a %d-byte gzip file cannot hold that many", size)
		}
		s.close()
		return nil, fmt.Errorf("%w: header claims %d %s (%d bytes) but %s", ErrTruncated, count, s.what(), want, how)
	}
	s.count = int(count)
	return s, nil
}

// body reads the images or labels the header announced, then checks that
// nothing follows them, and that every label is a digit.
func (s *idxStream) body() ([]uint8, error) { return s.read(true) }

// skip reads the body as body does, with all its checks but the labels',
// without keeping it.
func (s *idxStream) skip() error {
	_, err := s.read(false)
	return err
}

func (s *idxStream) read(keep bool) ([]uint8, error) {
	want := s.count * s.item
	var body []byte
	got, err := 0, error(nil)
	if keep {
		body, err = readBody(s.in, want, s.initialCap(want))
		got = len(body)
	} else {
		var n int64
		n, err = io.CopyN(io.Discard, s.in, int64(want))
		got = int(n)
	}
	if err != nil {
		return nil, s.readError(err, fmt.Sprintf("%d %s", s.count, s.what()), got, want)
	}
	var extra [1]byte
	switch n, err := io.ReadFull(s.in, extra[:]); {
	case n > 0:
		return nil, fmt.Errorf("%w: more bytes after the %d %s the header announced", ErrTrailing, s.count, s.what())
	case errors.Is(err, ErrTrailing):
		return nil, err
	case err == io.ErrUnexpectedEOF:
		return nil, fmt.Errorf("%w: the gzip stream is cut short", ErrTruncated)
	case err != io.EOF:
		return nil, s.readError(err, "end of the file", 0, 0)
	}
	if s.magic == labelMagic {
		for i, l := range body {
			if l >= Classes {
				return nil, fmt.Errorf("%w: label %d is %d", ErrLabel, i, l)
			}
		}
	}
	return body, nil
}

// typicalRatio is how many times its size a gzip file may claim to hold
// before its claim is doubted. MNIST's files gunzip to about 5 times their
// size; only data as uniform as blank images packs much tighter.
const typicalRatio = 8

// initialCap is the room first made for a body of want bytes: all of it for
// a raw file, whose size has been checked to hold it, and for a gzip file
// whose claim is believable (no more than typicalRatio times its size) or
// has been checked (see idxFile.body); else no more than typicalRatio times
// the file's size, or 1 MiB for a stream of unknown size, and the body grows
// as data arrives. So a header's claim costs only what the file's own size
// warrants until data backs it.
func (s *idxStream) initialCap(want int) int {
	switch {
	case s.size < 0:
		return min(want, 1<<20)
	case s.zr != nil && !s.checked:
		return int(min(int64(want), typicalRatio*s.size))
	}
	return want
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

// readBody reads exactly want bytes from in into a buffer that starts with
// room for capacity bytes and doubles, never past want, only as data
// arrives. On a failure it returns the bytes read so far with the error.
func readBody(in io.Reader, want, capacity int) ([]byte, error) {
	buf := make([]byte, 0, min(want, capacity))
	for len(buf) < want {
		if len(buf) == cap(buf) {
			bigger := make([]byte, len(buf), min(max(2*cap(buf), 1<<20), want))
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
func (s *idxStream) readError(err error, part string, got, want int) error {
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF:
		return fmt.Errorf("%w: only %d of the %d bytes of the %s", ErrTruncated, got, want, part)
	case errors.Is(err, ErrTrailing): // the gzip stream ended early, and something else follows it
		return fmt.Errorf("%w: only %d of the %d bytes of the %s, then %w", ErrTruncated, got, want, part, err)
	case s.zr != nil && isGzipError(err):
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
