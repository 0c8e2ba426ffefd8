import numpy as np
import pytest
import torch

from nnbook.metrics import mean_and_std, regression_metrics


def test_metrics_match_their_definitions():
    rng = np.random.default_rng(0)
    y = rng.normal(size=50)
    y_hat = y + rng.normal(scale=0.3, size=50)
    m = regression_metrics(torch.tensor(y)[:, None], y_hat)
    assert m["MAE"] == pytest.approx(np.mean(np.abs(y - y_hat)), rel=1e-12)
    assert m["RMSE"] == pytest.approx(np.sqrt(np.mean((y - y_hat) ** 2)), rel=1e-12)
    r2 = 1 - np.sum((y - y_hat) ** 2) / np.sum((y - y.mean()) ** 2)
    assert m["R2"] == pytest.approx(r2, rel=1e-12)


def test_perfect_prediction():
    y = np.arange(5.0)
    assert regression_metrics(y, y) == {"MAE": 0.0, "RMSE": 0.0, "R2": 1.0}


@pytest.mark.parametrize(
    "y_true, y_pred, match",
    [
        (np.zeros(3), np.zeros(4), "shape"),
        (np.zeros((3, 2)), np.zeros((3, 2)), "shape"),
        (np.array([0.0, np.nan]), np.zeros(2), "NaN"),
        (np.zeros(1), np.zeros(1), "at least 2"),
    ],
)
def test_bad_input(y_true, y_pred, match):
    with pytest.raises(ValueError, match=match):
        regression_metrics(y_true, y_pred)


def test_mean_and_std():
    assert mean_and_std([1.0, 2.0, 3.0]) == pytest.approx((2.0, 1.0))
    assert mean_and_std([4.0]) == (4.0, 0.0)
    with pytest.raises(ValueError, match="at least one"):
        mean_and_std([])
