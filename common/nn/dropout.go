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
type Dropout struct {
	Ratio float64 // probability of dropping a unit, the book's dropout_ratio
	Train bool    // training mode (the book's train_flg); see SetTrain

	// Mask[i] is true where element i was kept by the last training Forward.
	Mask []bool

	// FixMask makes a training Forward reuse Mask instead of drawing a new
	// one, so that the output is a fixed function of the input, as a
	// gradient check needs. A mask is still drawn when there is none of the
	// input's size yet.
	FixMask bool

	// Rand draws the masks; give it a fixed seed for a reproducible run.
	Rand *rand.Rand
}

// NewDropout returns a Dropout layer in training mode (the book's default)
// that drops units with probability ratio, drawing its masks from rng.
func NewDropout(ratio float64, rng *rand.Rand) *Dropout {
	if !(ratio >= 0 && ratio < 1) {
		panic(fmt.Sprintf("nn.NewDropout: ratio %v is not in [0, 1)", ratio))
	}
	return &Dropout{Ratio: ratio, Train: true, Rand: rng}
}

// SetTrain switches between training (random mask) and test (scale by
// 1 - Ratio) behaviour.
func (d *Dropout) SetTrain(train bool) { d.Train = train }

// Forward returns x * mask in training mode and x * (1 - Ratio) otherwise.
func (d *Dropout) Forward(x *mat.Matrix) *mat.Matrix {
	if !d.Train {
		return x.Clone().Scale(1 - d.Ratio)
	}
	if !d.FixMask || len(d.Mask) != len(x.Data) {
		d.Mask = growBools(d.Mask, len(x.Data))
		for i := range d.Mask {
			d.Mask[i] = d.Rand.Float64() > d.Ratio
		}
	}
	out := mat.New(x.Rows, x.Cols)
	for i, v := range x.Data {
		if d.Mask[i] {
			out.Data[i] = v
		}
	}
	return out
}

// Backward returns dout * mask after a training Forward, and
// dout * (1 - Ratio) after a test one: the derivative of that Forward.
func (d *Dropout) Backward(dout *mat.Matrix) *mat.Matrix {
	if !d.Train {
		return dout.Clone().Scale(1 - d.Ratio)
	}
	mustLen("Dropout.Backward", dout, len(d.Mask))
	dx := mat.New(dout.Rows, dout.Cols)
	for i, v := range dout.Data {
		if d.Mask[i] {
			dx.Data[i] = v
		}
	}
	return dx
}
