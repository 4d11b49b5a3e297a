// The checks of flag values that the chapters repeat, each a UsageError that
// names the flag, its value and what was wanted.

package cli

import (
	"math"
	"strings"
)

// IntIn checks that the value v of flag name (without the dash) is from lo
// to hi, or at least lo when hi < lo. what says what the number counts, as
// in "-iters 0: want a number of iterations from 1 to 100000".
func IntIn(name string, v, lo, hi int, what string) error {
	switch {
	case hi < lo && v < lo:
		return Usagef("-%s %d: want a %s of at least %d", name, v, what, lo)
	case hi >= lo && (v < lo || v > hi):
		return Usagef("-%s %d: want a %s from %d to %d", name, v, what, lo, hi)
	}
	return nil
}

// Positive checks that v is finite and above 0: "-lr 0: want a learning
// rate above 0, such as 0.1", where what is "learning rate" and example "0.1".
func Positive(name string, v float64, what, example string) error {
	if !(v > 0) || math.IsInf(v, 0) {
		return Usagef("-%s %v: want a %s above 0, such as %s", name, v, what, example)
	}
	return nil
}

// NonNegative checks that v is finite and 0 or more.
func NonNegative(name string, v float64, what, example string) error {
	if !(v >= 0) || math.IsInf(v, 0) {
		return Usagef("-%s %v: want a %s of 0 or more, such as %s", name, v, what, example)
	}
	return nil
}

// Fraction checks that v lies strictly between 0 and 1.
func Fraction(name string, v float64, what, example string) error {
	if !(v > 0 && v < 1) {
		return Usagef("-%s %v: want a %s between 0 and 1, such as %s", name, v, what, example)
	}
	return nil
}

// Finite checks that v is neither NaN nor infinite.
func Finite(name string, v float64, what string) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Usagef("-%s %v: want a finite %s", name, v, what)
	}
	return nil
}

// OneOf checks that the value v of flag name is one of choices.
func OneOf(name, v string, choices ...string) error {
	for _, c := range choices {
		if v == c {
			return nil
		}
	}
	return Usagef("-%s %q: want %s", name, v, strings.Join(choices, " or "))
}

// Check returns a UsageError with the message fmt.Errorf makes unless ok:
// one line for a check the functions above do not make.
func Check(ok bool, format string, args ...any) error {
	if ok {
		return nil
	}
	return Usagef(format, args...)
}
