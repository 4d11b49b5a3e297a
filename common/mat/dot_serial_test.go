package mat

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// AddDot and AddDotT add to what c holds, so c starts as a random matrix and
// the oracle is c + DotNaive(...). Like TestProductsMatchNaive it runs the
// zero-skipping kernels and then the vector ones, where they are built.
func TestSerialProductsAddToNaive(t *testing.T) {
	for _, path := range [][2]float64{{-1, 2}, {2, 2}, {2, -1}} {
		if !useVector && path[0] > 1 {
			continue // no vector kernels in this build or on this CPU
		}
		func() {
			defer setPaths(path[0], path[1])()
			testSerialProductsAddToNaive(t)
		}()
	}
}

func testSerialProductsAddToNaive(t *testing.T) {
	for _, s := range productShapes {
		m, k, n := s[0], s[1], s[2]
		rng := rand.New(rand.NewPCG(uint64(m*1_000_000+k*1000+n), 7))
		a, b, c := randMatrix(rng, m, k, 0.3), randMatrix(rng, k, n, 0), randMatrix(rng, m, n, 0)
		name := fmt.Sprintf("%dx%dx%d", m, k, n)

		want, scale := Add(c, DotNaive(a, b)), productScale(a, b)
		got := c.Clone()
		AddDot(got, a, b)
		checkScaled(t, "AddDot "+name, got, want, scale)

		bt := T(b)
		got = c.Clone()
		AddDotT(got, a, bt)
		checkScaled(t, "AddDotT "+name, got, want, scale)
	}
}

func TestSerialProductsPanicOnShapes(t *testing.T) {
	a, b := New(2, 3), New(4, 5)
	for name, f := range map[string]func(){
		"AddDot":  func() { AddDot(New(2, 5), a, b) },
		"AddDotT": func() { AddDotT(New(2, 4), a, b) },
	} {
		if msg := panicMessage(f); !strings.Contains(msg, "2x3") || !strings.Contains(msg, "4x5") {
			t.Errorf("%s with shapes 2x3 and 4x5 panicked with %q, want both shapes named", name, msg)
		}
	}
}
