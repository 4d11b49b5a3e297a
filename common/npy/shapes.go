// The shapes of the arrays in a weights file, from their headers alone: so
// a program can size its network from the file (the hidden layer's width
// from W1's shape), then read it with LoadWant.

package npy

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"dlfs/common/atomicfile"
)

// Shapes returns the name and shape of every array at path, a .npz file or
// a folder of .npy files as Load reads them, from the arrays' headers: no
// data is read, or decompressed. The shapes are what the headers claim:
// read the arrays with LoadWant, which checks them again.
func Shapes(path string) (map[string][]int, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	shapes := map[string][]int{}
	if fi.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return nil, fmt.Errorf("npy: %w", err)
		}
		for _, e := range entries {
			name, ok := strings.CutSuffix(e.Name(), ".npy")
			if !ok || name == "" || e.IsDir() {
				continue
			}
			file := filepath.Join(path, e.Name())
			if shapes[name], err = fileShape(file); err != nil {
				return nil, err
			}
		}
		if len(shapes) == 0 {
			return nil, fmt.Errorf("npy: folder %s holds no .npy files", path)
		}
		return shapes, nil
	}

	f, fi, err := atomicfile.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err) // the error names the file
	}
	defer f.Close()
	if !isZip(f) {
		return nil, fmt.Errorf("npy: %s is neither a .npz file (a zip archive) nor a folder of .npy files", path)
	}
	zr, err := zip.NewReader(f, fi.Size())
	if err != nil {
		return nil, fmt.Errorf("npy: %s: not a readable .npz (zip) file: %w", path, err)
	}
	for _, m := range zr.File {
		name, ok := strings.CutSuffix(m.Name, ".npy")
		if !ok || name == "" {
			return nil, fmt.Errorf("npy: %s: member %q is not a NAME.npy array", path, m.Name)
		}
		if _, dup := shapes[name]; dup {
			return nil, fmt.Errorf("npy: %s: member %q appears twice", path, m.Name)
		}
		if shapes[name], err = memberShape(m); err != nil {
			return nil, fmt.Errorf("npy: %s: member %q: %w", path, m.Name, err)
		}
	}
	if len(shapes) == 0 {
		return nil, fmt.Errorf("npy: %s holds no arrays", path)
	}
	return shapes, nil
}

// fileShape returns the shape in the header of the .npy file at path.
func fileShape(path string) ([]int, error) {
	f, fi, err := atomicfile.OpenRegular(path)
	if err != nil {
		return nil, fmt.Errorf("npy: %w", err)
	}
	defer f.Close()
	h, _, err := readHeader(f, fi.Size())
	if err != nil {
		return nil, fmt.Errorf("npy: %s: %w", path, err)
	}
	return h.shape, nil
}

// memberShape returns the shape in the header of one member of a .npz file,
// decompressing no more than the header.
func memberShape(m *zip.File) ([]int, error) {
	rc, err := m.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	size := int64(-1)
	if m.UncompressedSize64 <= 1<<62 {
		size = int64(m.UncompressedSize64)
	}
	h, _, err := readHeader(rc, size)
	return h.shape, err
}
