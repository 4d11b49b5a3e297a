// Tests of forged IDX files whose headers claim far more than their data
// holds: an image file and its label file are compared from their headers
// before a pixel is read, and a body grows only as its data arrives.

package dataset

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// padded returns the gzip file z followed by empty gzip members, each with a
// 64,000-byte extra field, until it is at least n bytes long: a large file
// that holds no more data, so that its size allows any claim its header
// makes (a gzip file may expand 1032 times).
func padded(z []byte, n int) []byte {
	var buf bytes.Buffer
	buf.Write(z)
	for buf.Len() < n {
		zw := gzip.NewWriter(&buf)
		zw.Extra = make([]byte, 64000)
		zw.Close()
	}
	return buf.Bytes()
}

// allocated returns how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// forgedImages is a gzip'd image file whose header claims 200,000 images
// (157 MB) but that holds two, in a file large enough for the claim.
func forgedImages() []byte {
	return padded(gz(idxImages(imageMagic, 200_000, 28, 28, twoImages())), 200_000*ImageSize/maxDeflateRatio+1)
}

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// An image file claiming 200,000 images beside a label file of 2 is refused
// from the two headers, at the cost of the headers: by ReadSet, and by Load.
func TestCountsComparedBeforePixels(t *testing.T) {
	dir := t.TempDir()
	images, labels := filepath.Join(dir, "t10k-images-idx3-ubyte.gz"), filepath.Join(dir, "t10k-labels-idx1-ubyte.gz")
	writeFiles(t, dir, map[string][]byte{
		filepath.Base(images): forgedImages(),
		filepath.Base(labels): gz(idxLabels(labelMagic, 2, []byte{7, 1})),
	})
	for _, tc := range []struct {
		name string
		read func() error
	}{
		{"ReadSet", func() error { _, err := ReadSet(images, labels); return err }},
		{"LoadTest", func() error { _, err := LoadTest(Options{Dir: dir, Progress: new(bytes.Buffer)}); return err }},
	} {
		var err error
		if got := allocated(func() { err = tc.read() }); got > 1<<20 {
			t.Errorf("%s allocated %d bytes for files of %d and 2 images", tc.name, got, 200_000)
		}
		if !errors.Is(err, ErrCountMismatch) || !strings.Contains(err.Error(), images+" has 200000 images but "+labels+" has 2 labels") {
			t.Errorf("%s = %v, want ErrCountMismatch naming both files and counts", tc.name, err)
		}
	}
}

// When the label file agrees with the forged claim, the images are read,
// but their buffer grows only as data arrives: the two images there are
// cost little, not the 157 MB claimed.
func TestUnbackedClaimCostsLittle(t *testing.T) {
	dir := t.TempDir()
	images, labels := filepath.Join(dir, "images.gz"), filepath.Join(dir, "labels.gz")
	writeFiles(t, dir, map[string][]byte{
		"images.gz": forgedImages(),
		"labels.gz": gz(idxLabels(labelMagic, 200_000, make([]byte, 200_000))),
	})
	var err error
	if got := allocated(func() { _, err = ReadSet(images, labels) }); got > 4<<20 {
		t.Errorf("ReadSet allocated %d bytes for a file holding 2 images", got)
	}
	if !errors.Is(err, ErrTruncated) || !strings.Contains(err.Error(), images) || !strings.Contains(err.Error(), "only 1568 of the 156800000 bytes of the 200000 images") {
		t.Errorf("ReadSet = %v, want ErrTruncated naming the image file and what it holds", err)
	}
}

// A gzip file whose data really is as large as its header claims, far more
// than its size suggests (uniform images pack tight), is read whole, into
// one buffer of the claimed size: the claim is checked by a first read that
// keeps nothing, so no buffer is grown, copied and dropped on the way.
func TestBackedClaimReadOnce(t *testing.T) {
	const n = 20_000
	pixels := make([]byte, n*ImageSize)
	for i := range n {
		for j := range ImageSize {
			pixels[i*ImageSize+j] = byte(i % 251)
		}
	}
	labels := make([]byte, n)
	for i := range labels {
		labels[i] = byte(i % 10)
	}
	dir := t.TempDir()
	images := gz(idxImages(imageMagic, n, 28, 28, pixels))
	if len(images)*typicalRatio >= len(pixels) {
		t.Fatalf("the test's images gzip to %d bytes: too large to test a doubted claim", len(images))
	}
	writeFiles(t, dir, map[string][]byte{"images.gz": images, "labels.gz": gz(idxLabels(labelMagic, n, labels))})
	var s *Set
	var err error
	got := allocated(func() { s, err = ReadSet(filepath.Join(dir, "images.gz"), filepath.Join(dir, "labels.gz")) })
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s.Pixels, pixels) || !bytes.Equal(s.Labels, labels) {
		t.Errorf("ReadSet read other pixels or labels than written")
	}
	if limit := uint64(len(pixels)) + 4<<20; got > limit {
		t.Errorf("ReadSet allocated %d bytes for %d bytes of pixels, want at most %d", got, len(pixels), limit)
	}
}
