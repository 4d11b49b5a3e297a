// Benchmarks of reading and writing an array the size of SimpleConvNet's
// largest weight matrix (4320x100 float64, 3.4 MB).

package npy

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"
)

func BenchmarkWrite(b *testing.B) {
	a := randomArray(rand.New(rand.NewPCG(27, 28)), 4320, 100)
	b.SetBytes(int64(8 * len(a.Data)))
	for b.Loop() {
		if err := Write(io.Discard, a); err != nil {
			b.Fatal(err)
		}
	}
}

// benchFile is the .npy file the read benchmarks decode: a random 4320x100
// array, SimpleConvNet's largest weight matrix, with b's bytes per op set to
// its size.
func benchFile(b *testing.B) []byte {
	var buf bytes.Buffer
	if err := Write(&buf, randomArray(rand.New(rand.NewPCG(29, 30)), 4320, 100)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	return buf.Bytes()
}

func BenchmarkRead(b *testing.B) {
	file := benchFile(b)
	for b.Loop() {
		if _, err := decode(bytes.NewReader(file), int64(len(file)), true, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadStream(b *testing.B) {
	file := benchFile(b)
	for b.Loop() {
		if _, err := Read(bytes.NewReader(file)); err != nil {
			b.Fatal(err)
		}
	}
}
