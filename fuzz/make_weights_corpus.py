"""Writes the seed corpus of the weights_import fuzz target (fuzz/corpus/weights_import/): one small
valid file of each kind the importer reads (.npz plain and compressed, .npy in C and Fortran order,
safetensors in float32) under each layout (a23-code, pq, omega), with and without a `cov` array.
Run with Debian's interpreter from fuzz/corpus/weights_import: /usr/bin/python3 ../../make_weights_corpus.py"""
import json
import struct

import numpy as np


def safetensors(path, arrays):
    """safetensors by hand (8-byte little-endian header length, JSON header, raw data)."""
    header, data = {}, b""
    for name, a in arrays.items():
        raw = a.tobytes()
        header[name] = {"dtype": {"float32": "F32", "float64": "F64"}[str(a.dtype)], "shape": list(a.shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    h = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + data)


rng = np.random.default_rng(1)
sparse = np.zeros((1, 1, 2, 2, 2), dtype=np.float32)
sparse[0, 0, 1] = np.eye(2) * 0.5
relaxed = (rng.standard_normal((2, 1, 2, 2, 2)) * 0.1).astype(np.float32)
np.savez("a23_sparse.npz", allparam=sparse)
np.savez_compressed("a23_relaxed_compressed.npz", allparam=relaxed, cov=np.eye(2))
np.savez("pq_two_heads.npz", P=rng.standard_normal((1, 2, 3, 3)), Q=rng.standard_normal((1, 2, 3, 3)))
np.savez("omega_diag.npz", omega=rng.standard_normal((2, 4)), cov=np.array([[2.0, 0.5], [0.5, 1.0]]))
np.savez("omega_gdpp.npz", omega=rng.standard_normal((3, 2)))
np.save("allparam.npy", sparse)
np.save("fortran_order.npy", np.asfortranarray(rng.standard_normal((2, 3))))
safetensors("pq.safetensors", {"P": rng.standard_normal((1, 3, 3)).astype(np.float32),
                               "Q": rng.standard_normal((1, 3, 3)).astype(np.float32)})
safetensors("a23.safetensors", {"allparam": relaxed})
