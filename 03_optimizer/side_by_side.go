// Training several networks side by side on the same mini-batches, as the
// book's ch06/optimizer_compare_mnist.py and weight_init_compare.py do: one
// Trainer per network, each drawing its batches from a random stream seeded
// alike; then the book's table of losses every 100 iterations and the chart
// of their smoothed curves.

package main

import (
	"context"
	"fmt"
	"io"

	"dlfs/common/network"
	"dlfs/common/optimizer"
	"dlfs/common/plot"
	"dlfs/common/progress"
	"dlfs/common/trainer"
)

// A contender is one network in a side-by-side comparison, with the
// optimizer that trains it, its guard (nil for a network meant to stay at
// chance) and how its curve is drawn.
type contender struct {
	name   string
	net    *network.Net
	opt    optimizer.Optimizer
	guard  *trainer.Guard
	marker plot.Marker
}

// printEvery is how often the book's comparisons print the losses.
const printEvery = 100

// trainSideBySide trains every contender for iters iterations on
// mini-batches of batchSize samples of train, drawn with replacement (the
// book's np.random.choice) from newRand(seed, purpose): each contender's
// Trainer has its own stream, seeded alike, so all of them see the same
// batches in the same order. It returns each contender's loss per
// iteration, with progress on stderr under label.
//
// The loss recorded is that of the forward pass of the gradient, before the
// update. The book calls loss() again after updating, on the batch it has
// just learned from, which costs another forward pass and reads a little
// lower than the loss on a batch the network has not yet seen.
func trainSideBySide(ctx context.Context, cs []contender, train trainer.Data, iters, batchSize int, seed uint64, purpose string, stderr io.Writer, label string) ([][]float64, error) {
	losses := make([][]float64, len(cs))
	for k, c := range cs {
		t := &trainer.Trainer{
			Net: c.net, Train: train, Optimizer: c.opt, BatchSize: batchSize,
			Rand:  newRand(seed, purpose),
			Iters: iters, NoEval: true, Guard: c.guard,
		}
		bar := progress.New(stderr, label+" "+c.name, iters)
		t.OnStep = progress.Train(bar, t, nil, nil)
		err := t.Run(ctx)
		if bar.Done(); err != nil {
			return nil, fmt.Errorf("%s: %w", c.name, err)
		}
		losses[k] = t.TrainLoss
	}
	return losses, nil
}

// compareOnMNIST is the MNIST half of the optimizers and init experiments:
// it says what it trains (setup names what differs from the book's
// 784-[100x4]-10 ReLU net), trains the contenders of compare side by side on
// the book's settings (bookCompare), prints the loss table and the summary
// next to the book's figures book, and writes the chart of the smoothed
// losses (title, y from 0 to ymax) to the -out folder as the file name.
func compareOnMNIST(e *env, train trainer.Data, setup string,
	compare func(ctx context.Context, train trainer.Data, cfg mnistCompare, stderr io.Writer) ([]contender, [][]float64, error),
	book map[string]string, name, title string, ymax float64) error {
	cfg := bookCompare(e.iters, e.seed)
	fmt.Fprintf(e.stdout, "\nMNIST, %d training images, 784-[100x4]-10 ReLU, %s, batch %d, %d iterations; loss of each mini-batch:\n", train.Len(), setup, cfg.batch, cfg.iters)
	cs, losses, err := compare(e.ctx, train, cfg, e.stderr)
	if err != nil {
		return err
	}
	printLossTable(e.stdout, cs, losses)
	printLossSummary(e.stdout, cs, losses, book)
	return writeChart(e, name, lossChart(title, cs, losses, ymax))
}

// printLossTable prints the book's table: a row of every contender's loss
// every 100 iterations.
func printLossTable(w io.Writer, cs []contender, losses [][]float64) {
	fmt.Fprint(w, "iteration")
	for _, c := range cs {
		fmt.Fprintf(w, " %*s", columnWidth(c.name), c.name)
	}
	fmt.Fprintln(w)
	for i := 0; i < len(losses[0]); i += printEvery {
		fmt.Fprintf(w, "%9d", i)
		for k, c := range cs {
			fmt.Fprintf(w, " %*.4f", columnWidth(c.name), losses[k][i])
		}
		fmt.Fprintln(w)
	}
}

// columnWidth is the width of a contender's column in the printed table.
func columnWidth(name string) int { return max(len(name), 8) }

// lastPrinted returns the last iteration at which printLossTable prints the
// losses for a run of iters iterations: 1900 for the book's 2000.
func lastPrinted(iters int) int { return (iters - 1) / printEvery * printEvery }

// meanTail returns the mean of the last n values of v (all of them if there
// are fewer): a steadier figure than the loss of one mini-batch.
func meanTail(v []float64, n int) float64 {
	tail := v[max(len(v)-n, 0):]
	sum := 0.0
	for _, x := range tail {
		sum += x
	}
	return sum / float64(len(tail))
}

// bookIteration is the iteration of the book's printed losses that the
// summaries compare with: the last printed in its 2000.
const bookIteration = 1900

// printLossSummary prints, for each contender, the loss at the last printed
// iteration, next to the book's figure when that is iteration 1900, and the
// mean loss over the last 100 iterations.
func printLossSummary(w io.Writer, cs []contender, losses [][]float64, book map[string]string) {
	at := lastPrinted(len(losses[0]))
	fmt.Fprintf(w, "\n%-10s %12s %8s %16s\n", "", fmt.Sprintf("loss at %d", at), "book", "mean of last 100")
	for k, c := range cs {
		ref := book[c.name]
		if ref == "" || at != bookIteration {
			ref = "-"
		}
		fmt.Fprintf(w, "%-10s %12.4f %8s %16.4f\n", c.name, losses[k][at], ref, meanTail(losses[k], printEvery))
	}
}

// lossChart draws the smoothed loss curves (the book's smooth_curve) twice,
// side by side: on the book's linear axis from 0 to ymax, and on a log axis,
// which separates the curves that the linear one squeezes against 0.
func lossChart(title string, cs []contender, losses [][]float64, ymax float64) *plot.Grid {
	var panels []plot.Panel
	for _, logY := range []bool{false, true} {
		c := &plot.Chart{
			Title: "loss, as in the book",
			X:     plot.Axis{Label: "iterations"},
			Y:     plot.Axis{Label: "loss", Min: 0, Max: ymax},
		}
		if logY {
			c.Title = "loss, log scale"
			c.Y = plot.Axis{Label: "loss", Log: true}
		}
		for k, con := range cs {
			s := c.Line(con.name, nil, plot.SmoothCurve(losses[k]))
			s.Marker, s.MarkEvery = con.marker, printEvery
		}
		panels = append(panels, c)
	}
	g := plot.NewGrid(1, 2, panels...)
	g.Title = title
	g.CellWidth, g.CellHeight = 560, 420
	return g
}
