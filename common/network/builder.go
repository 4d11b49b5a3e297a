// Building a Net layer by layer, as the book's network constructors list
// their layers in __init__: each method appends one of the book's layers,
// creates its parameters (drawn as the book draws them) and keeps track of
// the shape of a sample, so that a network reads like the book's list.

package network

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"dlfs/common/mat"
	"dlfs/common/nn"
)

// Builder appends layers to a Net. Its methods return the Builder, so that a
// network is one chain of calls; Net finishes it.
type Builder struct {
	net     *Net
	c, h, w int            // shape of a sample at the output of the last layer added
	count   map[string]int // layers of each kind so far, for their names
}

// NewBuilder starts a network whose samples have the given shape: channels,
// height, width {1, 28, 28} for a convolutional network, or a length {784}.
func NewBuilder(input ...int) *Builder {
	b := &Builder{net: &Net{Last: &nn.SoftmaxWithLoss{}, numpyShape: map[string][]int{}}, count: map[string]int{}}
	switch len(input) {
	case 1:
		b.c, b.h, b.w = input[0], 1, 1
	case 3:
		b.c, b.h, b.w = input[0], input[1], input[2]
	default:
		panic(fmt.Sprintf("network.NewBuilder: input shape %v, want (length) or (channels, height, width)", input))
	}
	b.net.Input = b.shape()
	return b
}

// Size is the number of values of one sample at the output of the last
// layer added: the inputs of the next Affine.
func (b *Builder) Size() int { return b.c * b.h * b.w }

// Channels is the number of channels at the output of the last layer added:
// the C of the next Convolution.
func (b *Builder) Channels() int { return b.c }

// Conv appends a Convolution of fn filters of size x size pixels, with
// weights drawn from N(0, std²) by rng and zero biases, the book's
// std * np.random.randn(FN, C, FH, FW) and np.zeros(FN).
func (b *Builder) Conv(fn, size, stride, pad int, std float64, rng *rand.Rand) *Builder {
	s := nn.ConvShape{C: b.c, H: b.h, W: b.w, FH: size, FW: size, Stride: stride, Pad: pad}
	conv := nn.NewConvolution(nn.RandN(rng, fn, s.PatchSize(), std), mat.New(1, fn), s)
	c := b.c
	b.c, b.h, b.w = fn, s.OutH(), s.OutW()
	return b.add("Convolution", conv, []int{fn, c, size, size}, fmt.Sprintf("%dx%dx%dx%d, pad %d, stride %d", fn, c, size, size, pad, stride))
}

// Pool appends a max Pooling layer with size x size windows every stride
// pixels.
func (b *Builder) Pool(size, stride int) *Builder {
	p := nn.NewPooling(b.c, b.h, b.w, size, size)
	p.Stride = stride
	s := nn.ConvShape{C: b.c, H: b.h, W: b.w, FH: size, FW: size, Stride: stride}
	b.h, b.w = s.OutH(), s.OutW()
	return b.add("Pooling", p, nil, fmt.Sprintf("max %dx%d, stride %d", size, size, stride))
}

// Affine appends an Affine layer from everything the last layer outputs
// (the book's Affine flattens a (C, H, W) sample) to out units, with weights
// drawn from N(0, std²) by rng and zero biases.
func (b *Builder) Affine(out int, std float64, rng *rand.Rand) *Builder {
	in := b.Size()
	affine := nn.NewAffine(nn.RandN(rng, in, out, std), mat.New(1, out))
	b.c, b.h, b.w = out, 1, 1
	return b.add("Affine", affine, []int{in, out}, fmt.Sprintf("%dx%d", in, out))
}

// BatchNorm appends a BatchNormalization layer with gamma 1 and beta 0.
func (b *Builder) BatchNorm() *Builder {
	gamma := mat.New(1, b.Size()).Apply(func(float64) float64 { return 1 })
	return b.add("BatchNormalization", nn.NewBatchNormalization(gamma, mat.New(1, b.Size())), nil, "")
}

// Relu appends a ReLU layer.
func (b *Builder) Relu() *Builder { return b.add("Relu", &nn.Relu{}, nil, "") }

// Sigmoid appends a sigmoid layer.
func (b *Builder) Sigmoid() *Builder { return b.add("Sigmoid", &nn.Sigmoid{}, nil, "") }

// Dropout appends a Dropout layer (the book's, which scales at test time)
// that draws its masks from rng.
func (b *Builder) Dropout(ratio float64, rng *rand.Rand) *Builder {
	return b.add("Dropout", nn.NewDropout(ratio, rng), nil, fmt.Sprintf("ratio %g", ratio))
}

// add appends layer, called kind plus its count, with its settings for
// String (detail), and records the NumPy shape of its weights (wShape) and
// of its other parameters, vectors (N,).
func (b *Builder) add(kind string, layer nn.Layer, wShape []int, detail string) *Builder {
	b.count[kind]++
	n := b.net
	n.Layers = append(n.Layers, layer)
	n.Names = append(n.Names, kind+strconv.Itoa(b.count[kind]))
	n.details = append(n.details, detail)
	n.Shapes = append(n.Shapes, b.shape())
	n.collect()
	for _, p := range n.params[len(n.params)-len(layer.Params()):] { // this layer's, numbered
		if p.Name[0] == 'W' {
			n.numpyShape[p.Name] = wShape
		} else {
			n.numpyShape[p.Name] = []int{p.Value.Cols}
		}
	}
	return b
}

// shape returns the shape of a sample at the output of the last layer added.
func (b *Builder) shape() []int {
	if b.h == 1 && b.w == 1 {
		return []int{b.c}
	}
	return []int{b.c, b.h, b.w}
}

// Net finishes the network: training never reads the gradient with respect
// to the input samples, so its first layer skips it.
func (b *Builder) Net() *Net {
	n := b.net
	if len(n.Layers) == 0 {
		panic("network.Builder.Net: a network needs at least one layer")
	}
	if first, ok := n.Layers[0].(nn.InputGradSkipper); ok {
		first.SetSkipInputGrad(true)
	}
	return n
}

// String lists the layers of n, one per line with its settings and the
// shape of a sample at its output, as the book's diagrams do, and the
// number of parameters.
func (n *Net) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%-14s %-28s    %s\n", "input", "", shapeString(n.Input))
	for i, name := range n.Names {
		fmt.Fprintf(&sb, "%-14s %-28s -> %s\n", name, n.details[i], shapeString(n.Shapes[i]))
	}
	count := 0
	for _, p := range n.params {
		count += len(p.Value.Data)
	}
	fmt.Fprintf(&sb, "SoftmaxWithLoss\n%d parameters", count)
	return sb.String()
}

// shapeString writes a sample's shape as CxHxW, or just its length.
func shapeString(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	return strings.Join(parts, "x")
}
