// Tests of AccuracyChart: the two series as the book draws them, the
// whole-epoch ticks of a short run and the thinned markers of a long one.

package plot

import (
	"strconv"
	"testing"
)

func TestAccuracyChart(t *testing.T) {
	for _, n := range []int{1, 5, 11, 12, 21} {
		train, test := make([]float64, n), make([]float64, n)
		for i := range train {
			train[i] = 1 - 0.5/float64(i+1)
			test[i] = train[i] - 0.02
		}
		c := AccuracyChart("accuracy per epoch", train, test)
		if len(c.Series) != 2 || c.Series[0].Name != "train acc" || c.Series[1].Name != "test acc" {
			t.Fatalf("n=%d: series %v, want train acc and test acc", n, c.Series)
		}
		tr, te := c.Series[0], c.Series[1]
		if tr.Marker != Circle || te.Marker != Square || tr.Dashed || !te.Dashed {
			t.Errorf("n=%d: train marker %v dashed %v, test marker %v dashed %v; want circles solid, squares dashed", n, tr.Marker, tr.Dashed, te.Marker, te.Dashed)
		}
		for i := range n {
			if tr.X[i] != float64(i) || tr.Y[i] != train[i] || te.X[i] != float64(i) || te.Y[i] != test[i] {
				t.Fatalf("n=%d: point %d is (%v, %v) and (%v, %v)", n, i, tr.X[i], tr.Y[i], te.X[i], te.Y[i])
			}
		}
		if c.Y.Min != 0 || c.Y.Max != 1 || c.X.Label != "epochs" || c.Y.Label != "accuracy" || c.Title != "accuracy per epoch" {
			t.Errorf("n=%d: axes %+v %+v, title %q", n, c.X, c.Y, c.Title)
		}
		doc := parseSVG(t, render(t, c))
		labels := doc.texts("xtick")
		if n <= 11 {
			if len(labels) != n || labels[n-1] != strconv.Itoa(n-1) {
				t.Errorf("n=%d: x tick labels %v, want one per epoch 0..%d", n, labels, n-1)
			}
		}
		wantEvery := 1
		if n > 20 {
			wantEvery = 2
		}
		if tr.MarkEvery != wantEvery || te.MarkEvery != wantEvery {
			t.Errorf("n=%d: markers every %d and %d points, want %d", n, tr.MarkEvery, te.MarkEvery, wantEvery)
		}
	}
}
