// Convolution and max pooling written straight from their definitions, the
// book's chapter 7 before im2col: one loop per axis, no unfolding, no
// goroutines. They are the test oracles of both paths of the Convolution and
// Pooling layers (the book's im2col one and the fast one), share no code with
// either beyond the shape checks of convolution_shape.go, and are the version
// to step through in a debugger.

package nn

import (
	"fmt"

	"dlfs/common/mat"
)

// pixel returns the value of input channel c at row y, column x of the sample
// img, or 0 where (y, x) falls in the zero padding.
func pixel(img []float64, s ConvShape, c, y, x int) float64 {
	if y < 0 || y >= s.H || x < 0 || x >= s.W {
		return 0
	}
	return img[(c*s.H+y)*s.W+x]
}

// ConvolutionNaive returns the convolution of the batch x (N x C*H*W) with the
// filters w (FN x C*FH*FW, the book's (FN, C, FH, FW) flattened) plus the bias
// b (1 x FN): an N x FN*OH*OW batch with
//
//	out[n][f][oy][ox] = b[f] + sum over c, fy, fx of
//	                    w[f][c][fy][fx] * x[n][c][oy*Stride+fy-Pad][ox*Stride+fx-Pad]
func ConvolutionNaive(x, w, b *mat.Matrix, s ConvShape) *mat.Matrix {
	mustConvParams("ConvolutionNaive", w, b, s)
	s.mustInput("ConvolutionNaive", x)
	fn, oh, ow := w.Rows, s.OutH(), s.OutW()
	out := mat.New(x.Rows, fn*oh*ow)
	for n := 0; n < x.Rows; n++ {
		img, o := x.Row(n), out.Row(n)
		for f := 0; f < fn; f++ {
			filter := w.Row(f)
			for oy := 0; oy < oh; oy++ {
				for ox := 0; ox < ow; ox++ {
					sum := b.Data[f]
					for c := 0; c < s.C; c++ {
						for fy := 0; fy < s.FH; fy++ {
							for fx := 0; fx < s.FW; fx++ {
								v := pixel(img, s, c, oy*s.Stride+fy-s.Pad, ox*s.Stride+fx-s.Pad)
								sum += filter[(c*s.FH+fy)*s.FW+fx] * v
							}
						}
					}
					o[(f*oh+oy)*ow+ox] = sum
				}
			}
		}
	}
	return out
}

// ConvolutionBackwardNaive returns the gradients of a loss with respect to the
// input x, the filters w and the bias, given dout = dL/dout of
// ConvolutionNaive(x, w, b, s). Each output element sends its gradient back
// along the products that made it: dx gets w*dout, dw gets x*dout, db gets dout.
func ConvolutionBackwardNaive(x, w, dout *mat.Matrix, s ConvShape) (dx, dw, db *mat.Matrix) {
	s.mustValid("ConvolutionBackwardNaive")
	s.mustInput("ConvolutionBackwardNaive", x)
	fn, oh, ow := w.Rows, s.OutH(), s.OutW()
	if w.Cols != s.PatchSize() || dout.Rows != x.Rows || dout.Cols != fn*oh*ow {
		panic(fmt.Sprintf("nn.ConvolutionBackwardNaive: x %dx%d, w %dx%d, dout %dx%d do not match shape %+v",
			x.Rows, x.Cols, w.Rows, w.Cols, dout.Rows, dout.Cols, s))
	}
	dx, dw, db = mat.New(x.Rows, x.Cols), mat.New(w.Rows, w.Cols), mat.New(1, fn)
	for n := 0; n < x.Rows; n++ {
		img, dimg, d := x.Row(n), dx.Row(n), dout.Row(n)
		for f := 0; f < fn; f++ {
			filter, dfilter := w.Row(f), dw.Row(f)
			for oy := 0; oy < oh; oy++ {
				for ox := 0; ox < ow; ox++ {
					g := d[(f*oh+oy)*ow+ox]
					db.Data[f] += g
					for c := 0; c < s.C; c++ {
						for fy := 0; fy < s.FH; fy++ {
							y := oy*s.Stride + fy - s.Pad
							for fx := 0; fx < s.FW; fx++ {
								xx := ox*s.Stride + fx - s.Pad
								if y < 0 || y >= s.H || xx < 0 || xx >= s.W {
									continue // padding: no input pixel here
								}
								k := (c*s.FH+fy)*s.FW + fx
								i := (c*s.H+y)*s.W + xx
								dfilter[k] += img[i] * g
								dimg[i] += filter[k] * g
							}
						}
					}
				}
			}
		}
	}
	return dx, dw, db
}

// MaxPoolNaive returns the max pooling of the batch x (N x C*H*W) with an
// FH x FW window moved by Stride over each channel padded with Pad zeros: an
// N x C*OH*OW batch holding the largest value under each window position.
func MaxPoolNaive(x *mat.Matrix, s ConvShape) *mat.Matrix {
	s.mustValid("MaxPoolNaive")
	s.mustInput("MaxPoolNaive", x)
	oh, ow := s.OutH(), s.OutW()
	out := mat.New(x.Rows, s.C*oh*ow)
	for n := 0; n < x.Rows; n++ {
		for c := 0; c < s.C; c++ {
			for oy := 0; oy < oh; oy++ {
				for ox := 0; ox < ow; ox++ {
					_, v := windowMax(x.Row(n), s, c, oy, ox)
					out.Row(n)[(c*oh+oy)*ow+ox] = v
				}
			}
		}
	}
	return out
}

// MaxPoolBackwardNaive returns dL/dx for MaxPoolNaive(x, s) given dout: each
// output's gradient goes to the input pixel that held the window's maximum
// (the first one on ties, like np.argmax), and nowhere if that was padding.
func MaxPoolBackwardNaive(x, dout *mat.Matrix, s ConvShape) *mat.Matrix {
	s.mustValid("MaxPoolBackwardNaive")
	s.mustInput("MaxPoolBackwardNaive", x)
	oh, ow := s.OutH(), s.OutW()
	if dout.Rows != x.Rows || dout.Cols != s.C*oh*ow {
		panic(fmt.Sprintf("nn.MaxPoolBackwardNaive: dout is %dx%d, want %dx%d", dout.Rows, dout.Cols, x.Rows, s.C*oh*ow))
	}
	dx := mat.New(x.Rows, x.Cols)
	for n := 0; n < x.Rows; n++ {
		for c := 0; c < s.C; c++ {
			for oy := 0; oy < oh; oy++ {
				for ox := 0; ox < ow; ox++ {
					if i, _ := windowMax(x.Row(n), s, c, oy, ox); i >= 0 {
						dx.Row(n)[i] += dout.Row(n)[(c*oh+oy)*ow+ox]
					}
				}
			}
		}
	}
	return dx
}

// windowMax returns the index in img of the largest value under the window at
// output position (oy, ox) of channel c, and that value. Padding pixels count
// as zeros with index -1. Windows are scanned row by row and only a strictly
// larger value replaces the current maximum, so ties go to the first.
func windowMax(img []float64, s ConvShape, c, oy, ox int) (int, float64) {
	bestIdx, best := -1, 0.0
	for fy := 0; fy < s.FH; fy++ {
		for fx := 0; fx < s.FW; fx++ {
			y, xx := oy*s.Stride+fy-s.Pad, ox*s.Stride+fx-s.Pad
			i, v := -1, 0.0 // a padding pixel
			if y >= 0 && y < s.H && xx >= 0 && xx < s.W {
				i = (c*s.H+y)*s.W + xx
				v = img[i]
			}
			if (fy == 0 && fx == 0) || v > best {
				bestIdx, best = i, v
			}
		}
	}
	return bestIdx, best
}
