// OpenRegular's open flag where there are no named pipes that block open
// (machinery, not the book).

//go:build !unix

package atomicfile

// openNonblock adds nothing: the check before opening is all there is.
const openNonblock = 0
