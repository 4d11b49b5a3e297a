package parallel

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
)

// Every sample is visited exactly once, the chunks are the same runs of
// samples under any GOMAXPROCS, and worker stays below Workers(n).
func TestChunksCoverTheBatchTheSameWayOnAnyCoreCount(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, n := range []int{0, 1, 2, 3, 15, 16, 17, 19, 100} {
		var first [][2]int
		for _, procs := range []int{1, 2, 3} {
			runtime.GOMAXPROCS(procs)
			seen := make([]int, n)
			bounds := make([][2]int, NumChunks(n))
			var mu sync.Mutex
			Chunks(n, func(worker, chunk, lo, hi int) {
				mu.Lock()
				defer mu.Unlock()
				if worker < 0 || worker >= Workers(n) {
					t.Errorf("n=%d GOMAXPROCS %d: worker %d outside [0, %d)", n, procs, worker, Workers(n))
				}
				bounds[chunk] = [2]int{lo, hi}
				for i := lo; i < hi; i++ {
					seen[i]++
				}
			})
			for i, c := range seen {
				if c != 1 {
					t.Errorf("n=%d GOMAXPROCS %d: sample %d visited %d times", n, procs, i, c)
				}
			}
			if first == nil {
				first = bounds
				continue
			}
			if fmt.Sprint(bounds) != fmt.Sprint(first) {
				t.Errorf("n=%d: chunks %v under GOMAXPROCS %d, %v under 1", n, bounds, procs, first)
			}
		}
	}
}

// A sum kept as one partial per chunk and added in chunk order is the same to
// the last bit under GOMAXPROCS 1, 2 and 3, although floating-point addition
// is not associative.
func TestChunkPartialSumsAreDeterministic(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(1, 2))
	v := make([]float64, 1000)
	for i := range v {
		v[i] = rng.NormFloat64() * float64(1+i%7) * 1e3
	}
	var sums []float64
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		part := make([]float64, NumChunks(len(v)))
		Chunks(len(v), func(_, chunk, lo, hi int) {
			for _, x := range v[lo:hi] {
				part[chunk] += x
			}
		})
		sum := 0.0
		for _, p := range part {
			sum += p
		}
		sums = append(sums, sum)
	}
	if sums[1] != sums[0] || sums[2] != sums[0] {
		t.Errorf("sums under GOMAXPROCS 1, 2, 3: %v, want all equal", sums)
	}
}

func TestBuffers(t *testing.T) {
	b := Buffers(nil, 2, 3)
	if len(b) != 2 || len(b[0]) != 3 || len(b[1]) != 3 {
		t.Fatalf("Buffers(nil, 2, 3) = %v, want two slices of 3", b)
	}
	b[0][0] = 7
	b = Buffers(b, 3, 3)
	if len(b) != 3 || b[0][0] != 7 {
		t.Errorf("Buffers did not keep a slice of the right size: %v", b)
	}
	if b = Buffers(b, 1, 4); len(b) != 3 || len(b[0]) != 4 || b[0][0] != 0 {
		t.Errorf("Buffers(b, 1, 4) = %v, want three zeroed slices of 4", b)
	}
}

// Eight samples give eight chunks of one; twenty give sixteen chunks of one or two.
func ExampleNumChunks() {
	fmt.Println(NumChunks(8), NumChunks(20), NumChunks(0))
	// Output: 8 16 1
}
