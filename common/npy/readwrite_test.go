// Tests of reading and writing single arrays: round trips of every rank in
// both format versions, float32 input, and a table of damaged files.

package npy

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sameArray reports whether a and b have the same shape and bit-identical
// values (so NaN equals NaN and -0 differs from 0).
func sameArray(a, b *Array) bool {
	if !slices.Equal(a.Shape, b.Shape) || len(a.Data) != len(b.Data) {
		return false
	}
	for i := range a.Data {
		if math.Float64bits(a.Data[i]) != math.Float64bits(b.Data[i]) {
			return false
		}
	}
	return true
}

// randomArray returns an array of the given shape filled with random values
// and, when it has room, the awkward ones: NaN, infinities, -0, the smallest
// subnormal.
func randomArray(rng *rand.Rand, shape ...int) *Array {
	n, err := numElements(shape, 8)
	if err != nil {
		panic(err)
	}
	data := make([]float64, n)
	for i := range data {
		data[i] = rng.NormFloat64()
	}
	copy(data, []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), math.SmallestNonzeroFloat64})
	return &Array{Shape: shape, Data: data}
}

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	shapes := [][]int{{}, {1}, {7}, {0}, {3, 4}, {1, 1}, {0, 5}, {5, 0}, {2, 3, 4}, {30, 1, 5, 5}, {2, 0, 3, 1}}
	for _, shape := range shapes {
		for _, major := range []byte{1, 2} {
			a := randomArray(rng, shape...)
			hdr, err := encodeHeader(a.Shape, major)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := writeArray(&buf, hdr, a.Data); err != nil {
				t.Fatal(err)
			}
			file := buf.Bytes()
			if file[6] != major || (len(file)-8*len(a.Data))%64 != 0 {
				t.Errorf("shape %v version %d: data starts at byte %d", shape, major, len(file)-8*len(a.Data))
			}
			streamed, err := Read(bytes.NewReader(file))
			if err != nil || !sameArray(streamed, a) {
				t.Errorf("shape %v version %d: Read gave %v, %v; want %v", shape, major, streamed, err, a)
			}
			sized, err := decode(bytes.NewReader(file), int64(len(file)), true, nil)
			if err != nil || !sameArray(sized, a) {
				t.Errorf("shape %v version %d: decode with size gave %v, %v; want %v", shape, major, sized, err, a)
			}
		}
	}
}

// TestWriteChoosesVersion1 pins that Write uses version 1.0, as numpy.save
// does whenever the header fits.
func TestWriteChoosesVersion1(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, randomArray(rand.New(rand.NewPCG(3, 4)), 2, 2)); err != nil {
		t.Fatal(err)
	}
	if got := buf.Bytes()[:8]; string(got) != "\x93NUMPY\x01\x00" {
		t.Errorf("Write starts with %q, want version 1.0", got)
	}
}

// TestReadSequence reads two arrays saved one after the other in a stream.
func TestReadSequence(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	a, b := randomArray(rng, 3), randomArray(rng, 2, 2)
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	if err := Write(&buf, b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []*Array{a, b} {
		got, err := Read(&buf)
		if err != nil || !sameArray(got, want) {
			t.Fatalf("got %v, %v; want %v", got, err, want)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes left unread", buf.Len())
	}
}

// TestReadLarge reads an array larger than one read chunk.
func TestReadLarge(t *testing.T) {
	a := randomArray(rand.New(rand.NewPCG(7, 8)), 100, 300)
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	got, err := Read(&buf)
	if err != nil || !sameArray(got, a) {
		t.Fatalf("100x300 round trip: %v", err)
	}
}

// npyFile builds a version 1.0 .npy file by hand from a header dict and raw
// data, padding the header as the format asks.
func npyFile(dict string, data []byte) []byte {
	padding := (64 - (10+len(dict)+1)%64) % 64
	b := []byte("\x93NUMPY\x01\x00")
	b = binary.LittleEndian.AppendUint16(b, uint16(len(dict)+padding+1))
	b = append(b, dict+strings.Repeat(" ", padding)+"\n"...)
	return append(b, data...)
}

func TestReadFloat32(t *testing.T) {
	values := []float32{0.1, -2.5, 3e-40, float32(math.Inf(1)), 65504, -0.3}
	var data []byte
	for _, v := range values {
		data = binary.LittleEndian.AppendUint32(data, math.Float32bits(v))
	}
	file := npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", data)
	a, err := Read(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Shape, []int{2, 3}) {
		t.Errorf("shape %v, want [2 3]", a.Shape)
	}
	for i, v := range values {
		if a.Data[i] != float64(v) {
			t.Errorf("value %d: got %v, want float32 %v exactly", i, a.Data[i], v)
		}
	}
}

func TestBadInput(t *testing.T) {
	f8 := func(n int) []byte { return make([]byte, 8*n) }
	dict := func(descr, fortran, shape string) string {
		return "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shape + ", }"
	}
	good := npyFile(dict("<f8", "False", "(2, 3)"), f8(6))
	v1 := func(hlen uint16, text string) []byte {
		return append(binary.LittleEndian.AppendUint16([]byte("\x93NUMPY\x01\x00"), hlen), text...)
	}
	tests := []struct {
		name   string
		file   []byte
		stream string // the error read as a stream (Read)
		path   string // the error read from a file (ReadFile), if different
	}{
		{"empty", nil, "truncated: the magic string and version needs 8 bytes, only 0 remain", ""},
		{"bad magic", append([]byte("\x93NUMPX"), good[6:]...), `not a .npy file: starts with "\x93NUMPX", expected the magic string "\x93NUMPY"`, ""},
		{"text file", []byte("W1,b1\n1,2,3,4,5,6\n"), "not a .npy file", ""},
		{"version 4.0", append([]byte("\x93NUMPY\x04\x00"), good[8:]...), "format version 4.0 is not supported: expected 1.0, 2.0 or 3.0", ""},
		{"no header length", []byte("\x93NUMPY\x01\x00\x76"), "truncated: the header length needs 2 bytes, only 1 remain", ""},
		{"header past the end", v1(5000, "{'descr'"), "truncated: the header needs 5000 bytes, only 8 remain", "header length 5000 runs past the end of the file (18 bytes)"},
		{"huge header", append(v1(0xFFFF, ""), make([]byte, 0xFFFF)...), "header length 65535 is over NumPy's limit of 10000 bytes", ""},
		{"big-endian", npyFile(dict(">f8", "False", "(2, 3)"), f8(6)), "dtype '>f8' is not supported: expected '<f4' or '<f8'", ""},
		{"objects", npyFile(dict("|O", "False", "(2,)"), []byte("\x80\x04pickle")), "dtype '|O' is not supported", ""},
		{"int64", npyFile(dict("<i8", "False", "(6,)"), f8(6)), "dtype '<i8' is not supported", ""},
		{"structured", npyFile("{'descr': [('x', '<f8')], 'fortran_order': False, 'shape': (2,), }", f8(2)), "bad header: expected a quoted string at byte 10", ""},
		{"Fortran order", npyFile(dict("<f8", "True", "(2, 3)"), f8(6)), "Fortran order", ""},
		{"product overflow", npyFile(dict("<f8", "False", "(4294967296, 4294967296)"), nil), "shape (4294967296, 4294967296) holds too many values", ""},
		{"dimension overflow", npyFile(dict("<f8", "False", "(99999999999999999999,)"), nil), "bad header: dimension too large", ""},
		{"negative dimension", npyFile(dict("<f8", "False", "(-1,)"), nil), "expected a non-negative integer in 'shape'", ""},
		{"shape not a tuple", npyFile(dict("<f8", "False", "(5)"), f8(5)), "expected a tuple for 'shape', not a number", ""},
		{"shape a list", npyFile(dict("<f8", "False", "[5]"), f8(5)), "expected a tuple such as (3, 4) for 'shape'", ""},
		{"65 dimensions", npyFile(dict("<f8", "False", "("+strings.Repeat("1, ", 65)+")"), f8(1)), "shape has more than 64 dimensions", ""},
		{"fortran_order not bool", npyFile(dict("<f8", "0", "(6,)"), f8(6)), "expected True or False for 'fortran_order'", ""},
		{"no shape", npyFile("{'descr': '<f8', 'fortran_order': False, }", f8(1)), `bad header: no "shape" key`, ""},
		{"extra key", npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1, }", f8(1)), `unexpected key "x"`, ""},
		{"key twice", npyFile("{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", f8(1)), `key "descr" appears twice`, ""},
		{"not a dict", npyFile("('<f8', False, (1,))", f8(1)), "bad header: expected '{' at byte 0", ""},
		{"text after dict", npyFile(dict("<f8", "False", "(1,)")+" x", f8(1)), "unexpected text after the dict", ""},
		{"unterminated", v1(20, "{'descr': '<f8,     "), "unterminated string", ""},
		{"data too short", good[:len(good)-8], "shape (2, 3) of '<f8': truncated: the data needs 48 bytes, only 40 remain", "shape (2, 3) of '<f8' needs 48 data bytes, the file has 40"},
		{"huge shape, little data", npyFile(dict("<f8", "False", "(1000000, 1000000)"), f8(1)), "truncated: the data needs 8000000000000 bytes, only 8 remain", "needs 8000000000000 data bytes, the file has 8"},
		{"data too long", append(good, 0, 0, 0, 0), "", "shape (2, 3) of '<f8' needs 48 data bytes, the file has 52"},
		{"f4 data too short", npyFile(dict("<f4", "False", "(3,)"), make([]byte, 10)), "truncated: the data needs 12 bytes, only 10 remain", "needs 12 data bytes, the file has 10"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		if tt.stream != "" {
			_, err := Read(bytes.NewReader(tt.file))
			if err == nil || !strings.Contains(err.Error(), tt.stream) || !strings.HasPrefix(err.Error(), "npy: ") {
				t.Errorf("%s: Read error %v, want one containing %q", tt.name, err, tt.stream)
			}
		}
		path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".npy")
		if err := os.WriteFile(path, tt.file, 0o644); err != nil {
			t.Fatal(err)
		}
		want := tt.path
		if want == "" {
			want = tt.stream
		}
		_, err := ReadFile(path)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: ReadFile error %v, want one naming %s and containing %q", tt.name, err, path, want)
		}
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "missing.npy"), dir} {
		if _, err := ReadFile(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("ReadFile(%s) error %v, want one naming the path", path, err)
		}
	}
}

func TestWriteBadArray(t *testing.T) {
	tests := []struct {
		name string
		a    *Array
		want string
	}{
		{"nil", nil, "nil array"},
		{"too few values", &Array{Shape: []int{2, 3}, Data: make([]float64, 5)}, "shape (2, 3) holds 6 values, Data has 5"},
		{"scalar without value", &Array{Data: nil}, "shape () holds 1 values, Data has 0"},
		{"negative", &Array{Shape: []int{-1}, Data: nil}, "negative dimension"},
		{"65 dimensions", &Array{Shape: make([]int, 65)}, "at most 64"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := Write(&buf, tt.a)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %d bytes before failing", tt.name, buf.Len())
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.npy")
	rng := rand.New(rand.NewPCG(9, 10))
	for _, a := range []*Array{randomArray(rng, 4, 5), randomArray(rng, 3)} { // the second replaces the first
		if err := WriteFile(path, a); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(path)
		if err != nil || !sameArray(got, a) {
			t.Fatalf("ReadFile after WriteFile: %v, %v; want %v", got, err, a)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d files after WriteFile, want 1 (no temporary file left)", len(entries))
	}
	if err := WriteFile(path, &Array{Shape: []int{2}}); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("WriteFile of a bad array: error %v, want one naming %s", err, path)
	}
	if got, err := ReadFile(path); err != nil || len(got.Data) != 3 {
		t.Errorf("a failed WriteFile changed the file: %v, %v", got, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d files after a failed WriteFile, want 1", len(entries))
	}
	bad := filepath.Join(dir, "no", "such", "folder", "w.npy")
	if err := WriteFile(bad, randomArray(rng, 1)); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("WriteFile into a missing folder: error %v, want one naming %s", err, bad)
	}
}
