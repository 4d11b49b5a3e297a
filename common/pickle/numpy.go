// The globals a pickle of NumPy arrays calls, written in Go: the allow-list.
// NumPy's ndarray.__reduce__ pickles an array as
//
//	_reconstruct(ndarray, (0,), b'b')  then BUILD with
//	(1, shape, dtype('f8', False, True) BUILD (3, '<', ...), is_fortran, raw bytes)
//
// and, in protocol 5, as _frombuffer(raw bytes, dtype, shape, order).

package pickle

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
)

// allowed maps each global this package implements to what it is.
var allowed = map[string]string{
	"numpy.core.multiarray._reconstruct":  "reconstruct",
	"numpy._core.multiarray._reconstruct": "reconstruct",
	"numpy.core.numeric._frombuffer":      "frombuffer",
	"numpy._core.numeric._frombuffer":     "frombuffer",
	"numpy.ndarray":                       "ndarray",
	"numpy.dtype":                         "dtype",
	"_codecs.encode":                      "encode",
	"collections.OrderedDict":             "OrderedDict",
	"builtins.bytes":                      "bytes",
	"__builtin__.bytes":                   "bytes",
}

// lookup returns the global module.name if it is one of the allowed.
func lookup(module, name string) (global, error) {
	if _, ok := allowed[module+"."+name]; !ok {
		return global{}, fmt.Errorf("the global %s.%s is not allowed: this reader calls only NumPy's array globals (numpy.core.multiarray._reconstruct, numpy.dtype, ...), and runs nothing else", module, name)
	}
	return global{module, name}, nil
}

// dtype is a numpy.dtype of float32 or float64.
type dtype struct {
	size  int  // 4 or 8 bytes
	order byte // '<' or '>'; 0 until BUILD sets it
}

// ndarray is a numpy.ndarray, empty from _reconstruct until BUILD fills it.
type ndarray struct {
	shape []int
	data  []float64 // in C order
	built bool
}

// call calls the allowed global g with args.
func (m *machine) call(g global, args tuple) (any, error) {
	switch allowed[g.module+"."+g.name] {
	case "reconstruct": // _reconstruct(ndarray, (0,), b'b'): an empty array
		if len(args) != 3 {
			return nil, fmt.Errorf("%d arguments, expected 3", len(args))
		}
		if cls, ok := args[0].(global); !ok || allowed[cls.module+"."+cls.name] != "ndarray" {
			return nil, fmt.Errorf("builds %s, expected numpy.ndarray", pyType(args[0]))
		}
		return &ndarray{}, nil
	case "dtype": // dtype('f8', align, copy)
		if len(args) < 1 || len(args) > 3 {
			return nil, fmt.Errorf("%d arguments, expected 1 to 3", len(args))
		}
		code, ok := args[0].(string)
		if !ok {
			return nil, fmt.Errorf("a type code of %s, expected a str such as 'f8'", pyType(args[0]))
		}
		return newDtype(code)
	case "frombuffer": // _frombuffer(buf, dtype, shape, order)
		return m.frombuffer(args)
	case "encode": // _codecs.encode(str, 'latin1'): protocol 2's bytes
		return m.encode(args)
	case "OrderedDict", "bytes":
		if len(args) != 0 {
			return nil, fmt.Errorf("%d arguments, expected none", len(args))
		}
		if g.name == "bytes" {
			return []byte{}, nil
		}
		return newDict(), nil
	}
	return nil, errors.New("cannot be called, expected numpy.core.multiarray._reconstruct, numpy.dtype, _codecs.encode, ...")
}

// newDtype returns the dtype of a type code: 'f4' or 'f8', with or without
// a byte order in front ('<f8'); NumPy writes 'f8' and the order in BUILD.
func newDtype(code string) (*dtype, error) {
	d := &dtype{}
	if len(code) == 3 && (code[0] == '<' || code[0] == '>') {
		d.order, code = code[0], code[1:]
	}
	switch code {
	case "f4":
		d.size = 4
	case "f8":
		d.size = 8
	default:
		return nil, fmt.Errorf("dtype %q, expected float32 or float64 ('f4' or 'f8')", code)
	}
	return d, nil
}

// build runs BUILD: obj.__setstate__(state) for a dtype or an array.
func (m *machine) build(obj, state any) error {
	t, ok := state.(tuple)
	if !ok {
		return fmt.Errorf("a state of %s for %s, expected a tuple", pyType(state), pyType(obj))
	}
	switch obj := obj.(type) {
	case *dtype:
		return obj.setState(t)
	case *ndarray:
		return m.setArrayState(obj, t)
	}
	return fmt.Errorf("setting the state of %s, expected a numpy.dtype or numpy.ndarray", pyType(obj))
}

// setState takes a dtype's state (version, byteorder, subarray, names,
// fields, elsize, alignment, flags[, metadata]); only the byte order
// matters for a plain float, and the rest must say it is one.
func (d *dtype) setState(t tuple) error {
	if len(t) != 8 && len(t) != 9 {
		return fmt.Errorf("a dtype state of %d items, expected 8 or 9", len(t))
	}
	order, ok := t[1].(string)
	if !ok || (order != "<" && order != ">") {
		return fmt.Errorf("a dtype byte order of %v, expected '<' or '>'", t[1])
	}
	if t[2] != nil || t[3] != nil || t[4] != nil {
		return errors.New("a structured or sub-array dtype, expected a plain float32 or float64")
	}
	d.order = order[0]
	return nil
}

// setArrayState takes an array's state (version, shape, dtype, is_fortran,
// raw data), or the older one without the version, and decodes the data.
func (m *machine) setArrayState(a *ndarray, t tuple) error {
	if a.built {
		return errors.New("a numpy.ndarray whose state is already set")
	}
	if len(t) == 5 {
		t = t[1:]
	}
	if len(t) != 4 {
		return fmt.Errorf("an array state of %d items, expected 5: (version, shape, dtype, is_fortran, data)", len(t))
	}
	fortran, ok := t[2].(bool)
	if !ok {
		return fmt.Errorf("is_fortran is %s, expected a bool", pyType(t[2]))
	}
	var err error
	a.shape, a.data, err = m.decodeArray(t[3], t[0], t[1], fortran)
	a.built = err == nil
	return err
}

// frombuffer is protocol 5's _frombuffer(buf, dtype, shape, order).
func (m *machine) frombuffer(args tuple) (any, error) {
	if len(args) != 4 {
		return nil, fmt.Errorf("%d arguments, expected 4: (buffer, dtype, shape, order)", len(args))
	}
	order, ok := args[3].(string)
	if !ok || (order != "C" && order != "F") {
		return nil, fmt.Errorf("order %v, expected 'C' or 'F'", args[3])
	}
	shape, data, err := m.decodeArray(args[0], args[2], args[1], order == "F")
	if err != nil {
		return nil, err
	}
	return &ndarray{shape: shape, data: data, built: true}, nil
}

// decodeArray checks an array's raw bytes, shape and dtype against one
// another and decodes the values into float64 in C order.
func (m *machine) decodeArray(rawV, shapeV, dtypeV any, fortran bool) ([]int, []float64, error) {
	raw, ok := rawV.([]byte)
	if !ok {
		return nil, nil, fmt.Errorf("array data of %s, expected bytes (a list means an array of Python objects, which is not read)", pyType(rawV))
	}
	dt, ok := dtypeV.(*dtype)
	if !ok {
		return nil, nil, fmt.Errorf("an array dtype of %s, expected a numpy.dtype", pyType(dtypeV))
	}
	if dt.order == 0 {
		return nil, nil, errors.New("a numpy.dtype without its byte order (no BUILD)")
	}
	shapeT, ok := shapeV.(tuple)
	if !ok {
		return nil, nil, fmt.Errorf("an array shape of %s, expected a tuple", pyType(shapeV))
	}
	if len(shapeT) > 64 {
		return nil, nil, fmt.Errorf("an array of %d dimensions, expected at most 64", len(shapeT))
	}
	shape := make([]int, len(shapeT))
	n := 1
	for i, v := range shapeT {
		d, ok := v.(int64)
		if !ok || d < 0 || d > math.MaxInt32 {
			return nil, nil, fmt.Errorf("array shape %v: dimension %d is %v, expected an int from 0 to 2**31-1", shapeT, i, v)
		}
		shape[i] = int(d)
		if d == 0 {
			n = 0
		}
	}
	for _, d := range shape {
		if n == 0 {
			break
		}
		if n > len(raw)/d { // more values than the data holds; n*d may overflow
			return nil, nil, fmt.Errorf("array shape %s holds more values than its %d bytes of data", formatShape(shape), len(raw))
		}
		n *= d
	}
	if n*dt.size != len(raw) {
		return nil, nil, fmt.Errorf("array shape %s of %d-byte floats needs %d bytes of data, found %d", formatShape(shape), dt.size, n*dt.size, len(raw))
	}
	if err := m.spend(8 * int64(n)); err != nil {
		return nil, nil, err
	}
	data := make([]float64, n)
	var order binary.ByteOrder = binary.LittleEndian
	if dt.order == '>' {
		order = binary.BigEndian
	}
	for i := range data {
		if dt.size == 4 {
			data[i] = float64(math.Float32frombits(order.Uint32(raw[4*i:])))
		} else {
			data[i] = math.Float64frombits(order.Uint64(raw[8*i:]))
		}
	}
	if fortran && len(shape) > 1 {
		data = fortranToC(data, shape)
	}
	return shape, data, nil
}

// fortranToC returns data, laid out in Fortran order (the first index
// varying fastest), in C order (the last index fastest).
func fortranToC(data []float64, shape []int) []float64 {
	out := make([]float64, len(data))
	stride := make([]int, len(shape)) // the C-order stride of each dimension
	s := 1
	for k := len(shape) - 1; k >= 0; k-- {
		stride[k] = s
		s *= shape[k]
	}
	idx := make([]int, len(shape)) // the index of data[i], counted as Fortran counts
	off := 0                       // its offset in C order
	for i := range data {
		out[off] = data[i]
		for k := 0; k < len(shape); k++ {
			idx[k]++
			off += stride[k]
			if idx[k] < shape[k] {
				break
			}
			off -= idx[k] * stride[k]
			idx[k] = 0
		}
	}
	return out
}

// encode is _codecs.encode(s, 'latin1'): each character of s, all below 256,
// becomes one byte.
func (m *machine) encode(args tuple) (any, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("%d arguments, expected 2: (str, 'latin1')", len(args))
	}
	s, ok1 := args[0].(string)
	enc, ok2 := args[1].(string)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("arguments %s and %s, expected a str and 'latin1'", pyType(args[0]), pyType(args[1]))
	}
	if e := strings.ToLower(strings.ReplaceAll(enc, "-", "")); e != "latin1" && e != "iso88591" {
		return nil, fmt.Errorf("encoding %q, expected 'latin1'", enc)
	}
	if err := m.spend(int64(len(s))); err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			return nil, fmt.Errorf("the character %U, which latin-1 cannot encode", r)
		}
		b = append(b, byte(r))
	}
	return b, nil
}

// formatShape writes a shape as Python does: (3, 4), (5,), ().
func formatShape(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = fmt.Sprint(d)
	}
	if len(shape) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}
