// Tests of the header: the exact bytes numpy.save writes, and the Python
// dict literals a reader must accept.

package npy

import (
	"bytes"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"testing"
)

// TestHeaderBytes builds, from the format description alone, the bytes
// numpy.save writes for small float64 arrays and compares them with Write's.
func TestHeaderBytes(t *testing.T) {
	tests := []struct {
		shape []int
		data  []float64
		dict  string // the header dict, as Python's repr writes it
		spare int    // NumPy's spare spaces: 21 minus the digits of shape[0]
	}{
		{[]int{2, 3}, []float64{1, 2, 3, 4, 5, 6}, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", 20},
		{[]int{5}, []float64{0.5, -1, 2, 1e300, -0.0}, "{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }", 20},
		{[]int{}, []float64{math.Pi}, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }", 0},
		{[]int{0}, []float64{}, "{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }", 20},
		{[]int{12, 1, 1}, make([]float64, 12), "{'descr': '<f8', 'fortran_order': False, 'shape': (12, 1, 1), }", 19},
		// Here the dict, spaces and newline end exactly at byte 128, and
		// NumPy still pads: 64 more spaces.
		{[]int{0, 1e17, 1e18}, []float64{}, "{'descr': '<f8', 'fortran_order': False, 'shape': (0, 100000000000000000, 1000000000000000000), }", 20},
	}
	for _, tt := range tests {
		// magic, version 1.0, header length (uint16 LE), dict, spaces, '\n':
		// 10 + header length is the smallest multiple of 64 that leaves
		// room for the dict, the spare spaces and the newline.
		used := 10 + len(tt.dict) + tt.spare + 1
		total := (used + 63) / 64 * 64
		if used%64 == 0 {
			total += 64 // NumPy then pads a full 64 bytes
		}
		var want bytes.Buffer
		want.WriteString("\x93NUMPY\x01\x00")
		binary.Write(&want, binary.LittleEndian, uint16(total-10))
		want.WriteString(tt.dict)
		want.WriteString(strings.Repeat(" ", total-used+tt.spare))
		want.WriteString("\n")
		for _, v := range tt.data {
			binary.Write(&want, binary.LittleEndian, v)
		}

		var got bytes.Buffer
		if err := Write(&got, &Array{Shape: tt.shape, Data: tt.data}); err != nil {
			t.Fatalf("shape %v: %v", tt.shape, err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("shape %v:\ngot  %q\nwant %q", tt.shape, got.Bytes(), want.Bytes())
		}
	}
}

// TestHeaderAlignment checks NumPy's rule for every length of header: the
// data starts at a multiple of 64, the header ends in a newline, and the
// padding is 1 to 64 spaces.
func TestHeaderAlignment(t *testing.T) {
	shape := []int{}
	for rank := 0; rank <= maxRank; rank++ {
		for _, major := range []byte{1, 2} {
			hdr, err := encodeHeader(shape, major)
			if err != nil {
				t.Fatal(err)
			}
			lenBytes := map[byte]int{1: 2, 2: 4}[major]
			text := string(hdr[8+lenBytes:])
			dict := text[:strings.IndexByte(text, '}')+1]
			spaces := len(text) - len(dict) - 1
			spare := 0
			if rank > 0 {
				spare = 21 - len("1000")
			}
			if len(hdr)%64 != 0 || text[len(dict):] != strings.Repeat(" ", spaces)+"\n" ||
				spaces-spare < 1 || spaces-spare > 64 {
				t.Errorf("rank %d, version %d: header %q of %d bytes", rank, major, hdr, len(hdr))
			}
			h, err := parseHeader(text)
			if err != nil || h.descr != "<f8" || h.fortran || !slices.Equal(h.shape, shape) {
				t.Errorf("rank %d, version %d: parsed %+v, %v", rank, major, h, err)
			}
		}
		shape = append(shape, 1000)
	}
}

// TestParseHeader reads the dicts other writers produce: keys in any order,
// double quotes, no spaces, Python 2 longs, no trailing comma.
func TestParseHeader(t *testing.T) {
	tests := []struct {
		text    string
		descr   string
		fortran bool
		shape   []int
	}{
		{"{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }          \n", "<f8", false, []int{3, 4}},
		{`{"shape":(7,),"fortran_order":True,"descr":"<f4"}`, "<f4", true, []int{7}},
		{"{'descr': '<f8', 'fortran_order': False, 'shape': (784L, 50L), }\n", "<f8", false, []int{784, 50}},
		{"{'descr':'<f8','fortran_order':False,'shape':()}", "<f8", false, []int{}},
		{"\t{ 'descr' : '>i2' ,\n 'fortran_order' : False , 'shape' : ( 1 , 2 , 3 , ) , }\n", ">i2", false, []int{1, 2, 3}},
	}
	for _, tt := range tests {
		h, err := parseHeader(tt.text)
		if err != nil {
			t.Errorf("%q: %v", tt.text, err)
			continue
		}
		if h.descr != tt.descr || h.fortran != tt.fortran || !slices.Equal(h.shape, tt.shape) {
			t.Errorf("%q: got %+v, want %s %v %v", tt.text, h, tt.descr, tt.fortran, tt.shape)
		}
	}
}
