// Caffe's transposed im2col for one sample, the first step of the
// per-sample convolution (convolution_persample.go), an opt-in for speed
// (fast.go), not the book: the sample's patches laid out one per column, so
// that W · colT is already the channel-major output row, and its adjoint
// col2imT. Each row of colT is a strided copy of image rows, which is why it
// is faster to build than the book's im2col.

package nn

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
