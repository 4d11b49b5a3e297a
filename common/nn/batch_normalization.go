// The Batch Normalization layer of the book's chapter 6.3 (common/layers.py,
// class BatchNormalization; Ioffe and Szegedy, http://arxiv.org/abs/1502.03167).

package nn

import (
	"fmt"
	"math"

	"dlfs/common/mat"
)

// BatchNormEps is added to the variance before the square root. The book
// writes it as 10e-7, which is 1e-6 (not 1e-7); this is the book's value.
const BatchNormEps = 10e-7

// BatchNormalization normalizes each column (feature) of a batch to mean 0
// and variance 1, then scales by Gamma and shifts by Beta. In training it uses
// the batch's own mean and variance and folds them into the running averages;
// at test time it uses the running averages. A convolution's output is
// normalized the same way, each of its C*H*W values being a column, as the
// book does by reshaping to (N, -1). It keeps the contract of Layer.
type BatchNormalization struct {
	Gamma, Beta   *mat.Matrix // 1xD scale and shift, learned
	DGamma, DBeta *mat.Matrix // their gradients from the last Backward, overwritten by the next

	Momentum    float64     // weight of the old running average, 0.9 in the book
	RunningMean *mat.Matrix // 1xD mean used at test time
	RunningVar  *mat.Matrix // 1xD variance used at test time

	// Kept from the last Forward for Backward, with the book's names.
	Xc  *mat.Matrix // x minus the mean
	Std *mat.Matrix // 1xD, sqrt(variance + BatchNormEps)
	Xn  *mat.Matrix // Xc / Std, the normalized input

	train   bool        // the train flag of the last Forward, for Backward
	out, dx *mat.Matrix // returned by Forward and Backward, reused
}

// NewBatchNormalization returns a layer that uses (does not copy) gamma and
// beta, with the book's momentum 0.9 and running averages
// starting at 0.
func NewBatchNormalization(gamma, beta *mat.Matrix) *BatchNormalization {
	if gamma.Rows != 1 || beta.Rows != 1 || gamma.Cols != beta.Cols {
		panic(fmt.Sprintf("nn.NewBatchNormalization: gamma %dx%d and beta %dx%d must be the same 1xD row", gamma.Rows, gamma.Cols, beta.Rows, beta.Cols))
	}
	return &BatchNormalization{
		Gamma:       gamma,
		Beta:        beta,
		Momentum:    0.9,
		RunningMean: mat.New(1, gamma.Cols),
		RunningVar:  mat.New(1, gamma.Cols),
		DGamma:      mat.New(1, gamma.Cols),
		DBeta:       mat.New(1, gamma.Cols),
	}
}

// Params returns gamma and beta with their gradients.
func (bn *BatchNormalization) Params() []Param {
	return []Param{{Name: "gamma", Value: bn.Gamma, Grad: bn.DGamma}, {Name: "beta", Value: bn.Beta, Grad: bn.DBeta}}
}

// Forward returns gamma * (x - mean) / sqrt(var + eps) + beta, column by
// column, with the batch's statistics in training and the running averages
// at test time.
func (bn *BatchNormalization) Forward(x *mat.Matrix, train bool) *mat.Matrix {
	if x.Cols != bn.Gamma.Cols {
		panic(fmt.Sprintf("nn.BatchNormalization.Forward: %dx%d batch for a 1x%d gamma", x.Rows, x.Cols, bn.Gamma.Cols))
	}
	n, d := x.Rows, x.Cols
	bn.train = train
	mu, variance := bn.RunningMean.Data, bn.RunningVar.Data
	if train {
		mu = mat.SumAxis0(x).Scale(1 / float64(n)).Data
		variance = make([]float64, d)
	}
	bn.Xc = layerBuffer(bn.Xc, n, d)
	for i := 0; i < n; i++ {
		xRow, xcRow := x.Row(i), bn.Xc.Row(i)
		for j := range xcRow {
			xcRow[j] = xRow[j] - mu[j]
		}
	}
	if train {
		for i := 0; i < n; i++ {
			for j, v := range bn.Xc.Row(i) {
				variance[j] += v * v
			}
		}
		for j := range variance {
			variance[j] /= float64(n)
		}
	}
	bn.Std = layerBuffer(bn.Std, 1, d)
	for j, v := range variance {
		bn.Std.Data[j] = math.Sqrt(v + BatchNormEps)
	}
	bn.Xn = layerBuffer(bn.Xn, n, d)
	bn.out = layerBuffer(bn.out, n, d)
	out := bn.out
	for i := 0; i < n; i++ {
		xcRow, xnRow, outRow := bn.Xc.Row(i), bn.Xn.Row(i), out.Row(i)
		for j := range xnRow {
			xnRow[j] = xcRow[j] / bn.Std.Data[j]
			outRow[j] = bn.Gamma.Data[j]*xnRow[j] + bn.Beta.Data[j]
		}
	}
	if train {
		m := bn.Momentum
		for j := range mu {
			bn.RunningMean.Data[j] = m*bn.RunningMean.Data[j] + (1-m)*mu[j]
			bn.RunningVar.Data[j] = m*bn.RunningVar.Data[j] + (1-m)*variance[j]
		}
	}
	return out
}

// Backward stores DGamma and DBeta and returns dx. After a training Forward
// it follows the book's computational graph through the batch mean and
// variance; after a test Forward the statistics are constants and
// dx = gamma * dout / std.
func (bn *BatchNormalization) Backward(dout *mat.Matrix) *mat.Matrix {
	mustSameShape("BatchNormalization.Backward", dout, bn.Xn)
	n, d := dout.Rows, dout.Cols
	gamma, std := bn.Gamma.Data, bn.Std.Data
	copy(bn.DBeta.Data, mat.SumAxis0(dout).Data)
	dGamma := bn.DGamma.Zero().Data
	for i := 0; i < n; i++ {
		for j, v := range dout.Row(i) {
			dGamma[j] += bn.Xn.At(i, j) * v
		}
	}
	bn.dx = layerBuffer(bn.dx, n, d)
	dx := bn.dx
	if !bn.train {
		for i := 0; i < n; i++ {
			doutRow, dxRow := dout.Row(i), dx.Row(i)
			for j := range dxRow {
				dxRow[j] = gamma[j] * doutRow[j] / std[j]
			}
		}
		return dx
	}

	// dstd = -sum(dxn * xc / std^2), dvar = 0.5 * dstd / std, with dxn = gamma * dout.
	dvar := make([]float64, d)
	for i := 0; i < n; i++ {
		doutRow, xcRow := dout.Row(i), bn.Xc.Row(i)
		for j := range dvar {
			dvar[j] += gamma[j] * doutRow[j] * xcRow[j]
		}
	}
	for j := range dvar {
		dstd := -dvar[j] / (std[j] * std[j])
		dvar[j] = 0.5 * dstd / std[j]
	}
	// dxc = dxn / std + (2/N) * xc * dvar; dmu = sum(dxc); dx = dxc - dmu / N.
	dmu := make([]float64, d)
	for i := 0; i < n; i++ {
		doutRow, xcRow, dxcRow := dout.Row(i), bn.Xc.Row(i), dx.Row(i)
		for j := range dxcRow {
			dxcRow[j] = gamma[j]*doutRow[j]/std[j] + (2/float64(n))*xcRow[j]*dvar[j]
			dmu[j] += dxcRow[j]
		}
	}
	for i := 0; i < n; i++ {
		dxRow := dx.Row(i)
		for j := range dxRow {
			dxRow[j] -= dmu[j] / float64(n)
		}
	}
	return dx
}
