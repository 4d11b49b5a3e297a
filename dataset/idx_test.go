// Tests of the IDX parser on hand-built files: one case per way a file can be
// wrong, each through both paths (size known, as from a file, and unknown, as
// from a stream), and a fuzz test.

package dataset

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// idxImages builds an IDX image file with the given header and pixels.
func idxImages(magic, n, rows, cols uint32, pixels []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, magic)
	b = binary.BigEndian.AppendUint32(b, n)
	b = binary.BigEndian.AppendUint32(b, rows)
	b = binary.BigEndian.AppendUint32(b, cols)
	return append(b, pixels...)
}

// idxLabels builds an IDX label file with the given header and labels.
func idxLabels(magic, n uint32, labels []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, magic)
	b = binary.BigEndian.AppendUint32(b, n)
	return append(b, labels...)
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// twoImages are two 28x28 images whose pixels count 0, 1, 2, ... mod 256.
func twoImages() []byte {
	p := make([]byte, 2*ImageSize)
	for i := range p {
		p[i] = byte(i)
	}
	return p
}

func TestDecodeValid(t *testing.T) {
	pixels := twoImages()
	labels := []byte{5, 0}
	images := idxImages(imageMagic, 2, 28, 28, pixels)
	lbls := idxLabels(labelMagic, 2, labels)
	tests := []struct {
		name  string
		file  []byte
		magic uint32
		want  []byte
	}{
		{"raw images", images, imageMagic, pixels},
		{"gzip images", gz(images), imageMagic, pixels},
		{"raw labels", lbls, labelMagic, labels},
		{"gzip labels", gz(lbls), labelMagic, labels},
		{"no images", idxImages(imageMagic, 0, 28, 28, nil), imageMagic, []byte{}},
		{"two gzip members", append(gz(images[:100]), gz(images[100:])...), imageMagic, pixels},
		{"empty gzip member", append(gz(images), gz(nil)...), imageMagic, pixels},
	}
	for _, tt := range tests {
		for _, size := range []int64{int64(len(tt.file)), -1} {
			got, err := decode(bytes.NewReader(tt.file), size, tt.magic)
			if err != nil {
				t.Errorf("%s (size %d): %v", tt.name, size, err)
				continue
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("%s (size %d): got %d bytes, not the %d written", tt.name, size, len(got), len(tt.want))
			}
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	pixels := twoImages()
	good := idxImages(imageMagic, 2, 28, 28, pixels)
	zgood := gz(good)
	badCRC := bytes.Clone(zgood)
	badCRC[len(badCRC)-8] ^= 0xff // the CRC-32 of the gzip trailer
	tests := []struct {
		name  string
		file  []byte
		magic uint32
		want  error
		says  string // a part of the message
	}{
		{"empty", nil, imageMagic, ErrTruncated, "0 of the 4 bytes of the header"},
		{"labels given as images", idxLabels(labelMagic, 2, []byte{1, 2}), imageMagic, ErrMagic, "got 2049 (IDX labels), want 2051 (IDX images)"},
		{"images given as labels", good, labelMagic, ErrMagic, "got 2051 (IDX images), want 2049 (IDX labels)"},
		{"not IDX", []byte("P5\n28 28\n255\n"), imageMagic, ErrMagic, "not an MNIST IDX file"},
		{"header cut", good[:10], imageMagic, ErrTruncated, "10 of the 16 bytes of the header"},
		{"gzip header cut", zgood[:6], imageMagic, ErrTruncated, "gzip header"},
		{"32x32", idxImages(imageMagic, 1, 32, 32, make([]byte, 1024)), imageMagic, ErrDims, "32x32"},
		{"28x1", idxImages(imageMagic, 28, 28, 1, make([]byte, 784)), imageMagic, ErrDims, "28x1"},
		{"huge count", idxImages(imageMagic, 1<<31, 28, 28, nil), imageMagic, ErrTooLarge, "2147483648 images"},
		{"huge label count", idxLabels(labelMagic, 0xffffffff, nil), labelMagic, ErrTooLarge, "4294967295 labels"},
		{"one image short", idxImages(imageMagic, 3, 28, 28, pixels), imageMagic, ErrTruncated, "3 images"},
		{"one pixel short", good[:len(good)-1], imageMagic, ErrTruncated, ""},
		{"gzip one image short", gz(idxImages(imageMagic, 3, 28, 28, pixels)), imageMagic, ErrTruncated, ""},
		{"gzip stream cut", zgood[:len(zgood)/2], imageMagic, ErrTruncated, ""},
		{"gzip trailer cut", zgood[:len(zgood)-4], imageMagic, ErrTruncated, ""},
		{"trailing byte", append(bytes.Clone(good), 0), imageMagic, ErrTrailing, "after the 2 images"},
		{"gzip trailing data", gz(append(bytes.Clone(good), 7, 7)), imageMagic, ErrTrailing, ""},
		{"garbage after gzip", append(bytes.Clone(zgood), "garbage"...), imageMagic, ErrTrailing, "gzip stream"},
		{"a byte after gzip", append(bytes.Clone(zgood), 0), imageMagic, ErrTrailing, "gzip stream"},
		{"long garbage after gzip", append(bytes.Clone(zgood), strings.Repeat("garbage", 9)...), imageMagic, ErrTrailing, "gzip stream"},
		{"gzip one image short, then garbage", append(gz(idxImages(imageMagic, 3, 28, 28, pixels)), "garbage"...), imageMagic, ErrTruncated, "then unexpected data"},
		{"gzip member cut", append(bytes.Clone(zgood), zgood[:5]...), imageMagic, ErrTruncated, ""},
		{"gzip bad CRC", badCRC, imageMagic, ErrCorrupt, "checksum"},
		{"gzip bad header", append([]byte{0x1f, 0x8b, 99}, zgood[3:]...), imageMagic, ErrCorrupt, ""},
		{"label 10", idxLabels(labelMagic, 3, []byte{9, 10, 0}), labelMagic, ErrLabel, "label 1 is 10"},
		{"labels short", idxLabels(labelMagic, 3, []byte{9, 1}), labelMagic, ErrTruncated, ""},
	}
	for _, tt := range tests {
		for _, size := range []int64{int64(len(tt.file)), -1} {
			_, err := decode(bytes.NewReader(tt.file), size, tt.magic)
			if !errors.Is(err, tt.want) {
				t.Errorf("%s (size %d): got error %v, want %v", tt.name, size, err, tt.want)
			} else if !strings.Contains(err.Error(), tt.says) {
				t.Errorf("%s (size %d): error %q does not say %q", tt.name, size, err, tt.says)
			}
		}
	}
}

func TestReadErrorNamesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "train-images-idx3-ubyte.gz")
	if err := os.WriteFile(path, gz(idxImages(imageMagic, 5, 28, 28, twoImages())), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadImages(path)
	if !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), path) {
		t.Errorf("ReadImages(%s) = %v, want ErrTruncated naming the file", path, err)
	}
	_, err = ReadLabels(filepath.Join(dir, "absent"))
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "absent") {
		t.Errorf("ReadLabels of a missing file = %v, want ErrNotExist naming the file", err)
	}
}

func TestReadSetCountMismatch(t *testing.T) {
	dir := t.TempDir()
	images := filepath.Join(dir, "images")
	labels := filepath.Join(dir, "labels.gz")
	os.WriteFile(images, idxImages(imageMagic, 2, 28, 28, twoImages()), 0o644)
	os.WriteFile(labels, gz(idxLabels(labelMagic, 3, []byte{1, 2, 3})), 0o644)
	_, err := ReadSet(images, labels)
	if !errors.Is(err, ErrCountMismatch) || !strings.Contains(err.Error(), images) || !strings.Contains(err.Error(), labels) {
		t.Errorf("ReadSet = %v, want ErrCountMismatch naming both files", err)
	}
	os.WriteFile(labels, gz(idxLabels(labelMagic, 2, []byte{3, 8})), 0o644)
	s, err := ReadSet(images, labels)
	if err != nil {
		t.Fatal(err)
	}
	if s.N != 2 || s.Label(1) != 8 || s.Image(1)[0] != byte(ImageSize%256) {
		t.Errorf("ReadSet: N=%d, label 1 = %d, pixel 0 of image 1 = %d; want 2, 8, %d", s.N, s.Label(1), s.Image(1)[0], ImageSize%256)
	}
}

// A forged header claiming ten million images must cost no more memory than
// the tiny file that carries it, whether its size is known or not.
func TestForgedHeaderAllocatesLittle(t *testing.T) {
	forged := gz(idxImages(imageMagic, MaxImages, 28, 28, make([]byte, 3*ImageSize)))
	for _, size := range []int64{int64(len(forged)), -1} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := decode(bytes.NewReader(forged), size, imageMagic)
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrTruncated) {
			t.Errorf("size %d: got %v, want ErrTruncated", size, err)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
			t.Errorf("size %d: decoding a %d-byte file allocated %d bytes", size, len(forged), got)
		}
	}
}

// FuzzDecode feeds arbitrary bytes to the parser: it must never panic, the
// three paths (size known or not, and a file, read twice when a gzip file
// claims much more than its size) must agree, and what it accepts must
// match its header.
func FuzzDecode(f *testing.F) {
	images := idxImages(imageMagic, 2, 28, 28, twoImages())
	labels := idxLabels(labelMagic, 3, []byte{5, 0, 4})
	for _, seed := range [][]byte{images, gz(images), labels, gz(labels), images[:16], gz(images[:20]), {0x1f, 0x8b}} {
		f.Add(seed)
	}
	f.Add(gz(idxImages(imageMagic, 2, 28, 28, make([]byte, 2*ImageSize)))) // 1568 bytes in a few dozen: read twice
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "f")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, magic := range []uint32{imageMagic, labelMagic} {
			sized, err1 := decode(bytes.NewReader(data), int64(len(data)), magic)
			streamed, err2 := decode(bytes.NewReader(data), -1, magic)
			if (err1 == nil) != (err2 == nil) {
				t.Fatalf("magic %d: size known gives %v, unknown gives %v", magic, err1, err2)
			}
			fromFile, err3 := readFile(path, magic)
			if (err1 == nil) != (err3 == nil) || !bytes.Equal(sized, fromFile) {
				t.Fatalf("magic %d: the bytes give %d bytes, %v; the file gives %d bytes, %v", magic, len(sized), err1, len(fromFile), err3)
			}
			if err1 != nil {
				continue
			}
			if !bytes.Equal(sized, streamed) {
				t.Fatalf("magic %d: the two paths decode different bytes", magic)
			}

			item, hdr := 1, 8
			if magic == imageMagic {
				item, hdr = ImageSize, 16
			}
			if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
				continue // the header is inside the gzip stream
			}
			if n := int(binary.BigEndian.Uint32(data[4:8])); len(sized) != n*item || !bytes.Equal(sized, data[hdr:]) {
				t.Fatalf("magic %d: accepted %d bytes for a header of %d items in a %d-byte file", magic, len(sized), n, len(data))
			}
		}
	})
}
