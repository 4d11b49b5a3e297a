// The pictures -out writes: the accuracy and loss curves of a training run,
// the filters before and after, and the misclassified test images.

package main

import (
	"fmt"
	"strings"

	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/nn"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// writePictures writes to dir accuracy.svg and loss.svg (when tr, the
// training run, is not nil), filters_before.png (the random initial filters
// initial), filters_after.png (the trained or loaded ones) and
// misclassified.png (from predicted, the class predicted for each image of
// testSet), and returns a phrase naming them.
func writePictures(dir *cli.Dir, tr *trainer.Trainer, net *network.Net, initial *mat.Matrix, testSet *dataset.Set, predicted []int) (string, error) {
	var files []string
	write := func(name string, g cli.FileWriter) error {
		files = append(files, name)
		_, err := dir.Write(name, g)
		return err
	}
	if tr != nil {
		acc, loss := curves(tr)
		if err := write("accuracy.svg", acc); err != nil {
			return "", err
		}
		if err := write("loss.svg", loss); err != nil {
			return "", err
		}
	}
	shape := net.Layers[0].(*nn.Convolution).Shape
	if err := write("filters_before.png", filterGrid(initial, shape.FH, shape.FW)); err != nil {
		return "", err
	}
	if err := write("filters_after.png", filterGrid(net.Param("W1"), shape.FH, shape.FW)); err != nil {
		return "", err
	}
	if g, wrong := misclassifiedGrid(testSet, predicted); wrong > 0 {
		if err := write("misclassified.png", g); err != nil {
			return "", err
		}
		shown := fmt.Sprintf("all %d", wrong)
		if wrong > maxMisclassified {
			shown = fmt.Sprintf("the first %d of %d", maxMisclassified, wrong)
		}
		files[len(files)-1] += " (" + shown + " misclassified test images)"
	}
	return strings.Join(files, ", "), nil
}
