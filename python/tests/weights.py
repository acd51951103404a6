"""Writers of weights files for the import tests, in NumPy only: safetensors, and A23's code's
forward pass (github.com/chengxiang/LinearTransformer, linear_transformer.py: tokens as rows, the
attention of token n to token m is z_nᵀ Q_full z_m over the n context tokens, divided by n)."""

import json
import struct

import numpy as np


def write_safetensors(path, arrays):
    header, blobs, offset = {}, [], 0
    for name, a in arrays.items():
        a = np.ascontiguousarray(a)
        dtype = {np.dtype("float64"): "F64", np.dtype("float32"): "F32", np.dtype("int64"): "I64"}[a.dtype]
        raw = a.astype(a.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(a.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def a23_code_forward(allparam, Z_rows):
    """A23's code's Transformer_F.forward on one prompt Z (n+1 rows of d+1), in float64."""
    L, H, _, d, _ = allparam.shape
    N = Z_rows.shape[0] - 1
    Z = Z_rows.copy()
    mask = np.eye(N + 1)
    mask[N, N] = 0
    for i in range(L):
        residues = 0
        for j in range(H):
            P = np.zeros((d + 1, d + 1))
            P[:d, :d] = allparam[i, j, 0]
            P[d, d] = 1
            Q = np.zeros((d + 1, d + 1))
            Q[:d, :d] = allparam[i, j, 1]
            attn = np.einsum("Ni,ij,Mj->NM", Z, Q, Z)
            key = np.einsum("ij,Nj->Ni", P, Z)
            residues = residues + np.einsum("NM,ML,Li->Ni", attn, mask, key) / N
        Z = Z + residues
    return Z
