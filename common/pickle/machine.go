// The pickle machine (Python's Lib/pickle.py, _Unpickler.load): a loop that
// reads one opcode at a time and changes the stack, the memo and the values
// on them. Only the opcodes of protocols 2 to 5 that NumPy's pickles of a
// dict of arrays can contain are known; the others are refused by name.

package pickle

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"unicode/utf8"
)

// Limits that keep a forged file from making the machine grow without end.
const (
	maxStack = 1 << 16 // values on the stack, marks included
	maxMemo  = 1 << 18 // entries in the memo
)

// Values the machine builds, besides nil (None), bool, int64, float64,
// string (str) and []byte (bytes).
type (
	tuple  []any
	list   struct{ items []any }
	global struct{ module, name string } // a callable, not yet called
	mark   struct{}                      // the MARK opcode's place on the stack
)

// dict is a Python dict: its keys in insertion order, and where each is.
type dict struct {
	keys, vals []any
	index      map[any]int
}

// set stores v under k, which must be a str, an int, a bool or None (the
// keys this package can compare as Python does).
func (d *dict) set(k, v any) error {
	switch k.(type) {
	case string, int64, bool, nil:
	default:
		return fmt.Errorf("a dict key of type %s, expected a str", pyType(k))
	}
	if i, ok := d.index[k]; ok {
		d.vals[i] = v
		return nil
	}
	d.index[k] = len(d.keys)
	d.keys = append(d.keys, k)
	d.vals = append(d.vals, v)
	return nil
}

func newDict() *dict { return &dict{index: map[any]int{}} }

// machine is the state of one run of the interpreter over data.
type machine struct {
	data   []byte
	pos    int // the next byte to read
	stack  []any
	memo   map[int]any
	budget int64 // bytes the values built may still take
}

// errTruncated is the cause of every error for a file that ends too soon.
var errTruncated = errors.New("the file ends in the middle of an opcode")

// run executes the pickle in m.data and returns the value its STOP returns.
func (m *machine) run() (any, error) {
	if len(m.data) < 2 || m.data[0] != 0x80 {
		return nil, errors.New("expected a pickle of protocol 2 to 5 (starting with the PROTO opcode 0x80)")
	}
	for {
		at := m.pos
		if at >= len(m.data) {
			return nil, fmt.Errorf("at byte %d: %w (expected STOP)", at, errTruncated)
		}
		op := m.data[at]
		m.pos++
		v, done, err := m.step(op)
		if err != nil {
			return nil, fmt.Errorf("at byte %d (opcode %s): %w", at, opName(op), err)
		}
		if done {
			if rest := len(m.data) - m.pos; rest > 0 {
				return nil, fmt.Errorf("%d bytes follow the pickle's STOP at byte %d, expected none", rest, at)
			}
			return v, nil
		}
	}
}

// step executes one opcode. It returns the pickle's value and done at STOP.
func (m *machine) step(op byte) (v any, done bool, err error) {
	switch op {
	case 0x80: // PROTO
		b, err := m.read(1)
		if err != nil {
			return nil, false, err
		}
		if b[0] < 2 || b[0] > 5 {
			return nil, false, fmt.Errorf("protocol %d, expected 2 to 5", b[0])
		}
	case 0x95: // FRAME: a length of bytes that follow, a hint to buffer them
		if _, err := m.read(8); err != nil {
			return nil, false, err
		}
	case '.': // STOP
		if len(m.stack) != 1 {
			return nil, false, fmt.Errorf("%d values on the stack, expected 1", len(m.stack))
		}
		if _, ok := m.stack[0].(mark); ok {
			return nil, false, errors.New("a MARK on the stack, expected the pickle's value")
		}
		return m.stack[0], true, nil

	// Constants and numbers.
	case 'N': // NONE
		return nil, false, m.push(nil)
	case 0x88: // NEWTRUE
		return nil, false, m.push(true)
	case 0x89: // NEWFALSE
		return nil, false, m.push(false)
	case 'K': // BININT1
		b, err := m.read(1)
		if err != nil {
			return nil, false, err
		}
		return nil, false, m.push(int64(b[0]))
	case 'M': // BININT2
		b, err := m.read(2)
		if err != nil {
			return nil, false, err
		}
		return nil, false, m.push(int64(binary.LittleEndian.Uint16(b)))
	case 'J': // BININT
		b, err := m.read(4)
		if err != nil {
			return nil, false, err
		}
		return nil, false, m.push(int64(int32(binary.LittleEndian.Uint32(b))))
	case 0x8a: // LONG1: a little-endian two's-complement integer of n bytes
		n, err := m.length(1)
		if err != nil {
			return nil, false, err
		}
		b, err := m.read(n)
		if err != nil {
			return nil, false, err
		}
		i, err := long(b)
		if err != nil {
			return nil, false, err
		}
		return nil, false, m.push(i)
	case 'G': // BINFLOAT, big-endian
		b, err := m.read(8)
		if err != nil {
			return nil, false, err
		}
		return nil, false, m.push(math.Float64frombits(binary.BigEndian.Uint64(b)))

	// Strings and bytes.
	case 0x8c, 'X', 0x8d: // SHORT_BINUNICODE, BINUNICODE, BINUNICODE8
		n, err := m.length(sizeOf(op))
		if err != nil {
			return nil, false, err
		}
		b, err := m.read(n)
		if err != nil {
			return nil, false, err
		}
		if !utf8.Valid(b) {
			return nil, false, errors.New("a str that is not valid UTF-8")
		}
		if err := m.spend(int64(n)); err != nil {
			return nil, false, err
		}
		return nil, false, m.push(string(b))
	case 'C', 'B', 0x8e, 0x96: // SHORT_BINBYTES, BINBYTES, BINBYTES8, BYTEARRAY8
		n, err := m.length(sizeOf(op))
		if err != nil {
			return nil, false, err
		}
		b, err := m.read(n)
		if err != nil {
			return nil, false, err
		}
		return nil, false, m.push(b) // shares the file's bytes: nothing is copied
	case 0x97, 0x98: // NEXT_BUFFER, READONLY_BUFFER
		return nil, false, errors.New("an out-of-band buffer, which a pickle file cannot hold; expected the data in the file")

	// Tuples, lists and dicts.
	case '(': // MARK
		return nil, false, m.push(mark{})
	case ')': // EMPTY_TUPLE
		return nil, false, m.push(tuple{})
	case 0x85, 0x86, 0x87: // TUPLE1, TUPLE2, TUPLE3
		n := int(op-0x85) + 1
		if len(m.stack) < n {
			return nil, false, fmt.Errorf("%d values on the stack, expected %d", len(m.stack), n)
		}
		t := make(tuple, n)
		copy(t, m.stack[len(m.stack)-n:])
		for _, v := range t {
			if _, ok := v.(mark); ok {
				return nil, false, errors.New("a MARK among the tuple's items")
			}
		}
		m.stack = m.stack[:len(m.stack)-n]
		return nil, false, m.push(t)
	case 't': // TUPLE
		items, err := m.popMark()
		if err != nil {
			return nil, false, err
		}
		return nil, false, m.push(tuple(items))
	case ']': // EMPTY_LIST
		return nil, false, m.push(&list{})
	case 'l': // LIST
		items, err := m.popMark()
		if err != nil {
			return nil, false, err
		}
		return nil, false, m.push(&list{items: items})
	case 'a', 'e': // APPEND, APPENDS
		var items []any
		if op == 'a' {
			v, err := m.pop()
			if err != nil {
				return nil, false, err
			}
			items = []any{v}
		} else if items, err = m.popMark(); err != nil {
			return nil, false, err
		}
		l, ok := m.top().(*list)
		if !ok {
			return nil, false, fmt.Errorf("appending to %s, expected a list", pyType(m.top()))
		}
		if err := m.spend(16 * int64(len(items))); err != nil {
			return nil, false, err
		}
		l.items = append(l.items, items...)
	case '}': // EMPTY_DICT
		return nil, false, m.push(newDict())
	case 'd', 's', 'u': // DICT, SETITEM, SETITEMS
		var items []any
		switch op {
		case 's':
			if len(m.stack) < 2 {
				return nil, false, errors.New("fewer than 2 values on the stack, expected a key and a value")
			}
			items = append(items, m.stack[len(m.stack)-2:]...)
			m.stack = m.stack[:len(m.stack)-2]
		default:
			if items, err = m.popMark(); err != nil {
				return nil, false, err
			}
		}
		if len(items)%2 != 0 {
			return nil, false, fmt.Errorf("%d values, expected pairs of a key and a value", len(items))
		}
		d := newDict()
		if op != 'd' {
			var ok bool
			if d, ok = m.top().(*dict); !ok {
				return nil, false, fmt.Errorf("setting an item of %s, expected a dict", pyType(m.top()))
			}
		}
		if err := m.spend(32 * int64(len(items))); err != nil {
			return nil, false, err
		}
		for i := 0; i < len(items); i += 2 {
			if _, ok := items[i+1].(mark); ok {
				return nil, false, errors.New("a MARK as a dict value")
			}
			if err := d.set(items[i], items[i+1]); err != nil {
				return nil, false, err
			}
		}
		if op == 'd' {
			return nil, false, m.push(d)
		}

	// The stack and the memo.
	case '0': // POP
		_, err := m.pop()
		return nil, false, err
	case '1': // POP_MARK
		_, err := m.popMark()
		return nil, false, err
	case '2': // DUP
		if len(m.stack) == 0 {
			return nil, false, errors.New("the stack is empty")
		}
		return nil, false, m.push(m.top())
	case 'q', 'r', 0x94: // BINPUT, LONG_BINPUT, MEMOIZE
		if len(m.stack) == 0 {
			return nil, false, errors.New("the stack is empty")
		}
		i := len(m.memo)
		if op != 0x94 {
			n, err := m.length(sizeOf(op))
			if err != nil {
				return nil, false, err
			}
			i = n
		}
		if _, ok := m.memo[i]; !ok && len(m.memo) >= maxMemo {
			return nil, false, fmt.Errorf("more than %d memo entries", maxMemo)
		}
		m.memo[i] = m.top()
	case 'h', 'j': // BINGET, LONG_BINGET
		i, err := m.length(sizeOf(op))
		if err != nil {
			return nil, false, err
		}
		v, ok := m.memo[i]
		if !ok {
			return nil, false, fmt.Errorf("memo entry %d, which was never stored", i)
		}
		return nil, false, m.push(v)

	// Globals, calls and states: numpy.go says what each global does.
	case 'c': // GLOBAL: "module\nname\n"
		module, err := m.line()
		if err != nil {
			return nil, false, err
		}
		name, err := m.line()
		if err != nil {
			return nil, false, err
		}
		g, err := lookup(module, name)
		if err != nil {
			return nil, false, err
		}
		return nil, false, m.push(g)
	case 0x93: // STACK_GLOBAL
		name, err1 := m.pop()
		module, err2 := m.pop()
		if err := errors.Join(err1, err2); err != nil {
			return nil, false, err
		}
		ms, ok1 := module.(string)
		ns, ok2 := name.(string)
		if !ok1 || !ok2 {
			return nil, false, fmt.Errorf("a global named by %s and %s, expected two str", pyType(module), pyType(name))
		}
		g, err := lookup(ms, ns)
		if err != nil {
			return nil, false, err
		}
		return nil, false, m.push(g)
	case 'R': // REDUCE: callable(*args)
		args, err1 := m.pop()
		f, err2 := m.pop()
		if err := errors.Join(err1, err2); err != nil {
			return nil, false, err
		}
		g, ok := f.(global)
		if !ok {
			return nil, false, fmt.Errorf("calling %s, expected one of the allowed globals", pyType(f))
		}
		t, ok := args.(tuple)
		if !ok {
			return nil, false, fmt.Errorf("%s.%s called with %s, expected a tuple of arguments", g.module, g.name, pyType(args))
		}
		v, err := m.call(g, t)
		if err != nil {
			return nil, false, fmt.Errorf("%s.%s: %w", g.module, g.name, err)
		}
		return nil, false, m.push(v)
	case 'b': // BUILD: obj.__setstate__(state)
		state, err := m.pop()
		if err != nil {
			return nil, false, err
		}
		if len(m.stack) == 0 {
			return nil, false, errors.New("the stack is empty, expected the object to build")
		}
		return nil, false, m.build(m.top(), state)

	default:
		return nil, false, fmt.Errorf("not one this reader knows (it reads NumPy arrays in a dict, protocols 2 to 5)")
	}
	return nil, false, nil
}

// sizeOf returns how many bytes hold the length or index that follows op.
func sizeOf(op byte) int {
	switch op {
	case 0x8c, 'C', 'q', 'h': // SHORT_BINUNICODE, SHORT_BINBYTES, BINPUT, BINGET
		return 1
	case 'X', 'B', 'r', 'j': // BINUNICODE, BINBYTES, LONG_BINPUT, LONG_BINGET
		return 4
	}
	return 8 // BINUNICODE8, BINBYTES8, BYTEARRAY8
}

// read returns the next n bytes, which must be in the file.
func (m *machine) read(n int) ([]byte, error) {
	if n < 0 || n > len(m.data)-m.pos {
		return nil, errTruncated
	}
	b := m.data[m.pos : m.pos+n : m.pos+n]
	m.pos += n
	return b, nil
}

// length reads an unsigned little-endian integer of size bytes: a length or
// a memo index. A length larger than the rest of the file is an error here,
// before anything is allocated for it.
func (m *machine) length(size int) (int, error) {
	b, err := m.read(size)
	if err != nil {
		return 0, err
	}
	var u uint64
	for i := size - 1; i >= 0; i-- {
		u = u<<8 | uint64(b[i])
	}
	if u > uint64(len(m.data)) {
		return 0, fmt.Errorf("a length or index of %d, more than the file's %d bytes", u, len(m.data))
	}
	return int(u), nil
}

// line reads text up to a newline, for GLOBAL.
func (m *machine) line() (string, error) {
	for i := m.pos; i < len(m.data) && i-m.pos < 256; i++ {
		if m.data[i] == '\n' {
			s := string(m.data[m.pos:i])
			m.pos = i + 1
			return s, nil
		}
	}
	return "", errors.New("a GLOBAL name without its newline in the next 256 bytes")
}

// long decodes LONG1's little-endian two's-complement bytes.
func long(b []byte) (int64, error) {
	if len(b) > 8 {
		return 0, fmt.Errorf("an integer of %d bytes, expected at most 8", len(b))
	}
	var u uint64
	for i := len(b) - 1; i >= 0; i-- {
		u = u<<8 | uint64(b[i])
	}
	if n := len(b); n > 0 && n < 8 && b[n-1]&0x80 != 0 {
		u |= ^uint64(0) << (8 * n) // negative: extend the sign
	}
	return int64(u), nil
}

func (m *machine) push(v any) error {
	if len(m.stack) >= maxStack {
		return fmt.Errorf("more than %d values on the stack", maxStack)
	}
	m.stack = append(m.stack, v)
	return nil
}

// pop removes the top value, which must not be a MARK.
func (m *machine) pop() (any, error) {
	if len(m.stack) == 0 {
		return nil, errors.New("the stack is empty")
	}
	v := m.stack[len(m.stack)-1]
	if _, ok := v.(mark); ok {
		return nil, errors.New("a MARK on top of the stack, expected a value")
	}
	m.stack = m.stack[:len(m.stack)-1]
	return v, nil
}

// top returns the top value, or a mark if the stack is empty.
func (m *machine) top() any {
	if len(m.stack) == 0 {
		return mark{}
	}
	return m.stack[len(m.stack)-1]
}

// popMark removes the values down to the topmost MARK, and the MARK, and
// returns the values in their order.
func (m *machine) popMark() ([]any, error) {
	for i := len(m.stack) - 1; i >= 0; i-- {
		if _, ok := m.stack[i].(mark); ok {
			items := append([]any(nil), m.stack[i+1:]...)
			m.stack = m.stack[:i]
			return items, nil
		}
	}
	return nil, errors.New("no MARK on the stack")
}

// spend takes n bytes from the allowance for values built.
func (m *machine) spend(n int64) error {
	if n > m.budget {
		return fmt.Errorf("the values built would take more memory than a file of %d bytes can describe", len(m.data))
	}
	m.budget -= n
	return nil
}

// pyType names a value's Python type, for errors.
func pyType(v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case bool:
		return "a bool"
	case int64:
		return "an int"
	case float64:
		return "a float"
	case string:
		return "a str"
	case []byte:
		return "bytes"
	case tuple:
		return fmt.Sprintf("a tuple of %d", len(v))
	case *list:
		return "a list"
	case *dict:
		return "a dict"
	case global:
		return "the global " + v.module + "." + v.name
	case mark:
		return "a MARK"
	case *dtype:
		return "a numpy.dtype"
	case *ndarray:
		return "a numpy.ndarray"
	}
	return fmt.Sprintf("%T", v)
}

// opNames names the opcodes, for errors.
var opNames = map[byte]string{
	'(': "MARK", '.': "STOP", '0': "POP", '1': "POP_MARK", '2': "DUP", 'F': "FLOAT",
	'I': "INT", 'J': "BININT", 'K': "BININT1", 'L': "LONG", 'M': "BININT2", 'N': "NONE",
	'P': "PERSID", 'Q': "BINPERSID", 'R': "REDUCE", 'S': "STRING", 'T': "BINSTRING",
	'U': "SHORT_BINSTRING", 'V': "UNICODE", 'X': "BINUNICODE", 'a': "APPEND", 'b': "BUILD",
	'c': "GLOBAL", 'd': "DICT", '}': "EMPTY_DICT", 'e': "APPENDS", 'g': "GET", 'h': "BINGET",
	'i': "INST", 'j': "LONG_BINGET", 'l': "LIST", ']': "EMPTY_LIST", 'o': "OBJ", 'p': "PUT",
	'q': "BINPUT", 'r': "LONG_BINPUT", 's': "SETITEM", 't': "TUPLE", ')': "EMPTY_TUPLE",
	'u': "SETITEMS", 'G': "BINFLOAT", 'B': "BINBYTES", 'C': "SHORT_BINBYTES",
	0x80: "PROTO", 0x81: "NEWOBJ", 0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4", 0x85: "TUPLE1",
	0x86: "TUPLE2", 0x87: "TUPLE3", 0x88: "NEWTRUE", 0x89: "NEWFALSE", 0x8a: "LONG1",
	0x8b: "LONG4", 0x8c: "SHORT_BINUNICODE", 0x8d: "BINUNICODE8", 0x8e: "BINBYTES8",
	0x8f: "EMPTY_SET", 0x90: "ADDITEMS", 0x91: "FROZENSET", 0x92: "NEWOBJ_EX",
	0x93: "STACK_GLOBAL", 0x94: "MEMOIZE", 0x95: "FRAME", 0x96: "BYTEARRAY8",
	0x97: "NEXT_BUFFER", 0x98: "READONLY_BUFFER",
}

// opName names op as pickletools does, with its byte.
func opName(op byte) string {
	if name, ok := opNames[op]; ok {
		return fmt.Sprintf("%s (0x%02x)", name, op)
	}
	return fmt.Sprintf("0x%02x", op)
}
