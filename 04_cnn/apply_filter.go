// The learned filters applied to an image, the book's ch07/apply_filter.py
// (section 7.6.1): the first 16 filters of SimpleConvNet's first layer,
// each run as a Convolution with bias 0 over one grayscale image, drawn with
// matplotlib's gray_r beside what it makes of the image. The image is a test
// digit, or a PNG file the reader gives.

package main

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"

	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/common/plot"
)

// applyFilterCount is how many filters apply_filter.py applies: 16.
const applyFilterCount = 16

// Bounds on an image given to apply the filters to: at least a filter's
// size, and at most 1024 pixels a side (the book uses a 256x256 photograph).
const (
	minImageSide = 5
	maxImageSide = 1024
)

// applyFilters runs the first n filters of w (FN x FH*FW, one input
// channel) with bias 0 over the h x w image img, as apply_filter.py does
// with b = 0, through the book's Convolution layer, and returns the n
// filtered images of (h-fh+1) x (w-fw+1) values, row by row.
func applyFilters(w *mat.Matrix, fh, fw, n int, img []float64, h, wd int) ([][]float64, int, int, error) {
	if w.Cols != fh*fw {
		return nil, 0, 0, fmt.Errorf("apply_filter: filters of %d values, want one channel of %dx%d", w.Cols, fh, fw)
	}
	if len(img) != h*wd || h < fh || wd < fw {
		return nil, 0, 0, fmt.Errorf("apply_filter: image of %d values as %dx%d; want h*w values, at least %dx%d", len(img), h, wd, fh, fw)
	}
	n = min(n, w.Rows)
	filters := mat.NewFrom(n, fh*fw, w.Data[:n*fh*fw])
	shape := nn.ConvShape{C: 1, H: h, W: wd, FH: fh, FW: fw, Stride: 1, Pad: 0}
	conv := nn.NewConvolution(filters, mat.New(1, n), shape)
	out := conv.Forward(mat.NewFrom(1, h*wd, img), false)
	oh, ow := shape.OutH(), shape.OutW()
	images := make([][]float64, n)
	for f := range n {
		images[f] = append([]float64(nil), out.Data[f*oh*ow:(f+1)*oh*ow]...)
	}
	return images, oh, ow, nil
}

// enlarge returns the h x w values v drawn k times larger, each value a
// k x k block: nearest-neighbour, as imshow's interpolation='nearest'.
func enlarge(v []float64, h, w, k int) []float64 {
	out := make([]float64, h*k*w*k)
	for y := range h * k {
		for x := range w * k {
			out[y*w*k+x] = v[(y/k)*w+x/k]
		}
	}
	return out
}

// applyFilterGrid lays out each filter beside its filtered image, four
// pairs to a row, both in gray_r, each stretched over its own range. A
// filter is enlarged to about the filtered image's size, so that the two
// sit side by side at one scale.
func applyFilterGrid(w *mat.Matrix, fh, fw int, img []float64, h, wd int) (*plot.ImageGrid, error) {
	images, oh, ow, err := applyFilters(w, fh, fw, applyFilterCount, img, h, wd)
	if err != nil {
		return nil, err
	}
	k := max(1, min(oh/fh, ow/fw))
	g := plot.NewImageGrid(8)
	g.Map, g.Norm = plot.GrayR, plot.NormTile
	g.Scale, g.Gap = max(1, 120/max(ow, fw*k)), 10 // tiles about 120 pixels wide, 10 apart
	for f, out := range images {
		g.Add(fw*k, fh*k, enlarge(w.Row(f)[:fh*fw], fh, fw, k), fmt.Sprintf("filter %d", f+1))
		g.Add(ow, oh, out, fmt.Sprintf("output %d", f+1))
	}
	return g, nil
}

// writeApplyFilter writes apply_filter.png into out: the first 16 filters
// of w1 (SimpleConvNet's W1, FN x FH*FW) applied to the h x w image img,
// each beside its result (applyFilterGrid).
func writeApplyFilter(out *cli.Dir, w1 *mat.Matrix, fh, fw int, img []float64, h, w int) error {
	g, err := applyFilterGrid(w1, fh, fw, img, h, w)
	if err != nil {
		return err
	}
	_, err = out.Write("apply_filter.png", g)
	return err
}

// loadGrayPNG reads the PNG file path as a grayscale image with values in
// [0, 1] (0 black, 1 white), as matplotlib's imread reads a PNG, and
// returns it with its height and width. path must be a regular file; its
// size is read first (image.DecodeConfig) and must be 5 to 1024 pixels a
// side. Colour images are turned to gray by their luminance.
func loadGrayPNG(path string) (img []float64, h, w int, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, 0, 0, err
	}
	if !fi.Mode().IsRegular() {
		return nil, 0, 0, fmt.Errorf("%s: not a regular file (%s); want a PNG image", path, fi.Mode().Type())
	}
	if fi.Size() > 64<<20 {
		return nil, 0, 0, fmt.Errorf("%s: %d bytes; want a PNG image of at most 64 MB", path, fi.Size())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, 0, err
	}
	img, h, w, err = decodeGrayPNG(data)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("%s: %w", path, err)
	}
	return img, h, w, nil
}

// errNotPNG is the error of an image file that is not a PNG.
var errNotPNG = errors.New("not a PNG image")

// decodeGrayPNG decodes a PNG image as loadGrayPNG describes, checking its
// size before decoding its pixels.
func decodeGrayPNG(data []byte) ([]float64, int, int, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || format != "png" {
		return nil, 0, 0, errNotPNG
	}
	if cfg.Width < minImageSide || cfg.Height < minImageSide || cfg.Width > maxImageSide || cfg.Height > maxImageSide {
		return nil, 0, 0, fmt.Errorf("image of %dx%d pixels; want %d to %d pixels a side", cfg.Width, cfg.Height, minImageSide, maxImageSide)
	}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, fmt.Errorf("PNG image: %w", err)
	}
	b := m.Bounds()
	h, w := b.Dy(), b.Dx()
	img := make([]float64, h*w)
	for y := range h {
		for x := range w {
			g := color.Gray16Model.Convert(m.At(b.Min.X+x, b.Min.Y+y)).(color.Gray16)
			img[y*w+x] = float64(g.Y) / 0xffff
		}
	}
	return img, h, w, nil
}
