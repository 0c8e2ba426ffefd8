"""Read (and write) IDX files, the format of MNIST and Fashion-MNIST, from a local folder.

Nothing here downloads: the reader points :func:`load_mnist_folder` at files they already
have (e.g. Fashion-MNIST's ``train-images-idx3-ubyte.gz``).  The tests write small IDX files
with :func:`write_idx` and read them back.  Used in "Variational autoencoders"
(``book/vae.md``, section ``sec-vae-fashion``).

An IDX file is a 4-byte magic number -- two zero bytes, a type code, the number of
dimensions -- then each dimension's size as a big-endian 32-bit integer, then the values,
big-endian, in C order.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

__all__ = ["MNIST_FILES", "load_mnist_folder", "read_idx", "write_idx"]

#: IDX type code -> big-endian numpy dtype.
_DTYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_CODES = {dt.newbyteorder("="): code for code, dt in _DTYPES.items()}

#: The file names of MNIST and Fashion-MNIST, per split: (images, labels).
MNIST_FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}


def read_idx(path: str | Path) -> np.ndarray:
    """The array stored in the IDX file ``path`` (gzip-compressed when it ends in ``.gz``)."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as f:
        data = f.read()
    if len(data) < 4 or data[0] != 0 or data[1] != 0:
        raise ValueError(f"{path} is not an IDX file (its first two bytes must be zero)")
    code, ndim = data[2], data[3]
    if code not in _DTYPES:
        raise ValueError(f"{path}: unknown IDX type code 0x{code:02X}")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError(f"{path}: file ends inside its header of {ndim} dimension sizes")
    shape = tuple(int(s) for s in np.frombuffer(data, dtype=">u4", count=ndim, offset=4))
    dtype = _DTYPES[code]
    expected = header + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(data) != expected:
        raise ValueError(
            f"{path}: shape {shape} of {dtype.name} needs {expected} bytes, the file has "
            f"{len(data)} (truncated or not an IDX file?)"
        )
    return (
        np.frombuffer(data, dtype=dtype, offset=header)
        .reshape(shape)
        .astype(dtype.newbyteorder("="))
    )


def write_idx(path: str | Path, array: np.ndarray) -> None:
    """Write ``array`` as an IDX file (gzip-compressed when ``path`` ends in ``.gz``)."""
    array = np.asarray(array)
    dtype = array.dtype.newbyteorder("=")
    if dtype not in _CODES:
        raise ValueError(
            f"IDX cannot store dtype {array.dtype}; use one of {sorted(map(str, _CODES))}"
        )
    if array.ndim > 255:
        raise ValueError(f"IDX stores at most 255 dimensions, got {array.ndim}")
    header = bytes([0, 0, _CODES[dtype], array.ndim]) + np.asarray(array.shape, ">u4").tobytes()
    body = array.astype(dtype.newbyteorder(">")).tobytes()
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wb") as f:
        f.write(header + body)


def load_mnist_folder(folder: str | Path, split: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """Images and labels of an MNIST-format data set (MNIST, Fashion-MNIST) in ``folder``.

    Looks for :data:`MNIST_FILES` of ``split`` (``"train"`` or ``"test"``), with or without
    ``.gz``.  Returns ``X`` of shape ``(n, rows * cols)``, float64 scaled from 0-255 to
    [0, 1], and ``y`` of shape ``(n,)``, int64.
    """
    if split not in MNIST_FILES:
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    folder = Path(folder).expanduser()  # "~/data/fashion-mnist" works too
    images, labels = (_find(folder, name) for name in MNIST_FILES[split])
    X, y = read_idx(images), read_idx(labels)
    if X.ndim != 3 or X.dtype != np.uint8:
        raise ValueError(
            f"{images}: expected uint8 images (n, rows, cols), got {X.dtype} {X.shape}"
        )
    if y.ndim != 1 or len(y) != len(X):
        raise ValueError(f"{labels}: expected {len(X)} labels, got shape {y.shape}")
    return X.reshape(len(X), -1) / 255.0, y.astype(np.int64)


def _find(folder: Path, name: str) -> Path:
    for candidate in (folder / name, folder / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"neither {name} nor {name}.gz is in {folder}; download the data set yourself "
        "(the book never downloads at build time) and point load_mnist_folder at its folder"
    )
