// The package example: writing weights, reading them back, and a forged
// pickle refused.

package pickle_test

import (
	"bytes"
	"fmt"

	"dlfs/common/npy"
	"dlfs/common/pickle"
)

// Weights written as the book's save_params writes them, read back, and a
// pickle that would run a shell command, refused.
func Example() {
	params := map[string]*npy.Array{
		"W1": {Shape: []int{2, 3}, Data: []float64{1, 2, 3, 4, 5, 6}},
		"b1": {Shape: []int{3}, Data: []float64{0.5, 0, -0.5}},
	}
	var file bytes.Buffer
	if err := pickle.Write(&file, params); err != nil {
		fmt.Println(err)
		return
	}
	back, err := pickle.Decode(file.Bytes(), "params.pkl")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"W1", "b1"} {
		fmt.Println(name, back[name].Shape, back[name].Data)
	}

	evil := "\x80\x02cos\nsystem\nX\x02\x00\x00\x00ls\x85R." // os.system('ls')
	_, err = pickle.Decode([]byte(evil), "evil.pkl")
	fmt.Println(err)
	// Output:
	// W1 [2 3] [1 2 3 4 5 6]
	// b1 [3] [0.5 0 -0.5]
	// pickle: evil.pkl: at byte 2 (opcode GLOBAL (0x63)): the global os.system is not allowed: this reader calls only NumPy's array globals (numpy.core.multiarray._reconstruct, numpy.dtype, ...), and runs nothing else
}
