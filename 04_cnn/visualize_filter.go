// The first layer's filters as images, the book's ch07/visualize_filter.py:
// each filter drawn with matplotlib's gray_r (large weights dark), stretched
// from its own smallest to its largest weight, eight to a row.

package main

import (
	"dlfs/common/mat"
	"dlfs/common/plot"
)

// filterGrid returns the picture of the filters w (FN x C*FH*FW, the book's
// (FN, C, FH, FW) flattened), each shown by its first channel of fh x fw
// weights, as the book's filter_show draws filters[i, 0].
func filterGrid(w *mat.Matrix, fh, fw int) *plot.ImageGrid {
	g := plot.NewImageGrid(8)
	g.Map, g.Norm = plot.GrayR, plot.NormTile
	g.Scale, g.Gap = 60/fw, 3 // tiles about 60 pixels wide, 3 pixels apart: the book's margin=3
	for f := 0; f < w.Rows; f++ {
		g.Add(fw, fh, w.Row(f)[:fh*fw], "")
	}
	return g
}
