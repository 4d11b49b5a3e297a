// Tests of .npz files: round trips, members written by another zip writer
// stored or deflated, and damaged archives.

package npy

import (
	"archive/zip"
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestNPZRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	arrays := map[string]*Array{
		"W1": randomArray(rng, 4, 3), "b1": randomArray(rng, 3),
		"W2": randomArray(rng, 2, 1, 3, 3), "b2": randomArray(rng, 2),
		"scalar": randomArray(rng), "empty": randomArray(rng, 0, 7),
	}
	path := filepath.Join(t.TempDir(), "weights.npz")
	if err := WriteNPZ(path, arrays); err != nil {
		t.Fatal(err)
	}
	got, err := ReadNPZ(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	decoded, err := DecodeNPZ(bytes.NewReader(data), int64(len(data)), "in memory")
	if err != nil {
		t.Fatal(err)
	}
	for _, got := range []map[string]*Array{got, decoded} {
		if len(got) != len(arrays) {
			t.Errorf("read %d arrays, wrote %d", len(got), len(arrays))
		}
		for name, want := range arrays {
			if !sameArray(got[name], want) {
				t.Errorf("%s: got %v, want %v", name, got[name], want)
			}
		}
	}
	if _, err := DecodeNPZ(bytes.NewReader(data[:len(data)/2]), int64(len(data)/2), "half.npz"); err == nil || !strings.Contains(err.Error(), "half.npz") {
		t.Errorf("a truncated in-memory .npz gave %v, want an error naming it", err)
	}

	// Members are NAME.npy, stored, in sorted order, and each is exactly
	// what Write produces, as in numpy.savez.
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Method != zip.Store {
			t.Errorf("%s: method %d, want stored", f.Name, f.Method)
		}
		var want bytes.Buffer
		if err := Write(&want, arrays[strings.TrimSuffix(f.Name, ".npy")]); err != nil {
			t.Fatal(err)
		}
		if f.UncompressedSize64 != uint64(want.Len()) {
			t.Errorf("%s: member of %d bytes, Write gives %d", f.Name, f.UncompressedSize64, want.Len())
		}
	}
	wantNames := []string{"W1.npy", "W2.npy", "b1.npy", "b2.npy", "empty.npy", "scalar.npy"}
	if !slices.Equal(names, wantNames) {
		t.Errorf("members %v, want %v", names, wantNames)
	}

	// The same arrays give the same bytes: no time stamps.
	again := filepath.Join(t.TempDir(), "again.npz")
	if err := WriteNPZ(again, arrays); err != nil {
		t.Fatal(err)
	}
	b1, _ := os.ReadFile(path)
	b2, _ := os.ReadFile(again)
	if !bytes.Equal(b1, b2) {
		t.Error("writing the same arrays twice gave different files")
	}
}

// zipFile writes a zip with the given members (name, content) by hand, each
// with the given method, as numpy.savez (stored) or savez_compressed
// (deflated) would.
func zipFile(t *testing.T, method uint16, members ...[2][]byte) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: string(m[0]), Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(m[1])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "test.npz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func npyBytes(t *testing.T, a *Array) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, a); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadNPZMethods(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	x, y := randomArray(rng, 50, 20), randomArray(rng, 20)
	for _, method := range []uint16{zip.Store, zip.Deflate} {
		path := zipFile(t, method, [2][]byte{[]byte("x.npy"), npyBytes(t, x)}, [2][]byte{[]byte("y.npy"), npyBytes(t, y)})
		got, err := ReadNPZ(path)
		if err != nil {
			t.Fatalf("method %d: %v", method, err)
		}
		if len(got) != 2 || !sameArray(got["x"], x) || !sameArray(got["y"], y) {
			t.Errorf("method %d: got %v", method, got)
		}
	}
}

func TestReadNPZBad(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	good := npyBytes(t, randomArray(rng, 3, 3))
	member := func(name string, b []byte) [2][]byte { return [2][]byte{[]byte(name), b} }
	tests := []struct {
		name string
		path string
		want string
	}{
		{"not .npy", zipFile(t, zip.Store, member("x.npy", good), member("notes.txt", []byte("hi"))), `member "notes.txt" is not a NAME.npy array`},
		{"twice", zipFile(t, zip.Deflate, member("x.npy", good), member("x.npy", good)), `member "x.npy" appears twice`},
		{"truncated member", zipFile(t, zip.Deflate, member("x.npy", good[:len(good)-1])), `member "x.npy": shape (3, 3) of '<f8' needs 72 data bytes, the file has 71`},
		{"extra data", zipFile(t, zip.Store, member("x.npy", append(good, 1))), `member "x.npy": shape (3, 3) of '<f8' needs 72 data bytes, the file has 73`},
		{"bad member", zipFile(t, zip.Store, member("x.npy", []byte("PK not npy"))), `member "x.npy": not a .npy file`},
	}
	notZip := filepath.Join(t.TempDir(), "x.npz")
	os.WriteFile(notZip, good, 0o644)
	tests = append(tests, struct{ name, path, want string }{"not a zip", notZip, "not a readable .npz (zip) file"})

	// A stored member whose data was changed after writing: the CRC-32 fails.
	corrupt := zipFile(t, zip.Store, member("x.npy", good))
	b, _ := os.ReadFile(corrupt)
	i := bytes.Index(b, good[len(good)-8:])
	b[i] ^= 1
	os.WriteFile(corrupt, b, 0o644)
	tests = append(tests, struct{ name, path, want string }{"checksum", corrupt, "checksum error"})

	for _, tt := range tests {
		_, err := ReadNPZ(tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
			t.Errorf("%s: error %v, want one naming %s and containing %q", tt.name, err, tt.path, tt.want)
		}
	}
}

func TestWriteNPZBad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "w.npz")
	tests := []struct {
		arrays map[string]*Array
		want   string
	}{
		{map[string]*Array{"": {Shape: []int{1}, Data: []float64{1}}}, `array name ""`},
		{map[string]*Array{"a/b": {Shape: []int{1}, Data: []float64{1}}}, `array name "a/b"`},
		{map[string]*Array{"W1": {Shape: []int{2}, Data: []float64{1}}}, `array "W1": shape (2,) holds 2 values, Data has 1`},
	}
	for _, tt := range tests {
		err := WriteNPZ(path, tt.arrays)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("error %v, want one naming %s and containing %q", err, path, tt.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed writes left %d files", len(entries))
	}
}
