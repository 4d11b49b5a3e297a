// The .npy header (numpy.lib.format): the magic string, the version, the
// header length, and the Python dict literal that gives the dtype, the order
// and the shape, padded so that the data starts at a multiple of 64 bytes.

package npy

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
)

const (
	magic        = "\x93NUMPY"
	prefixLen    = len(magic) + 2 // the magic string and the two version bytes
	align        = 64             // NumPy's ARRAY_ALIGN: where the data may start
	growthDigits = 21             // NumPy's GROWTH_AXIS_MAX_DIGITS: room to rewrite Shape[0] in place
	maxHeaderLen = 10000          // NumPy's _MAX_HEADER_SIZE: longer headers are refused
)

// encodeHeader returns everything numpy.save writes before the data of a
// C-order '<f8' array of this shape, in format version major.0 (1 or 2):
//
//	\x93NUMPY 01 00 <uint16 length> {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), } <spaces> \n
//
// The dict is followed by spare spaces, 21 minus the number of digits of
// Shape[0], so that NumPy can grow the first axis without moving the data.
// It fails only when the header is too long for version 1.0.
func encodeHeader(shape []int, major byte) ([]byte, error) {
	dict := "{'descr': '<f8', 'fortran_order': False, 'shape': " + formatShape(shape) + ", }"
	if len(shape) > 0 {
		dict += strings.Repeat(" ", max(0, growthDigits-len(strconv.Itoa(shape[0]))))
	}
	lenBytes := 4
	if major == 1 {
		lenBytes = 2
	}
	hlen := len(dict) + 1 // and the final newline
	padding := align - (prefixLen+lenBytes+hlen)%align
	if major == 1 && hlen+padding > 0xFFFF {
		return nil, fmt.Errorf("header of %d bytes is too long for version 1.0", hlen+padding)
	}

	b := make([]byte, 0, prefixLen+lenBytes+hlen+padding)
	b = append(b, magic...)
	b = append(b, major, 0)
	if major == 1 {
		b = binary.LittleEndian.AppendUint16(b, uint16(hlen+padding))
	} else {
		b = binary.LittleEndian.AppendUint32(b, uint32(hlen+padding))
	}
	b = append(b, dict...)
	for range padding {
		b = append(b, ' ')
	}
	return append(b, '\n'), nil
}

// header is what a .npy header dict says about its array.
type header struct {
	descr   string // the dtype, such as '<f8'
	fortran bool   // whether the data is in Fortran (column-major) order
	shape   []int
}

// parseHeader reads the dict literal of a .npy header, as Python's
// ast.literal_eval would, for the subset of Python that NumPy writes:
// the keys 'descr', 'fortran_order' and 'shape', each exactly once, in any
// order, with a string, True or False, and a tuple of integers as values.
// Python 2's 123L integers are accepted too, as NumPy does.
func parseHeader(text string) (header, error) {
	p := &dictParser{text: text}
	var h header
	seen := map[string]bool{}
	p.skipSpace()
	if err := p.expect('{'); err != nil {
		return h, err
	}
	for {
		p.skipSpace()
		if p.peek() == '}' {
			p.pos++
			break
		}
		key, err := p.str()
		if err != nil {
			return h, err
		}
		if seen[key] {
			return h, p.errorf("key %q appears twice", key)
		}
		seen[key] = true
		p.skipSpace()
		if err := p.expect(':'); err != nil {
			return h, err
		}
		p.skipSpace()
		switch key {
		case "descr":
			h.descr, err = p.str()
		case "fortran_order":
			h.fortran, err = p.boolean()
		case "shape":
			h.shape, err = p.tuple()
		default:
			err = p.errorf("unexpected key %q: expected only 'descr', 'fortran_order' and 'shape'", key)
		}
		if err != nil {
			return h, err
		}
		p.skipSpace()
		if p.peek() == ',' {
			p.pos++
		} else if p.peek() != '}' {
			return h, p.errorf("expected ',' or '}'")
		}
	}
	p.skipSpace()
	if p.pos != len(p.text) {
		return h, p.errorf("unexpected text after the dict")
	}
	for _, key := range []string{"descr", "fortran_order", "shape"} {
		if !seen[key] {
			return h, p.errorf("no %q key", key)
		}
	}
	return h, nil
}

// dictParser walks through the header text; pos is the next byte to read.
type dictParser struct {
	text string
	pos  int
}

func (p *dictParser) peek() byte {
	if p.pos < len(p.text) {
		return p.text[p.pos]
	}
	return 0
}

func (p *dictParser) skipSpace() {
	for p.pos < len(p.text) && strings.IndexByte(" \t\n\r\f", p.text[p.pos]) >= 0 {
		p.pos++
	}
}

func (p *dictParser) expect(c byte) error {
	if p.peek() != c {
		return p.errorf("expected %q", c)
	}
	p.pos++
	return nil
}

// str reads a quoted string without escapes: 'shape' or "shape".
func (p *dictParser) str() (string, error) {
	q := p.peek()
	if q != '\'' && q != '"' {
		return "", p.errorf("expected a quoted string")
	}
	end := strings.IndexByte(p.text[p.pos+1:], q)
	if end < 0 {
		return "", p.errorf("unterminated string")
	}
	s := p.text[p.pos+1 : p.pos+1+end]
	if strings.ContainsAny(s, "\\\n") {
		return "", p.errorf("unsupported string %q", s)
	}
	p.pos += end + 2
	return s, nil
}

// boolean reads True or False.
func (p *dictParser) boolean() (bool, error) {
	rest := p.text[p.pos:]
	switch {
	case strings.HasPrefix(rest, "True"):
		p.pos += len("True")
		return true, nil
	case strings.HasPrefix(rest, "False"):
		p.pos += len("False")
		return false, nil
	}
	return false, p.errorf("expected True or False for 'fortran_order'")
}

// tuple reads a Python tuple of non-negative integers: (), (5,), (3, 4).
// Like Python, it reads (5) as the number 5 and refuses it.
func (p *dictParser) tuple() ([]int, error) {
	if err := p.expect('('); err != nil {
		return nil, p.errorf("expected a tuple such as (3, 4) for 'shape'")
	}
	shape := []int{}
	for {
		p.skipSpace()
		if p.peek() == ')' {
			p.pos++
			break
		}
		if len(shape) == maxRank {
			return nil, p.errorf("shape has more than %d dimensions", maxRank)
		}
		d, err := p.integer()
		if err != nil {
			return nil, err
		}
		shape = append(shape, d)
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.pos++
		case ')':
			if len(shape) == 1 {
				return nil, p.errorf("expected a tuple for 'shape', not a number (a 1-d shape is written (5,))")
			}
		default:
			return nil, p.errorf("expected ',' or ')' in 'shape'")
		}
	}
	return shape, nil
}

// integer reads a non-negative decimal integer that fits in an int, and an
// optional Python 2 long suffix L.
func (p *dictParser) integer() (int, error) {
	start := p.pos
	n := 0
	for p.pos < len(p.text) && '0' <= p.text[p.pos] && p.text[p.pos] <= '9' {
		digit := int(p.text[p.pos] - '0')
		if n > (math.MaxInt-digit)/10 {
			return 0, p.errorf("dimension too large")
		}
		n = n*10 + digit
		p.pos++
	}
	if p.pos == start {
		return 0, p.errorf("expected a non-negative integer in 'shape'")
	}
	if c := p.peek(); c == 'L' || c == 'l' {
		p.pos++
	}
	return n, nil
}

// errorf reports a problem at the current position and quotes the header.
func (p *dictParser) errorf(format string, args ...any) error {
	text := strings.TrimRight(p.text, " \n")
	if len(text) > 120 {
		text = text[:120] + "..."
	}
	return fmt.Errorf("bad header: %s at byte %d of %q", fmt.Sprintf(format, args...), p.pos, text)
}
