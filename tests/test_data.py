import numpy as np
import pytest
import torch

from nnbook.data import (
    load_digits_unit,
    make_binary_data,
    make_regression_data,
    split_three_ways,
    split_to_tensors,
)


@pytest.mark.parametrize("n_features", [1, 2, 5])
def test_regression_data_follows_its_formula(n_features):
    X, y = make_regression_data(200, n_features, noise=0.0, seed=1)
    assert X.shape == (200, n_features)
    assert y.shape == (200, 1)
    assert X.min() >= -3 and X.max() <= 3
    expected = sum(np.sin(X[:, j]) / (j + 1) for j in range(n_features))
    np.testing.assert_allclose(y[:, 0], expected, rtol=0, atol=1e-15)


def test_regression_noise_has_the_requested_std():
    X, y = make_regression_data(20_000, 2, noise=0.3, seed=0)
    residual = y[:, 0] - (np.sin(X[:, 0]) + np.sin(X[:, 1]) / 2)
    # standard error of a sample std is about sigma / sqrt(2 n)
    assert abs(residual.std() - 0.3) < 4 * 0.3 / np.sqrt(2 * 20_000)


def test_regression_data_is_seeded():
    a = make_regression_data(50, 3, 0.1, seed=7)
    b = make_regression_data(50, 3, 0.1, seed=7)
    c = make_regression_data(50, 3, 0.1, seed=8)
    assert all(np.array_equal(u, v) for u, v in zip(a, b, strict=True))
    assert not np.array_equal(a[0], c[0])


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"n_samples": 1}, "n_samples"),
        ({"n_features": 0}, "n_features"),
        ({"noise": -0.1}, "noise"),
        ({"noise": float("nan")}, "noise"),
    ],
)
def test_regression_data_rejects_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        make_regression_data(**kwargs)


def test_split_returns_tensors_partitioning_the_data():
    X, y = make_regression_data(100, 2, seed=0)
    X_tr, X_te, y_tr, y_te = split_to_tensors(X, y, test_size=0.25, seed=0)
    assert X_tr.shape == (75, 2) and X_te.shape == (25, 2)
    assert y_tr.shape == (75, 1) and y_te.shape == (25, 1)
    assert X_tr.dtype == torch.float32 and y_tr.dtype == torch.float32
    together = torch.cat([X_tr, X_te]).double().numpy()
    assert sorted(map(tuple, together.round(5))) == sorted(map(tuple, X.round(5)))
    again = split_to_tensors(X, y, test_size=0.25, seed=0)
    assert torch.equal(again[0], X_tr)


def test_split_keeps_integer_labels():
    X, y = load_digits_unit()
    _, _, y_tr, _ = split_to_tensors(X, y, dtype=torch.float64, stratify=True)
    assert y_tr.dtype == torch.int64


def test_split_rejects_bad_input():
    X, y = make_regression_data(10, 1)
    with pytest.raises(ValueError, match="same length"):
        split_to_tensors(X, y[:-1])
    with pytest.raises(ValueError, match="2-D"):
        split_to_tensors(X[:, 0], y)
    with pytest.raises(ValueError, match="test_size"):
        split_to_tensors(X, y, test_size=1.0)


def test_digits_scaled_to_unit_interval():
    X, y = load_digits_unit()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.min() == 0.0 and X.max() == 1.0
    assert np.allclose(X * 16, np.round(X * 16))  # raw values were integers 0-16
    assert set(np.unique(y)) == set(range(10))


@pytest.mark.parametrize("kind", ["blobs", "circles"])
def test_binary_data_shapes_and_labels(kind):
    X, y = make_binary_data(kind, 60, seed=0)
    assert X.shape == (60, 2) and X.dtype == np.float64
    assert y.shape == (60, 1) and set(np.unique(y)) == {0.0, 1.0}
    assert np.array_equal(X, make_binary_data(kind, 60, seed=0)[0])


def test_circles_have_the_small_circle_inside():
    X, y = make_binary_data("circles", 400, noise=0.0, seed=0)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y[:, 0] == 1], 0.1, atol=1e-12)  # inner circle: class 1
    np.testing.assert_allclose(radius[y[:, 0] == 0], 1.0, atol=1e-12)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"kind": "moons"}, "kind"),
        ({"kind": "blobs", "n_samples": 1}, "n_samples"),
        ({"kind": "circles", "noise": -1.0}, "noise"),
    ],
)
def test_binary_data_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        make_binary_data(**kwargs)


@pytest.mark.parametrize(("val_size", "test_size"), [(0.2, 0.2), (0.1, 0.3), (0.25, 0.25)])
def test_three_way_split_sizes_disjoint_and_stratified(val_size, test_size):
    X, y = load_digits_unit()
    X = X + np.arange(len(X))[:, None] * 1e-6  # rows made unique, to check disjointness
    parts = split_three_ways(X, y, val_size=val_size, test_size=test_size, seed=3, stratify=True)
    X_tr, X_va, X_te, y_tr, y_va, y_te = parts
    n = len(X)
    assert len(X_tr) + len(X_va) + len(X_te) == n
    assert abs(len(X_te) - test_size * n) <= 1
    assert abs(len(X_va) - val_size * n) <= 1
    rows = [{tuple(r) for r in part.double().numpy().round(9)} for part in (X_tr, X_va, X_te)]
    assert not (rows[0] & rows[1] or rows[0] & rows[2] or rows[1] & rows[2])
    whole = np.bincount(y, minlength=10) / n
    for labels in (y_tr, y_va, y_te):
        share = np.bincount(labels.numpy(), minlength=10) / len(labels)
        assert np.abs(share - whole).max() < 0.02  # stratified: each class in proportion
    assert y_tr.dtype == torch.int64 and X_tr.dtype == torch.float32


def test_three_way_split_is_seeded():
    X, y = make_regression_data(n_samples=50, seed=0)
    a = split_three_ways(X, y, seed=1)
    b = split_three_ways(X, y, seed=1)
    assert all(torch.equal(u, v) for u, v in zip(a, b, strict=True))


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"val_size": 0.0}, r"val_size must be a finite number in \(0, 1\), got 0.0"),
        ({"test_size": 1.2}, r"test_size must be a finite number in \(0, 1\), got 1.2"),
        ({"val_size": 0.5, "test_size": 0.5}, r"val_size \+ test_size must be < 1"),
    ],
)
def test_three_way_split_bad_fractions_are_named(kwargs, match):
    X, y = make_regression_data(n_samples=20, seed=0)
    with pytest.raises(ValueError, match=match):
        split_three_ways(X, y, **kwargs)
