// The arrays a reader expects, such as a network's parameters, checked from
// each array's header before its data is read: a weights file cannot make a
// loader read, or decompress, more than the network has room for.

package npy

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Want lists the arrays a reader must find, each name with its exact shape
// in NumPy's order, for example a network's parameters:
//
//	npy.Want{"W1": {784, 50}, "b1": {50}, "W2": {50, 10}, "b2": {10}}
//
// LoadWant and DecodeNPZWant honour it, and so can any reader of another
// format: call Check with each array's name and shape as soon as its header
// is read, before its data, and Complete once every array has been read. An
// unknown name or a wrong shape is then refused from the header alone, and
// the data a reader holds is never more than the wanted shapes hold.
type Want map[string][]int

// ErrMismatch is reported by errors.Is for every error of Want: an array
// that is not wanted, one of another shape, or a wanted one missing. A
// program can test for it to add a hint about the network it built, such
// as the flag that sets its size.
var ErrMismatch = errors.New("the arrays do not fit the network")

// mismatch is an error of Want: its message, matching ErrMismatch.
type mismatch struct{ msg string }

func (e *mismatch) Error() string        { return e.msg }
func (e *mismatch) Is(target error) bool { return target == ErrMismatch }

func mismatchf(format string, args ...any) error {
	return &mismatch{fmt.Sprintf(format, args...)}
}

// Check returns an error unless an array called name, of the given shape,
// is wanted. Its errors (ErrMismatch) say what was wanted and what was
// found, for example
//
//	array "W1": shape (784, 50) expected, file has (50, 784)
//	arrays that do not belong to this network: W9 (it has W1, W2, b1, b2)
//
// but not which file: wrap them with its name.
func (w Want) Check(name string, shape []int) error {
	wanted, ok := w[name]
	if !ok {
		return w.unknown([]string{name})
	}
	if !slices.Equal(wanted, shape) {
		return mismatchf("array %q: shape %s expected, file has %s", name, formatShape(wanted), formatShape(shape))
	}
	return nil
}

// Complete returns an error (ErrMismatch) naming the wanted arrays that are
// not in have, such as
//
//	no array "b3" (have W1, W2, b1, b2)
func (w Want) Complete(have map[string]*Array) error {
	var missing []string
	for name := range w {
		if have[name] == nil {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sortNames(missing)
	quoted := make([]string, len(missing))
	for i, name := range missing {
		quoted[i] = strconv.Quote(name)
	}
	what := "array"
	if len(missing) > 1 {
		what = "arrays"
	}
	return mismatchf("no %s %s (have %s)", what, strings.Join(quoted, ", "), nameList(slices.Collect(maps.Keys(have))))
}

// checkNames refuses, all at once, the names in a file's table of contents
// (the members of a .npz, the files of a folder) that are not wanted, before
// any of their data is read.
func (w Want) checkNames(names []string) error {
	var unknown []string
	for _, name := range names {
		if _, ok := w[name]; !ok {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	return w.unknown(unknown)
}

func (w Want) unknown(names []string) error {
	sortNames(names)
	return mismatchf("arrays that do not belong to this network: %s (it has %s)", strings.Join(names, ", "), nameList(slices.Collect(maps.Keys(w))))
}

// nameList lists names for a message, sorted by sortNames: "W1, W2, b1, b2".
func nameList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	sortNames(names)
	return strings.Join(names, ", ")
}

// sortNames sorts array names the way a reader counts layers: by the letters
// before a trailing number, then by the number, so W2 comes before W10.
func sortNames(names []string) {
	split := func(s string) (string, int) {
		i := len(s)
		for i > 0 && '0' <= s[i-1] && s[i-1] <= '9' {
			i--
		}
		n, err := strconv.Atoi(s[i:])
		if err != nil || i == len(s) {
			return s, -1
		}
		return s[:i], n
	}
	slices.SortFunc(names, func(a, b string) int {
		pa, na := split(a)
		pb, nb := split(b)
		if c := strings.Compare(pa, pb); c != 0 {
			return c
		}
		if na != nb {
			return na - nb
		}
		return strings.Compare(a, b)
	})
}
