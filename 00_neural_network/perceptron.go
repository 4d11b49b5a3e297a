// The perceptron of the book's chapter 2 (ch02/and_gate.py, nand_gate.py,
// or_gate.py and xor_gate.py): a weighted sum of the inputs plus a bias,
// passed through a step. The weights and biases are the book's. Chapter 3
// replaces the step with a smooth activation, and that is the rest of this
// folder.

package main

// perceptron returns 1 if w·x + b > 0 and 0 otherwise, the body every gate
// of chapter 2.3 shares: tmp = np.sum(w*x) + b; return 0 if tmp <= 0 else 1.
func perceptron(x1, x2, w1, w2, b float64) int {
	tmp := w1*x1 + w2*x2 + b
	if tmp <= 0 {
		return 0
	}
	return 1
}

// AND is 1 only when both inputs are 1 (and_gate.py: w = (0.5, 0.5), b = -0.7).
func AND(x1, x2 float64) int { return perceptron(x1, x2, 0.5, 0.5, -0.7) }

// NAND is AND with every sign flipped (nand_gate.py: w = (-0.5, -0.5), b = 0.7).
func NAND(x1, x2 float64) int { return perceptron(x1, x2, -0.5, -0.5, 0.7) }

// OR is 1 when either input is 1 (or_gate.py: w = (0.5, 0.5), b = -0.2).
func OR(x1, x2 float64) int { return perceptron(x1, x2, 0.5, 0.5, -0.2) }

// XOR is what one perceptron cannot do: no straight line separates (0, 1)
// and (1, 0) from (0, 0) and (1, 1). Two layers can (xor_gate.py): the first
// computes NAND and OR of the inputs, the second ANDs them.
func XOR(x1, x2 float64) int {
	s1 := NAND(x1, x2)
	s2 := OR(x1, x2)
	return AND(float64(s1), float64(s2))
}
