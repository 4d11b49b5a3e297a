// Half precision, the book's chapter 8.3.4 (ch08/half_float_network.py):
// DeepConvNet loses no accuracy when its weights and the input images are
// rounded to 16-bit floats. The book's script rounds them in place with
// astype(np.float16); NumPy then computes in float64, because the float64
// parameter arrays keep their type and a float16 input is converted up. So
// here the rounding is to the nearest IEEE 754 half-precision value, kept in
// a float64, and the arithmetic stays float64.

package main

import (
	"fmt"
	"io"
	"math"

	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/trainer"
)

// halfBits returns the IEEE 754 half-precision (binary16) bits of the value
// nearest x, ties to even, as NumPy's float64 to float16 cast gives them:
// 1 sign bit, 5 exponent bits (bias 15), 10 fraction bits. Values below
// 2^-14 become subnormals (multiples of 2^-24), magnitudes from 65520 up
// (halfway between the largest half, 65504, and 2^16) become infinities,
// and a NaN stays a NaN. x is rounded once, directly: going through float32
// first would round twice and could land on the other side of a tie.
func halfBits(x float64) uint16 {
	b := math.Float64bits(x)
	sign := uint16(b>>48) & 0x8000
	exp := int(b>>52) & 0x7ff
	frac := b & (1<<52 - 1)
	switch {
	case exp == 0x7ff && frac != 0: // NaN: keep the top of the payload, and stay a NaN
		h := uint16(0x7c00 | frac>>42)
		if h == 0x7c00 {
			h |= 0x0200
		}
		return sign | h
	case exp == 0x7ff: // infinity
		return sign | 0x7c00
	}
	e := exp - 1023 // x = 1.frac * 2^e
	if e < -25 {    // below half the smallest subnormal, 2^-25 (and zeros)
		return sign
	}
	sig := frac | 1<<52 // the 53-bit significand, 1.frac
	if e < -14 {
		// A subnormal: x / 2^-24 = sig * 2^(e-52+24), rounded to an
		// integer. Rounding up to 1024 gives 0x0400, the smallest normal.
		return sign | uint16(roundShift(sig, uint(28-e)))
	}
	q := roundShift(sig, 42) // 1.frac to 11 bits: 1024..2048
	if q == 2048 {           // rounded up to the next power of two
		q, e = 1024, e+1
	}
	if e > 15 {
		return sign | 0x7c00 // overflow: infinity, as IEEE rounding gives
	}
	return sign | uint16(e+15)<<10 | uint16(q&0x3ff)
}

// roundShift returns sig / 2^s rounded to the nearest integer, ties to even.
func roundShift(sig uint64, s uint) uint64 {
	q := sig >> s
	r := sig & (1<<s - 1)
	half := uint64(1) << (s - 1)
	if r > half || (r == half && q&1 == 1) {
		q++
	}
	return q
}

// halfValue returns the value of half-precision bits h, exactly, as a
// float64.
func halfValue(h uint16) float64 {
	exp := int(h>>10) & 0x1f
	frac := float64(h & 0x3ff)
	var v float64
	switch exp {
	case 0: // zero or subnormal: frac * 2^-24
		v = math.Ldexp(frac, -24)
	case 0x1f:
		v = math.Inf(1)
		if frac != 0 {
			v = math.NaN()
		}
	default: // (1024 + frac) * 2^(exp-15-10)
		v = math.Ldexp(1024+frac, exp-25)
	}
	if h&0x8000 != 0 {
		v = -v
	}
	return v
}

// roundHalf returns x rounded to half precision and back: the book's
// x.astype(np.float16), seen by the float64 arithmetic that follows.
func roundHalf(x float64) float64 { return halfValue(halfBits(x)) }

// roundHalfSlice rounds every value of v to half precision in place, the
// book's param[...] = param.astype(np.float16).
func roundHalfSlice(v []float64) {
	for i, x := range v {
		v[i] = roundHalf(x)
	}
}

// halfImages is a data set whose images are rounded to half precision as
// they are read: the book's x_test.astype(np.float16).
type halfImages struct{ trainer.Data }

// X returns the images idx, each pixel rounded to half precision.
func (h halfImages) X(idx []int) *mat.Matrix {
	x := h.Data.X(idx)
	roundHalfSlice(x.Data)
	return x
}

// halfFloatNetwork is the book's half_float_network.py: it prints the
// accuracy of net on test, then rounds every parameter of net to half
// precision, in place, and prints the accuracy on the test images rounded
// to half precision too. It returns both accuracies. The book's figures for
// its DeepConvNet weights are 0.9935 and 0.9935 (2016's
// deep_convnet_params.pkl) and 0.9797 and 0.9798 (2022's).
func halfFloatNetwork(w io.Writer, net *network.Net, test trainer.Data) (acc64, acc16 float64) {
	fmt.Fprintln(w, "calculating the accuracy (float64) ...")
	acc64 = trainer.Accuracy(net, test, 0, 100)
	fmt.Fprintf(w, "float64 accuracy: %.4f\n", acc64)

	fmt.Fprintln(w, "calculating the accuracy (float16) ...")
	acc16 = halfAccuracy(net, test)
	fmt.Fprintf(w, "float16 accuracy: %.4f\n", acc16)
	return acc64, acc16
}

// halfAccuracy rounds every parameter of net to half precision, in place,
// and returns its accuracy on the test images rounded to half precision,
// in mini-batches of 100 as the book's accuracy does.
func halfAccuracy(net *network.Net, test trainer.Data) float64 {
	for _, p := range net.Params() {
		roundHalfSlice(p.Value.Data)
	}
	return trainer.Accuracy(net, halfImages{test}, 0, 100)
}
