// Reading and writing .npz files (numpy.savez): a zip archive with one
// member NAME.npy per array.

package npy

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"dlfs/common/atomicfile"
)

// ReadNPZ reads every array of the .npz file at path, keyed by member name
// without the .npy suffix, as numpy.load does. Members may be stored or
// deflated (numpy.savez or numpy.savez_compressed). The path must be a
// regular file, not a named pipe, which would hang the reader.
func ReadNPZ(path string) (map[string]*Array, error) {
	f, fi, err := atomicfile.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err) // the error names the file
	}
	defer f.Close()
	return decodeNPZ(f, fi.Size(), path, nil)
}

// DecodeNPZ reads the arrays of a .npz file held in r, size bytes long, such
// as one embedded in a program with go:embed. name is the file's name for
// error messages.
func DecodeNPZ(r io.ReaderAt, size int64, name string) (map[string]*Array, error) {
	return decodeNPZ(r, size, name, nil)
}

// DecodeNPZWant is DecodeNPZ for the arrays of want (see Want): a member of
// another name, or whose header gives another shape, is refused before its
// data is decompressed, a missing one is an error, and so is a NaN or an
// infinity (CheckFinite), since the arrays are weights.
func DecodeNPZWant(r io.ReaderAt, size int64, name string, want Want) (map[string]*Array, error) {
	arrays, err := decodeNPZ(r, size, name, want)
	if err != nil {
		return nil, err
	}
	if err := want.Complete(arrays); err != nil {
		return nil, fmt.Errorf("npy: %s: %w", name, err)
	}
	if err := CheckFinite(name, arrays); err != nil {
		return nil, err
	}
	return arrays, nil
}

// decodeNPZ reads the .npz file in r; path names it in errors. When want is
// not nil, only its arrays are accepted, each checked from its header.
func decodeNPZ(r io.ReaderAt, size int64, path string, want Want) (map[string]*Array, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("npy: %s: not a readable .npz (zip) file: %w", path, err)
	}
	names := make([]string, len(zr.File))
	seen := make(map[string]bool, len(zr.File))
	for i, f := range zr.File {
		name, ok := strings.CutSuffix(f.Name, ".npy")
		if !ok || name == "" {
			return nil, fmt.Errorf("npy: %s: member %q is not a NAME.npy array", path, f.Name)
		}
		if seen[name] {
			return nil, fmt.Errorf("npy: %s: member %q appears twice", path, f.Name)
		}
		seen[name], names[i] = true, name
	}
	if want != nil {
		// First the headers of the wanted arrays, so that the weights of
		// another network are reported by the first shape that differs;
		// then the other names, all in the archive's directory. Nothing
		// but headers has been decompressed yet.
		for i, f := range zr.File {
			if _, ok := want[names[i]]; !ok {
				continue
			}
			shape, err := memberShape(f)
			if err != nil {
				return nil, fmt.Errorf("npy: %s: member %q: %w", path, f.Name, err)
			}
			if err := want.Check(names[i], shape); err != nil {
				return nil, fmt.Errorf("npy: %s: %w", path, err)
			}
		}
		if err := want.checkNames(names); err != nil {
			return nil, fmt.Errorf("npy: %s: %w", path, err)
		}
	}
	arrays := make(map[string]*Array, len(zr.File))
	for i, f := range zr.File {
		var check func([]int) error
		if want != nil {
			check = func(shape []int) error { return want.Check(names[i], shape) }
		}
		a, err := readMember(f, check)
		if errors.Is(err, ErrMismatch) { // the error names the array
			return nil, fmt.Errorf("npy: %s: %w", path, err)
		} else if err != nil {
			return nil, fmt.Errorf("npy: %s: member %q: %w", path, f.Name, err)
		}
		arrays[names[i]] = a
	}
	return arrays, nil
}

// readMember reads the array of one member; check, when not nil, vets its
// shape from the header before the data is decompressed.
func readMember(f *zip.File, check func(shape []int) error) (*Array, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	size := int64(-1)
	if f.UncompressedSize64 <= 1<<62 {
		size = int64(f.UncompressedSize64)
	}
	a, err := decode(rc, size, false, check) // the size is the archive's claim, not a fact
	if err != nil {
		return nil, err
	}
	// Reading to the end makes archive/zip check the member's CRC-32.
	var extra [1]byte
	if n, err := rc.Read(extra[:]); n != 0 || !errors.Is(err, io.EOF) {
		if err == nil || errors.Is(err, io.EOF) {
			err = errors.New("data continues after the array")
		}
		return nil, err
	}
	return a, nil
}

// WriteNPZ writes arrays to the .npz file at path, one stored (uncompressed)
// member NAME.npy per array in sorted name order, as numpy.savez does, so
// that np.load(path)[NAME] gives each array back. Float weights barely
// compress (about 4% with deflate), so the members are not compressed. Like
// WriteFile it writes a temporary file and renames it.
func WriteNPZ(path string, arrays map[string]*Array) error {
	names := make([]string, 0, len(arrays))
	for name, a := range arrays {
		if name == "" || strings.ContainsAny(name, `/\`) {
			return fmt.Errorf("npy: writing %s: array name %q: expected a non-empty name without / or \\", path, name)
		}
		if err := a.check(); err != nil {
			return fmt.Errorf("npy: writing %s: array %q: %w", path, name, err)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return wrapWrite(atomicfile.Write(path, func(w io.Writer) error {
		zw := zip.NewWriter(w)
		for _, name := range names {
			member, err := zw.CreateHeader(&zip.FileHeader{
				Name:     name + ".npy",
				Method:   zip.Store,
				Modified: zipEpoch, // a fixed time, so the same arrays give the same file
			})
			if err != nil {
				return err
			}
			if err := encode(member, arrays[name]); err != nil {
				return fmt.Errorf("array %q: %w", name, err)
			}
		}
		return zw.Close()
	}))
}

// zipEpoch is the earliest time a zip file can record, 1980-01-01.
var zipEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
