// Pixel noise for the noise-robustness study, the experiment of this chapter
// taken from the mnist-from-scratch project (a network built on the book's
// ch05 layers). The noise itself is dataset.AddNoise: at level p%,
// int(p/100 * 784) draws, each a position anywhere in the image (with
// repetition) given a value uniform in [0, 1). This file decides where the
// draws come from.
//
// The original wrote every noisy copy of MNIST to disk (11 GB for 25
// levels). Here an image's noise is drawn when the image is read, from a
// generator seeded by (seed, which set, level, image index): the same seed
// gives the same noisy image every time, whichever batch or chunk it is
// read in, and nothing is stored.

package main

import (
	"math"
	"math/bits"
	"math/rand/v2"

	"dlfs/common/mat"
	"dlfs/dataset"
)

// The noise streams: the training and test images of one seed and level
// get independent noise.
const (
	trainNoise uint64 = 1
	testNoise  uint64 = 2
)

// noisySet reads images from a data set with pixel noise at Level% added
// to their normalized pixels. It hands out batches as *dataset.Set does
// (X, XInto, LabelsOf), so a training loop or an evaluation reads it in
// place of the clean set. The labels and the set's stored pixels are never
// changed.
type noisySet struct {
	set    *dataset.Set
	level  float64 // percent of each image's pixels drawn for replacement
	seed   uint64  // the run's -seed
	stream uint64  // trainNoise or testNoise
}

// newNoisySet returns set read with noise at level% from the given stream.
func newNoisySet(set *dataset.Set, level float64, seed, stream uint64) *noisySet {
	return &noisySet{set: set, level: level, seed: seed, stream: stream}
}

// Len returns the number of images.
func (s *noisySet) Len() int { return s.set.Len() }

// LabelsOf returns the labels of the images idx, untouched by the noise.
func (s *noisySet) LabelsOf(idx []int) []int { return s.set.LabelsOf(idx) }

// X returns the noisy images idx as a len(idx) x 784 matrix.
func (s *noisySet) X(idx []int) *mat.Matrix {
	x := mat.New(len(idx), s.set.Rows*s.set.Cols)
	s.XInto(x, idx)
	return x
}

// XInto writes the noisy images idx into dst, which must be len(idx) x 784.
// Image i always gets the same noise: its generator is seeded afresh from
// imageSeed(i) before its draws.
func (s *noisySet) XInto(dst *mat.Matrix, idx []int) {
	s.set.XInto(dst, idx)
	if dataset.NoiseDraws(s.level, dst.Cols) == 0 {
		return
	}
	var rng pixelRand
	for k, i := range idx {
		rng.pcg.Seed(s.imageSeed(i))
		dataset.AddNoise(dst.Row(k), s.level, &rng)
	}
}

// imageSeed returns the two seeds of the generator of image i's noise. The
// second mixes the stream, the level and the index through splitMix64, so
// that neighbouring images, levels and streams start far apart in the
// generator's state space.
func (s *noisySet) imageSeed(i int) (seed1, seed2 uint64) {
	key := splitMix64(s.stream)
	key = splitMix64(key ^ math.Float64bits(s.level))
	key = splitMix64(key ^ uint64(i))
	return s.seed, key
}

// splitMix64 is the output function of the SplitMix64 generator (Steele,
// Lea and Flood, 2014): a bijection of uint64 in which every input bit
// changes about half of the output bits.
func splitMix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// pixelRand is the dataset.NoiseSource of noisySet: a PCG generator whose IntN and
// Float64 give exactly what rand.New(pcg).IntN and .Float64 give on a 64-bit
// machine, written out so that a draw costs a few nanoseconds rather than a
// chain of interface calls.
type pixelRand struct{ pcg rand.PCG }

// IntN returns a uniform integer in [0, n) for n > 0 by Lemire's
// multiply-and-shift: the high word of a 64-bit random number times n, with
// the rare low words that would favour some results drawn again; a power
// of two n takes the low bits.
func (r *pixelRand) IntN(n int) int {
	un := uint64(n)
	if un&(un-1) == 0 {
		return int(r.pcg.Uint64() & (un - 1))
	}
	hi, lo := bits.Mul64(r.pcg.Uint64(), un)
	if lo < un {
		thresh := -un % un
		for lo < thresh {
			hi, lo = bits.Mul64(r.pcg.Uint64(), un)
		}
	}
	return int(hi)
}

// Float64 returns a uniform number in [0, 1): 53 random bits over 2^53.
func (r *pixelRand) Float64() float64 {
	return float64(r.pcg.Uint64()<<11>>11) / (1 << 53)
}
