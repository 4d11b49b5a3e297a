// The flags of the noise study: -noise, -noise-sweep, -weights and -debug,
// and the list of hidden-layer sizes that -hidden takes ("100" or
// "256,128").

package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
)

// sizeList is a flag holding a comma-separated list of layer sizes.
type sizeList []int

// maxHiddenLayers bounds the length of a sizeList.
const maxHiddenLayers = 16

// String returns the list as it is written on the command line.
func (l *sizeList) String() string {
	parts := make([]string, len(*l))
	for i, n := range *l {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

// Set parses a list such as "100" or "256,128" into l.
func (l *sizeList) Set(s string) error {
	sizes, err := parseSizes(s)
	if err != nil {
		return err
	}
	*l = sizes
	return nil
}

// parseSizes parses a comma-separated list of 1 to maxHiddenLayers sizes,
// each from 1 to maxHidden.
func parseSizes(s string) ([]int, error) {
	parts := strings.Split(s, ",")
	if len(parts) > maxHiddenLayers {
		return nil, fmt.Errorf("%d layers, want at most %d", len(parts), maxHiddenLayers)
	}
	sizes := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 || n > maxHidden {
			return nil, fmt.Errorf("%q is not a layer size: want whole numbers from 1 to %d separated by commas, such as 100 or 256,128", p, maxHidden)
		}
		sizes[i] = n
	}
	return sizes, nil
}

// noiseFlags are the noise study's own flags.
type noiseFlags struct {
	level   float64 // -noise P: train and test with P% noise
	sweep   int     // -noise-sweep MAX: train at 0, 5, ..., MAX and test at 0, 1, ..., MAX
	weights string  // -weights FILE.npz: evaluate these weights instead of training
	debug   bool    // -debug: every iteration's loss and batch accuracy
}

// register defines the noise study's flags on fs.
func (n *noiseFlags) register(fs *flag.FlagSet) {
	fs.Float64Var(&n.level, "noise", 0, "the noise study: train and test with `P` percent of each image's pixels drawn for uniform noise; -hidden and -iters default to the study's 100 and 4000 (default off)")
	fs.IntVar(&n.sweep, "noise-sweep", 0, "the noise study at every level: train one network at each noise level 0, 5, ..., `MAX` percent, test each at 0, 1, ..., MAX, and write noise.csv and noise.svg to -out, else the current folder (default off)")
	fs.StringVar(&n.weights, "weights", "", "evaluate the network saved in `file.npz` by -save at the -noise level, instead of training")
	fs.BoolVar(&n.debug, "debug", false, "print every iteration's loss and mini-batch accuracy in the noise study")
}

// validate checks the noise flags given on the command line (explicit).
func (n noiseFlags) validate(explicit map[string]bool) error {
	switch {
	case explicit["noise"] && !(n.level >= 0 && n.level <= 100):
		return usagef("-noise %v: want a percentage from 0 to 100", n.level)
	case explicit["noise-sweep"] && (n.sweep < 0 || n.sweep > 100):
		return usagef("-noise-sweep %d: want a percentage from 0 to 100, such as 25", n.sweep)
	case explicit["noise"] && explicit["noise-sweep"]:
		return usagef("-noise and -noise-sweep: choose one (-noise-sweep tests every level from 0 to MAX)")
	case explicit["weights"] && explicit["noise-sweep"]:
		return usagef("-weights and -noise-sweep: -weights evaluates one network at the -noise level")
	case explicit["weights"] && explicit["save"]:
		return usagef("-weights and -save: -weights evaluates saved weights, it trains none to save")
	case explicit["noise-sweep"] && explicit["save"]:
		return usagef("-save with -noise-sweep: save one network with -noise P -save FILE.npz")
	case n.on(explicit) && (explicit["check"] || explicit["compare"]):
		return usagef("-check and -compare do not go with the noise study's -noise, -noise-sweep or -weights")
	case explicit["debug"] && !n.on(explicit):
		return usagef("-debug: it prints the noise study's iterations; use it with -noise or -noise-sweep")
	}
	return nil
}

// on reports whether the command line asks for the noise study.
func (n noiseFlags) on(explicit map[string]bool) bool {
	return explicit["noise"] || explicit["noise-sweep"] || explicit["weights"]
}
