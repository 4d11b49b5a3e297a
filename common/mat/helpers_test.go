// Helpers shared by the package's tests and benchmarks.

package mat

import (
	"fmt"
	"math/rand/v2"
)

// randMatrix returns a rows x cols matrix of values uniform in [-1, 1), each
// replaced by an exact 0 with probability zeros.
func randMatrix(rng *rand.Rand, rows, cols int, zeros float64) *Matrix {
	m := New(rows, cols)
	for i := range m.Data {
		if rng.Float64() >= zeros {
			m.Data[i] = 2*rng.Float64() - 1
		}
	}
	return m
}

// panicMessage calls f and returns what it panicked with, or "" if it did not.
func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}
