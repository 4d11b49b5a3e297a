// The gates of the book's chapter 2 as runnable examples: each prints the
// truth table its script prints, and the test checks each gate against the
// logic operator it is named for.

package main

import (
	"fmt"
	"testing"
)

// The book's and_gate.py, nand_gate.py and or_gate.py: one perceptron each,
// the same body with other weights and bias.
func Example_gates() {
	fmt.Println("x1 x2  AND NAND OR")
	for _, x := range [][2]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
		fmt.Printf("%2.0f %2.0f  %3d %4d %2d\n", x[0], x[1], AND(x[0], x[1]), NAND(x[0], x[1]), OR(x[0], x[1]))
	}
	// Output:
	// x1 x2  AND NAND OR
	//  0  0    0    1  0
	//  1  0    0    1  1
	//  0  1    0    1  1
	//  1  1    1    0  1
}

// The book's xor_gate.py: XOR as two layers of perceptrons, NAND and OR of
// the inputs, then AND of those two.
func ExampleXOR() {
	for _, x := range [][2]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
		fmt.Printf("(%.0f, %.0f) -> %d\n", x[0], x[1], XOR(x[0], x[1]))
	}
	// Output:
	// (0, 0) -> 0
	// (1, 0) -> 1
	// (0, 1) -> 1
	// (1, 1) -> 0
}

// TestGatesAreTheirLogic checks each gate against Go's own boolean operators,
// an oracle that shares nothing with the weights.
func TestGatesAreTheirLogic(t *testing.T) {
	bit := func(b bool) int {
		if b {
			return 1
		}
		return 0
	}
	for _, a := range []bool{false, true} {
		for _, b := range []bool{false, true} {
			x1, x2 := float64(bit(a)), float64(bit(b))
			for _, g := range []struct {
				name      string
				got, want int
			}{
				{"AND", AND(x1, x2), bit(a && b)},
				{"NAND", NAND(x1, x2), bit(!(a && b))},
				{"OR", OR(x1, x2), bit(a || b)},
				{"XOR", XOR(x1, x2), bit(a != b)},
			} {
				if g.got != g.want {
					t.Errorf("%s(%v, %v) = %d, want %d", g.name, x1, x2, g.got, g.want)
				}
			}
		}
	}
}
