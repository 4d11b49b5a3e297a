// im2col and col2im, the book's chapter 7 (common/util.py): unfolding every
// filter-sized patch of an image batch into one row of a matrix, so that a
// convolution becomes one matrix product, and the adjoint that folds such a
// matrix back, adding overlapping patches.
//
// Im2Col and Col2Im keep the book's exact row and column order, so a reader
// can compare them with NumPy element by element. They are the first and
// last steps of the book's paths of Convolution (convolution.go) and Pooling
// (pooling.go), which call the im2colTo and col2imTo forms to reuse their
// buffers from one batch to the next.

package nn

import (
	"fmt"

	"dlfs/common/mat"
)

// Im2Col unfolds the batch x (N x C*H*W, each row a C x H x W image) into the
// (N*OH*OW) x (C*FH*FW) matrix whose row (n*OH + oy)*OW + ox holds the patch
// under the window at output position (oy, ox) of sample n, in (c, fy, fx)
// order. Pixels of the padding are zeros. This is the book's
// im2col(input_data, filter_h, filter_w, stride, pad), with the same order.
func Im2Col(x *mat.Matrix, s ConvShape) *mat.Matrix {
	s.mustValid("Im2Col")
	s.mustInput("Im2Col", x)
	return im2colTo(mat.New(x.Rows*s.OutH()*s.OutW(), s.PatchSize()), x, s)
}

// im2colTo is Im2Col writing into col, which must be (N*OH*OW) x (C*FH*FW)
// and is overwritten, padding zeros included. It returns col.
func im2colTo(col, x *mat.Matrix, s ConvShape) *mat.Matrix {
	oh, ow := s.OutH(), s.OutW()
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
							v := 0.0 // a padding pixel
							if y >= 0 && y < s.H && xx >= 0 && xx < s.W {
								v = img[(c*s.H+y)*s.W+xx]
							}
							patch[j] = v
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
	return col2imTo(mat.New(col.Rows/(oh*ow), s.InSize()), col, s)
}

// col2imTo is Col2Im writing into x, which must be N x C*H*W and is
// overwritten. It returns x.
func col2imTo(x, col *mat.Matrix, s ConvShape) *mat.Matrix {
	oh, ow := s.OutH(), s.OutW()
	x.Zero()
	for i := 0; i < x.Rows; i++ {
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
