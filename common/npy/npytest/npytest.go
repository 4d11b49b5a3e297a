// Package npytest builds hostile .npz files for tests of the readers of
// weights (machinery, not the book: safe to skip).
package npytest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"strconv"
	"strings"
)

// Bomb returns a .npz file with one deflated member name.npy, whose .npy
// header says '<f4' (float32) of the given shape, and whose deflated stream
// carries zeros bytes of data after the header: 16 MB of zeros deflate to
// about 16 KB. The archive's directory claims as many bytes as the shape
// holds, as a real zip bomb's does, or, when honest, as many as the stream
// holds. A reader that reads the data before checking the shape decompresses
// all zeros bytes, and more when the shape is a real claim.
func Bomb(name string, shape []int, zeros int, honest bool) []byte {
	dims := make([]string, len(shape))
	count := uint64(1)
	for i, d := range shape {
		dims[i] = strconv.Itoa(d)
		count *= uint64(d)
	}
	tuple := "(" + strings.Join(dims, ", ") + ")"
	if len(shape) == 1 {
		tuple = "(" + dims[0] + ",)"
	}
	dict := "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + ", }"
	pad := (64 - (10+len(dict)+1)%64) % 64
	hdr := binary.LittleEndian.AppendUint16([]byte("\x93NUMPY\x01\x00"), uint16(len(dict)+pad+1))
	hdr = append(hdr, dict+strings.Repeat(" ", pad)+"\n"...)

	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	crc := crc32.NewIEEE()
	fw.Write(hdr)
	crc.Write(hdr)
	chunk := make([]byte, 1<<20)
	for left := zeros; left > 0; left -= len(chunk) {
		part := chunk[:min(left, len(chunk))]
		fw.Write(part)
		crc.Write(part)
	}
	fw.Close()

	claim := uint64(len(hdr)) + 4*count
	if honest {
		claim = uint64(len(hdr) + zeros)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: name + ".npy", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: claim,
	})
	if err != nil {
		panic(err) // only for a name archive/zip cannot write
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}
