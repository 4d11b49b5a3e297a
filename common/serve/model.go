// The answers of the page: one image through the prediction network, layer
// by layer (/api/predict), and back again for the gradient of the loss with
// respect to every layer's output and the input pixels (/api/backward).
//
// Machinery of the page, not the book.

package serve

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"sync"

	"dlfs/common/mat"
	"dlfs/common/network"
	"dlfs/common/nn"
)

// model is the network that answers the page, guarded by a mutex: a Net's
// layers keep buffers, so one image goes through at a time. Training works
// on a network of its own and copies its parameters in with setParams.
type model struct {
	mu  sync.Mutex
	net *network.Net
}

// layerJSON is one layer's output for one image.
type layerJSON struct {
	Name   string `json:"name"`
	Shape  []int  `json:"shape"`
	Values drawn  `json:"values"`
}

// drawn holds values to draw, sent with 4 significant digits: a
// SimpleConvNet answer has 39,000 of them, and with all 17 digits it takes
// longer to encode and parse than to compute. (The probabilities are sent
// in full.)
type drawn []float64

// MarshalJSON writes the values as a JSON array, NaN as 0 and infinities as
// +-1e308, since JSON has neither (the handler refuses an answer whose
// probabilities are not numbers).
func (d drawn) MarshalJSON() ([]byte, error) {
	out := make([]byte, 0, 2+7*len(d))
	out = append(out, '[')
	for i, v := range d {
		if i > 0 {
			out = append(out, ',')
		}
		switch {
		case math.IsNaN(v):
			v = 0
		case v > math.MaxFloat64/2:
			v = 1e308
		case v < -math.MaxFloat64/2:
			v = -1e308
		}
		out = strconv.AppendFloat(out, v, 'g', 4, 64)
	}
	return append(out, ']'), nil
}

// predictJSON is the answer of /api/predict.
type predictJSON struct {
	Probabilities []float64   `json:"probabilities"` // softmax of the scores, in float64 as Net.Predict gives them
	Class         int         `json:"class"`         // the most probable class
	Input         []float64   `json:"input"`         // the 784 values that went in, after preparation and noise
	Layers        []layerJSON `json:"layers"`        // every layer's output, in forward order; the last is the scores
}

// predict runs img (784 values) through the network in test mode.
func (m *model) predict(img []float64) predictJSON {
	m.mu.Lock()
	defer m.mu.Unlock()
	x := mat.NewFrom(1, len(img), img)
	ans := predictJSON{Input: img}
	for i, layer := range m.net.Layers {
		x = layer.Forward(x, false)
		ans.Layers = append(ans.Layers, layerJSON{m.net.Names[i], m.net.Shapes[i], slices.Clone(x.Data)})
	}
	ans.Probabilities = slices.Clone(nn.Softmax(x).Data)
	ans.Class = argmax(ans.Probabilities)
	return ans
}

// gradJSON is the gradient arriving at one layer's output in /api/backward.
type gradJSON struct {
	Name   string          `json:"name"`
	Shape  []int           `json:"shape"`
	Norm   float64         `json:"norm"`   // Euclidean norm of dL/d(output)
	Params []paramNormJSON `json:"params"` // norms of dL/d(parameter) for the layer's parameters
}

// paramNormJSON is the norm of the gradient of one parameter.
type paramNormJSON struct {
	Name string  `json:"name"`
	Norm float64 `json:"norm"`
}

// pixelGradJSON compares backpropagation's and central differences'
// derivative of the loss with respect to one input pixel.
type pixelGradJSON struct {
	Pixel     int     `json:"pixel"` // row*28 + column
	Backprop  float64 `json:"backprop"`
	Numerical float64 `json:"numerical"`
}

// backwardJSON is the answer of /api/backward.
type backwardJSON struct {
	Target    int             `json:"target"`    // the class whose loss was differentiated
	Loss      float64         `json:"loss"`      // -log(probability of target), >= 0: softmaxLoss
	InputGrad []float64       `json:"inputGrad"` // dL/dx, 784 values
	Layers    []gradJSON      `json:"layers"`    // in forward order
	Numerical []pixelGradJSON `json:"numerical,omitempty"`
}

// numericalPixels is how many pixels the numerical gradient checks: those
// with the largest backpropagated gradient.
const numericalPixels = 8

// backward differentiates the loss of img against class target (-1: the
// predicted class) by the layers' own Backward, in test mode, and with
// numerical also by central differences at a few pixels. The loss it
// reports is softmaxLoss, -log(p) of the target, which is never negative;
// the gradient is that of SoftmaxWithLoss, whose 1e-7 inside the log has no
// derivative.
func (m *model) backward(img []float64, target int, numerical bool) backwardJSON {
	m.mu.Lock()
	defer m.mu.Unlock()
	net := m.net
	scores := mat.NewFrom(1, len(img), img)
	for _, layer := range net.Layers {
		scores = layer.Forward(scores, false)
	}
	if target < 0 {
		target = argmax(scores.Data)
	}
	ans := backwardJSON{Target: target, Loss: softmaxLoss(scores.Data, target), Layers: make([]gradJSON, len(net.Layers))}
	dx := inputGradient(net, scores, []int{target}, func(i int, dout *mat.Matrix) {
		ans.Layers[i] = gradJSON{Name: net.Names[i], Shape: net.Shapes[i], Norm: norm(dout.Data), Params: []paramNormJSON{}}
	})
	for i, layer := range net.Layers {
		for _, p := range layer.Params() {
			ans.Layers[i].Params = append(ans.Layers[i].Params, paramNormJSON{p.Name, norm(p.Grad.Data)})
		}
	}
	ans.InputGrad = slices.Clone(dx.Data)
	if numerical {
		ans.Numerical = numericalGrad(net, img, target, ans.InputGrad)
	}
	return ans
}

// finite reports whether every number of the answer is finite: JSON has
// no NaN nor infinities.
func (a *backwardJSON) finite() bool {
	if !finite(a.InputGrad) || !finite([]float64{a.Loss}) {
		return false
	}
	for _, l := range a.Layers {
		if !finite([]float64{l.Norm}) {
			return false
		}
		for _, p := range l.Params {
			if !finite([]float64{p.Norm}) {
				return false
			}
		}
	}
	for _, n := range a.Numerical {
		if !finite([]float64{n.Backprop, n.Numerical}) {
			return false
		}
	}
	return true
}

// numericalGrad returns the central difference (L(x+h) - L(x-h)) / 2h,
// h = 1e-4 as the book's numerical_gradient, of the loss at the pixels
// where grad is largest, beside grad itself. L is computed by softmaxLoss:
// the function backprop differentiates, accurate even when the network is
// sure of the target and L is 1e-10.
func numericalGrad(net *network.Net, img []float64, target int, grad []float64) []pixelGradJSON {
	order := make([]int, len(grad))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(math.Abs(grad[b]), math.Abs(grad[a])) })
	const h = 1e-4
	x := mat.NewFrom(1, len(img), slices.Clone(img))
	loss := func() float64 { return softmaxLoss(net.Predict(x, false).Data, target) }
	var out []pixelGradJSON
	for _, i := range order[:numericalPixels] {
		v := x.Data[i]
		x.Data[i] = v + h
		up := loss()
		x.Data[i] = v - h
		down := loss()
		x.Data[i] = v
		out = append(out, pixelGradJSON{i, grad[i], (up - down) / (2 * h)})
	}
	return out
}

// softmaxLoss returns -log(softmax(scores)[target]), the cross-entropy
// without the book's 1e-7 inside the log, which backprop leaves out too.
// It is log(sum_j exp(d_j)) with d_j = scores[j] - scores[target], written
// as log1p of the other classes' terms when the target leads, so that a
// loss of 1e-10 keeps all its digits (1 - softmax would keep none).
func softmaxLoss(scores []float64, target int) float64 {
	top := math.Inf(-1)
	for _, s := range scores {
		top = max(top, s-scores[target])
	}
	if top <= 0 {
		var sum float64
		for j, s := range scores {
			if j != target {
				sum += math.Exp(s - scores[target])
			}
		}
		return math.Log1p(sum)
	}
	var sum float64
	for _, s := range scores {
		sum += math.Exp(s - scores[target] - top)
	}
	return top + math.Log(sum)
}

// paramJSON is one parameter's values, the answer of /api/param.
type paramJSON struct {
	Name   string `json:"name"`
	Rows   int    `json:"rows"` // an Affine's W is inputs x outputs; a filter bank is filters x (C*FH*FW)
	Cols   int    `json:"cols"`
	Values drawn  `json:"values"` // row by row
}

// param returns the parameter called name, and false if there is none.
func (m *model) param(name string) (paramJSON, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range m.net.Params() {
		if p.Name == name {
			return paramJSON{p.Name, p.Value.Rows, p.Value.Cols, slices.Clone(p.Value.Data)}, true
		}
	}
	return paramJSON{}, false
}

// setParams copies the values of from's parameters into the model's.
func (m *model) setParams(from *network.Net) {
	m.mu.Lock()
	defer m.mu.Unlock()
	copyParams(m.net, from)
}

// copyParams copies the values of from's parameters into to's, two networks
// built alike.
func copyParams(to, from *network.Net) {
	dst := to.Params()
	for i, p := range from.Params() {
		copy(dst[i].Value.Data, p.Value.Data)
	}
}

// argmax returns the index of the largest value of v (the first of equals).
func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

// norm returns the Euclidean norm of v, scaled by the largest magnitude
// as LAPACK's dnrm2 is, so that it stays finite for finite values whose
// squares would overflow (weights of 1e160 give gradients of 1e170).
func norm(v []float64) float64 {
	scale := 0.0
	for _, x := range v {
		scale = max(scale, math.Abs(x))
	}
	if scale == 0 || math.IsInf(scale, 0) || math.IsNaN(scale) {
		return scale
	}
	var sum float64
	for _, x := range v {
		sum += (x / scale) * (x / scale)
	}
	return scale * math.Sqrt(sum)
}
