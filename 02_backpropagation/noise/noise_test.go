// Tests of the noise generator (noise.go): how many pixels dataset.AddNoise
// draws, that
// the same seed gives the same noise however the images are read, that
// different seeds, streams and levels give different noise, and that the
// labels and the stored pixels are left alone.

package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"dlfs/common/mat"
	"dlfs/dataset"
)

// drawRecorder is a dataset.NoiseSource that records every draw of the generator
// it wraps.
type drawRecorder struct {
	rng       *rand.Rand
	intNCalls []int // the n of each IntN
	positions []int
	values    []float64
	order     []byte // 'p' for a position, 'v' for a value
}

func (r *drawRecorder) IntN(n int) int {
	pos := r.rng.IntN(n)
	r.intNCalls = append(r.intNCalls, n)
	r.positions = append(r.positions, pos)
	r.order = append(r.order, 'p')
	return pos
}

func (r *drawRecorder) Float64() float64 {
	v := r.rng.Float64()
	r.values = append(r.values, v)
	r.order = append(r.order, 'v')
	return v
}

// TestAddNoiseDrawCount counts the draws of dataset.AddNoise with a
// recording generator: exactly dataset.NoiseDraws(p) positions over the whole image, each
// followed by its value, and the image is the clean one with those
// replacements applied in order and nothing else changed. (Counting changed
// pixels would not do: a position can come up twice.)
func TestAddNoiseDrawCount(t *testing.T) {
	for _, p := range []float64{0, 1, 5, 10, 25, 100} {
		clean := make([]float64, 784)
		for i := range clean {
			clean[i] = -1 - float64(i) // outside [0, 1): every replacement shows
		}
		image := slices.Clone(clean)
		rec := &drawRecorder{rng: rand.New(rand.NewPCG(7, uint64(p)))}
		draws := dataset.NoiseDraws(p, len(image))
		dataset.AddNoise(image, p, rec)

		if len(rec.positions) != draws || len(rec.values) != draws {
			t.Errorf("p=%v: %d positions and %d values drawn, want %d of each", p, len(rec.positions), len(rec.values), draws)
			continue
		}
		for k, n := range rec.intNCalls {
			if n != 784 {
				t.Fatalf("p=%v: draw %d picked a position in [0, %d), want the whole image [0, 784)", p, k, n)
			}
		}
		if want := strings.Repeat("pv", draws); string(rec.order) != want {
			t.Errorf("p=%v: draws in order %q, want a position then its value each time", p, rec.order)
		}
		want := slices.Clone(clean)
		for k, pos := range rec.positions {
			want[pos] = rec.values[k]
		}
		if !slices.Equal(image, want) {
			t.Errorf("p=%v: the image is not the clean one with the recorded replacements", p)
		}
		changed := 0
		for i := range image {
			if image[i] != clean[i] {
				changed++
				if !(image[i] >= 0 && image[i] < 1) {
					t.Errorf("p=%v: pixel %d = %v, want a value in [0, 1)", p, i, image[i])
				}
			}
		}
		// Repeated positions make fewer changed pixels than draws: d draws
		// over n pixels hit n(1 - (1-1/n)^d) distinct ones on average.
		distinct := 784 * (1 - math.Pow(1-1.0/784, float64(draws)))
		if changed > draws || float64(changed) < 0.9*distinct {
			t.Errorf("p=%v: %d pixels changed by %d draws, expected about %.0f", p, changed, draws, distinct)
		}
	}
}

// TestNoisePixelRand compares pixelRand with the standard library's
// rand.Rand over the same PCG, draw for draw.
func TestNoisePixelRand(t *testing.T) {
	for _, n := range []int{784, 1, 2, 7, 1024, 1 << 40, 3<<40 + 1} {
		var fast pixelRand
		fast.pcg.Seed(5, uint64(n))
		std := rand.New(rand.NewPCG(5, uint64(n)))
		for k := range 10000 {
			if got, want := fast.IntN(n), std.IntN(n); got != want {
				t.Fatalf("IntN(%d) draw %d = %d, rand.Rand gives %d", n, k, got, want)
			}
			if got, want := fast.Float64(), std.Float64(); got != want {
				t.Fatalf("Float64 draw %d after IntN(%d) = %v, rand.Rand gives %v", k, n, got, want)
			}
		}
	}
}

// syntheticSet returns n 28x28 images that look a little like MNIST (most
// pixels 0, some bright) with random labels, normalized as the study reads
// them.
func syntheticSet(n int, seed uint64) *dataset.Set {
	rng := rand.New(rand.NewPCG(seed, 0))
	s := &dataset.Set{N: n, Rows: 28, Cols: 28, Pixels: make([]uint8, n*784), Labels: make([]uint8, n), Normalize: true, Flatten: true}
	for i := range s.Pixels {
		if rng.IntN(5) == 0 {
			s.Pixels[i] = uint8(rng.IntN(256))
		}
	}
	for i := range s.Labels {
		s.Labels[i] = uint8(rng.IntN(10))
	}
	return s
}

// TestNoiseSetReproducible reads the same noisy images in different batch
// orders and chunk sizes and compares each image with the slow reference:
// the clean image with dataset.AddNoise drawn from the image's own generator.
func TestNoiseSetReproducible(t *testing.T) {
	set := syntheticSet(40, 1)
	for _, p := range []float64{1, 5, 25} {
		s := newNoisySet(set, p, 42, testNoise)
		all := s.X(set.Range(0, set.Len()))

		for i := range set.Len() {
			want := set.X([]int{i}).Data
			seed1, seed2 := s.imageSeed(i)
			dataset.AddNoise(want, p, rand.New(rand.NewPCG(seed1, seed2)))
			if !slices.Equal(all.Row(i), want) {
				t.Fatalf("p=%v: image %d differs from the clean image with its own generator's noise", p, i)
			}
		}

		// The same images backwards, and in chunks of 7, give the same rows.
		backwards := set.Range(0, set.Len())
		slices.Reverse(backwards)
		x := s.X(backwards)
		for k, i := range backwards {
			if !slices.Equal(x.Row(k), all.Row(i)) {
				t.Fatalf("p=%v: image %d read backwards differs", p, i)
			}
		}
		for idx := range set.Chunks(7) {
			x := mat.New(len(idx), 784)
			s.XInto(x, idx)
			for k, i := range idx {
				if !slices.Equal(x.Row(k), all.Row(i)) {
					t.Fatalf("p=%v: image %d read in a chunk of 7 differs", p, i)
				}
			}
		}
		// A second set with the same settings draws the same noise.
		if again := newNoisySet(set, p, 42, testNoise).X(set.Range(0, set.Len())); !slices.Equal(again.Data, all.Data) {
			t.Errorf("p=%v: the same seed gave different noise", p)
		}
	}
}

// TestNoiseSetDiffers checks that the seed, the stream (training or test
// images) and the level each change the noise of every image.
func TestNoiseSetDiffers(t *testing.T) {
	set := syntheticSet(30, 2)
	idx := set.Range(0, set.Len())
	base := newNoisySet(set, 10, 1, trainNoise).X(idx)
	for name, other := range map[string]*noisySet{
		"another seed":   newNoisySet(set, 10, 2, trainNoise),
		"another stream": newNoisySet(set, 10, 1, testNoise),
		// 10.05% draws 78 pixels like 10%: the draws themselves differ.
		"another level": newNoisySet(set, 10.05, 1, trainNoise),
	} {
		x := other.X(idx)
		for i := range idx {
			if slices.Equal(x.Row(i), base.Row(i)) {
				t.Errorf("%s: image %d has the same noise", name, i)
			}
		}
	}
}

// TestNoiseSetLeavesDataAlone checks that level 0 gives the clean images,
// that the labels come through unchanged, and that reading noisy images
// never writes into the set's stored pixels or labels.
func TestNoiseSetLeavesDataAlone(t *testing.T) {
	set := syntheticSet(25, 3)
	pixels, labels := slices.Clone(set.Pixels), slices.Clone(set.Labels)
	idx := []int{3, 1, 4, 1, 5, 9, 2, 6}

	if clean, x := set.X(idx), newNoisySet(set, 0, 9, trainNoise).X(idx); !slices.Equal(x.Data, clean.Data) {
		t.Error("level 0 changed the images")
	}
	s := newNoisySet(set, 25, 9, trainNoise)
	x := s.X(idx)
	if got, want := s.LabelsOf(idx), set.LabelsOf(idx); !slices.Equal(got, want) {
		t.Errorf("LabelsOf = %v, want the clean labels %v", got, want)
	}
	if slices.Equal(x.Data, set.X(idx).Data) {
		t.Error("level 25 left the images clean")
	}
	for i, v := range x.Data {
		if !(v >= 0 && v <= 1) {
			t.Fatalf("noisy pixel %d = %v, want a value in [0, 1]", i, v)
		}
	}
	if !slices.Equal(set.Pixels, pixels) || !slices.Equal(set.Labels, labels) {
		t.Error("reading noisy images changed the set's stored pixels or labels")
	}
}

// BenchmarkNoiseXInto reads a mini-batch of 100 images clean and with 25%
// noise: the cost of drawing the noise on the fly.
func BenchmarkNoiseXInto(b *testing.B) {
	set := syntheticSet(1000, 4)
	idx := set.Range(0, 100)
	x := mat.New(100, 784)
	for _, p := range []float64{0, 25} {
		s := newNoisySet(set, p, 1, trainNoise)
		b.Run(fmt.Sprintf("noise%g", p), func(b *testing.B) {
			for b.Loop() {
				s.XInto(x, idx)
			}
		})
	}
}
