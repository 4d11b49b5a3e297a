// im2col and col2im, the book's chapter 7 (common/util.py): unfolding every
// filter-sized patch of an image batch into one row of a matrix, so that a
// convolution becomes one matrix product, and the adjoint that folds such a
// matrix back, adding overlapping patches.
//
// Im2Col and Col2Im keep the book's exact row and column order, so a reader
// can compare them with NumPy element by element. The Convolution layer uses
// the transposed per-sample variant below them (im2colT, col2imT); see
// convolution.go for why.

package nn

import (
	"fmt"

	"dlfs/common/mat"
)

// ConvShape describes the input of a convolution or pooling layer and the
// window that slides over it: C channels of H x W pixels, a window of FH x FW
// pixels moved Stride pixels at a time over the input padded with Pad zeros on
// every side. It is the book's (N, C, H, W) input shape without N, plus the
// filter_h, filter_w, stride and pad arguments of im2col.
type ConvShape struct {
	C, H, W     int // input channels, height, width
	FH, FW      int // filter (or pooling window) height and width
	Stride, Pad int
}

// OutH returns the output height, (H + 2*Pad - FH)/Stride + 1, rounded down
// like the book's integer division.
func (s ConvShape) OutH() int { return (s.H+2*s.Pad-s.FH)/s.Stride + 1 }

// OutW returns the output width, (W + 2*Pad - FW)/Stride + 1.
func (s ConvShape) OutW() int { return (s.W+2*s.Pad-s.FW)/s.Stride + 1 }

// InSize returns C*H*W, the length of one input sample (one row of a batch).
func (s ConvShape) InSize() int { return s.C * s.H * s.W }

// PatchSize returns C*FH*FW, the length of one unfolded patch: a column count
// of Im2Col's result and the length of one flattened filter.
func (s ConvShape) PatchSize() int { return s.C * s.FH * s.FW }

// mustValid panics, naming op and the shape, unless s describes a window that
// fits at least once in the padded input.
func (s ConvShape) mustValid(op string) {
	if s.C < 1 || s.H < 1 || s.W < 1 || s.FH < 1 || s.FW < 1 || s.Stride < 1 || s.Pad < 0 ||
		s.FH > s.H+2*s.Pad || s.FW > s.W+2*s.Pad {
		panic(fmt.Sprintf("nn.%s: invalid shape %+v (need C, H, W, FH, FW, Stride >= 1, Pad >= 0, and the window inside the padded input)", op, s))
	}
}

// mustInput panics unless x holds samples of C*H*W values, one per row.
func (s ConvShape) mustInput(op string, x *mat.Matrix) {
	if x.Cols != s.InSize() {
		panic(fmt.Sprintf("nn.%s: input is %dx%d, want N x %d (C*H*W = %d*%d*%d)", op, x.Rows, x.Cols, s.InSize(), s.C, s.H, s.W))
	}
}

// Im2Col unfolds the batch x (N x C*H*W, each row a C x H x W image) into the
// (N*OH*OW) x (C*FH*FW) matrix whose row (n*OH + oy)*OW + ox holds the patch
// under the window at output position (oy, ox) of sample n, in (c, fy, fx)
// order. Pixels of the padding are zeros. This is the book's
// im2col(input_data, filter_h, filter_w, stride, pad), with the same order.
func Im2Col(x *mat.Matrix, s ConvShape) *mat.Matrix {
	s.mustValid("Im2Col")
	s.mustInput("Im2Col", x)
	oh, ow := s.OutH(), s.OutW()
	col := mat.New(x.Rows*oh*ow, s.PatchSize())
	for n := 0; n < x.Rows; n++ {
		img := x.Row(n)
		for oy := 0; oy < oh; oy++ {
			for ox := 0; ox < ow; ox++ {
				patch := col.Row((n*oh+oy)*ow + ox)
				j := 0
				for c := 0; c < s.C; c++ {
					for fy := 0; fy < s.FH; fy++ {
						y := oy*s.Stride + fy - s.Pad
						for fx := 0; fx < s.FW; fx++ {
							xx := ox*s.Stride + fx - s.Pad
							if y >= 0 && y < s.H && xx >= 0 && xx < s.W {
								patch[j] = img[(c*s.H+y)*s.W+xx]
							}
							j++
						}
					}
				}
			}
		}
	}
	return col
}

// Col2Im folds col, shaped like Im2Col's result, back into an N x C*H*W batch:
// every patch element is added to the pixel it was copied from, and padding
// is dropped. It is the adjoint of Im2Col (<Im2Col(x), y> = <x, Col2Im(y)>),
// which is why it carries gradients backward; the book's col2im.
func Col2Im(col *mat.Matrix, s ConvShape) *mat.Matrix {
	s.mustValid("Col2Im")
	oh, ow := s.OutH(), s.OutW()
	if col.Cols != s.PatchSize() || col.Rows%(oh*ow) != 0 {
		panic(fmt.Sprintf("nn.Col2Im: col is %dx%d, want (N*%d) x %d for shape %+v", col.Rows, col.Cols, oh*ow, s.PatchSize(), s))
	}
	n := col.Rows / (oh * ow)
	x := mat.New(n, s.InSize())
	for i := 0; i < n; i++ {
		img := x.Row(i)
		for oy := 0; oy < oh; oy++ {
			for ox := 0; ox < ow; ox++ {
				patch := col.Row((i*oh+oy)*ow + ox)
				j := 0
				for c := 0; c < s.C; c++ {
					for fy := 0; fy < s.FH; fy++ {
						y := oy*s.Stride + fy - s.Pad
						for fx := 0; fx < s.FW; fx++ {
							xx := ox*s.Stride + fx - s.Pad
							if y >= 0 && y < s.H && xx >= 0 && xx < s.W {
								img[(c*s.H+y)*s.W+xx] += patch[j]
							}
							j++
						}
					}
				}
			}
		}
	}
	return x
}

// im2colT writes the patches of one sample img (C*H*W values) transposed, as
// Caffe does: colT is (C*FH*FW) x (OH*OW), row k = (c*FH + fy)*FW + fx holding
// that filter tap's pixel for every output position. It is the transpose of
// the sample's OH*OW rows of Im2Col. Each row is a strided copy of image rows,
// with zeros where the window hangs over the padding.
func im2colT(colT, img []float64, s ConvShape) {
	oh, ow := s.OutH(), s.OutW()
	k := 0
	for c := 0; c < s.C; c++ {
		plane := img[c*s.H*s.W : (c+1)*s.H*s.W]
		for fy := 0; fy < s.FH; fy++ {
			for fx := 0; fx < s.FW; fx++ {
				row := colT[k*oh*ow : (k+1)*oh*ow]
				lo, hi := insideCols(fx, ow, s)
				for oy := 0; oy < oh; oy++ {
					out := row[oy*ow : (oy+1)*ow]
					y := oy*s.Stride + fy - s.Pad
					if y < 0 || y >= s.H {
						clear(out)
						continue
					}
					src := plane[y*s.W : (y+1)*s.W]
					clear(out[:lo])
					clear(out[hi:])
					if s.Stride == 1 && lo < hi {
						copy(out[lo:hi], src[lo+fx-s.Pad:])
					} else {
						for ox := lo; ox < hi; ox++ {
							out[ox] = src[ox*s.Stride+fx-s.Pad]
						}
					}
				}
				k++
			}
		}
	}
}

// col2imT adds colT, laid out as im2colT writes it, into the sample img (C*H*W
// values, which the caller zeroes first): the adjoint of im2colT.
func col2imT(img, colT []float64, s ConvShape) {
	oh, ow := s.OutH(), s.OutW()
	k := 0
	for c := 0; c < s.C; c++ {
		plane := img[c*s.H*s.W : (c+1)*s.H*s.W]
		for fy := 0; fy < s.FH; fy++ {
			for fx := 0; fx < s.FW; fx++ {
				row := colT[k*oh*ow : (k+1)*oh*ow]
				lo, hi := insideCols(fx, ow, s)
				for oy := 0; oy < oh; oy++ {
					y := oy*s.Stride + fy - s.Pad
					if y < 0 || y >= s.H {
						continue
					}
					in := row[oy*ow : (oy+1)*ow]
					dst := plane[y*s.W : (y+1)*s.W]
					if s.Stride == 1 && lo < hi {
						d := dst[lo+fx-s.Pad : hi+fx-s.Pad]
						for i, v := range in[lo:hi] {
							d[i] += v
						}
					} else {
						for ox := lo; ox < hi; ox++ {
							dst[ox*s.Stride+fx-s.Pad] += in[ox]
						}
					}
				}
				k++
			}
		}
	}
}

// insideCols returns the output columns [lo, hi) for which column fx of the
// window falls on the image rather than on the padding:
// 0 <= ox*Stride + fx - Pad < W for lo <= ox < hi.
func insideCols(fx, ow int, s ConvShape) (lo, hi int) {
	for lo < ow && lo*s.Stride+fx-s.Pad < 0 {
		lo++
	}
	hi = ow
	for hi > lo && (hi-1)*s.Stride+fx-s.Pad >= s.W {
		hi--
	}
	return lo, hi
}
