// Tests of forged and damaged pickles: a global that is not allowed is
// refused by name, claimed lengths larger than the file are errors, memory
// stays bounded, and every prefix of a good file is an error, not a panic.
// FuzzLoad runs the reader on anything.

package pickle

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// arrayOps returns the opcodes NumPy writes for one float64 array, with
// the given shape tuple and data opcodes.
func arrayOps(shape, data string) string {
	return "cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\nK\x00\x85C\x01b\x87R" +
		"(K\x01" + shape + "cnumpy\ndtype\nX\x02\x00\x00\x00f8\x89\x88\x87R" +
		"(K\x03X\x01\x00\x00\x00<NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb\x89" + data + "tb"
}

// le32 and le64 write n little-endian.
func le32(n uint32) string { return string(binary.LittleEndian.AppendUint32(nil, n)) }
func le64(n uint64) string { return string(binary.LittleEndian.AppendUint64(nil, n)) }

// A pickle made by hand with arrayOps is read, so that the forged ones below
// fail for the reason they test and not another.
func TestArrayOps(t *testing.T) {
	p := "\x80\x03}(X\x02\x00\x00\x00W1" + arrayOps("(K\x02t", "B"+le32(16)+le64(0x3ff0000000000000)+le64(0xc000000000000000)) + "u."
	got, err := Decode([]byte(p), "hand.pkl")
	if err != nil {
		t.Fatal(err)
	}
	if a := got["W1"]; a == nil || len(a.Data) != 2 || a.Data[0] != 1 || a.Data[1] != -2 {
		t.Fatalf("got %+v, want W1 = [1, -2]", got["W1"])
	}
}

func TestForged(t *testing.T) {
	for _, tc := range []struct{ name, pickle, want string }{
		{"os.system", "\x80\x02cos\nsystem\nX\x02\x00\x00\x00ls\x85R.", "the global os.system is not allowed"},
		{"posix.system by STACK_GLOBAL", "\x80\x04\x8c\x05posix\x8c\x06system\x93.", "the global posix.system is not allowed"},
		{"builtins.eval", "\x80\x03cbuiltins\neval\n.", "the global builtins.eval is not allowed"},
		{"numpy.load", "\x80\x03cnumpy\nload\n.", "the global numpy.load is not allowed"},
		{"protocol 0", "(dp0\n.", "expected a pickle of protocol 2 to 5"},
		{"protocol 6", "\x80\x06}.", "protocol 6, expected 2 to 5"},
		{"huge BINBYTES8", "\x80\x04\x8e" + le64(1<<62) + ".", "more than the file's"},
		{"huge BINUNICODE", "\x80\x03X" + le32(0xffffffff) + ".", "more than the file's"},
		{"huge LONG_BINGET", "\x80\x03}j" + le32(0xfffffff0) + ".", "more than the file's"},
		{"memo never stored", "\x80\x03}h\x02.", "memo entry 2"},
		{"huge shape", "\x80\x03}(X\x01\x00\x00\x00W" + arrayOps("(J\xff\xff\xff\x7fJ\xff\xff\xff\x7ft", "B"+le32(8)+le64(0)) + "u.", "holds more values than its 8 bytes"},
		{"data too short", "\x80\x03}(X\x01\x00\x00\x00W" + arrayOps("(K\x03t", "B"+le32(16)+le64(0)+le64(0)) + "u.", "needs 24 bytes of data, found 16"},
		{"object array", "\x80\x03}(X\x01\x00\x00\x00W" + arrayOps("(K\x01t", "]") + "u.", "a list means an array of Python objects"},
		{"not a dict", "\x80\x03].", "the pickle holds a list, expected a dict"},
		{"empty dict", "\x80\x03}.", "holds no arrays"},
		{"not an array", "\x80\x03}X\x01\x00\x00\x00WK\x05s.", `"W" is an int, expected a NumPy array`},
		{"trailing bytes", "\x80\x03}.xyz", "3 bytes follow"},
		{"no STOP", "\x80\x03}", "ends in the middle"},
		{"out-of-band buffer", "\x80\x05\x97.", "out-of-band buffer"},
		{"int dtype", "\x80\x03cnumpy\ndtype\nX\x02\x00\x00\x00i8\x85R.", `dtype "i8", expected float32 or float64`},
		{"NEWOBJ", "\x80\x02cnumpy\nndarray\n)\x81.", "NEWOBJ"},
	} {
		_, err := Decode([]byte(tc.pickle), "forged.pkl")
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "forged.pkl") {
			t.Errorf("%s: %v, want an error naming forged.pkl and saying %q", tc.name, err, tc.want)
		}
	}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// Files that would make a naive reader allocate far more than they hold:
// one 80 kB block of data, memoized and used by 1000 arrays (80 MB of
// float64), two million nested MARKs, and two million memo entries. Each is an error, and the reader
// allocates a small multiple of the file's size.
func TestForgedMemory(t *testing.T) {
	var b strings.Builder
	b.WriteString("\x80\x03}(")
	for i := range 1000 {
		data := "h\x01"
		if i == 0 {
			data = "B" + le32(80000) + strings.Repeat("\x00", 80000) + "q\x01"
		}
		b.WriteString("X\x04\x00\x00\x00" + string(rune('a'+i%26)) + le32(uint32(i))[:3])
		b.WriteString(arrayOps("(M\x10\x27t", data))
	}
	b.WriteString("u.")
	amplified := []byte(b.String())
	marks := append([]byte("\x80\x03"), make([]byte, 2<<20)...)
	for i := 2; i < len(marks); i++ {
		marks[i] = '('
	}
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"memoized data", amplified, "more memory than a file of"},
		{"nested MARKs", marks, "values on the stack"},
		{"memo entries", []byte("\x80\x04N" + strings.Repeat("\x94", 2<<20)), "memo entries"},
	} {
		var err error
		n := allocated(func() { _, err = Decode(tc.data, "forged.pkl") })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", tc.name, err, tc.want)
		}
		t.Logf("%s: %d bytes allocated for a %d-byte file", tc.name, n, len(tc.data))
		if limit := 16*uint64(len(tc.data)) + 8<<20; n > limit {
			t.Errorf("%s: a %d-byte file made the reader allocate %d bytes, more than %d", tc.name, len(tc.data), n, limit)
		}
	}
}

// Every prefix of a good pickle is an error (the file ends too soon), never
// a panic or a dict with part of the arrays.
func TestTruncated(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "numpy1_p4_ordered.pkl"))
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(data) {
		if _, err := Decode(data[:n], "cut.pkl"); err == nil {
			t.Fatalf("the first %d of %d bytes: no error", n, len(data))
		}
	}
}

// FuzzLoad decodes anything: it must return an error or arrays whose shapes
// hold their data, without a panic, a hang or a huge allocation.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.pkl"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("\x80\x02cos\nsystem\nX\x02\x00\x00\x00ls\x85R."))
	f.Fuzz(func(t *testing.T, data []byte) {
		arrays, err := Decode(data, "fuzz.pkl")
		if err != nil {
			return
		}
		for name, a := range arrays {
			n := 1
			for _, d := range a.Shape {
				n *= d
			}
			if n != len(a.Data) {
				t.Fatalf("%q: shape %v holds %d values, Data has %d", name, a.Shape, n, len(a.Data))
			}
			if len(a.Data) > len(data) {
				t.Fatalf("%q: %d values from %d bytes", name, len(a.Data), len(data))
			}
		}
	})
}
