// im2col and col2im, the book's chapter 7 (common/util.py): unfolding every
// filter-sized patch of an image batch into one row of a matrix, so that a
// convolution becomes one matrix product, and the adjoint that folds such a
// matrix back, adding overlapping patches.
//
// Im2Col and Col2Im keep the book's exact row and column order, so a reader
// can compare them with NumPy element by element. They are the first and
// last steps of Convolution (convolution.go) and Pooling (pooling.go), which
// call the im2colTo and col2imTo forms to reuse their buffers from one batch
// to the next.
//
// The book fills col one filter tap (fy, fx) at a time, with NumPy slicing
// over all positions. These loops take one output row oy of one sample at a
// time, and for each image row (c, fy) under it copy the FW pixels of every
// window (ox) into place: the same copies, in an order that keeps that
// output row's patches, a few kilobytes, in the cache while they are filled.

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
	oh, ow, k := s.OutH(), s.OutW(), s.PatchSize()
	lo, hi := insideWindows(s) // windows ox in [lo, hi) lie wholly on the image
	for n := 0; n < x.Rows; n++ {
		img := x.Row(n)
		for oy := 0; oy < oh; oy++ {
			rows := col.Data[(n*oh+oy)*ow*k : (n*oh+oy+1)*ow*k] // the patches of output row oy
			j := 0                                              // column of tap (c, fy, 0) in a patch
			for c := 0; c < s.C; c++ {
				for fy := 0; fy < s.FH; fy++ {
					y := oy*s.Stride + fy - s.Pad
					if y < 0 || y >= s.H { // a row of padding
						for ox := 0; ox < ow; ox++ {
							clear(rows[ox*k+j : ox*k+j+s.FW])
						}
						j += s.FW
						continue
					}
					src := img[(c*s.H+y)*s.W : (c*s.H+y+1)*s.W]
					for ox := 0; ox < lo; ox++ { // windows over the left padding
						copyClippedRow(rows[ox*k+j:ox*k+j+s.FW], src, ox*s.Stride-s.Pad)
					}
					if lo < hi {
						copyWindowRows(rows[lo*k+j:], k, src[lo*s.Stride-s.Pad:], s.Stride, s.FW, hi-lo)
					}
					for ox := hi; ox < ow; ox++ { // windows over the right padding
						copyClippedRow(rows[ox*k+j:ox*k+j+s.FW], src, ox*s.Stride-s.Pad)
					}
					j += s.FW
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
// overwritten. It returns x. It walks col in im2colTo's order.
func col2imTo(x, col *mat.Matrix, s ConvShape) *mat.Matrix {
	oh, ow, k := s.OutH(), s.OutW(), s.PatchSize()
	lo, hi := insideWindows(s)
	for n := 0; n < x.Rows; n++ {
		img := x.Row(n)
		clear(img)
		for oy := 0; oy < oh; oy++ {
			rows := col.Data[(n*oh+oy)*ow*k : (n*oh+oy+1)*ow*k]
			j := 0
			for c := 0; c < s.C; c++ {
				for fy := 0; fy < s.FH; fy++ {
					y := oy*s.Stride + fy - s.Pad
					if y < 0 || y >= s.H { // padding: dropped
						j += s.FW
						continue
					}
					dst := img[(c*s.H+y)*s.W : (c*s.H+y+1)*s.W]
					for ox := 0; ox < lo; ox++ {
						addClippedRow(dst, rows[ox*k+j:ox*k+j+s.FW], ox*s.Stride-s.Pad)
					}
					if lo < hi {
						addWindowRows(dst[lo*s.Stride-s.Pad:], s.Stride, rows[lo*k+j:], k, s.FW, hi-lo)
					}
					for ox := hi; ox < ow; ox++ {
						addClippedRow(dst, rows[ox*k+j:ox*k+j+s.FW], ox*s.Stride-s.Pad)
					}
					j += s.FW
				}
			}
		}
	}
	return x
}

// insideWindows returns the output columns [lo, hi) whose windows lie wholly
// on the image, 0 <= ox*Stride - Pad and ox*Stride - Pad + FW <= W: the
// windows whose rows are copied without looking for padding.
func insideWindows(s ConvShape) (lo, hi int) {
	ow := s.OutW()
	for lo < ow && lo*s.Stride-s.Pad < 0 {
		lo++
	}
	hi = ow
	for hi > lo && (hi-1)*s.Stride-s.Pad+s.FW > s.W {
		hi--
	}
	return lo, hi
}

// copyClippedRow copies into dst the row of a window that starts at column
// x0 of the image row src and hangs over the padding: zeros off the image.
func copyClippedRow(dst, src []float64, x0 int) {
	for fx := range dst {
		dst[fx] = 0
		if x := x0 + fx; x >= 0 && x < len(src) {
			dst[fx] = src[x]
		}
	}
}

// addClippedRow adds src, the row of a window that starts at column x0 of
// the image row dst and hangs over the padding, to dst: copyClippedRow's
// adjoint, which drops the padding.
func addClippedRow(dst, src []float64, x0 int) {
	for fx, v := range src {
		if x := x0 + fx; x >= 0 && x < len(dst) {
			dst[x] += v
		}
	}
}

// copyWindowRows copies one row of each of count windows: fw values of src
// starting every stride values, to dst starting every k values (the rows of
// col, k long). The widths of the book's windows (2, 3 and 5) are written
// out value by value, without the loop or the call of copy, whose fixed
// cost is larger than these few values.
func copyWindowRows(dst []float64, k int, src []float64, stride, fw, count int) {
	d, o := 0, 0 // where the window row starts in dst and in src
	switch fw {
	case 2:
		for range count {
			dst[d], dst[d+1] = src[o], src[o+1]
			d, o = d+k, o+stride
		}
	case 3:
		for range count {
			dst[d], dst[d+1], dst[d+2] = src[o], src[o+1], src[o+2]
			d, o = d+k, o+stride
		}
	case 5:
		for range count {
			dst[d], dst[d+1], dst[d+2], dst[d+3], dst[d+4] = src[o], src[o+1], src[o+2], src[o+3], src[o+4]
			d, o = d+k, o+stride
		}
	default:
		for range count {
			copy(dst[d:d+fw], src[o:o+fw])
			d, o = d+k, o+stride
		}
	}
}

// addWindowRows is the adjoint of copyWindowRows: it adds fw values of src
// starting every k values to dst starting every stride values, for count
// windows. Windows that overlap (stride < fw) add to the same pixels.
func addWindowRows(dst []float64, stride int, src []float64, k, fw, count int) {
	d, o := 0, 0 // where the window row starts in dst and in src
	switch fw {
	case 2:
		for range count {
			dst[d] += src[o]
			dst[d+1] += src[o+1]
			d, o = d+stride, o+k
		}
	case 3:
		for range count {
			dst[d] += src[o]
			dst[d+1] += src[o+1]
			dst[d+2] += src[o+2]
			d, o = d+stride, o+k
		}
	case 5:
		for range count {
			dst[d] += src[o]
			dst[d+1] += src[o+1]
			dst[d+2] += src[o+2]
			dst[d+3] += src[o+3]
			dst[d+4] += src[o+4]
			d, o = d+stride, o+k
		}
	default:
		for range count {
			for fx, v := range src[o : o+fw] {
				dst[d+fx] += v
			}
			d, o = d+stride, o+k
		}
	}
}
