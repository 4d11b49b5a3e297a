// Choosing axis ticks at round numbers: steps of 1, 2 or 5 times a power of
// ten on a linear axis, powers of ten on a log axis. matplotlib's
// MaxNLocator and LogLocator do the same job for the book's charts.

package plot

import "math"

// Ticks returns the multiples of the roundest step that lie in [min, max],
// using at most maxTicks of them. The step is 1, 2 or 5 times a power of ten,
// the smallest such step that gives no more than maxTicks ticks, so
// Ticks(0, 1, 6) is 0, 0.2, 0.4, 0.6, 0.8, 1 and Ticks(0, 2000, 5) is 0, 500,
// 1000, 1500, 2000.
//
// Ticks returns nil when min or max is not finite, when max < min or when
// maxTicks < 1, and just min when min == max. Tick values are computed as an
// integer times the step divided by a power of ten, so 0.3 is the float64
// nearest to 0.3, not 3*0.1.
func Ticks(min, max float64, maxTicks int) []float64 {
	if !finite(min) || !finite(max) || max < min || maxTicks < 1 {
		return nil
	}
	if min == max {
		return []float64{min}
	}
	intervals := float64(maxTicks - 1)
	if intervals < 1 {
		intervals = 1
	}
	exp := int(math.Floor(math.Log10((max - min) / intervals)))
	for e := exp - 1; e <= exp+2; e++ {
		for _, m := range [3]int64{1, 2, 5} {
			lo, hi := stepRange(min, max, m, e)
			if n := hi - lo + 1; n >= 1 && n <= int64(maxTicks) {
				return stepTicks(lo, hi, m, e)
			}
		}
	}
	// Not reached for maxTicks >= 2; with maxTicks == 1 a step larger than the
	// range may hold no multiple at all, and then the middle will do.
	return []float64{(min + max) / 2}
}

// stepRange returns the first and last integer k with k*m*10^e in [min, max],
// allowing for rounding error in the division.
func stepRange(min, max float64, m int64, e int) (lo, hi int64) {
	step := float64(m) * math.Pow10(e)
	const slack = 1e-9
	lo = int64(math.Ceil(min/step - slack))
	hi = int64(math.Floor(max/step + slack))
	return lo, hi
}

// stepTicks returns k*m*10^e for k from lo to hi.
func stepTicks(lo, hi, m int64, e int) []float64 {
	ticks := make([]float64, 0, hi-lo+1)
	for k := lo; k <= hi; k++ {
		ticks = append(ticks, decimal(k*m, e))
	}
	return ticks
}

// decimal returns n*10^e as the float64 nearest to that decimal number:
// dividing by an exact power of ten rounds once, multiplying by 0.1 would
// round twice.
func decimal(n int64, e int) float64 {
	if e < 0 {
		return float64(n) / math.Pow10(-e)
	}
	return float64(n) * math.Pow10(e)
}

// LogTicks returns ticks for a log-scale axis over [min, max], min > 0.
// Over at most three decades it uses 1, 2 and 5 times the powers of ten
// (0.05, 0.1, 0.2, 0.5, 1) if no more than maxTicks of them fall in the
// range; otherwise the powers of ten, every second or third one when there
// would be more than maxTicks. When neither gives two ticks it falls back to
// the linear Ticks. It returns nil for a range that is not positive and
// finite.
func LogTicks(min, max float64, maxTicks int) []float64 {
	if !finite(min) || !finite(max) || min <= 0 || max < min || maxTicks < 1 {
		return nil
	}
	lo := int(math.Ceil(math.Log10(min) - 1e-9))
	hi := int(math.Floor(math.Log10(max) + 1e-9))
	if math.Log10(max)-math.Log10(min) <= 3 {
		var ticks []float64
		for e := lo - 1; e <= hi; e++ {
			for _, m := range [3]int64{1, 2, 5} {
				v := decimal(m, e)
				if v >= min*(1-1e-9) && v <= max*(1+1e-9) {
					ticks = append(ticks, v)
				}
			}
		}
		if len(ticks) >= 2 && len(ticks) <= maxTicks {
			return ticks
		}
	}
	if hi-lo+1 >= 2 {
		// Every power of ten, or every second, third, ... one, keeping those
		// whose exponent is a multiple of the stride: 1e-4, 1e-2, 1.
		for every := 1; ; every++ {
			first := ceilDiv(lo, every)
			last := floorDiv(hi, every)
			if last-first+1 <= maxTicks {
				var ticks []float64
				for k := first; k <= last; k++ {
					ticks = append(ticks, decimal(1, k*every))
				}
				return ticks
			}
		}
	}
	return Ticks(min, max, maxTicks)
}

// floorDiv and ceilDiv divide integers rounding down and up, also for
// negative a.
func floorDiv(a, b int) int { return int(math.Floor(float64(a) / float64(b))) }
func ceilDiv(a, b int) int  { return int(math.Ceil(float64(a) / float64(b))) }

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
