// ImageGrid: many small images in one PNG, matplotlib's grid of
// plt.imshow subplots. The book shows MNIST digits this way, and ch07's
// visualize_filter.py the 30 learned 5x5 filters of the first convolution
// (cmap gray_r, interpolation 'nearest'); the noise project shows the 100
// first-layer weight vectors as 28x28 tiles.

package plot

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
)

// Tile is one small image: H rows of W values, row-major, and an optional
// caption drawn under it.
type Tile struct {
	W, H    int
	Pix     []float64
	Caption string
}

// Norm says how tile values are mapped onto a colour map.
type Norm int

const (
	// NormTile stretches each tile from its own smallest to its largest
	// value, as plt.imshow does by default.
	NormTile Norm = iota
	// NormAll stretches all tiles over one range, that of all their values,
	// so tiles can be compared with one another.
	NormAll
	// NormFixed maps ImageGrid.Min to the first colour and Max to the last,
	// for example 0 and 1 for MNIST pixels.
	NormFixed
)

// ImageGrid lays out tiles in rows of Cols, each value drawn as a
// Scale x Scale square (nearest-neighbour enlargement), on a white
// background. With a Centered colour map such as Diverging, the range is
// widened to be symmetric around 0 so that 0 is drawn white.
type ImageGrid struct {
	Tiles []Tile
	Cols  int // tiles per row; 0 means a near-square grid
	Scale int // 0 chooses one: tiles at least 40 pixels wide, wider (up to 80) to fit the captions
	Gap   int // blank pixels between tiles and around the grid; NewImageGrid sets 2

	Map      Colormap // the zero Colormap means Gray
	Norm     Norm
	Min, Max float64 // the range for NormFixed
}

// NewImageGrid returns an empty grid with cols tiles per row, 2-pixel gaps,
// the Gray map and per-tile normalisation.
func NewImageGrid(cols int) *ImageGrid {
	return &ImageGrid{Cols: cols, Gap: 2, Map: Gray}
}

// Add appends a tile of h rows of w values (pix is row-major and is not
// copied) with a caption, which may be empty.
func (g *ImageGrid) Add(w, h int, pix []float64, caption string) {
	g.Tiles = append(g.Tiles, Tile{W: w, H: h, Pix: pix, Caption: caption})
}

const maxImagePixels = 1 << 26 // 64M pixels, a 256 MB RGBA image

// Image draws the grid. It returns an error for a grid without tiles, a
// tile whose Pix does not hold W*H values, a NormFixed range with
// Min >= Max, or an image of more than 64M pixels.
func (g *ImageGrid) Image() (*image.RGBA, error) {
	n := len(g.Tiles)
	if n == 0 {
		return nil, fmt.Errorf("plot: image grid has no tiles")
	}
	tw, th := 0, 0 // the largest tile
	for i, t := range g.Tiles {
		if t.W < 1 || t.H < 1 || len(t.Pix) != t.W*t.H {
			return nil, fmt.Errorf("plot: image tile %d is %dx%d but holds %d values; want W, H >= 1 and W*H values", i, t.W, t.H, len(t.Pix))
		}
		tw, th = max(tw, t.W), max(th, t.H)
	}
	if g.Norm == NormFixed && !(g.Min < g.Max) {
		return nil, fmt.Errorf("plot: image grid with NormFixed needs Min < Max, have [%v, %v]", g.Min, g.Max)
	}
	cols := g.Cols
	if cols <= 0 {
		cols = int(math.Ceil(math.Sqrt(float64(n))))
	}
	rows := (n + cols - 1) / cols
	scale := g.Scale
	if scale <= 0 {
		// At least 40 pixels wide, and up to twice that to fit the captions
		// in the larger font.
		scale = max(1, (40+tw-1)/tw)
		for _, t := range g.Tiles {
			need := (textPixelWidth(t.Caption, 2) + tw - 1) / tw
			scale = max(scale, min(need, (80+tw-1)/tw))
		}
	}
	gap := max(g.Gap, 0)
	cellW, tileH := tw*scale, th*scale

	// Captions: twice the font size when every caption fits the cell at that size.
	fontScale, captionH := 0, 0
	for _, t := range g.Tiles {
		if t.Caption != "" {
			fontScale = 2
		}
	}
	if fontScale > 0 {
		for _, t := range g.Tiles {
			if textPixelWidth(t.Caption, 2) > cellW || cellW < 48 {
				fontScale = 1
			}
		}
		captionH = glyphH*fontScale + 3*fontScale
	}
	cellH := tileH + captionH
	width := cols*cellW + (cols+1)*gap
	height := rows*cellH + (rows+1)*gap
	if float64(width)*float64(height) > maxImagePixels {
		return nil, fmt.Errorf("plot: image grid of %dx%d pixels is too large (at most %d pixels)", width, height, maxImagePixels)
	}

	cmap := g.Map.orDefault(Gray)
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for i := range img.Pix {
		img.Pix[i] = 255 // white background
	}
	allLo, allHi := valueRange(g.Tiles)
	for i, t := range g.Tiles {
		lo, hi := allLo, allHi
		switch g.Norm {
		case NormTile:
			lo, hi = valueRange(g.Tiles[i : i+1])
		case NormFixed:
			lo, hi = g.Min, g.Max
		}
		if cmap.Centered {
			m := math.Max(math.Abs(lo), math.Abs(hi))
			lo, hi = -m, m
		}
		cx := gap + (i%cols)*(cellW+gap)
		cy := gap + (i/cols)*(cellH+gap)
		x0 := cx + (cellW-t.W*scale)/2 // a smaller tile sits in the middle of its cell
		y0 := cy + (tileH-t.H*scale)/2
		for r := 0; r < t.H; r++ {
			for c := 0; c < t.W; c++ {
				col := cmap.At(normalize(t.Pix[r*t.W+c], lo, hi, cmap.Centered))
				for dy := 0; dy < scale; dy++ {
					for dx := 0; dx < scale; dx++ {
						img.SetRGBA(x0+c*scale+dx, y0+r*scale+dy, col)
					}
				}
			}
		}
		if t.Caption != "" {
			tx := cx + (cellW-textPixelWidth(t.Caption, fontScale))/2
			drawText(img, tx, cy+tileH+2*fontScale, fontScale, t.Caption, color.RGBA{26, 26, 26, 255})
		}
	}
	return img, nil
}

// valueRange returns the smallest and largest finite value of the tiles.
func valueRange(tiles []Tile) (lo, hi float64) {
	var e extent
	for _, t := range tiles {
		for _, v := range t.Pix {
			e.add(v, false)
		}
	}
	return e.lo, e.hi
}

// normalize maps v in [lo, hi] to [0, 1]. A flat range maps to 0, or to the
// middle for a centred map, as plt.imshow does.
func normalize(v, lo, hi float64, centered bool) float64 {
	if hi > lo {
		return (v - lo) / (hi - lo)
	}
	if centered {
		return 0.5
	}
	return 0
}

// Encode writes the grid as a PNG image to w.
func (g *ImageGrid) Encode(w io.Writer) error {
	img, err := g.Image()
	if err != nil {
		return err
	}
	return png.Encode(w, img)
}

// WriteTo writes the grid as a PNG image to w.
func (g *ImageGrid) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if err := g.Encode(&buf); err != nil {
		return 0, err
	}
	return buf.WriteTo(w)
}

// WriteFile writes the grid as a PNG file, atomically.
func (g *ImageGrid) WriteFile(path string) error {
	return writeFileAtomic(path, g.Encode)
}
