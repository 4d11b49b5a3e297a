// Benchmarks of the fast products against DotNaive on the shapes the
// chapters use, reported in GFLOP/s (a multiply-add counts as 2 FLOP):
//
//	go test -run x -bench . -count 3 ./common/mat/
//
// "sparse" left operands are 80% exact zeros, like MNIST pixels; with
// MNIST_DIR set, "mnist" uses the first 100 test images themselves. The
// names are the same in the default build and with GOEXPERIMENT=simd, so the
// two can be compared with benchstat:
//
//	go test -run x -bench . ./common/mat/ > plain.txt
//	GOTOOLCHAIN=go1.27.3 GOEXPERIMENT=simd go test -run x -bench . ./common/mat/ > simd.txt
//
// A benchmark run starts with a line "kernels: NAME" (Kernels()), in the
// key: value form of the lines go test prints above it, which benchstat
// keeps as a label of the run.

package mat

import (
	"compress/gzip"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"dlfs/dataset/datasettest"
)

// TestMain prints which kernels the products run before a benchmark run.
func TestMain(m *testing.M) {
	flag.Parse()
	if f := flag.Lookup("test.bench"); f != nil && f.Value.String() != "" {
		fmt.Printf("kernels: %s\n", Kernels())
	}
	os.Exit(m.Run())
}

// reportGFLOPs reports the rate of b's loop for an m x k by k x n product.
func reportGFLOPs(b *testing.B, m, k, n int) {
	b.ReportMetric(2*float64(m)*float64(k)*float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// benchLeft returns the m x k left operand of a benchmark: random values in
// [-1, 1), with 80% zeros for "sparse", or MNIST test images for "mnist".
func benchLeft(b *testing.B, kind string, m, k int) *Matrix {
	rng := rand.New(rand.NewPCG(1, 2))
	switch kind {
	case "dense":
		return randMatrix(rng, m, k, 0)
	case "sparse":
		return randMatrix(rng, m, k, 0.8)
	case "mnist":
		return mnistImages(b, m)
	}
	panic("unknown kind " + kind)
}

// mnistImages returns the first count MNIST test images as a count x 784
// matrix of pixels/255, or skips b when MNIST_DIR does not hold them.
func mnistImages(b *testing.B, count int) *Matrix {
	dir := datasettest.MNISTDir(b)
	f, err := os.Open(filepath.Join(dir, "t10k-images-idx3-ubyte.gz"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 16+count*784) // IDX header: magic, count, rows, cols
	if _, err := io.ReadFull(z, buf); err != nil {
		b.Fatal(err)
	}
	if magic := binary.BigEndian.Uint32(buf); magic != 2051 {
		b.Fatalf("t10k-images-idx3-ubyte.gz: magic %d, want 2051", magic)
	}
	m := New(count, 784)
	for i, p := range buf[16:] {
		m.Data[i] = float64(p) / 255
	}
	return m
}

func BenchmarkDot(b *testing.B) {
	cases := []struct {
		name    string
		m, k, n int
		kinds   []string
		noNaive bool // the naive loop would take seconds
	}{
		{"xW1_100x784_784x50", 100, 784, 50, []string{"dense", "sparse", "mnist"}, false},
		{"100x4320_4320x100", 100, 4320, 100, []string{"dense"}, false},
		{"colW_57600x25_25x30", 57600, 25, 30, []string{"dense", "sparse"}, false},
		// DeepConvNet's second convolution: 16 filters of 16x3x3 on a
		// batch of 100 28x28 maps.
		{"colW_78400x144_144x16", 78400, 144, 16, []string{"dense"}, true},
	}
	for _, c := range cases {
		for _, kind := range c.kinds {
			b.Run(c.name+"/"+kind, func(b *testing.B) {
				x := benchLeft(b, kind, c.m, c.k)
				w := randMatrix(rand.New(rand.NewPCG(3, 4)), c.k, c.n, 0)
				if !c.noNaive {
					b.Run("naive", func(b *testing.B) {
						for b.Loop() {
							DotNaive(x, w)
						}
						reportGFLOPs(b, c.m, c.k, c.n)
					})
				}
				dst := New(c.m, c.n)
				b.Run("fast", func(b *testing.B) {
					for b.Loop() {
						DotTo(dst, x, w)
					}
					reportGFLOPs(b, c.m, c.k, c.n)
				})
			})
		}
	}
}

// BenchmarkTDot times dW = xᵀ·dout, x 100x784 and dout 100x50.
func BenchmarkTDot(b *testing.B) {
	for _, kind := range []string{"dense", "sparse", "mnist"} {
		b.Run("xTdout_100x784_100x50/"+kind, func(b *testing.B) {
			x := benchLeft(b, kind, 100, 784)
			dout := randMatrix(rand.New(rand.NewPCG(3, 4)), 100, 50, 0)
			b.Run("naive", func(b *testing.B) {
				for b.Loop() {
					DotNaive(T(x), dout)
				}
				reportGFLOPs(b, 784, 100, 50)
			})
			dst := New(784, 50)
			b.Run("fast", func(b *testing.B) {
				for b.Loop() {
					TDotTo(dst, x, dout)
				}
				reportGFLOPs(b, 784, 100, 50)
			})
		})
	}
}

// BenchmarkTDotConv times SimpleConvNet's dW = colᵀ·dout over a batch: col
// 57600x25 (im2col of 100 28x28 images for 5x5 filters, 24x24 outputs each)
// and dout 57600x30, an inner dimension of 57600 and a 25x30 result.
func BenchmarkTDotConv(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	col, dout := randMatrix(rng, 57600, 25, 0), randMatrix(rng, 57600, 30, 0)
	dst := New(25, 30)
	b.Run("colTdout_57600x25_57600x30/dense/fast", func(b *testing.B) {
		for b.Loop() {
			TDotTo(dst, col, dout)
		}
		reportGFLOPs(b, 25, 57600, 30)
	})
}

// BenchmarkAddDot times the per-sample products of SimpleConvNet's
// convolution, which runs one sample per goroutine: W·colT (30x25 by
// 25x576) forward and dout_n·colTᵀ (30x576 by (25x576)ᵀ) for dW.
func BenchmarkAddDot(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	w, colT, dout := randMatrix(rng, 30, 25, 0), randMatrix(rng, 25, 576, 0), randMatrix(rng, 30, 576, 0)
	c, dw := New(30, 576), New(30, 25)
	b.Run("WcolT_30x25_25x576", func(b *testing.B) {
		for b.Loop() {
			AddDot(c, w, colT)
		}
		reportGFLOPs(b, 30, 25, 576)
	})
	b.Run("T_doutcolT_30x576_25x576", func(b *testing.B) {
		for b.Loop() {
			AddDotT(dw, dout, colT)
		}
		reportGFLOPs(b, 30, 576, 25)
	})
}

// BenchmarkDotT times dx = dout·Wᵀ, dout 100x50 and W 784x50; "relu" has
// half of dout zero, as after a ReLU layer's backward pass.
func BenchmarkDotT(b *testing.B) {
	for _, zeros := range []float64{0, 0.5} {
		name := "doutWT_100x50_784x50/dense"
		if zeros > 0 {
			name = "doutWT_100x50_784x50/relu"
		}
		b.Run(name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(3, 4))
			dout, w := randMatrix(rng, 100, 50, zeros), randMatrix(rng, 784, 50, 0)
			b.Run("naive", func(b *testing.B) {
				for b.Loop() {
					DotNaive(dout, T(w))
				}
				reportGFLOPs(b, 100, 50, 784)
			})
			dst := New(100, 784)
			b.Run("fast", func(b *testing.B) {
				for b.Loop() {
					DotTTo(dst, dout, w)
				}
				reportGFLOPs(b, 100, 50, 784)
			})
		})
	}
}

// reportGBs reports the rate of b's loop over a matrix of n float64s read
// once and written once.
func reportGBs(b *testing.B, n int) {
	b.ReportMetric(16*float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GB/s")
}

func BenchmarkT(b *testing.B) {
	for _, s := range [][2]int{{784, 50}, {100, 784}, {57600, 25}} {
		m := randMatrix(rand.New(rand.NewPCG(5, 6)), s[0], s[1], 0)
		b.Run(m.shapeName(), func(b *testing.B) {
			for b.Loop() {
				T(m)
			}
			reportGBs(b, len(m.Data))
		})
	}
}

func BenchmarkAddRowVector(b *testing.B) {
	for _, s := range [][2]int{{100, 50}, {57600, 30}} {
		rng := rand.New(rand.NewPCG(5, 6))
		m, v := randMatrix(rng, s[0], s[1], 0), randMatrix(rng, 1, s[1], 0)
		b.Run(m.shapeName(), func(b *testing.B) {
			for b.Loop() {
				m.AddRowVector(v)
			}
			reportGBs(b, len(m.Data))
		})
	}
}

func BenchmarkSumAxis0(b *testing.B) {
	for _, s := range [][2]int{{100, 50}, {57600, 30}} {
		m := randMatrix(rand.New(rand.NewPCG(5, 6)), s[0], s[1], 0)
		b.Run(m.shapeName(), func(b *testing.B) {
			for b.Loop() {
				SumAxis0(m)
			}
			reportGBs(b, len(m.Data)/2) // read once, nothing written back
		})
	}
}

// shapeName is "RxC", for benchmark names.
func (m *Matrix) shapeName() string {
	return itoa(m.Rows) + "x" + itoa(m.Cols)
}

func itoa(i int) string {
	digits := []byte{byte('0' + i%10)}
	for i /= 10; i > 0; i /= 10 {
		digits = append([]byte{byte('0' + i%10)}, digits...)
	}
	return string(digits)
}
