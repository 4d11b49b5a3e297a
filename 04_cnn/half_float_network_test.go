// Tests of the half-precision rounding against known bit patterns, against
// every tie between neighbouring halves, and (when python3 with NumPy is
// there) against NumPy's own float64 to float16 cast; and the golden test
// of half_float_network.py with the book's DeepConvNet pickles.

package main

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

func TestHalfBitPatterns(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		bits uint16
	}{
		{0, 0x0000},
		{math.Copysign(0, -1), 0x8000},
		{1, 0x3c00},
		{-2, 0xc000},
		{0.5, 0x3800},
		{1.0 / 3, 0x3555},                    // 0.333251953125
		{65504, 0x7bff},                      // the largest half
		{65519.99, 0x7bff},                   // just below the tie with 2^16
		{65520, 0x7c00},                      // the tie rounds to even: infinity
		{-1e6, 0xfc00},                       // overflow
		{math.Inf(1), 0x7c00},                //
		{math.Ldexp(1, -14), 0x0400},         // the smallest normal
		{math.Ldexp(1, -24), 0x0001},         // the smallest subnormal
		{math.Ldexp(1, -25), 0x0000},         // half of it: a tie, to even (0)
		{math.Ldexp(1.0000001, -25), 0x0001}, // just above the tie
		{math.Ldexp(3, -25), 0x0002},         // 1.5 subnormal units: a tie, to even (2)
		{math.Ldexp(1023.5, -24), 0x0400},    // the largest tie among subnormals, up to even
		{math.Ldexp(1, -26), 0x0000},         //
		{1 + math.Ldexp(1, -11), 0x3c00},     // a tie, to even (1)
		{1 + 3*math.Ldexp(1, -11), 0x3c02},   // a tie, to even (1 + 2^-9)
		{1 + math.Ldexp(1, -11) + math.Ldexp(1, -40), 0x3c01}, // above the tie: through float32 it would be 1
		{2 - math.Ldexp(1, -12), 0x4000},                      // rounds up into the next binade
		{5e-324, 0x0000},                                      // a float64 subnormal
		{155.0 / 255, 0x38dd},                                 // a pixel
	} {
		if got := halfBits(tc.x); got != tc.bits {
			t.Errorf("halfBits(%v) = %#04x, want %#04x", tc.x, got, tc.bits)
		}
	}
	for _, x := range []float64{math.NaN(), -math.NaN(), math.Float64frombits(0x7ff0000000000001)} {
		if h := halfBits(x); h&0x7c00 != 0x7c00 || h&0x3ff == 0 || !math.IsNaN(roundHalf(x)) {
			t.Errorf("halfBits(NaN %#x) = %#04x, want a NaN", math.Float64bits(x), h)
		}
	}
}

// Every finite half converts to a float64 and back to itself, and every
// midpoint between two neighbouring halves (computed exactly in float64)
// goes to the one with the even last bit, while the float64s on either
// side of the midpoint go to the nearer half.
func TestHalfEveryValue(t *testing.T) {
	for h := range uint32(0x7c00) { // the positive finite halves
		for _, sign := range []uint16{0, 0x8000} {
			b := uint16(h) | sign
			v := halfValue(b)
			if got := halfBits(v); got != b {
				t.Fatalf("halfBits(halfValue(%#04x) = %v) = %#04x", b, v, got)
			}
		}
		lo, hi := halfValue(uint16(h)), halfValue(uint16(h+1)) // 0x7c00 is +Inf: its "midpoint" is 65520
		mid := lo + (hi-lo)/2
		if h == 0x7bff {
			mid = 65520
		}
		even := uint16(h)
		if h&1 == 1 {
			even = uint16(h + 1)
		}
		if got := halfBits(mid); got != even {
			t.Fatalf("halfBits(%v, the midpoint of %#04x and %#04x) = %#04x, want %#04x", mid, h, h+1, got, even)
		}
		if got := halfBits(math.Nextafter(mid, 0)); got != uint16(h) {
			t.Fatalf("halfBits(just below %v) = %#04x, want %#04x", mid, got, h)
		}
		if got := halfBits(math.Nextafter(mid, math.Inf(1))); got != uint16(h+1) {
			t.Fatalf("halfBits(just above %v) = %#04x, want %#04x", mid, got, h+1)
		}
	}
}

// NumPy's own cast, np.float64 to np.float16, on random values of every
// magnitude a half can hold and some beyond. Skipped without python3 and
// NumPy.
func TestHalfAgainstNumPy(t *testing.T) {
	python := "/usr/bin/python3"
	if exec.Command(python, "-c", "import numpy").Run() != nil {
		t.Skip("python3 with NumPy is absent (apt-get install python3-numpy): skipping the comparison with NumPy's float16")
	}
	rng := rand.New(rand.NewPCG(3, 5))
	xs := make([]float64, 20000)
	var in strings.Builder
	for i := range xs {
		xs[i] = math.Ldexp(rng.Float64()*2-1, rng.IntN(50)-30)
		if i%4 == 0 { // exactly representable ties and their neighbours
			xs[i] = halfValue(uint16(rng.IntN(0x7c00))) + math.Ldexp(float64(rng.IntN(3)-1), -35) + math.Ldexp(1, -11-rng.IntN(14))
		}
		fmt.Fprintf(&in, "%016x\n", math.Float64bits(xs[i]))
	}
	cmd := exec.Command(python, "-c", `
import sys, numpy as np
bits = np.array([int(l, 16) for l in sys.stdin.read().split()], dtype=np.uint64)
h = bits.view(np.float64).astype(np.float16).view(np.uint16)
print(" ".join(str(int(v)) for v in h))
`)
	cmd.Stdin = strings.NewReader(in.String())
	cmd.Env = append(os.Environ(), "OPENBLAS_CORETYPE=", "OPENBLAS_L2_SIZE=")
	cmd.Stderr = io.Discard
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Fields(string(out))
	if len(fields) != len(xs) {
		t.Fatalf("NumPy returned %d values for %d", len(fields), len(xs))
	}
	for i, f := range fields {
		want, _ := strconv.Atoi(f)
		if got := halfBits(xs[i]); got != uint16(want) {
			t.Errorf("halfBits(%v) = %#04x, NumPy gives %#04x", xs[i], got, want)
		}
	}
}
