// The one switch between the book's formulation of the convolution and
// pooling layers and the faster arrangements beside them. Machinery for
// speed, not the book: every program shares it (a -fast flag sets it).

package nn

// Fast selects the faster arrangements of two layers instead of the book's:
// Convolution then computes one sample at a time in Caffe's transposed
// layout (convolution_persample.go, im2col_transposed.go) and Pooling walks
// the windows of the input itself (pooling_direct.go), both splitting the
// batch over the cores. False, the default, runs the book's im2col
// formulation (convolution.go, pooling.go), which is the test oracle of the
// fast one: both give the same numbers up to rounding.
//
// The layers read it at every Forward, and Backward follows the path of the
// last Forward. Set it before a network runs, not while it runs.
var Fast bool
