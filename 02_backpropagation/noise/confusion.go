// The confusion matrix of the noise study: for each true digit, how often
// the network predicts each digit. Its diagonal is the accuracy per class;
// the rest shows which digits the network mistakes for which (a 4 for a 9, a
// 7 for a 1).

package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strconv"

	"dlfs/common/atomicfile"
	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/plot"
	"dlfs/common/trainer"
)

// confusionMatrix returns counts[t][p], the number of samples whose true
// class is labels[i] = t and whose predicted class is predicted[i] = p, for
// classes 0 .. classes-1. Rows are true classes, columns predicted ones.
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

// predictAll returns the class net predicts for each image of set, in order,
// scoring trainer.EvalChunk images at a time.
func predictAll(net *network.Net, set *noisySet) []int {
	predicted := make([]int, 0, set.Len())
	for idx := range set.set.Chunks(trainer.EvalChunk) {
		predicted = append(predicted, mat.ArgmaxRows(net.Predict(set.X(idx), false))...)
	}
	return predicted
}

// writeConfusion writes counts as confusion.csv and as a heatmap,
// confusion.svg, with the given title, into the subfolder sub of out ("" for
// out itself).
func writeConfusion(out *cli.Dir, sub string, counts [][]int, title string) error {
	csvPath, err := out.File(filepath.Join(sub, "confusion.csv"))
	if err != nil {
		return err
	}
	if err := writeConfusionCSV(csvPath, counts); err != nil {
		return err
	}
	values := make([][]float64, len(counts))
	for t, row := range counts {
		values[t] = make([]float64, len(row))
		for p, n := range row {
			values[t][p] = float64(n)
		}
	}
	h := &plot.Heatmap{Title: title, Values: values, XLabel: "predicted", YLabel: "true"}
	_, err = out.Write(filepath.Join(sub, "confusion.svg"), h)
	return err
}

// writeConfusionCSV writes counts to path as CSV: a header row of predicted
// classes, then one row per true class beginning with that class.
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
	return atomicfile.WriteBytes(path, b.Bytes())
}
