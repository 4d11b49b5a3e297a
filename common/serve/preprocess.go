// MNIST's preparation of a digit, applied to a reader's drawing: the ink is
// fitted into a 20x20 box keeping its aspect ratio, anti-aliased by area
// averaging, and placed in the 28x28 frame so that its centre of mass falls
// on the frame's centre (LeCun, Cortes and Burges, "The MNIST database",
// http://yann.lecun.com/exdb/mnist/: "The images were centered in a 28x28
// image by computing the center of mass of the pixels").
//
// Machinery of the page, not the book.

package serve

import "math"

// Side is the width and height of an MNIST image, and Pixels its number of
// pixels, 784.
const (
	Side   = 28
	Pixels = Side * Side
)

// box is the side of the square MNIST fits each digit into.
const box = 20

// centre is where MNIST puts a digit's centre of mass, with pixel i's
// centre at i + 0.5: the mean centre of mass of the 10,000 test images is at
// pixel index (14.01, 13.99), that is 14.5 in these coordinates.
const centre = 14.5

// Preprocess turns a drawing into a 28x28 MNIST input, row by row, values in
// [0, 1]. ink holds width*height values in [0, 1], row by row: how much ink
// covers each pixel of the drawing (0 is paper). A drawing without ink gives
// an all-zero image.
//
// The ink's bounding box is scaled so its longer side is 20 pixels; each
// output pixel is the mean of the ink under it (area averaging, which
// anti-aliases), and the scaled ink is shifted by whole pixels so that its
// centre of mass is within half a pixel of the frame's centre. Ink that the
// shift pushes past the frame is cut.
func Preprocess(ink []float64, width, height int) []float64 {
	out := make([]float64, Pixels)
	if width <= 0 || height <= 0 || len(ink) != width*height {
		return out
	}
	x0, y0, x1, y1 := width, height, -1, -1 // bounding box, inclusive
	for y := range height {
		for x := range width {
			v := ink[y*width+x]
			if !(v > 0) {
				continue
			}
			x0, x1 = min(x0, x), max(x1, x)
			y0, y1 = min(y0, y), max(y1, y)
		}
	}
	if x1 < 0 {
		return out
	}
	scale := box / float64(max(x1-x0+1, y1-y0+1)) // output pixels per drawing pixel

	// A drawing point u maps to (u - origin) * scale + offset. First the
	// scaled ink sits in the middle of a 20x20 box in the middle of the
	// frame; then it moves by whole pixels so its centre of mass is as near
	// the frame's centre as whole pixels allow, as MNIST's digits were.
	ox := float64(Side-box)/2 + (box-float64(x1-x0+1)*scale)/2
	oy := float64(Side-box)/2 + (box-float64(y1-y0+1)*scale)/2
	resample(out, ink, width, x0, x1, y0, y1, scale, ox, oy)
	cx, cy, _ := centreOfMass(out)
	dx, dy := math.Round(centre-cx), math.Round(centre-cy)
	if dx != 0 || dy != 0 {
		clear(out)
		resample(out, ink, width, x0, x1, y0, y1, scale, ox+dx, oy+dy)
	}
	return out
}

// resample writes into out the area average of the ink in the bounding box
// [x0, x1] x [y0, y1] (inclusive), mapped to output coordinates by
// (u - x0) * scale + ox and (v - y0) * scale + oy.
func resample(out, ink []float64, width, x0, x1, y0, y1 int, scale, ox, oy float64) {
	wx := weights(x0, x1, scale, ox)
	wy := weights(y0, y1, scale, oy)
	// Separable: first along rows into rows of 28 columns, then down the columns.
	rows := make([][Side]float64, y1-y0+1)
	for y := y0; y <= y1; y++ {
		line := ink[y*width : (y+1)*width]
		for j := range Side {
			for _, t := range wx[j] {
				rows[y-y0][j] += t.w * line[t.at]
			}
		}
	}
	for i := range Side {
		for j := range Side {
			var sum float64
			for _, t := range wy[i] {
				sum += t.w * rows[t.at-y0][j]
			}
			out[i*Side+j] = min(max(sum, 0), 1)
		}
	}
}

// term is one drawing pixel's share of an output pixel.
type term struct {
	at int     // the drawing pixel
	w  float64 // overlap of the two, as a fraction of the output pixel
}

// weights returns, for each of the 28 output pixels along one axis, the
// drawing pixels from lo to hi (inclusive) under it and their shares.
// Output pixel j covers [j, j+1), which is the drawing interval
// [lo + (j - off)/scale, lo + (j + 1 - off)/scale).
func weights(lo, hi int, scale, off float64) [Side][]term {
	var w [Side][]term
	for j := range Side {
		a := float64(lo) + (float64(j)-off)/scale
		b := float64(lo) + (float64(j+1)-off)/scale
		first := max(lo, int(math.Floor(a)))
		last := min(hi, int(math.Ceil(b))-1)
		for u := first; u <= last; u++ {
			overlap := min(b, float64(u+1)) - max(a, float64(u))
			if overlap > 0 {
				w[j] = append(w[j], term{u, overlap * scale})
			}
		}
	}
	return w
}

// centreOfMass returns the centre of mass of a 28x28 image, pixel i's
// centre being at i + 0.5, and false if the image is blank.
func centreOfMass(img []float64) (x, y float64, ok bool) {
	var mass float64
	for i := range Side {
		for j := range Side {
			v := img[i*Side+j]
			mass += v
			x += v * (float64(j) + 0.5)
			y += v * (float64(i) + 0.5)
		}
	}
	if mass == 0 {
		return 0, 0, false
	}
	return x / mass, y / mass, true
}
