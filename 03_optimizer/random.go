// Seeded random streams. The book draws everything from NumPy's one global
// generator, so changing one experiment's settings changes every random
// number after it. Here each use (initial weights, mini-batches, the search)
// has its own stream, derived from -seed and a name, so a run is repeatable
// and two networks that should start alike do.

package main

import (
	"hash/fnv"
	"math/rand/v2"
)

// newRand returns the random stream called purpose for the given seed: the
// same seed and purpose give the same numbers, different purposes give
// independent ones.
func newRand(seed uint64, purpose string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(purpose))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// subSeed returns a seed for a network.Config, derived like newRand, so that
// networks built for different purposes (or trials) get different weights.
func subSeed(seed uint64, purpose string) uint64 {
	return newRand(seed, purpose).Uint64()
}
