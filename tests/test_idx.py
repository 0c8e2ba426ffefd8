"""Tests for nnbook.idx on small IDX files the tests write (nothing is downloaded)."""

import gzip

import numpy as np
import pytest

from nnbook.idx import MNIST_FILES, load_mnist_folder, read_idx, write_idx


@pytest.mark.parametrize("dtype", ["uint8", "int8", "int16", "int32", "float32", "float64"])
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_write_then_read_round_trips(tmp_path, dtype, suffix):
    rng = np.random.default_rng(0)
    array = (rng.standard_normal((3, 4, 5)) * 50).astype(dtype)
    path = tmp_path / f"a{suffix}"
    write_idx(path, array)
    back = read_idx(path)
    assert back.dtype == array.dtype and back.shape == array.shape
    np.testing.assert_array_equal(back, array)


def test_reads_the_bytes_of_the_published_format(tmp_path):
    # Two 2 x 3 uint8 images, written byte by byte as the MNIST page describes the format:
    # magic 0x00000803 (ubyte, 3 dimensions), sizes 2, 2, 3 big-endian, then the pixels.
    raw = bytes([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, *range(12)])
    (tmp_path / "images").write_bytes(raw)
    np.testing.assert_array_equal(read_idx(tmp_path / "images"), np.arange(12).reshape(2, 2, 3))
    # a big-endian int32 vector: magic 0x00000C01
    raw = bytes([0, 0, 0x0C, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0xFF, 0xFF, 0xFF, 0xFE])
    (tmp_path / "ints").write_bytes(raw)
    np.testing.assert_array_equal(read_idx(tmp_path / "ints"), [256, -2])


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"\x01\x00\x08\x01", "is not an IDX file"),
        (b"\x00\x00\x07\x01\x00\x00\x00\x01\x05", "unknown IDX type code 0x07"),
        (b"\x00\x00\x08\x02\x00\x00\x00\x01", "ends inside its header"),
        (b"\x00\x00\x08\x01\x00\x00\x00\x05\x01\x02", r"shape \(5,\) of uint8 needs 13 bytes"),
    ],
)
def test_malformed_files_raise(tmp_path, raw, message):
    (tmp_path / "bad").write_bytes(raw)
    with pytest.raises(ValueError, match=message):
        read_idx(tmp_path / "bad")


def test_write_rejects_unsupported_dtypes(tmp_path):
    with pytest.raises(ValueError, match="IDX cannot store dtype int64"):
        write_idx(tmp_path / "x", np.zeros(3, dtype=np.int64))


def make_folder(tmp_path, n=5, gz=True, n_labels=None):
    rng = np.random.default_rng(1)
    images = rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 10, size=n_labels or n, dtype=np.uint8)
    suffix = ".gz" if gz else ""
    write_idx(tmp_path / f"{MNIST_FILES['test'][0]}{suffix}", images)
    write_idx(tmp_path / f"{MNIST_FILES['test'][1]}{suffix}", labels)
    return images, labels


@pytest.mark.parametrize("gz", [True, False])
def test_load_mnist_folder_scales_and_flattens(tmp_path, gz):
    images, labels = make_folder(tmp_path, gz=gz)
    X, y = load_mnist_folder(tmp_path, "test")
    assert X.shape == (5, 784) and X.dtype == np.float64
    assert 0 <= X.min() and X.max() <= 1
    np.testing.assert_array_equal(X * 255, images.reshape(5, -1))
    np.testing.assert_array_equal(y, labels)
    assert y.dtype == np.int64
    with (
        gzip.open(tmp_path / f"{MNIST_FILES['test'][0]}.gz")
        if gz
        else open(tmp_path / MNIST_FILES["test"][0], "rb") as f
    ):
        assert f.read(4) == b"\x00\x00\x08\x03"


def test_load_mnist_folder_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="never downloads"):
        load_mnist_folder(tmp_path, "train")
    with pytest.raises(ValueError, match="split must be 'train' or 'test', got 'val'"):
        load_mnist_folder(tmp_path, "val")
    make_folder(tmp_path, n=5, n_labels=4)
    with pytest.raises(ValueError, match=r"expected 5 labels, got shape \(4,\)"):
        load_mnist_folder(tmp_path, "test")


def test_load_mnist_folder_expands_the_home_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "fashion").mkdir()
    images, _ = make_folder(tmp_path / "fashion")
    X, _ = load_mnist_folder("~/fashion", "test")
    np.testing.assert_array_equal(X * 255, images.reshape(len(images), -1))
