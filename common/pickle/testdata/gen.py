"""Writes the test fixtures of dlfs/common/pickle (run from this folder).

One dict of small random arrays (fixed seed) is pickled by NumPy in
protocols 2, 3, 4 and 5, as a dict and as a collections.OrderedDict, with
the globals NumPy 1 names (numpy.core.*) and, through reducer_override, the
ones NumPy 2 names (numpy._core.*). The arrays cover float32 and float64,
little- and big-endian, C and Fortran order, a 0-d array and an empty one.
expected.npz holds each array as np.savez writes it, in C order and
little-endian float64, for the Go test to read with dlfs/common/npy, a
reader that shares no code with the pickle reader.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 gen.py
"""

import collections
import os
import pickle
import sys
import types

import numpy as np

rng = np.random.default_rng(20161)
arrays = {
    "W1": rng.standard_normal((3, 4)),  # <f8, C order
    "b1": rng.standard_normal(4).astype("<f4"),
    "big8": rng.standard_normal((2, 3)).astype(">f8"),
    "big4": rng.standard_normal(5).astype(">f4"),
    "fort": np.asfortranarray(rng.standard_normal((3, 4))),
    "fort3": np.asfortranarray(rng.standard_normal((2, 3, 4)).astype(">f4")),
    "scalar": np.array(2.5),
    "empty": np.zeros((0, 3)),
}
assert arrays["fort"].flags.f_contiguous and not arrays["fort"].flags.c_contiguous


def numpy2_module(name, func):
    """Registers func under the NumPy 2 module name, so pickle names it so."""
    mod = sys.modules.get(name) or types.ModuleType(name)
    sys.modules[name] = mod
    alias = lambda *args: func(*args)
    alias.__module__, alias.__name__, alias.__qualname__ = name, func.__name__, func.__name__
    setattr(mod, func.__name__, alias)
    return alias


reconstruct2 = numpy2_module("numpy._core.multiarray", np.core.multiarray._reconstruct)
frombuffer2 = numpy2_module("numpy._core.numeric", np.core.numeric._frombuffer)


class Numpy2Pickler(pickle.Pickler):
    """Pickles arrays as NumPy does, but naming numpy._core as NumPy 2 does."""

    def __init__(self, file, protocol):
        super().__init__(file, protocol=protocol)
        self.protocol = protocol

    def reducer_override(self, obj):
        if type(obj) is not np.ndarray:
            return NotImplemented
        f, args, *rest = obj.__reduce_ex__(self.protocol)
        f = {np.core.multiarray._reconstruct: reconstruct2, np.core.numeric._frombuffer: frombuffer2}[f]
        return (f, args, *rest)


np.savez("expected.npz", **{name: a.astype("<f8", order="C") for name, a in arrays.items()})

for proto in (2, 3, 4, 5):
    for kind in ("dict", "ordered"):
        d = arrays if kind == "dict" else collections.OrderedDict(arrays)
        with open(f"numpy1_p{proto}_{kind}.pkl", "wb") as f:
            pickle.dump(d, f, protocol=proto)
    with open(f"numpy2_p{proto}_dict.pkl", "wb") as f:
        Numpy2Pickler(f, protocol=proto).dump(arrays)

# Check what was written: the names in each file, and that each loads back.
for fn in sorted(os.listdir(".")):
    if fn.endswith(".pkl"):
        data = open(fn, "rb").read()
        want = b"numpy._core" if fn.startswith("numpy2") else b"numpy.core"
        assert want in data, fn
        if fn.startswith("numpy2"):
            assert b"numpy.core" not in data, fn
        back = pickle.loads(data)
        for name, a in arrays.items():
            assert back[name].shape == a.shape and np.array_equal(back[name], a), (fn, name)
print("wrote", len([f for f in os.listdir(".") if f.endswith(".pkl")]), "pickles")
