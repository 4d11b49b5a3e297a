// Writing a .npy file the way numpy.save writes a float64 array: the header
// of header.go, then the values as little-endian '<f8'.

package npy

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"dlfs/common/atomicfile"
)

// Write writes a as a .npy array of dtype '<f8' in C order, byte for byte as
// numpy.save writes it: format version 1.0, or 2.0 if the header is too long
// for 1.0 (which no float64 array needs, as NumPy has at most 64 dimensions).
func Write(w io.Writer, a *Array) error {
	if err := encode(w, a); err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	return nil
}

// encode is Write without the package's name on its errors.
func encode(w io.Writer, a *Array) error {
	if err := a.check(); err != nil {
		return fmt.Errorf("cannot write array: %w", err)
	}
	hdr, err := encodeHeader(a.Shape, 1)
	if err != nil {
		hdr, err = encodeHeader(a.Shape, 2)
	}
	if err != nil {
		return err
	}
	return writeArray(w, hdr, a.Data)
}

// writeArray writes the header and then data, a chunk at a time.
func writeArray(w io.Writer, hdr []byte, data []float64) error {
	if _, err := w.Write(hdr); err != nil {
		return err
	}
	buf := make([]byte, 0, min(8*len(data), chunkBytes))
	for len(data) > 0 {
		chunk := data[:min(len(data), chunkBytes/8)]
		buf = buf[:0]
		for _, v := range chunk {
			buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(v))
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
		data = data[len(chunk):]
	}
	return nil
}

// WriteFile writes a to the .npy file at path. It writes a temporary file in
// the same folder and renames it, so path holds either the old file or the
// whole new one, never a part.
func WriteFile(path string, a *Array) error {
	return wrapWrite(atomicfile.Write(path, func(w io.Writer) error { return encode(w, a) }))
}

// wrapWrite marks an error from atomicfile.Write as this package's.
func wrapWrite(err error) error {
	if err != nil {
		return fmt.Errorf("npy: %w", err)
	}
	return nil
}
