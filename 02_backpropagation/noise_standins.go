// Stand-ins for what the noise study shares with the chapter's own training
// run on branch ch02 (confusion.go, flags.go), with the same signatures, so
// that the study builds on its own until that branch lands. This file goes
// away at the merge.

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// confusionMatrix returns counts[t][p], how many samples of true class t
// were predicted as class p.
func confusionMatrix(labels, predicted []int, classes int) [][]int {
	if len(labels) != len(predicted) {
		panic(fmt.Sprintf("confusionMatrix: %d labels and %d predictions", len(labels), len(predicted)))
	}
	counts := make([][]int, classes)
	for t := range counts {
		counts[t] = make([]int, classes)
	}
	for i, t := range labels {
		counts[t][predicted[i]]++
	}
	return counts
}

// writeConfusionCSV writes counts as CSV: a header of predicted classes,
// then one row per true class.
func writeConfusionCSV(path string, counts [][]int) error {
	var b bytes.Buffer
	b.WriteString("true\\predicted")
	for p := range counts {
		b.WriteString("," + strconv.Itoa(p))
	}
	b.WriteString("\n")
	for t, row := range counts {
		b.WriteString(strconv.Itoa(t))
		for _, n := range row {
			b.WriteString("," + strconv.Itoa(n))
		}
		b.WriteString("\n")
	}
	return writeFileAtomic(path, b.Bytes())
}

// writeFileAtomic writes data to a temporary file beside path and renames it.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), path)
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", path, werr)
	}
	return nil
}

// maxHidden bounds a hidden layer's size.
const maxHidden = 10_000

// A usageError is a bad command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}
