// Fuzz test of the .npy reader: no input may make it panic, hang or
// allocate more than the input holds, and what it accepts must survive a
// round trip through Write.

package npy

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

func FuzzRead(f *testing.F) {
	rng := rand.New(rand.NewPCG(25, 26))
	for _, shape := range [][]int{{}, {3}, {2, 3}, {0, 4}, {2, 1, 2, 2}} {
		var buf bytes.Buffer
		if err := Write(&buf, randomArray(rng, shape...)); err != nil {
			f.Fatal(err)
		}
		good := buf.Bytes()
		f.Add(good)
		f.Add(good[:len(good)-3])                                                // truncated data
		f.Add(append([]byte("\x93NUMPY\x02\x00\x76\x00\x00\x00"), good[10:]...)) // version 2.0
		f.Add(bytes.Replace(good, []byte("<f8"), []byte("<f4"), 1))              // float32, data too long
		f.Add(bytes.Replace(good, []byte("False"), []byte("True "), 1))          // Fortran order
	}
	f.Add(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000000,), }", make([]byte, 8)))
	f.Add(binary.LittleEndian.AppendUint16([]byte("\x93NUMPY\x01\x00"), 0xFFFF))

	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Read(bytes.NewReader(data))
		sized, sizedErr := decode(bytes.NewReader(data), int64(len(data)), true)
		if sizedErr == nil && (err != nil || !sameArray(a, sized)) {
			t.Fatalf("decode with size read %v, Read gave %v, %v", sized, a, err)
		}
		if err != nil {
			return
		}
		if n, err := numElements(a.Shape, 8); err != nil || n != len(a.Data) {
			t.Fatalf("shape %v with %d values", a.Shape, len(a.Data))
		}
		var buf bytes.Buffer
		if err := Write(&buf, a); err != nil {
			t.Fatalf("Write of an array Read accepted: %v", err)
		}
		again, err := Read(&buf)
		if err != nil || !sameArray(again, a) {
			t.Fatalf("round trip gave %v, %v; want %v", again, err, a)
		}
	})
}
