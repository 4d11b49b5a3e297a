// The pictures -out writes besides the training curves: the filters before
// and after, and the misclassified test images.

package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"dlfs/common/mat"
	"dlfs/dataset"
)

// writePictures writes filters_before.png (the random initial filters),
// filters_after.png (the trained or loaded ones) and, when predicted is not
// nil, misclassified.png to dir, and returns a phrase naming them.
func writePictures(dir string, net convNet, initial *mat.Matrix, testSet *dataset.Set, predicted []int) (string, error) {
	w, shape := net.filters()
	files := []string{"filters_before.png", "filters_after.png"}
	if err := filterGrid(initial, shape).WriteFile(filepath.Join(dir, files[0])); err != nil {
		return "", err
	}
	if err := filterGrid(w, shape).WriteFile(filepath.Join(dir, files[1])); err != nil {
		return "", err
	}
	if predicted != nil {
		g, wrong := misclassifiedGrid(testSet, predicted)
		if wrong > 0 {
			if err := g.WriteFile(filepath.Join(dir, "misclassified.png")); err != nil {
				return "", err
			}
			shown := fmt.Sprintf("all %d", wrong)
			if wrong > maxMisclassified {
				shown = fmt.Sprintf("the first %d of %d", maxMisclassified, wrong)
			}
			files = append(files, "misclassified.png ("+shown+" misclassified test images)")
		}
	}
	return strings.Join(files, ", "), nil
}
