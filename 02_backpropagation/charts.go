// The pictures of a training run (-out DIR).

package main

import (
	"path/filepath"

	"dlfs/dataset"
)

// chartFiles names what writeCharts writes.
const chartFiles = "confusion.csv"

// writeCharts writes the charts of a training run to dir.
func writeCharts(dir string, h *history, net *TwoLayerNet, testSet *dataset.Set, predicted []int) error {
	counts := confusionMatrix(testSet.LabelsOf(testSet.Range(0, testSet.Len())), predicted, 10)
	return writeConfusionCSV(filepath.Join(dir, "confusion.csv"), counts)
}
