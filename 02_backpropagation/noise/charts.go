// The pictures of the noise study (mnist-from-scratch): the accuracy and
// loss curves of a run, its confusion matrix (confusion.go), the first-layer
// weights as images, the linear template of each digit, and, for a sweep,
// the table and chart of test accuracy against test noise.

package main

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"

	"dlfs/common/atomicfile"
	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/plot"
)

// noiseRunFiles names what writeNoiseRun writes.
const noiseRunFiles = "accuracy.svg loss.svg confusion.svg confusion.csv w1.png digits.png"

// writeNoiseRun writes the pictures of a training run into the subfolder sub
// of out ("" for out itself).
func writeNoiseRun(out *cli.Dir, sub string, run *noiseRun, labels []int) error {
	loss := plot.LossChart(run.loss)
	loss.Title = fmt.Sprintf("training loss, noise %g%%", run.level)
	for name, chart := range map[string]*plot.Chart{"accuracy.svg": noiseAccuracyChart(run), "loss.svg": loss} {
		if _, err := out.Write(filepath.Join(sub, name), chart); err != nil {
			return err
		}
	}
	return writeNetPictures(out, sub, run.net, run.level, labels, run.predicted)
}

// writeNetPictures writes what a trained network shows without its training
// curves into the subfolder sub of out: confusion.svg and confusion.csv on
// the test set at test noise level%, w1.png and digits.png.
func writeNetPictures(out *cli.Dir, sub string, net *network.Net, level float64, labels, predicted []int) error {
	counts := confusionMatrix(labels, predicted, 10)
	correct := 0
	for d := range counts {
		correct += counts[d][d]
	}
	title := fmt.Sprintf("confusion matrix at %g%% test noise, accuracy %.4f", level, float64(correct)/float64(len(labels)))
	if err := writeConfusion(out, sub, counts, title); err != nil {
		return err
	}
	for name, grid := range map[string]*plot.ImageGrid{"w1.png": weightImages(net.Param("W1")), "digits.png": digitTemplates(net)} {
		if _, err := out.Write(filepath.Join(sub, name), grid); err != nil {
			return err
		}
	}
	return nil
}

// noiseAccuracyChart draws the train and test accuracy, measured every 100
// iterations, against the iterations.
func noiseAccuracyChart(run *noiseRun) *plot.Chart {
	c := &plot.Chart{
		Title:  fmt.Sprintf("accuracy, noise %g%%", run.level),
		X:      plot.Axis{Label: "iterations"},
		Y:      plot.Axis{Label: "accuracy"},
		Legend: plot.LegendLowerRight,
	}
	c.Line("train acc", run.evalIter, run.trainAcc)
	c.Line("test acc", run.evalIter, run.testAcc).Dashed = true
	return c
}

// digitTemplates draws, for each digit d, the 28x28 map of W1·W2·...·WL
// column d: how much each pixel adds to the digit's score through the
// network with its ReLUs and biases left out. The original calls it "how
// W1 affects each number".
func digitTemplates(net *network.Net) *plot.ImageGrid {
	product := net.Param("W1")
	for k := 2; net.Param("W"+strconv.Itoa(k)) != nil; k++ {
		product = mat.Dot(product, net.Param("W"+strconv.Itoa(k)))
	}
	g := plot.NewImageGrid(5)
	g.Map, g.Scale = plot.Diverging, 5
	for d := range product.Cols {
		g.Add(28, 28, column(product, d), strconv.Itoa(d))
	}
	return g
}

// column returns a copy of column j of m.
func column(m *mat.Matrix, j int) []float64 {
	col := make([]float64, m.Rows)
	for i := range col {
		col[i] = m.At(i, j)
	}
	return col
}

// noiseChart draws the sweep's test accuracy against the test noise, one
// line for each training noise level: the original's "accuracy with
// variable noise percentage".
func noiseChart(s *noiseSweep) *plot.Chart {
	c := &plot.Chart{
		Title:  "test accuracy against noise",
		X:      plot.Axis{Label: "test noise (% of pixels drawn)"},
		Y:      plot.Axis{Label: "test accuracy"},
		Legend: plot.LegendOutside,
		Width:  760, // room for the legend beside the plot
	}
	for i, level := range s.trainLevels {
		c.Line(fmt.Sprintf("trained at %g%%", level), s.testLevels, s.acc[i])
	}
	return c
}

// writeNoiseCSV writes the sweep's accuracies to path: a header row of test
// noise levels, then one row per training level beginning with that level.
func writeNoiseCSV(path string, s *noiseSweep) error {
	var b bytes.Buffer
	b.WriteString("train_noise\\test_noise")
	for _, level := range s.testLevels {
		b.WriteString("," + strconv.FormatFloat(level, 'g', -1, 64))
	}
	b.WriteString("\n")
	for i, level := range s.trainLevels {
		b.WriteString(strconv.FormatFloat(level, 'g', -1, 64))
		for _, acc := range s.acc[i] {
			b.WriteString("," + strconv.FormatFloat(acc, 'f', 4, 64))
		}
		b.WriteString("\n")
	}
	return atomicfile.WriteBytes(path, b.Bytes())
}

// printNoiseTable prints the sweep's accuracies in percent, training noise
// down the side and test noise across, for the test levels that are
// multiples of 5 (noise.csv has them all).
func printNoiseTable(w io.Writer, s *noiseSweep) {
	var cols []int
	for j, level := range s.testLevels {
		if math.Mod(level, 5) == 0 || j == len(s.testLevels)-1 {
			cols = append(cols, j)
		}
	}
	fmt.Fprintf(w, "test accuracy (%%), training noise down, test noise across:\n%-7s", "train")
	for _, j := range cols {
		fmt.Fprintf(w, " %6s", strconv.FormatFloat(s.testLevels[j], 'g', -1, 64)+"%")
	}
	fmt.Fprintln(w)
	for i, level := range s.trainLevels {
		fmt.Fprintf(w, "%-7s", strconv.FormatFloat(level, 'g', -1, 64)+"%")
		for _, j := range cols {
			fmt.Fprintf(w, " %6.2f", 100*s.acc[i][j])
		}
		fmt.Fprintln(w)
	}
}

// weightImages draws each hidden unit's incoming weights, a column of W1
// (784 values), as a 28x28 tile: red where a bright pixel raises the unit's
// input, blue where it lowers it, white for 0. Each tile has its own scale,
// symmetric around 0, so that weak units show their pattern too; the caption
// under it is that scale, the tile's largest |weight|. A tile of pure
// speckle is a unit that never learned (a dead ReLU): its weights are still
// the random initial ones.
func weightImages(W1 *mat.Matrix) *plot.ImageGrid {
	g := plot.NewImageGrid(10)
	g.Map, g.Norm, g.Scale = plot.Diverging, plot.NormTile, 3
	for j := 0; j < W1.Cols; j++ {
		tile := make([]float64, W1.Rows)
		largest := 0.0
		for i := range tile {
			tile[i] = W1.At(i, j)
			largest = max(largest, math.Abs(tile[i]))
		}
		g.Add(28, 28, tile, fmt.Sprintf("%.2f", largest))
	}
	return g
}
