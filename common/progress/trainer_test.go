package progress

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/common/optimizer"
	"dlfs/common/trainer"
)

// line is a one-parameter model: scores x*w for two classes.
type line struct{ w nn.Param }

func (l *line) Predict(x *mat.Matrix, _ bool) *mat.Matrix { return mat.Dot(x, l.w.Value) }
func (l *line) Gradient(x *mat.Matrix, labels []int) float64 {
	l.w.Grad.Scale(0)
	return 0.5
}
func (l *line) Params() []nn.Param { return []nn.Param{l.w} }

// data is n samples of one feature, labelled 0.
type data int

func (d data) Len() int                 { return int(d) }
func (d data) X(idx []int) *mat.Matrix  { return mat.New(len(idx), 1) }
func (d data) LabelsOf(idx []int) []int { return make([]int, len(idx)) }

// Train draws the bar through the trainer's hook, prints each measurement
// of the accuracies to the log, and hands every step to next.
func TestTrain(t *testing.T) {
	w := nn.Param{Name: "W", Value: mat.New(1, 2), Grad: mat.New(1, 2)}
	tr := &trainer.Trainer{Net: &line{w}, Train: data(40), Test: data(10), Optimizer: optimizer.NewSGD(0.1),
		BatchSize: 10, Rand: rand.New(rand.NewPCG(1, 1)), Epochs: 2}
	var bar, log strings.Builder
	b := New(&bar, "train", tr.TotalIters(), WithTerminal(false), WithInterval(0), WithClock(func() time.Time { return time.Unix(0, 0) }))
	steps := 0
	tr.OnStep = Train(b, tr, &log, func(int, float64) error { steps++; return nil })
	if err := tr.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	b.Done()
	if steps != 8 || strings.Count(log.String(), "train acc 1.0000, test acc 1.0000") != 3 || !strings.HasPrefix(log.String(), "epoch 0: ") {
		t.Errorf("%d steps, log:\n%s\nwant 8 steps and epochs 0, 1, 2 measured", steps, log.String())
	}
	if !strings.Contains(bar.String(), "train 8/8") || !strings.Contains(bar.String(), "loss 0.5") {
		t.Errorf("bar:\n%s\nwant it at 8/8 with the loss", bar.String())
	}
}
