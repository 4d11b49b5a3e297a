// Fuzz tests of the .npy and .npz readers: no input may make them panic,
// hang or allocate more than the input holds; what the .npy reader accepts
// must survive a round trip through Write, and the .npz reader must agree
// with itself with and without a Want.

package npy

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"dlfs/common/npy/npytest"
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
		sized, sizedErr := decode(bytes.NewReader(data), int64(len(data)), true, nil)
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

// FuzzDecodeNPZ feeds arbitrary bytes to the .npz reader, with and without a
// Want: neither may panic or hang, and the two must agree. What DecodeNPZWant
// accepts is exactly the wanted arrays, and DecodeNPZ reads the same; what
// DecodeNPZ reads, when it is the wanted arrays and finite, DecodeNPZWant
// accepts.
func FuzzDecodeNPZ(f *testing.F) {
	want := Want{"W1": {2, 3}, "b1": {3}}
	rng := rand.New(rand.NewPCG(27, 28))
	good := map[string]*Array{"W1": finiteArray(rng, 2, 3), "b1": finiteArray(rng, 3)}
	path := filepath.Join(f.TempDir(), "w.npz")
	if err := WriteNPZ(path, good); err != nil {
		f.Fatal(err)
	}
	stored, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(stored)
	f.Add(stored[:len(stored)-10])
	var deflated bytes.Buffer
	zw := zip.NewWriter(&deflated)
	for _, name := range []string{"W1", "b1", "x"} {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: name + ".npy", Method: zip.Deflate})
		a := good[name]
		if a == nil {
			a = finiteArray(rng, 1)
		}
		Write(w, a)
	}
	zw.Close()
	f.Add(deflated.Bytes())
	f.Add(npytest.Bomb("W1", []int{1 << 20}, 1<<10, false))
	f.Add(npytest.Bomb("W1", []int{2, 3}, 1<<10, true))

	f.Fuzz(func(t *testing.T, data []byte) {
		all, errAll := DecodeNPZ(bytes.NewReader(data), int64(len(data)), "fuzz.npz")
		wanted, errWant := DecodeNPZWant(bytes.NewReader(data), int64(len(data)), "fuzz.npz", want)
		if errAll == nil {
			for name, a := range all {
				if n, err := numElements(a.Shape, 8); err != nil || n != len(a.Data) {
					t.Fatalf("%s: shape %v with %d values", name, a.Shape, len(a.Data))
				}
			}
		}
		if errWant == nil {
			if errAll != nil {
				t.Fatalf("DecodeNPZWant accepted what DecodeNPZ refused: %v", errAll)
			}
			if len(wanted) != len(want) || len(all) != len(want) {
				t.Fatalf("DecodeNPZWant gave %d arrays, DecodeNPZ %d, want %d", len(wanted), len(all), len(want))
			}
			for name, shape := range want {
				if !slices.Equal(wanted[name].Shape, shape) || !sameArray(wanted[name], all[name]) {
					t.Fatalf("%s: DecodeNPZWant gave %v, DecodeNPZ %v, want shape %v", name, wanted[name], all[name], shape)
				}
			}
			return
		}
		if errAll != nil || len(all) != len(want) || CheckFinite("fuzz.npz", all) != nil {
			return
		}
		for name, shape := range want {
			if all[name] == nil || !slices.Equal(all[name].Shape, shape) {
				return
			}
		}
		t.Fatalf("DecodeNPZWant refused the wanted arrays that DecodeNPZ read: %v", errWant)
	})
}

// FuzzNPZMember puts arbitrary bytes in a .npz as member W1.npy, stored or
// deflated, where the zip format's own checks let them through to the .npy
// reader: the member must read as ReadFile reads the same bytes as a file,
// and DecodeNPZWant must accept it exactly when it is a finite W1 of the
// wanted shape.
func FuzzNPZMember(f *testing.F) {
	rng := rand.New(rand.NewPCG(29, 30))
	var good bytes.Buffer
	Write(&good, finiteArray(rng, 2, 3))
	f.Add(good.Bytes(), false)
	f.Add(good.Bytes(), true)
	f.Add(bytes.Replace(good.Bytes(), []byte("(2, 3)"), []byte("(3, 2)"), 1), true)
	f.Add(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (250000000,), }", make([]byte, 64)), true)

	want := Want{"W1": {2, 3}}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, member []byte, deflate bool) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		method := zip.Store
		if deflate {
			method = zip.Deflate
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "W1.npy", Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(member)
		zw.Close()
		file := filepath.Join(dir, "W1.npy")
		if err := os.WriteFile(file, member, 0o644); err != nil {
			t.Fatal(err)
		}
		alone, errAlone := ReadFile(file)
		all, errAll := DecodeNPZ(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "fuzz.npz")
		if (errAlone == nil) != (errAll == nil) || errAll == nil && !sameArray(alone, all["W1"]) {
			t.Fatalf("as a file: %v, %v; in a .npz: %v, %v", alone, errAlone, all["W1"], errAll)
		}
		wanted, errWant := DecodeNPZWant(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "fuzz.npz", want)
		fits := errAlone == nil && slices.Equal(alone.Shape, want["W1"]) && CheckFinite("W1", map[string]*Array{"W1": alone}) == nil
		if fits != (errWant == nil) || fits && !sameArray(wanted["W1"], alone) {
			t.Fatalf("the file reads as %v, %v; DecodeNPZWant gives %v, %v", alone, errAlone, wanted["W1"], errWant)
		}
	})
}
