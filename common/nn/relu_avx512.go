//go:build goexperiment.simd && amd64

// ReLU's forward pass with AVX-512, in a GOEXPERIMENT=simd build on a CPU
// that has it (relu.go holds the layer; elsewhere reluForwardPlain runs).
// Per element, the plain loop does a compare and Go's max, which keeps its
// rules for NaN and -0 in about ten instructions; eight at a time, this is
// one compare, one masked store and one 8-byte store of the mask. The
// backward pass stays plain: it already streams at about memory speed, and
// turning 8 mask values into a vector mask costs more than it saves.

package nn

import "simd/archsimd"

// useAVX512 reports whether the CPU has AVX-512 (F, CD, BW, DQ and VL), read
// once, as common/mat reads it.
var useAVX512 = archsimd.X86.AVX512()

// maskBytes[bits] is the 8 mask values of bits, bit j giving element j.
var maskBytes = func() (t [256][8]bool) {
	for bits := range t {
		for j := range 8 {
			t[bits][j] = bits>>j&1 == 1
		}
	}
	return t
}()

// reluForward is reluForwardPlain, 8 values at a time where the CPU has
// AVX-512. A NaN compares false with <= 0 and is kept, as in the plain loop
// (with its sign, which Go's max there may change); -0 is <= 0 and becomes
// +0 (Masked zeroes the lane).
func reluForward(in, out []float64, mask []bool) {
	if !useAVX512 {
		reluForwardPlain(in, out, mask)
		return
	}
	out, mask = out[:len(in)], mask[:len(in)]
	var zero archsimd.Float64x8
	i := 0
	for ; i+8 <= len(in); i += 8 {
		v := archsimd.LoadFloat64x8Slice(in[i:])
		off := v.LessEqual(zero).ToBits()
		v.Masked(archsimd.Mask64x8FromBits(^off)).StoreSlice(out[i:])
		*(*[8]bool)(mask[i:]) = maskBytes[off]
	}
	archsimd.ClearAVXUpperBits() // see mat's mulBlocks
	reluForwardPlain(in[i:], out[i:], mask[i:])
}
