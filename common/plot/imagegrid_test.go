// Tests of ImageGrid: PNG sizes, normalisation, colour maps and captions.

package plot

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// decode writes the grid as PNG and decodes it again.
func decode(t *testing.T, g *ImageGrid) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if _, err := g.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("the PNG does not decode: %v", err)
	}
	return img
}

func rgba(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

func TestImageGridFilters(t *testing.T) {
	// The book's 30 filters of 5x5, 6 per row, enlarged 8 times.
	r := rand.New(rand.NewPCG(1, 2))
	g := NewImageGrid(6)
	g.Map, g.Scale = GrayR, 8
	for range 30 {
		pix := make([]float64, 25)
		for i := range pix {
			pix[i] = r.NormFloat64()
		}
		pix[0], pix[24] = -5, 5 // each tile's extremes, top left and bottom right
		g.Add(5, 5, pix, "")
	}
	img := decode(t, g)
	if b := img.Bounds(); b.Dx() != 6*40+7*2 || b.Dy() != 5*40+6*2 {
		t.Fatalf("image is %dx%d, want 254x212", b.Dx(), b.Dy())
	}
	// gray_r with per-tile normalisation: a tile's minimum is white, its
	// maximum black; each value fills an 8x8 block.
	white, black := color.RGBA{255, 255, 255, 255}, color.RGBA{0, 0, 0, 255}
	x0, y0 := 2+(40+2)*1, 2+(40+2)*2 // tile 13: row 2, column 1
	for _, p := range []image.Point{{x0, y0}, {x0 + 7, y0 + 7}} {
		if got := rgba(img.At(p.X, p.Y)); got != white {
			t.Errorf("minimum at %v is %v, want white", p, got)
		}
	}
	if got := rgba(img.At(x0+39, y0+39)); got != black {
		t.Errorf("maximum is %v, want black", got)
	}
	if got := rgba(img.At(1, 1)); got != white {
		t.Errorf("the gap is %v, want white background", got)
	}
}

func TestImageGridDigitsWithCaptions(t *testing.T) {
	g := NewImageGrid(10)
	g.Norm, g.Min, g.Max = NormFixed, 0, 1
	for range 20 {
		pix := make([]float64, 28*28)
		pix[14*28+14] = 1
		g.Add(28, 28, pix, "7 -> 1")
	}
	img := decode(t, g)
	// "7 -> 1" is 6 characters: 35 font pixels, 70 at double size, so tiles
	// are enlarged 3 times (84 pixels) to fit it; a caption band of 9 rows
	// plus 3 of spacing at double size is 24 pixels.
	wantW, wantH := 10*84+11*2, 2*(84+24)+3*2
	if b := img.Bounds(); b.Dx() != wantW || b.Dy() != wantH {
		t.Fatalf("image is %dx%d, want %dx%d", b.Dx(), b.Dy(), wantW, wantH)
	}
	// Fixed 0..1 on Gray: background pixels black, the lit pixel white.
	if got := rgba(img.At(2+10, 2+10)); got != (color.RGBA{0, 0, 0, 255}) {
		t.Errorf("a 0 pixel is %v, want black", got)
	}
	if got := rgba(img.At(2+14*3+1, 2+14*3+1)); got != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("a 1 pixel is %v, want white", got)
	}
	// The caption band under the first tile holds dark text pixels.
	dark := 0
	for y := 2 + 84; y < 2+84+24; y++ {
		for x := 2; x < 2+84; x++ {
			if rgba(img.At(x, y)).R < 100 {
				dark++
			}
		}
	}
	// Pixels lit in "7 -> 1" at double size: 4 per font pixel.
	want := 0
	for _, r := range "7 -> 1" {
		for _, row := range glyphs[r] {
			for ; row != 0; row &= row - 1 {
				want += 4
			}
		}
	}
	if dark != want {
		t.Errorf("caption band has %d dark pixels, want %d", dark, want)
	}
}

func TestImageGridDiverging(t *testing.T) {
	g := &ImageGrid{Map: Diverging, Norm: NormAll, Cols: 2, Scale: 1}
	g.Add(2, 1, []float64{-1, 0}, "")
	g.Add(2, 1, []float64{0.5, 4}, "")
	img := decode(t, g)
	// All tiles share the range [-4, 4]: 0 is white, 4 the darkest red, -1
	// a light blue.
	if got := rgba(img.At(1, 0)); got != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("0 is %v, want white", got)
	}
	if got := rgba(img.At(3, 0)); got != Diverging.Stops[10] {
		t.Errorf("the maximum is %v, want %v", got, Diverging.Stops[10])
	}
	if got := rgba(img.At(0, 0)); !(got.B > got.R) {
		t.Errorf("-1 is %v, want bluish", got)
	}
}

func TestImageGridErrors(t *testing.T) {
	tests := map[string]*ImageGrid{
		"no tiles":           {},
		"short pixels":       {Tiles: []Tile{{W: 2, H: 2, Pix: []float64{1, 2, 3}}}},
		"zero size":          {Tiles: []Tile{{W: 0, H: 2, Pix: nil}}},
		"fixed without span": {Norm: NormFixed, Tiles: []Tile{{W: 1, H: 1, Pix: []float64{1}}}},
		"huge":               {Scale: 100000, Tiles: []Tile{{W: 1, H: 1, Pix: []float64{1}}}},
	}
	for name, g := range tests {
		if _, err := g.Image(); err == nil || !strings.HasPrefix(err.Error(), "plot: image") {
			t.Errorf("%s: error %v", name, err)
		}
	}
}

func TestImageGridWriteFile(t *testing.T) {
	g := NewImageGrid(0)
	g.Add(3, 2, []float64{0, 1, 2, 3, 4, 5}, "")
	path := filepath.Join(t.TempDir(), "tiles.png")
	if err := g.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	// Scale 14 makes the 3-wide tile 42 pixels wide, the first at least 40.
	if cfg.Width != 42+4 || cfg.Height != 28+4 {
		t.Errorf("PNG is %dx%d, want 46x32", cfg.Width, cfg.Height)
	}
}
