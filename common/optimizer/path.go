// The path an optimizer takes on a function of two variables, for the figures
// of the book's section 6.1 (ch06/optimizer_compare_naive.py).

package optimizer

import (
	"dlfs/common/mat"
	"dlfs/common/nn"
)

// Path starts at start and applies steps updates of opt to the point (x, y),
// taking the gradient from grad each time. It returns the steps+1 points
// visited: path[0] is start and path[i] the point after i updates. The book's
// figures, with steps 30, plot path[:30] (its x_history and y_history stop
// before the last update).
func Path(opt Optimizer, start [2]float64, grad func(x, y float64) (dx, dy float64), steps int) [][2]float64 {
	x := mat.NewFrom(1, 1, []float64{start[0]})
	y := mat.NewFrom(1, 1, []float64{start[1]})
	dx, dy := mat.New(1, 1), mat.New(1, 1)
	params := []nn.Param{{Name: "x", Value: x, Grad: dx}, {Name: "y", Value: y, Grad: dy}}

	path := make([][2]float64, 0, max(steps, 0)+1)
	path = append(path, start)
	for range steps {
		dx.Data[0], dy.Data[0] = grad(x.Data[0], y.Data[0])
		opt.Update(params)
		path = append(path, [2]float64{x.Data[0], y.Data[0]})
	}
	return path
}
