// The pictures -out writes: the accuracy and loss curves of a training run,
// the filters before and after, the filters applied to an image, and the
// misclassified test images; and the list of every file a run writes.

package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"dlfs/common/cli"
	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/nn"
	"dlfs/common/trainer"
	"dlfs/dataset"
)

// outputs are the files a run of c writes: the pictures in -out, and -save,
// by default simple_convnet.npz or deep_convnet.npz in -out, else in
// out/04_cnn. -half and -check write nothing.
func outputs(c config) []cli.Output {
	pictures := []string{"filters_before.png", "filters_after.png", "apply_filter.png", "misclassified.png"}
	trained := append(pictures, "accuracy.svg", "loss.svg")
	switch {
	case c.half || c.check:
		return nil
	case c.weights != "":
		return []cli.Output{cli.Folder("-out", c.out, pictures...)}
	case c.save != "":
		return []cli.Output{cli.File("-save", c.save, ""), cli.Folder("-out", c.out, trained...)}
	case c.out == "":
		return []cli.Output{cli.Folder("-save", filepath.Join("out", "04_cnn"), c.net+"_convnet.npz")}
	}
	return []cli.Output{cli.Folder("-out", c.out, append(trained, c.net+"_convnet.npz")...)}
}

// pictures holds what the pictures need from before the run: the random
// initial filters (the "before" of visualize_filter.py) and the image of
// apply_filter.png, -filter-image's or, when img is nil, the first test
// image.
type pictures struct {
	before *mat.Matrix
	img    []float64
	h, w   int
}

// newPictures keeps net's filters before it is trained or loaded, and reads
// -filter-image, so that a bad image fails the run before its work.
func newPictures(c config, net *network.Net) (*pictures, error) {
	p := &pictures{before: net.Param("W1").Clone()}
	if c.filterImage == "" {
		return p, nil
	} else if c.out == "" {
		return nil, cli.Usagef("-filter-image %s: want -out, the folder apply_filter.png goes in", c.filterImage)
	}
	var err error
	if p.img, p.h, p.w, err = loadGrayPNG(c.filterImage); err != nil {
		return nil, cli.Usagef("-filter-image: %v", err)
	}
	return p, nil
}

// write writes to dir, unless it is nil, accuracy.svg and loss.svg (when
// tr, the training run, is not nil), filters_before.png and
// filters_after.png (the trained or loaded filters), apply_filter.png and
// misclassified.png (from predicted, the class predicted for each image of
// testSet), and a line to stdout naming them.
func (p *pictures) write(dir *cli.Dir, tr *trainer.Trainer, net *network.Net, testSet *dataset.Set, predicted []int, stdout io.Writer) error {
	if dir == nil {
		return nil
	}
	var files []string
	write := func(name string, g cli.FileWriter) error {
		files = append(files, name)
		_, err := dir.Write(name, g)
		return err
	}
	if tr != nil {
		acc, loss := curves(tr)
		if err := write("accuracy.svg", acc); err != nil {
			return err
		}
		if err := write("loss.svg", loss); err != nil {
			return err
		}
	}
	shape := net.Layers[0].(*nn.Convolution).Shape
	if err := write("filters_before.png", filterGrid(p.before, shape.FH, shape.FW)); err != nil {
		return err
	}
	if err := write("filters_after.png", filterGrid(net.Param("W1"), shape.FH, shape.FW)); err != nil {
		return err
	}
	img, h, w := p.img, p.h, p.w
	if img == nil { // the first test image, as load_mnist(normalize=True) gives it
		h, w = testSet.Rows, testSet.Cols
		for _, v := range testSet.Image(0) {
			img = append(img, float64(v)/255)
		}
	}
	files = append(files, "apply_filter.png")
	if err := writeApplyFilter(dir, net.Param("W1"), shape.FH, shape.FW, img, h, w); err != nil {
		return err
	}
	if g, wrong := misclassifiedGrid(testSet, predicted); wrong > 0 {
		if err := write("misclassified.png", g); err != nil {
			return err
		}
		shown := fmt.Sprintf("all %d", wrong)
		if wrong > maxMisclassified {
			shown = fmt.Sprintf("the first %d of %d", maxMisclassified, wrong)
		}
		files[len(files)-1] += " (" + shown + " misclassified test images)"
	}
	_, err := fmt.Fprintf(stdout, "wrote %s to %s\n", strings.Join(files, ", "), dir.Path())
	return err
}
