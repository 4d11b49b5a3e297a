// Package dataset loads MNIST, the handwritten digits every chapter of Deep
// Learning from Scratch learns from: the Go counterpart of the book's
// dataset/mnist.py.
//
// Load is the book's load_mnist(normalize, flatten, one_hot_label). It returns
// the 60,000 training and 10,000 test images as two Sets. A Set keeps its
// pixels compact, one byte each (47 MB for the training images), and builds
// float64 mini-batches on request: s.X(idx) is the book's x_train[batch_mask]
// and s.T(idx) its t_train[batch_mask].
//
// # Files
//
// MNIST comes as four files in the IDX format described at the bottom of
// LeCun's page (http://yann.lecun.com/exdb/mnist/): a big-endian header, a
// magic number (2051 for images, 2049 for labels), the dimensions, then one
// unsigned byte per pixel or label. DecodeImages and DecodeLabels read them,
// gzip-compressed (as published) or raw, and check everything a damaged or
// forged file could get wrong; each fault has an exported error (ErrMagic,
// ErrTruncated, ...) to test with errors.Is. A header's claim costs nothing
// until data arrives to back it: the counts of an image file and its label
// file are compared from their headers before a pixel is read, and the
// pixels are held in a buffer that grows as they arrive. A file must be a
// regular file: a named pipe is refused, not waited on.
//
// # Where the files come from
//
// Load looks in one folder, the first of:
//
//  1. Options.Dir, meant to be fed by a program's -data flag;
//  2. the environment variable MNIST_DIR;
//  3. CacheDir(), the per-user cache (~/.cache/dlfs/mnist on Linux).
//
// In that folder each file may be gzip-compressed, as published
// (train-images-idx3-ubyte.gz), or already gunzipped (train-images-idx3-ubyte).
// A file found in neither form is downloaded into the folder from the first of
// DefaultMirrors that serves it, checked against the SHA-256 of the original,
// and written atomically (a hidden temporary file in the same folder, renamed
// when complete), so a failed or interrupted download never leaves a half file
// where Load would read it. A download follows Options.Context: cancelling
// it (a run's Ctrl-C) stops the download at once and removes its temporary
// file. (A temporary file left by a killed program is removed by a later
// download once it is an hour old.) The
// cache folder is created when needed. A folder named explicitly (flag or
// MNIST_DIR) must already exist: a mistyped path is reported, not silently
// created and filled. When no mirror works, the error lists every URL tried
// with its failure and says which files to place by hand, and where.
package dataset
