// Writing a dict of named arrays as a pickle, the book's save_params, so
// that its load_params reads weights trained here.

package pickle

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"unicode/utf8"

	"dlfs/common/atomicfile"
	"dlfs/common/npy"
)

// ErrExists is the error, wrapped in one naming the path, of WriteFile
// asked not to replace a file that is there.
var ErrExists = errors.New("a file is there, and replace is false")

// WriteFile writes arrays to the file at path as Write does, through a
// temporary file renamed into place (dlfs/common/atomicfile): path holds
// either what it held before or the whole pickle, and never a part of it.
// Only a regular file, or a link to one, is replaced, and only when replace
// is true (a -save flag naming the file asks for that); otherwise a file
// already at path is an error (errors.Is(err, ErrExists)) and is left alone.
func WriteFile(path string, arrays map[string]*npy.Array, replace bool) error {
	if err := check(arrays); err != nil {
		return fmt.Errorf("pickle: writing %s: %w", path, err)
	}
	if _, err := os.Lstat(path); err == nil && !replace {
		return fmt.Errorf("pickle: writing %s: %w", path, ErrExists)
	}
	if err := atomicfile.Write(path, func(w io.Writer) error { return Write(w, arrays) }); err != nil {
		return fmt.Errorf("pickle: %w", err)
	}
	return nil
}

// Write writes arrays to w as a protocol 3 pickle of a dict from each name
// (in sorted order) to a float64 NumPy array in C order, each pickled as
// NumPy 1 and 2 pickle an array:
//
//	numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b'), then BUILD
//	(1, shape, numpy.dtype('f8', False, True) BUILD (3, '<', None, None, None, -1, -1, 0),
//	 False, the data as little-endian bytes)
func Write(w io.Writer, arrays map[string]*npy.Array) error {
	if err := check(arrays); err != nil {
		return fmt.Errorf("pickle: %w", err)
	}
	names := make([]string, 0, len(arrays))
	for name := range arrays {
		names = append(names, name)
	}
	slices.Sort(names)

	b := bufio.NewWriter(w)
	b.WriteString("\x80\x03") // PROTO 3
	b.WriteString("}(")       // EMPTY_DICT, MARK
	for _, name := range names {
		a := arrays[name]
		writeStr(b, name)
		b.WriteString("cnumpy.core.multiarray\n_reconstruct\n") // GLOBAL
		b.WriteString("cnumpy\nndarray\n")
		writeInt(b, 0)
		b.WriteString("\x85C\x01b\x87R") // TUPLE1 (0,), SHORT_BINBYTES b'b', TUPLE3, REDUCE

		b.WriteString("(") // MARK: the state tuple
		writeInt(b, 1)
		writeShape(b, a.Shape)
		b.WriteString("cnumpy\ndtype\n")
		writeStr(b, "f8")
		b.WriteString("\x89\x88\x87R") // False, True, TUPLE3, REDUCE
		b.WriteString("(")             // MARK: the dtype's state
		writeInt(b, 3)
		writeStr(b, "<")
		b.WriteString("NNN")
		writeInt(b, -1)
		writeInt(b, -1)
		writeInt(b, 0)
		b.WriteString("tb") // TUPLE, BUILD
		b.WriteString("\x89")
		var n [4]byte // BINBYTES: a 4-byte length, then the data
		binary.LittleEndian.PutUint32(n[:], uint32(8*len(a.Data)))
		b.WriteByte('B')
		b.Write(n[:])
		var v [8]byte
		for _, x := range a.Data {
			binary.LittleEndian.PutUint64(v[:], math.Float64bits(x))
			b.Write(v[:])
		}
		b.WriteString("tb") // TUPLE, BUILD
	}
	b.WriteString("u.") // SETITEMS, STOP
	return b.Flush()
}

// check refuses what Write cannot write, or the book's code would misread:
// no arrays, an empty name, a shape that does not hold the data, and data
// too large for BINBYTES' 4-byte length.
func check(arrays map[string]*npy.Array) error {
	if len(arrays) == 0 {
		return fmt.Errorf("no arrays to write")
	}
	for name, a := range arrays {
		if name == "" || !utf8.ValidString(name) || a == nil {
			return fmt.Errorf("array %q: expected a UTF-8 name and an array", name)
		}
		n := 1
		for _, d := range a.Shape {
			if d < 0 || d > math.MaxInt32 {
				return fmt.Errorf("array %q: shape %s: expected dimensions from 0 to 2**31-1", name, formatShape(a.Shape))
			}
			n *= d
			if n > math.MaxUint32/8 {
				return fmt.Errorf("array %q: shape %s: more than 4 GB of data, which protocol 3 cannot hold in one piece", name, formatShape(a.Shape))
			}
		}
		if n != len(a.Data) {
			return fmt.Errorf("array %q: shape %s holds %d values, Data has %d", name, formatShape(a.Shape), n, len(a.Data))
		}
	}
	return nil
}

// writeStr writes s as BINUNICODE: a 4-byte length, then UTF-8.
func writeStr(b *bufio.Writer, s string) {
	var n [4]byte
	binary.LittleEndian.PutUint32(n[:], uint32(len(s)))
	b.WriteByte('X')
	b.Write(n[:])
	b.WriteString(s)
}

// writeInt writes i as BININT1, BININT2 or BININT, the shortest that holds it.
func writeInt(b *bufio.Writer, i int) {
	switch {
	case i >= 0 && i < 1<<8:
		b.WriteByte('K')
		b.WriteByte(byte(i))
	case i >= 0 && i < 1<<16:
		b.WriteByte('M')
		b.WriteByte(byte(i))
		b.WriteByte(byte(i >> 8))
	default:
		var v [4]byte
		binary.LittleEndian.PutUint32(v[:], uint32(int32(i)))
		b.WriteByte('J')
		b.Write(v[:])
	}
}

// writeShape writes a shape as a tuple of ints.
func writeShape(b *bufio.Writer, shape []int) {
	b.WriteString("(") // MARK
	for _, d := range shape {
		writeInt(b, d)
	}
	b.WriteString("t") // TUPLE
}
