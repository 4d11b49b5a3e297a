// The Dropout layer of the book's chapter 6.4.3 (common/layers.py, class
// Dropout; Srivastava et al., http://arxiv.org/abs/1207.0580).

package nn

import (
	"fmt"
	"math/rand/v2"

	"dlfs/common/mat"
)

// Dropout drops units at random while training. It is the book's version,
// not "inverted" dropout: in training each element is kept with probability
// 1 - Ratio and passed unscaled; at test time every element is passed,
// multiplied by 1 - Ratio, so that its expected value matches training.
// It keeps the contract of Layer.
type Dropout struct {
	Ratio float64 // probability of dropping a unit, the book's dropout_ratio

	// Mask[i] is true where element i was kept by the last training Forward.
	Mask []bool

	// FixMask makes a training Forward reuse Mask instead of drawing a new
	// one, so that the output is a fixed function of the input, as a
	// gradient check needs. A mask is still drawn when there is none of the
	// input's size yet.
	FixMask bool

	// Rand draws the masks; give it a fixed seed for a reproducible run.
	Rand *rand.Rand

	train   bool        // the train flag of the last Forward, for Backward
	out, dx *mat.Matrix // returned by Forward and Backward, reused
}

// NewDropout returns a Dropout layer that drops units with probability
// ratio, drawing its masks from rng.
func NewDropout(ratio float64, rng *rand.Rand) *Dropout {
	if !(ratio >= 0 && ratio < 1) {
		panic(fmt.Sprintf("nn.NewDropout: ratio %v is not in [0, 1)", ratio))
	}
	return &Dropout{Ratio: ratio, Rand: rng}
}

// Forward returns x * mask in training and x * (1 - Ratio) at test time.
func (d *Dropout) Forward(x *mat.Matrix, train bool) *mat.Matrix {
	d.train = train
	d.out = layerBuffer(d.out, x.Rows, x.Cols)
	if !train {
		return d.out.CopyFrom(x).Scale(1 - d.Ratio)
	}
	if !d.FixMask || len(d.Mask) != len(x.Data) {
		d.Mask = growBools(d.Mask, len(x.Data))
		for i := range d.Mask {
			d.Mask[i] = d.Rand.Float64() > d.Ratio
		}
	}
	for i, v := range x.Data {
		d.out.Data[i] = 0
		if d.Mask[i] {
			d.out.Data[i] = v
		}
	}
	return d.out
}

// Backward returns dout * mask after a training Forward, and
// dout * (1 - Ratio) after a test one: the derivative of that Forward.
func (d *Dropout) Backward(dout *mat.Matrix) *mat.Matrix {
	d.dx = layerBuffer(d.dx, dout.Rows, dout.Cols)
	if !d.train {
		return d.dx.CopyFrom(dout).Scale(1 - d.Ratio)
	}
	mustLen("Dropout.Backward", dout, len(d.Mask))
	for i, v := range dout.Data {
		d.dx.Data[i] = 0
		if d.Mask[i] {
			d.dx.Data[i] = v
		}
	}
	return d.dx
}

// Params returns nil: dropout has no parameters.
func (d *Dropout) Params() []Param { return nil }
