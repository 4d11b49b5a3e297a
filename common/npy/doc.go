// Package npy is machinery, not part of the book: safe to skip. It reads and
// writes NumPy's own array files, so that this repository can load the book's
// pretrained weights and NumPy can load the weights trained here.
//
// A .npy file holds one array (numpy.save, numpy.lib.format): the magic string
// "\x93NUMPY", two version bytes, the little-endian length of a header, the
// header itself, and then the raw array data. The header is an ASCII Python
// dict literal padded with spaces and ended by a newline so that the data
// starts at a multiple of 64 bytes:
//
//	{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }
//
// Version 1.0 stores the header length in 2 bytes, versions 2.0 and 3.0 in 4
// (3.0 also allows UTF-8 in the header). A .npz file (numpy.savez) is a zip
// archive with one member NAME.npy per array.
//
// This package handles what Deep Learning from Scratch needs: little-endian
// float32 ('<f4') and float64 ('<f8') arrays of any rank in C order. Values
// are always held as float64; float32 converts exactly. Files are written the
// way numpy.save writes them, byte for byte, always as '<f8'. Anything else
// (big-endian data, Fortran order, Python objects, other dtypes, a damaged
// file) is refused with an error that names the file and what was expected.
// Reading never allocates more than the input can hold.
//
// A program loading a network's weights knows what it needs: it passes a
// Want (each array's name and shape) to LoadWant, which refuses any other
// name, and any other shape from the array's header, before reading (or, in
// a .npz, decompressing) its data. A small file cannot then make the program
// read gigabytes.
package npy
