// Contour lines of a function of two variables, found by marching squares:
// sample the function on a grid, find in each grid cell where the level
// crosses the cell's edges by linear interpolation, and join the pieces into
// lines. ch06's optimizer_compare_naive.py draws the paths of SGD, Momentum,
// AdaGrad and Adam over plt.contour of f(x, y) = x²/20 + y².

package plot

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"math"
	"strings"
)

// Contour is a chart layer that draws level lines of F, matplotlib's
// plt.contour, over whatever range the chart's axes show. F is sampled every
// two pixels, so the lines are as smooth as the picture can show.
type Contour struct {
	F      func(x, y float64) float64
	Levels []float64 // the values to draw; nil picks about eight round ones
	Filled bool      // also paint the bands between levels (plt.contourf)
	// Map colours the levels from the lowest (0) to the highest (1);
	// the zero Colormap means Viridis, matplotlib's default.
	Map       Colormap
	LineWidth float64 // 0 means 1
}

// AddContour adds level lines of f at the given levels (none: chosen
// automatically) and returns the layer. Contours are drawn under bars and
// series. Give the chart fixed axis ranges, or series that span the region
// of interest, because the contour does not widen the axes.
func (c *Chart) AddContour(f func(x, y float64) float64, levels ...float64) *Contour {
	k := &Contour{F: f, Levels: levels}
	c.Contours = append(c.Contours, k)
	return k
}

// Point is a point in the plane.
type Point struct{ X, Y float64 }

// ContourLines samples f on an nx x ny grid spanning [x0, x1] x [y0, y1]
// and returns the lines where f equals level, each a list of points. A
// closed line ends with its first point. Cells with a NaN corner are left
// out. nx and ny must be at least 2; otherwise there are no cells and no
// lines.
func ContourLines(f func(x, y float64) float64, x0, x1, y0, y1 float64, nx, ny int, level float64) [][]Point {
	if nx < 2 || ny < 2 {
		return nil
	}
	g := sample(f, nx, ny, func(i int) float64 { return x0 + float64(i)*(x1-x0)/float64(nx-1) },
		func(j int) float64 { return y0 + float64(j)*(y1-y0)/float64(ny-1) })
	lines := marchingSquares(g, level)
	for _, line := range lines {
		for k, p := range line {
			line[k] = Point{x0 + p.X*(x1-x0)/float64(nx-1), y0 + p.Y*(y1-y0)/float64(ny-1)}
		}
	}
	return lines
}

// field is a function sampled on a grid: v[j*nx+i] is its value at grid
// point (i, j).
type field struct {
	nx, ny int
	v      []float64
}

func (g field) at(i, j int) float64 { return g.v[j*g.nx+i] }

// sample evaluates f at (x(i), y(j)) for every grid point.
func sample(f func(x, y float64) float64, nx, ny int, x, y func(int) float64) field {
	g := field{nx, ny, make([]float64, nx*ny)}
	for j := 0; j < ny; j++ {
		yj := y(j)
		for i := 0; i < nx; i++ {
			g.v[j*nx+i] = f(x(i), yj)
		}
	}
	return g
}

// marchingSquares returns the lines where g crosses level, in grid
// coordinates: Point{2.5, 3} is halfway between grid points (2, 3) and (3, 3).
//
// A grid point is "in" when its value is >= level. An edge of a cell whose
// two ends differ is crossed, at the linearly interpolated point. A cell has
// zero, two or four crossed edges; with four (a saddle, two opposite corners
// in) the mean of the corners decides which corners the in-region joins.
// Each piece of line is known by the two edges it joins, and pieces that
// share an edge are chained into lines.
func marchingSquares(g field, level float64) [][]Point {
	nx, ny := g.nx, g.ny
	// Edge ids: the horizontal edge from (i, j) to (i+1, j) is j*nx+i, the
	// vertical edge from (i, j) to (i, j+1) is nx*ny + j*nx+i.
	horizontal := func(i, j int) int { return j*nx + i }
	vertical := func(i, j int) int { return nx*ny + j*nx + i }
	crossing := func(id int) Point {
		if id < nx*ny {
			i, j := id%nx, id/nx
			a, b := g.at(i, j), g.at(i+1, j)
			return Point{float64(i) + (level-a)/(b-a), float64(j)}
		}
		id -= nx * ny
		i, j := id%nx, id/nx
		a, b := g.at(i, j), g.at(i, j+1)
		return Point{float64(i), float64(j) + (level-a)/(b-a)}
	}

	type piece struct{ e0, e1 int }
	var pieces []piece
	for j := 0; j+1 < ny; j++ {
		for i := 0; i+1 < nx; i++ {
			a, b, c, d := g.at(i, j), g.at(i+1, j), g.at(i+1, j+1), g.at(i, j+1)
			if math.IsNaN(a) || math.IsNaN(b) || math.IsNaN(c) || math.IsNaN(d) {
				continue
			}
			inA, inB, inC, inD := a >= level, b >= level, c >= level, d >= level
			bottom, right, top, left := horizontal(i, j), vertical(i+1, j), horizontal(i, j+1), vertical(i, j)
			var crossed [4]int
			n := 0
			for _, e := range [4]struct {
				yes bool
				id  int
			}{{inA != inB, bottom}, {inB != inC, right}, {inD != inC, top}, {inA != inD, left}} {
				if e.yes {
					crossed[n] = e.id
					n++
				}
			}
			switch {
			case n == 2:
				pieces = append(pieces, piece{crossed[0], crossed[1]})
			case n == 4 && ((a+b+c+d)/4 >= level) == inA:
				// The middle is like corner a, so a joins c: cut off b and d.
				pieces = append(pieces, piece{bottom, right}, piece{top, left})
			case n == 4:
				// The middle is like b and d: cut off a and c.
				pieces = append(pieces, piece{left, bottom}, piece{right, top})
			}
		}
	}

	// Chain the pieces: first the open lines, from a piece with an end that
	// no other piece shares, then the closed loops.
	atEdge := make(map[int][]int, 2*len(pieces))
	for k, p := range pieces {
		atEdge[p.e0] = append(atEdge[p.e0], k)
		atEdge[p.e1] = append(atEdge[p.e1], k)
	}
	used := make([]bool, len(pieces))
	trace := func(k, start int) []Point {
		line := []Point{crossing(start)}
		edge := start
		for k >= 0 {
			used[k] = true
			if pieces[k].e0 == edge {
				edge = pieces[k].e1
			} else {
				edge = pieces[k].e0
			}
			line = append(line, crossing(edge))
			next := -1
			for _, m := range atEdge[edge] {
				if !used[m] {
					next = m
				}
			}
			k = next
		}
		return line
	}
	var lines [][]Point
	for k, p := range pieces {
		if used[k] {
			continue
		}
		if len(atEdge[p.e0]) == 1 {
			lines = append(lines, trace(k, p.e0))
		} else if len(atEdge[p.e1]) == 1 {
			lines = append(lines, trace(k, p.e1))
		}
	}
	for k, p := range pieces {
		if !used[k] {
			lines = append(lines, trace(k, p.e0))
		}
	}
	return lines
}

// render draws the contour layer into the plot area, sampling F every two
// pixels for the lines and at every pixel for the filled bands.
func (k *Contour) render(s *svgWriter, area box, xs, ys scale, id string) error {
	nx, ny := max(2, int(area.w/2)+1), max(2, int(area.h/2)+1)
	px := func(i int) float64 { return area.x + float64(i)*area.w/float64(nx-1) }
	py := func(j int) float64 { return area.y + float64(j)*area.h/float64(ny-1) }
	g := sample(func(x, y float64) float64 { return k.F(x, y) }, nx, ny,
		func(i int) float64 { return xs.value(px(i)) }, func(j int) float64 { return ys.value(py(j)) })
	levels := k.Levels
	if levels == nil {
		levels = autoLevels(g.v)
	}
	cmap := k.Map.orDefault(Viridis)
	s.printf(`<g class="contours" id="%s">`+"\n", id)
	if k.Filled {
		if err := k.renderBands(s, area, xs, ys, levels, cmap); err != nil {
			return err
		}
	}
	width := k.LineWidth
	if width <= 0 {
		width = 1
	}
	for n, level := range levels {
		var d strings.Builder
		for _, line := range marchingSquares(g, level) {
			for m, p := range line {
				cmd := "L"
				if m == 0 {
					cmd = "M"
				}
				fmt.Fprintf(&d, "%s%s %s", cmd, num(area.x+p.X*area.w/float64(nx-1)), num(area.y+p.Y*area.h/float64(ny-1)))
			}
		}
		paint := fmt.Sprintf(`stroke="%s"`, cssColor(cmap.At(levelFraction(n, len(levels)))))
		if k.Filled {
			paint = `stroke="#000000" stroke-opacity="0.3"` // lines between bands of the map's colours
		}
		s.printf(`<path class="contour" data-level="%s" d="%s" fill="none" %s stroke-width="%s"/>`+"\n",
			FormatNumber(level), d.String(), paint, num(width))
	}
	s.printf("</g>\n")
	return nil
}

// renderBands paints each pixel of the plot area with the colour of the
// band between levels that F's value falls in, as an embedded PNG image.
func (k *Contour) renderBands(s *svgWriter, area box, xs, ys scale, levels []float64, cmap Colormap) error {
	w, h := max(1, int(math.Ceil(area.w))), max(1, int(math.Ceil(area.h)))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for j := 0; j < h; j++ {
		y := ys.value(area.y + (float64(j)+0.5)*area.h/float64(h))
		for i := 0; i < w; i++ {
			v := k.F(xs.value(area.x+(float64(i)+0.5)*area.w/float64(w)), y)
			band := 0
			for band < len(levels) && v >= levels[band] {
				band++
			}
			img.SetRGBA(i, j, cmap.At(float64(band)/float64(max(len(levels), 1))))
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("contour bands: %w", err)
	}
	s.printf(`<image class="contour-bands" x="%s" y="%s" width="%s" height="%s" preserveAspectRatio="none" href="data:image/png;base64,%s"/>`+"\n",
		num(area.x), num(area.y), num(area.w), num(area.h), base64.StdEncoding.EncodeToString(buf.Bytes()))
	return nil
}

// levelFraction places level n of count on the colour map.
func levelFraction(n, count int) float64 {
	if count <= 1 {
		return 0.5
	}
	return float64(n) / float64(count-1)
}

// autoLevels picks round levels strictly between the smallest and largest
// finite sampled values.
func autoLevels(v []float64) []float64 {
	var e extent
	for _, x := range v {
		e.add(x, false)
	}
	if !e.ok || e.lo == e.hi {
		return nil
	}
	var levels []float64
	for _, t := range Ticks(e.lo, e.hi, 10) {
		if t > e.lo && t < e.hi {
			levels = append(levels, t)
		}
	}
	return levels
}
