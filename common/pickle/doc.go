// Package pickle is machinery, not part of the book: it reads and writes the
// book's own weight files, which its code saves with Python's pickle module
// (ch03's sample_weight.pkl, read by init_network; the save_params and
// load_params of SimpleConvNet and DeepConvNet in ch07 and ch08), so that
// the chapters' -weights takes them as the book's repository ships them and
// -save writes one the book's code loads.
//
// A pickle is a little program for a stack machine: each opcode pushes a
// value, builds a tuple, list or dict from values on the stack, or calls a
// "global" (a Python function named by module and name) with arguments. This
// package is an interpreter of those opcodes that builds Go values. It
// executes nothing: the only globals it knows are the few NumPy uses to
// rebuild an array, each implemented here in Go, and any other global (say
// os.system) is refused with an error that names it. The format is described
// in Python's Lib/pickletools.py; the globals NumPy names are:
//
//	numpy.core.multiarray._reconstruct  (numpy._core.multiarray in NumPy 2)
//	numpy.ndarray, numpy.dtype          the array and its element type
//	numpy.core.numeric._frombuffer      protocol 5 (numpy._core.numeric)
//	_codecs.encode                      how protocol 2 writes bytes
//	collections.OrderedDict             a dict that keeps its order
//	builtins.bytes / __builtin__.bytes  protocol 2's empty bytes
//
// What is read: protocols 2 to 5, a dict (or OrderedDict) from string keys
// to NumPy arrays of float32 or float64, little- or big-endian, in C or
// Fortran order, as NumPy 1 and NumPy 2 pickle them. The arrays come back as
// npy.Array values in C order. Everything else is an error that names the
// file and what was expected.
//
// A forged file cannot make the reader allocate much more than the file
// holds: every length is checked against the bytes that remain before
// anything is allocated, the stack and the memo have a fixed limit, and all
// the values built, arrays included, draw on one allowance proportional to
// the file's size.
//
// What is written: protocol 3, as NumPy pickles an array (_reconstruct, then
// BUILD with the array's state), the same form as the book's 2016 files, so
// that the book's load_params (pickle.load, then params[key]) reads it with
// NumPy 1 or 2.
package pickle
