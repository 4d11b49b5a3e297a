// Compact number formatting for tick labels and heatmap cells, so that axes
// read 0.5, 1e-4, 2000 and 10k rather than 0.50000 or 1.000000e-04.

package plot

import (
	"math"
	"strconv"
	"strings"
)

// FormatNumber formats v in at most six significant digits, as compactly as
// it reads well: 0, 0.5, 2000, 1e-4, 10k, 2.5M. Values from 0.001 up to (not
// including) 10000 are written out in full; smaller ones in exponent form;
// larger ones with a k, M or G suffix (and in exponent form from 1e12 on).
func FormatNumber(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case v == 0:
		return "0"
	}
	a := math.Abs(v)
	switch {
	case a < 1e-3:
		return shortExp(v)
	case a < 1e4:
		return strconv.FormatFloat(v, 'g', 6, 64)
	case a < 1e6:
		return strconv.FormatFloat(v/1e3, 'g', 6, 64) + "k"
	case a < 1e9:
		return strconv.FormatFloat(v/1e6, 'g', 6, 64) + "M"
	case a < 1e12:
		return strconv.FormatFloat(v/1e9, 'g', 6, 64) + "G"
	}
	return shortExp(v)
}

// shortExp writes v as mantissa and exponent without a plus sign or leading
// zeros in the exponent: 1e-4, 2.5e-7, 3e+15 becomes 3e15.
func shortExp(v float64) string {
	s := strconv.FormatFloat(v, 'e', 5, 64) // d.ddddde±xx
	mant, exp, _ := strings.Cut(s, "e")
	if strings.Contains(mant, ".") {
		mant = strings.TrimRight(mant, "0")
		mant = strings.TrimSuffix(mant, ".")
	}
	e, _ := strconv.Atoi(exp)
	return mant + "e" + strconv.Itoa(e)
}

// formatTicks formats the tick values of one axis alike: when some need the
// exponent form (below 0.001) every nonzero value below 1 takes it too
// (0, 5e-4, 1e-3, 1.5e-3 rather than 0, 5e-4, 0.001, 0.0015), and when some
// need a suffix (10k and up) every value from 1000 up takes one (5k, 10k
// rather than 5000, 10k).
func formatTicks(ticks []float64) []string {
	small, big := false, false
	for _, v := range ticks {
		a := math.Abs(v)
		small = small || (a != 0 && a < 1e-3)
		big = big || (a >= 1e4 && a < 1e12)
	}
	labels := make([]string, len(ticks))
	for i, v := range ticks {
		a := math.Abs(v)
		switch {
		case small && a != 0 && a < 1:
			labels[i] = shortExp(v)
		case big && a >= 1e3 && a < 1e4:
			labels[i] = strconv.FormatFloat(v/1e3, 'g', 6, 64) + "k"
		default:
			labels[i] = FormatNumber(v)
		}
	}
	return labels
}
