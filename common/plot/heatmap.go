// Heatmap: a matrix drawn as coloured cells with the value written in each,
// like a confusion matrix (true digit by row, predicted digit by column),
// with a colour bar that says what the colours mean.

package plot

import (
	"fmt"
	"io"
	"math"
	"strconv"
)

// Heatmap draws Values[row][col] as a grid of coloured cells. Row 0 is at
// the top, like a printed matrix.
type Heatmap struct {
	Title  string
	Values [][]float64 // one slice per row, all of the same length

	RowLabels, ColLabels []string // nil numbers the rows and columns from 0
	XLabel, YLabel       string   // what the columns and rows are: "predicted", "true"

	Map      Colormap // the zero Colormap means Blues
	Min, Max float64  // the colour range when Min < Max; otherwise that of the values
	// Format writes a cell's value; nil means FormatNumber. The text is dark
	// on light cells and white on dark ones.
	Format       func(v float64) string
	HideValues   bool // colour only, no numbers in the cells
	HideColorbar bool

	Width, Height float64 // in pixels when the heatmap is written alone; 0 means 560x520
}

// WriteTo writes the heatmap as a standalone SVG document to w.
func (h *Heatmap) WriteTo(w io.Writer) (int64, error) { return writeSVG(w, h) }

// WriteFile writes the heatmap as an SVG file, atomically.
func (h *Heatmap) WriteFile(path string) error {
	return writeToFile(path, h)
}

// size returns the heatmap's size, 560x520 unless set.
func (h *Heatmap) size() (w, ht float64) { return sizeOr(h.Width, h.Height, 560, 520) }

// colorRange returns the values the first and last colours of the map
// stand for.
func (h *Heatmap) colorRange(cmap Colormap) (lo, hi float64) {
	if h.Min < h.Max {
		return h.Min, h.Max
	}
	var e extent
	for _, row := range h.Values {
		for _, v := range row {
			e.add(v, false)
		}
	}
	lo, hi = e.lo, e.hi
	if cmap.Centered {
		m := math.Max(math.Abs(lo), math.Abs(hi))
		lo, hi = -m, m
	}
	if lo == hi {
		hi = lo + 1
	}
	return lo, hi
}

// label returns the i-th of labels, or i when there are none.
func label(labels []string, i int) string {
	if i < len(labels) {
		return labels[i]
	}
	return strconv.Itoa(i)
}

// render draws the heatmap into box b of s.
func (h *Heatmap) render(s *svgWriter, b box, id string) error {
	rows := len(h.Values)
	cols := 0
	if rows > 0 {
		cols = len(h.Values[0])
	}
	for i, row := range h.Values {
		if len(row) != cols {
			return fmt.Errorf("plot: heatmap %q: row %d has %d values, row 0 has %d", h.Title, i, len(row), cols)
		}
	}
	if rows == 0 || cols == 0 {
		return fmt.Errorf("plot: heatmap %q has no values", h.Title)
	}
	cmap := h.Map.orDefault(Blues)
	lo, hi := h.colorRange(cmap)
	format := h.Format
	if format == nil {
		format = FormatNumber
	}

	// Layout: title on top, row labels left, column labels below, colour bar right.
	top := b.y + pad + 4
	if h.Title != "" {
		top += titleSize * lineGap
	}
	bottom := b.y + b.h - pad - tickSize - 6
	if h.XLabel != "" {
		bottom -= labelSize*lineGap + 2
	}
	rowW := 0.0
	for i := 0; i < rows; i++ {
		rowW = math.Max(rowW, textWidth(label(h.RowLabels, i), tickSize))
	}
	left := b.x + pad + rowW + 6
	if h.YLabel != "" {
		left += labelSize*lineGap + 2
	}
	var cbarTicks []float64
	right := b.x + b.w - pad
	if !h.HideColorbar {
		cbarTicks = Ticks(lo, hi, 6)
		widest := 0.0
		for _, l := range formatTicks(cbarTicks) {
			widest = math.Max(widest, textWidth(l, tickSize))
		}
		right -= 16 + 14 + 5 + widest
	}
	cell := math.Min((right-left)/float64(cols), (bottom-top)/float64(rows))
	if cell <= 0 {
		return fmt.Errorf("plot: heatmap %q: a %gx%g box is too small for %dx%d cells", h.Title, b.w, b.h, rows, cols)
	}
	gx := left + ((right-left)-cell*float64(cols))/2
	gy := top
	gw, gh := cell*float64(cols), cell*float64(rows)

	// The largest font for the cell values that fits the widest of them.
	valueSize := math.Min(13, cell*0.38)
	if !h.HideValues {
		for _, row := range h.Values {
			for _, v := range row {
				if w := textWidth(format(v), 1); w > 0 {
					valueSize = math.Min(valueSize, (cell-4)/w)
				}
			}
		}
	}

	s.printf(`<g class="heatmap" id="%s">`+"\n", id)
	for i, row := range h.Values {
		for j, v := range row {
			x, y := gx+float64(j)*cell, gy+float64(i)*cell
			fill := "#d9d9d9" // NaN: a neutral grey without text
			var c = cmap.At((v - lo) / (hi - lo))
			if !math.IsNaN(v) {
				fill = cssColor(c)
			}
			s.printf(`<rect class="cell" x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n",
				num(x), num(y), num(cell+0.3), num(cell+0.3), fill) // +0.3 hides hairline seams
			if !h.HideValues && !math.IsNaN(v) && valueSize >= 6 {
				s.text(x+cell/2, y+cell/2+valueSize*0.35, valueSize, "middle", "value", fmt.Sprintf(` fill="%s"`, textColorOn(c)), format(v))
			}
		}
	}
	s.printf(`<rect class="frame" x="%s" y="%s" width="%s" height="%s" fill="none" stroke="#404040"/>`+"\n", num(gx), num(gy), num(gw), num(gh))
	for i := 0; i < rows; i++ {
		s.text(gx-6, gy+(float64(i)+0.5)*cell+tickSize*0.35, tickSize, "end", "rowlabel", ` fill="#262626"`, label(h.RowLabels, i))
	}
	for j := 0; j < cols; j++ {
		s.text(gx+(float64(j)+0.5)*cell, gy+gh+4+tickSize*0.85, tickSize, "middle", "collabel", ` fill="#262626"`, label(h.ColLabels, j))
	}
	if h.XLabel != "" {
		s.text(gx+gw/2, gy+gh+4+tickSize+4+labelSize, labelSize, "middle", "xlabel", "", h.XLabel)
	}
	if h.YLabel != "" {
		x, y := gx-6-rowW-6-labelSize*0.35, gy+gh/2
		s.text(0, 0, labelSize, "middle", "ylabel", fmt.Sprintf(` transform="translate(%s,%s) rotate(-90)"`, num(x), num(y)), h.YLabel)
	}
	if h.Title != "" {
		s.text(gx+gw/2, b.y+pad+titleSize*0.9, titleSize, "middle", "title", ` font-weight="bold"`, h.Title)
	}
	if !h.HideColorbar {
		drawColorbar(s, box{gx + gw + 16, gy, 14, gh}, cmap, lo, hi, cbarTicks, id+"-cbar")
	}
	s.printf("</g>\n")
	return nil
}

// drawColorbar draws a vertical colour scale in r, lo at the bottom, with
// labelled ticks on its right.
func drawColorbar(s *svgWriter, r box, cmap Colormap, lo, hi float64, ticks []float64, id string) {
	s.printf(`<linearGradient id="%s" x1="0" y1="1" x2="0" y2="0">`, id)
	const stops = 16
	for k := 0; k <= stops; k++ {
		t := float64(k) / stops
		s.printf(`<stop offset="%s" stop-color="%s"/>`, num(t), cssColor(cmap.At(t)))
	}
	s.printf("</linearGradient>\n")
	s.printf(`<rect class="colorbar" x="%s" y="%s" width="%s" height="%s" fill="url(#%s)" stroke="#404040"/>`+"\n",
		num(r.x), num(r.y), num(r.w), num(r.h), id)
	for i, l := range formatTicks(ticks) {
		y := r.y + r.h - (ticks[i]-lo)/(hi-lo)*r.h
		s.printf(`<path d="M%s %sh4" stroke="#404040"/>`+"\n", num(r.x+r.w), num(y))
		s.text(r.x+r.w+6, y+tickSize*0.35, tickSize, "start", "cbartick", ` fill="#262626"`, l)
	}
}
