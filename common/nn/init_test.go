// Tests of the weight initialisation helpers in init.go.

package nn

import (
	"math"
	"strings"
	"testing"
)

func TestInitStd(t *testing.T) {
	tests := []struct {
		spec string
		nIn  int
		want float64
	}{
		{"relu", 784, math.Sqrt(2.0 / 784)},
		{"He", 50, math.Sqrt(2.0 / 50)},
		{"sigmoid", 100, 0.1},
		{"XAVIER", 4, 0.5},
		{"0.01", 784, 0.01},
		{"1e-3", 10, 0.001},
		{"0", 10, 0},
	}
	for _, tc := range tests {
		got, err := InitStd(tc.spec, tc.nIn)
		if err != nil || math.Abs(got-tc.want) > 1e-15 {
			t.Errorf("InitStd(%q, %d) = %v, %v; want %v", tc.spec, tc.nIn, got, err, tc.want)
		}
	}
}

func TestInitStdErrors(t *testing.T) {
	for _, tc := range []struct {
		spec string
		nIn  int
	}{{"tanh", 10}, {"", 10}, {"-0.01", 10}, {"NaN", 10}, {"inf", 10}, {"relu", 0}} {
		_, err := InitStd(tc.spec, tc.nIn)
		if err == nil || !strings.Contains(err.Error(), "weight init std") {
			t.Errorf("InitStd(%q, %d) error = %v, want one naming the weight init std", tc.spec, tc.nIn, err)
		}
	}
}

func TestRandNStatistics(t *testing.T) {
	m := RandN(newRand(9), 200, 100, 0.5)
	if m.Rows != 200 || m.Cols != 100 {
		t.Fatalf("RandN shape %dx%d, want 200x100", m.Rows, m.Cols)
	}
	var mean, sq float64
	for _, v := range m.Data {
		mean += v
		sq += v * v
	}
	n := float64(len(m.Data))
	mean /= n
	std := math.Sqrt(sq/n - mean*mean)
	// 20000 draws: the standard error of the mean is 0.0035, of the std 0.0025.
	if math.Abs(mean) > 0.02 || math.Abs(std-0.5) > 0.015 {
		t.Errorf("RandN(std 0.5): mean %v, std %v", mean, std)
	}
	if a, b := RandN(newRand(9), 2, 2, 1), RandN(newRand(9), 2, 2, 1); !equal(a.Data, b.Data) {
		t.Errorf("RandN with the same seed differs: %v and %v", a.Data, b.Data)
	}
}
