// Axis scales: the data range an axis shows, the map from data values to
// pixels (linear or base-10 logarithmic), and the choice of ticks that fit
// the axis without their labels overlapping.

package plot

import (
	"fmt"
	"math"
)

// extent is the smallest and largest value seen by add.
type extent struct {
	lo, hi float64
	ok     bool
}

// add widens e to hold v, skipping values the axis cannot show: NaN,
// infinities and, on a log axis, values <= 0.
func (e *extent) add(v float64, log bool) {
	if !finite(v) || (log && v <= 0) {
		return
	}
	if !e.ok {
		e.lo, e.hi, e.ok = v, v, true
		return
	}
	e.lo = math.Min(e.lo, v)
	e.hi = math.Max(e.hi, v)
}

// axisRange returns the range axis a shows for data extent e: the fixed
// range if there is one, otherwise e with a 5% margin on each side (in log
// space on a log axis). With stickyZero the margin is not added below a
// lowest value of exactly 0, so histogram bars stand on the axis.
func axisRange(a *Axis, e extent, stickyZero bool) (lo, hi float64, err error) {
	if a.fixed() {
		if a.Log && a.Min <= 0 {
			return 0, 0, fmt.Errorf("log axis %q has range [%v, %v]; a log axis needs Min > 0", a.Label, a.Min, a.Max)
		}
		return a.Min, a.Max, nil
	}
	if !e.ok {
		if a.Log {
			return 1, 10, nil
		}
		return 0, 1, nil
	}
	lo, hi = e.lo, e.hi
	if a.Log {
		f := 2.0
		if lo != hi {
			f = math.Pow(10, 0.05*(math.Log10(hi)-math.Log10(lo)))
		}
		if lo/f > 0 && !math.IsInf(hi*f, 0) { // no margin at the ends of float64
			lo, hi = lo/f, hi*f
		}
		return lo, hi, nil
	}
	if lo == hi {
		d := math.Abs(lo) * 0.1
		if d == 0 {
			d = 1
		}
		return lo - d, hi + d, nil
	}
	if !finite(hi - lo) {
		return 0, 0, fmt.Errorf("the values on axis %q span [%v, %v], wider than a float64 can measure", a.Label, lo, hi)
	}
	m := 0.05 * (hi - lo)
	if !(stickyZero && lo == 0) {
		lo -= m
	}
	return lo, hi + m, nil
}

// scale maps data values in [lo, hi] to pixels from p0 to p1.
type scale struct {
	log    bool
	lo, hi float64
	p0, p1 float64
}

// t is the value on the axis' linear scale: v, or log10(v).
func (s scale) t(v float64) float64 {
	if s.log {
		return math.Log10(v)
	}
	return v
}

// pos returns the pixel position of v, clamped far outside the chart so that
// renderers never see an enormous coordinate.
func (s scale) pos(v float64) float64 {
	f := (s.t(v) - s.t(s.lo)) / (s.t(s.hi) - s.t(s.lo))
	p := s.p0 + f*(s.p1-s.p0)
	return math.Max(-1e5, math.Min(1e5, p))
}

// value returns the data value at pixel p, the inverse of pos.
func (s scale) value(p float64) float64 {
	f := (p - s.p0) / (s.p1 - s.p0)
	t := s.t(s.lo) + f*(s.t(s.hi)-s.t(s.lo))
	if s.log {
		return math.Pow(10, t)
	}
	return t
}

// shows reports whether v can be drawn on this scale at all.
func (s scale) shows(v float64) bool { return finite(v) && (!s.log || v > 0) }

// inside reports whether v lies in the scale's range, allowing for rounding.
func (s scale) inside(v float64) bool {
	eps := 1e-9 * math.Abs(s.t(s.hi)-s.t(s.lo))
	t := s.t(v)
	return t >= s.t(s.lo)-eps && t <= s.t(s.hi)+eps
}

// chooseTicks picks the major ticks for an axis of the given pixel length:
// the axis' own Ticks if set, otherwise round numbers, as many as fit. On a
// horizontal axis the labels must leave a gap between them; on a vertical
// one the ticks must be at least 1.6 label heights apart.
func chooseTicks(a *Axis, s scale, horizontal bool) []float64 {
	if a.Ticks != nil {
		var ticks []float64
		for _, v := range a.Ticks {
			if s.shows(v) && s.inside(v) {
				ticks = append(ticks, v)
			}
		}
		return ticks
	}
	length := math.Abs(s.p1 - s.p0)
	perTick := 38.0
	if horizontal {
		perTick = 55
	}
	n := max(2, min(11, int(length/perTick)+1))
	for ; ; n-- {
		var ticks []float64
		if s.log {
			ticks = LogTicks(s.lo, s.hi, n)
		} else {
			ticks = Ticks(s.lo, s.hi, n)
		}
		if n == 2 || ticksFit(ticks, s, horizontal) {
			return ticks
		}
	}
}

// ticksFit reports whether neighbouring tick labels keep clear of each other.
func ticksFit(ticks []float64, s scale, horizontal bool) bool {
	labels := formatTicks(ticks)
	for i := 1; i < len(ticks); i++ {
		gap := math.Abs(s.pos(ticks[i]) - s.pos(ticks[i-1]))
		need := tickSize * 1.6
		if horizontal {
			need = (textWidth(labels[i-1], tickSize)+textWidth(labels[i], tickSize))/2 + 10
		}
		if gap < need {
			return false
		}
	}
	return true
}

// minorTicks returns 2..9 times each power of ten inside a log scale's range,
// the unlabelled ticks between the decades. It returns nothing on a linear
// scale or when the range spans more than eight decades (they would blur).
func minorTicks(s scale) []float64 {
	if !s.log {
		return nil
	}
	lo, hi := math.Floor(math.Log10(s.lo)), math.Ceil(math.Log10(s.hi))
	if hi-lo > 8 {
		return nil
	}
	var ticks []float64
	for e := int(lo); e <= int(hi); e++ {
		for m := int64(2); m <= 9; m++ {
			if v := decimal(m, e); s.inside(v) {
				ticks = append(ticks, v)
			}
		}
	}
	return ticks
}
