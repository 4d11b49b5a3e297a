// The activation histograms of the book's section 6.2.2
// (ch06/weight_init_activation_histogram.py): 1000 Gaussian inputs pass
// through five layers of 100 units, and the histogram of each layer's
// outputs shows whether the initial weights keep them spread out (good),
// push them to the ends of the sigmoid (vanishing gradients) or squeeze them
// together (every unit saying the same thing).

package main

import (
	"fmt"
	"io"
	"math"

	"dlfs/common/mat"
	"dlfs/common/nn"
	"dlfs/common/plot"
)

// histConfig is the book's setup: samples inputs of nodes values, through
// layers layers of nodes units, with histograms of bins bins.
type histConfig struct {
	samples, nodes, layers, bins int
	seed                         uint64
}

// bookHist is weight_init_activation_histogram.py's: input_data of
// 1000x100, node_num 100, hidden_layer_size 5, 30 bins.
func bookHist(seed uint64) histConfig {
	return histConfig{samples: 1000, nodes: 100, layers: 5, bins: 30, seed: seed}
}

// histInits are the initial weight scales the book tries, as functions of
// the number of inputs n of a layer.
var histInits = []struct {
	name string
	std  func(n int) float64
}{
	{"std=1", func(int) float64 { return 1 }},
	{"std=0.01", func(int) float64 { return 0.01 }},
	{"Xavier", func(n int) float64 { return math.Sqrt(1 / float64(n)) }},
	{"He", func(n int) float64 { return math.Sqrt(2 / float64(n)) }},
}

// histActivations are the activation functions the book tries, with the
// range its histograms show: plt.hist(a.flatten(), 30, range=(0, 1)), and
// (-1, 1) for tanh, whose outputs are symmetric about 0.
var histActivations = []struct {
	name   string
	f      func(float64) float64
	lo, hi float64
}{
	{"sigmoid", nn.SigmoidFunction, 0, 1},
	{"relu", nn.ReluFunction, 0, 1},
	{"tanh", math.Tanh, -1, 1},
}

// histInput returns the book's input_data and one N(0, 1) weight matrix
// per layer. Every activation and init uses these same numbers, the weights
// scaled by the init's std, so the histograms differ by the choice alone.
func histInput(cfg histConfig) (x *mat.Matrix, weights []*mat.Matrix) {
	rng := newRand(cfg.seed, "histogram")
	x = nn.RandN(rng, cfg.samples, cfg.nodes, 1)
	for range cfg.layers {
		weights = append(weights, nn.RandN(rng, cfg.nodes, cfg.nodes, 1))
	}
	return x, weights
}

// layerOutputs passes x through the layers, each z = f(x·(std*W)), and
// returns each layer's outputs z: the book's activations.
func layerOutputs(x *mat.Matrix, weights []*mat.Matrix, std float64, f func(float64) float64) []*mat.Matrix {
	var outs []*mat.Matrix
	for _, w := range weights {
		a := mat.Dot(x, w).Scale(std)
		x = a.Apply(f)
		outs = append(outs, x)
	}
	return outs
}

// stdDev returns the standard deviation of the values of m (NumPy's np.std).
func stdDev(m *mat.Matrix) float64 {
	mean := mat.Sum(m) / float64(len(m.Data))
	ss := 0.0
	for _, v := range m.Data {
		ss += (v - mean) * (v - mean)
	}
	return math.Sqrt(ss / float64(len(m.Data)))
}

// endShare returns the fraction of the values of m that fall in the first
// or the last of bins equal bins over [lo, hi]: for a sigmoid, the units
// stuck near 0 or 1, where its gradient vanishes.
func endShare(m *mat.Matrix, bins int, lo, hi float64) float64 {
	_, counts, err := plot.Histogram(m.Data, bins, lo, hi)
	if err != nil {
		panic(err) // bins and range are this file's constants
	}
	return float64(counts[0]+counts[bins-1]) / float64(len(m.Data))
}

// histogramGrid draws the histograms of one activation function: a row of
// layers per initial weight scale. The layers of a row share a y axis, fitted
// to the row's tallest bar, except ReLU's first bar: it holds the outputs
// that are exactly 0, about half of them, and would flatten the rest, so it
// runs off the top as in the book (whose axes all stop at 7000).
func histogramGrid(act string, lo, hi float64, bins int, rows [][]*mat.Matrix) (*plot.Grid, error) {
	var panels []plot.Panel
	for r, outs := range rows {
		var layers []*plot.Bars
		tallest := 0.0
		for _, z := range outs {
			edges, counts, err := plot.Histogram(z.Data, bins, lo, hi)
			if err != nil {
				return nil, err
			}
			b := &plot.Bars{Edges: edges, Heights: make([]float64, bins)}
			for k, n := range counts {
				b.Heights[k] = float64(n)
				if k > 0 || act != "relu" {
					tallest = math.Max(tallest, float64(n))
				}
			}
			layers = append(layers, b)
		}
		if tallest == 0 {
			tallest = 7000 // nothing in range: the book's axis
		}
		for i, b := range layers {
			c := &plot.Chart{
				Title:  fmt.Sprintf("%s: %d-layer", histInits[r].name, i+1),
				X:      plot.Axis{Min: lo, Max: hi, HideTickLabels: r < len(rows)-1},
				Y:      plot.Axis{Min: 0, Max: 1.05 * tallest, HideTickLabels: i > 0},
				Bars:   []*plot.Bars{b},
				Legend: plot.LegendNone,
			}
			panels = append(panels, c)
		}
	}
	g := plot.NewGrid(len(rows), len(rows[0]), panels...)
	g.Title = fmt.Sprintf("%s: histograms of each layer's outputs (%d bins over [%g, %g]), by initial weight std", act, bins, lo, hi)
	g.CellWidth, g.CellHeight = 230, 170
	return g, nil
}

// activationStats prints, for each activation function and init, the std of
// each layer's outputs and the share of the last layer's outputs in the end
// bins, and returns the outputs for the charts: outs[activation][init][layer].
func activationStats(w io.Writer, cfg histConfig) [][][]*mat.Matrix {
	x, weights := histInput(cfg)
	fmt.Fprintf(w, "%d Gaussian inputs through %d layers of %d: the std of each layer's outputs, and the share of\n", cfg.samples, cfg.layers, cfg.nodes)
	fmt.Fprintf(w, "layer %d's in the end bins of its histogram (sigmoid near 0 or 1, tanh near -1 or 1: saturated units):\n", cfg.layers)
	fmt.Fprintf(w, "%-8s %-9s", "", "")
	for i := range cfg.layers {
		fmt.Fprintf(w, " %9s", fmt.Sprintf("layer %d", i+1))
	}
	fmt.Fprintf(w, " %8s\n", "ends")
	outs := make([][][]*mat.Matrix, len(histActivations))
	for a, act := range histActivations {
		for _, initial := range histInits {
			o := layerOutputs(x, weights, initial.std(cfg.nodes), act.f)
			outs[a] = append(outs[a], o)
			fmt.Fprintf(w, "%-8s %-9s", act.name, initial.name)
			for _, z := range o {
				fmt.Fprintf(w, " %9.4g", stdDev(z))
			}
			if act.name == "relu" {
				fmt.Fprintf(w, " %8s\n", "-")
			} else {
				fmt.Fprintf(w, " %7.1f%%\n", 100*endShare(o[len(o)-1], cfg.bins, act.lo, act.hi))
			}
		}
	}
	return outs
}

// runHistograms prints the statistics and writes one grid of histograms per
// activation function.
func runHistograms(e *env) error {
	cfg := bookHist(e.seed)
	outs := activationStats(e.stdout, cfg)
	for a, act := range histActivations {
		g, err := histogramGrid(act.name, act.lo, act.hi, cfg.bins, outs[a])
		if err != nil {
			return err
		}
		if err := writeChart(e, "activation_histogram_"+act.name+".svg", g); err != nil {
			return err
		}
	}
	return nil
}
