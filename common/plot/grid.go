// Grid: several charts in one SVG, matplotlib's plt.subplot(rows, cols, i).
// ch06 uses it for the four optimizer paths (2x2) and the batch-norm
// experiment (4x4), and for a row of five activation histograms.

package plot

import (
	"fmt"
	"io"
)

// Grid lays out panels (charts or heatmaps) in rows and columns, filling
// each row from left to right. A panel's own Width and Height are ignored;
// every cell is CellWidth x CellHeight.
type Grid struct {
	Rows, Cols int
	Panels     []Panel
	Title      string

	CellWidth, CellHeight float64 // 0 means 320x250 pixels
}

// NewGrid returns a grid of rows x cols cells holding panels in order.
func NewGrid(rows, cols int, panels ...Panel) *Grid {
	return &Grid{Rows: rows, Cols: cols, Panels: panels}
}

// WriteTo writes the grid as a standalone SVG document to w.
func (g *Grid) WriteTo(w io.Writer) (int64, error) {
	if g.Rows < 1 || g.Cols < 1 {
		return 0, fmt.Errorf("plot: grid %q of %dx%d cells; want at least 1x1", g.Title, g.Rows, g.Cols)
	}
	if len(g.Panels) > g.Rows*g.Cols {
		return 0, fmt.Errorf("plot: grid %q has %d panels for %dx%d cells", g.Title, len(g.Panels), g.Rows, g.Cols)
	}
	cw, ch := g.cellSize()
	top := g.titleHeight()
	width, height := cw*float64(g.Cols), top+ch*float64(g.Rows)
	s := newSVG(width, height)
	if g.Title != "" {
		s.text(width/2, pad+titleSize+1, titleSize+2, "middle", "title", ` font-weight="bold"`, g.Title)
	}
	for i, p := range g.Panels {
		if p == nil {
			continue
		}
		r, c := i/g.Cols, i%g.Cols
		cell := box{float64(c) * cw, top + float64(r)*ch, cw, ch}
		if err := p.render(s, cell, fmt.Sprintf("p%d", i)); err != nil {
			return 0, err
		}
	}
	return s.finish(w)
}

// WriteFile writes the grid as an SVG file, atomically.
func (g *Grid) WriteFile(path string) error {
	return writeToFile(path, g)
}

// cellSize returns the size of one cell, 320x250 unless set.
func (g *Grid) cellSize() (w, h float64) { return sizeOr(g.CellWidth, g.CellHeight, 320, 250) }

func (g *Grid) titleHeight() float64 {
	if g.Title == "" {
		return 0
	}
	return pad + (titleSize+2)*lineGap
}
