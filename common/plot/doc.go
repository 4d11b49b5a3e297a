// Package plot draws the pictures of Deep Learning from Scratch with the
// standard library alone. The book draws them with matplotlib; this package
// writes the same kinds of figure as standalone SVG 1.1 files (W3C Scalable
// Vector Graphics, one <svg> element that a browser opens directly) and as PNG
// images (image/png):
//
//   - Chart: line, scatter and path plots with a legend, round-number ticks,
//     an optional log-scale axis, markers and fixed axis ranges: the loss and
//     accuracy curves of chapters 4 to 6. SmoothCurve is the book's
//     smooth_curve (common/util.py), which ch06 applies to every loss curve;
//     LossChart draws a run's raw loss with its smooth_curve over it, and
//     AccuracyChart the train and test accuracy per epoch.
//   - Contour layers on a Chart, for the optimizer paths over
//     f(x, y) = x²/20 + y² in ch06 (optimizer_compare_naive.py).
//   - Chart.Quiver: a field of arrows, matplotlib's plt.quiver, for the
//     field of -∇f in ch04 (gradient_2d.py).
//   - Chart.Hist: histograms, for ch06's activation distributions
//     (weight_init_activation_histogram.py).
//   - Heatmap: a matrix of coloured cells with the value written in each, for a
//     confusion matrix.
//   - Grid: several panels in one SVG, matplotlib's plt.subplot.
//   - ImageGrid: tiles of pixel values as one PNG, for MNIST digits, the ch07
//     filters (visualize_filter.py) and first-layer weights, with an optional
//     caption under each tile in a small built-in bitmap font.
//
// Every figure has WriteTo(io.Writer) and WriteFile(path); WriteFile writes a
// temporary file in the same directory and renames it, so a reader never sees
// half a file.
package plot
