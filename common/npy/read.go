// Reading a .npy file (numpy.load of one array): the header, then the data,
// '<f4' or '<f8', decoded into float64 a chunk at a time.

package npy

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"dlfs/common/atomicfile"
)

// chunkBytes is how much data is read and decoded at a time.
const chunkBytes = 1 << 16

// Read reads one .npy array from r. It reads exactly the header and the data,
// nothing after them, so several arrays saved one after another in a stream
// can be read one after another, as with numpy.load on an open file.
func Read(r io.Reader) (*Array, error) {
	a, err := decode(r, -1, false, nil)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	return a, nil
}

// ReadFile reads the .npy file at path, which must be a regular file (not a
// named pipe, which would hang the reader) holding exactly the header and the
// data that the header describes.
func ReadFile(path string) (*Array, error) { return readFile(path, nil) }

// readFile is ReadFile, with check (when not nil) called on the header's
// shape before the data is read; its error stops the read.
func readFile(path string, check func(shape []int) error) (*Array, error) {
	f, fi, err := atomicfile.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err) // the error names the file
	}
	defer f.Close()
	a, err := decode(f, fi.Size(), true, check)
	if err != nil {
		return nil, fmt.Errorf("npy: %s: %w", path, err)
	}
	return a, nil
}

// decode reads one array from r. size is the number of bytes r holds, or -1
// when that is not known; when it is known the data must fill it exactly.
// exact says that size can be trusted (it comes from the file system, not
// from a zip archive's claim). When check is not nil it is called with the
// header's shape before any data is read, and its error stops the read.
//
// The values go into one slice of the full size when r is known to hold it
// (exact) or the shape has passed check, which bounds it by what the caller
// wants. Otherwise the slice grows as data arrives, so a forged header
// cannot make decode allocate more than r really holds.
func decode(r io.Reader, size int64, exact bool, check func(shape []int) error) (*Array, error) {
	h, dataStart, err := readHeader(r, size)
	if err != nil {
		return nil, err
	}
	itemSize := 8
	switch h.descr {
	case "<f8":
	case "<f4":
		itemSize = 4
	default:
		return nil, fmt.Errorf("dtype '%s' is not supported: expected '<f4' or '<f8' (little-endian float32 or float64)", h.descr)
	}
	if h.fortran {
		return nil, fmt.Errorf("array is in Fortran order (fortran_order: True): expected C order; save np.ascontiguousarray(a)")
	}
	if check != nil {
		if err := check(h.shape); err != nil {
			return nil, err
		}
	}
	n, err := numElements(h.shape, itemSize)
	if err != nil {
		return nil, err
	}
	if size >= 0 && size-dataStart != int64(n)*int64(itemSize) {
		return nil, fmt.Errorf("shape %s of '%s' needs %d data bytes, the file has %d",
			formatShape(h.shape), h.descr, n*itemSize, size-dataStart)
	}
	data, err := readData(r, n, itemSize, exact || check != nil)
	if err != nil {
		return nil, fmt.Errorf("shape %s of '%s': %w", formatShape(h.shape), h.descr, err)
	}
	return &Array{Shape: h.shape, Data: data}, nil
}

// readHeader reads the magic string, the version, the header length and the
// header, and returns the parsed header and the offset where the data starts.
func readHeader(r io.Reader, size int64) (header, int64, error) {
	var prefix [prefixLen]byte
	if n, err := io.ReadFull(r, prefix[:]); err != nil {
		return header{}, 0, short(err, "the magic string and version", n, prefixLen)
	}
	if string(prefix[:len(magic)]) != magic {
		return header{}, 0, fmt.Errorf("not a .npy file: starts with %q, expected the magic string %q", prefix[:len(magic)], magic)
	}
	lenBytes := 0
	switch major, minor := prefix[6], prefix[7]; {
	case major == 1 && minor == 0:
		lenBytes = 2
	case (major == 2 || major == 3) && minor == 0:
		lenBytes = 4
	default:
		return header{}, 0, fmt.Errorf("format version %d.%d is not supported: expected 1.0, 2.0 or 3.0", major, minor)
	}
	var lenField [4]byte
	if n, err := io.ReadFull(r, lenField[:lenBytes]); err != nil {
		return header{}, 0, short(err, "the header length", n, lenBytes)
	}
	hlen := int64(binary.LittleEndian.Uint32(lenField[:]))
	dataStart := int64(prefixLen+lenBytes) + hlen
	if size >= 0 && dataStart > size {
		return header{}, 0, fmt.Errorf("header length %d runs past the end of the file (%d bytes)", hlen, size)
	}
	if hlen > maxHeaderLen {
		return header{}, 0, fmt.Errorf("header length %d is over NumPy's limit of %d bytes", hlen, maxHeaderLen)
	}
	text := make([]byte, hlen)
	if n, err := io.ReadFull(r, text); err != nil {
		return header{}, 0, short(err, "the header", n, int(hlen))
	}
	h, err := parseHeader(string(text))
	return h, dataStart, err
}

// readData reads n values of itemSize bytes (4: float32, 8: float64). When
// whole is false, n may be a forged claim: the values grow as they arrive.
func readData(r io.Reader, n, itemSize int, whole bool) ([]float64, error) {
	capacity := n
	if !whole {
		capacity = min(n, chunkBytes/itemSize)
	}
	data := make([]float64, 0, capacity)
	buf := make([]byte, min(n*itemSize, chunkBytes))
	for len(data) < n {
		chunk := buf[:min(n-len(data), chunkBytes/itemSize)*itemSize]
		if got, err := io.ReadFull(r, chunk); err != nil {
			return nil, short(err, "the data", len(data)*itemSize+got, n*itemSize)
		}
		if len(data)+len(chunk)/itemSize > cap(data) {
			// Only when the size was not known: double, but never past n.
			data = slices.Grow(data, min(n, 2*cap(data))-len(data))
		}
		if itemSize == 8 {
			for i := 0; i < len(chunk); i += 8 {
				data = append(data, math.Float64frombits(binary.LittleEndian.Uint64(chunk[i:])))
			}
		} else {
			for i := 0; i < len(chunk); i += 4 {
				data = append(data, float64(math.Float32frombits(binary.LittleEndian.Uint32(chunk[i:]))))
			}
		}
	}
	return data, nil
}

// short explains a failed io.ReadFull of want bytes, of which got arrived.
func short(err error, what string, got, want int) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("truncated: %s needs %d bytes, only %d remain", what, want, got)
	}
	return fmt.Errorf("reading %s: %w", what, err)
}
