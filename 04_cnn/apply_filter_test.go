// Tests of apply_filter: the filtered images against a written-out
// cross-correlation, the figure's tiles, and the PNG reader's checks
// (regular files only, the size bounded before decoding, gray values in
// [0, 1]), fuzzed.

package main

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dlfs/common/cli"
	"dlfs/common/mat"
)

// randomFilters returns n random 5x5 filters, one per row.
func randomFilters(rng *rand.Rand, n int) *mat.Matrix {
	w := mat.New(n, 25)
	for i := range w.Data {
		w.Data[i] = rng.NormFloat64()
	}
	return w
}

// Each filtered image is out[y][x] = sum of w[fy][fx] * img[y+fy][x+fx],
// with no bias: the book's b = 0.
func TestApplyFiltersOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	w := randomFilters(rng, 30)
	const h, wd = 12, 9
	img := make([]float64, h*wd)
	for i := range img {
		img[i] = rng.Float64()
	}
	images, oh, ow, err := applyFilters(w, 5, 5, applyFilterCount, img, h, wd)
	if err != nil {
		t.Fatal(err)
	}
	if len(images) != 16 || oh != 8 || ow != 5 {
		t.Fatalf("%d images of %dx%d, want 16 of 8x5", len(images), oh, ow)
	}
	for f, out := range images {
		for y := range oh {
			for x := range ow {
				want := 0.0
				for fy := range 5 {
					for fx := range 5 {
						want += w.At(f, fy*5+fx) * img[(y+fy)*wd+x+fx]
					}
				}
				if math.Abs(out[y*ow+x]-want) > 1e-12 {
					t.Fatalf("filter %d at (%d, %d): %v, want %v", f, y, x, out[y*ow+x], want)
				}
			}
		}
	}
	if _, _, _, err := applyFilters(w, 5, 5, 16, img[:10], h, wd); err == nil {
		t.Errorf("an image of 10 values as 12x9 gave no error")
	}
	if _, _, _, err := applyFilters(w, 5, 5, 16, img[:12], 3, 4); err == nil {
		t.Errorf("an image smaller than the filters gave no error")
	}
}

// The figure: 16 pairs of a filter and its image, four pairs to a row,
// written as a PNG.
func TestWriteApplyFilter(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	w := randomFilters(rng, 30)
	img := make([]float64, 28*28)
	for i := range img {
		img[i] = rng.Float64()
	}
	g, err := applyFilterGrid(w, 5, 5, img, 28, 28)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Tiles) != 32 || g.Cols != 8 {
		t.Fatalf("%d tiles in rows of %d, want 32 in rows of 8", len(g.Tiles), g.Cols)
	}
	for f := range 16 {
		filter, out := g.Tiles[2*f], g.Tiles[2*f+1]
		if filter.W != 20 || filter.H != 20 || out.W != 24 || out.H != 24 {
			t.Errorf("pair %d: filter %dx%d, image %dx%d; want 20x20 (5x5 enlarged 4 times) and 24x24", f, filter.W, filter.H, out.W, out.H)
		}
		// The enlarged filter's top-left 4x4 block is w[f][0].
		if filter.Pix[0] != w.At(f, 0) || filter.Pix[3*20+3] != w.At(f, 0) || filter.Pix[4] != w.At(f, 1) {
			t.Errorf("pair %d: the enlarged filter does not repeat each weight in a 4x4 block", f)
		}
	}
	dir := filepath.Join(t.TempDir(), "out")
	out, err := cli.OutputDir("-out", dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeApplyFilter(out, w, 5, 5, img, 28, 28); err != nil {
		t.Fatal(err)
	}
	out.Close(nil)
	data, err := os.ReadFile(filepath.Join(dir, "apply_filter.png"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := m.Bounds(); b.Dx() < 8*100 || b.Dy() < 4*100 {
		t.Errorf("apply_filter.png is %dx%d, want 8 tiles of about 120 pixels across and 4 down", b.Dx(), b.Dy())
	}
}

// encodePNG returns m as PNG bytes.
func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDecodeGrayPNG(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 7, 6))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i * 5)
	}
	img, h, w, err := decodeGrayPNG(encodePNG(t, gray))
	if err != nil || h != 6 || w != 7 {
		t.Fatalf("gray 7x6: %dx%d, %v", w, h, err)
	}
	for i, v := range img {
		if want := float64(i*5) / 255; math.Abs(v-want) > 1e-9 {
			t.Fatalf("pixel %d = %v, want %v", i, v, want)
		}
	}
	// A colour image: white is 1, black 0, pure green by its luminance.
	rgba := image.NewRGBA(image.Rect(0, 0, 5, 5))
	rgba.Set(0, 0, color.White)
	rgba.Set(1, 0, color.Black)
	rgba.Set(2, 0, color.RGBA{0, 255, 0, 255})
	img, _, _, err = decodeGrayPNG(encodePNG(t, rgba))
	if err != nil {
		t.Fatal(err)
	}
	if img[0] != 1 || img[1] != 0 || !(img[2] > 0.5 && img[2] < 0.7) {
		t.Errorf("white, black, green read as %v, want 1, 0 and about 0.59", img[:3])
	}

	for _, tt := range []struct {
		data []byte
		want string
	}{
		{encodePNG(t, image.NewGray(image.Rect(0, 0, 4, 28))), "4x28 pixels; want 5 to 1024"},
		{encodePNG(t, image.NewGray(image.Rect(0, 0, 1025, 5))), "1025x5 pixels; want 5 to 1024"},
		{[]byte("not an image"), "not a PNG"},
		{gifBytes(t), "not a PNG"},
	} {
		if _, _, _, err := decodeGrayPNG(tt.data); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("error %v, want one saying %q", err, tt.want)
		}
	}
	// A header that claims 1025x1025 is refused before any pixel is read.
	big := encodePNG(t, image.NewGray(image.Rect(0, 0, 1025, 1025)))
	if _, _, _, err := decodeGrayPNG(big[:40]); err == nil || !strings.Contains(err.Error(), "1025x1025") {
		t.Errorf("truncated 1025x1025 PNG: error %v, want the size refused", err)
	}
}

// gifBytes returns a small GIF image: an image, but not a PNG.
func gifBytes(t *testing.T) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// loadGrayPNG reads regular files only, and names the file in its errors.
func TestLoadGrayPNG(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "digit.png")
	if err := os.WriteFile(path, encodePNG(t, image.NewGray(image.Rect(0, 0, 28, 28))), 0o644); err != nil {
		t.Fatal(err)
	}
	if img, h, w, err := loadGrayPNG(path); err != nil || h != 28 || w != 28 || len(img) != 784 {
		t.Errorf("28x28 PNG: %dx%d, %d values, %v", w, h, len(img), err)
	}
	if _, _, _, err := loadGrayPNG(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a folder: error %v, want 'not a regular file'", err)
	}
	if _, _, _, err := loadGrayPNG(filepath.Join(dir, "missing.png")); err == nil || !os.IsNotExist(err) {
		t.Errorf("a missing file: error %v", err)
	}
	bad := filepath.Join(dir, "bad.png")
	os.WriteFile(bad, []byte("nope"), 0o644)
	if _, _, _, err := loadGrayPNG(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("a bad file: error %v, want it named", err)
	}
}

// Any bytes: an error or an image of h*w values in [0, 1] within the
// bounds, never a panic.
func FuzzDecodeGrayPNG(f *testing.F) {
	f.Add(encodePNG(f, image.NewGray(image.Rect(0, 0, 5, 5))))
	f.Add(encodePNG(f, image.NewRGBA(image.Rect(0, 0, 9, 6))))
	f.Add(encodePNG(f, image.NewPaletted(image.Rect(0, 0, 6, 6), color.Palette{color.Black, color.White})))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		img, h, w, err := decodeGrayPNG(data)
		if err != nil {
			return
		}
		if h < minImageSide || w < minImageSide || h > maxImageSide || w > maxImageSide || len(img) != h*w {
			t.Fatalf("%dx%d image with %d values", w, h, len(img))
		}
		for _, v := range img {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("value %v outside [0, 1]", v)
			}
		}
	})
}
