import numpy as np
import pytest
import torch
from sklearn.metrics import precision_recall_fscore_support

from nnbook.classification import (
    class_report_rows,
    confusion,
    easiest_and_hardest,
    most_confused_pair,
    predict_proba,
)
from nnbook.models import MLP


def test_easiest_and_hardest_on_a_hand_made_table():
    proba = np.array(
        [
            [0.90, 0.05, 0.05],  # label 0, predicted 0 with 0.90: correct
            [0.10, 0.80, 0.10],  # label 1, predicted 1 with 0.80: correct
            [0.60, 0.30, 0.10],  # label 2, predicted 0 with 0.60: wrong
            [0.20, 0.70, 0.10],  # label 0, predicted 1 with 0.70: wrong
            [0.01, 0.01, 0.98],  # label 2, predicted 2 with 0.98: correct
            [0.10, 0.20, 0.70],  # label 1, predicted 2 with 0.70: wrong (ties with row 3)
            [0.50, 0.40, 0.10],  # label 0, predicted 0 with 0.50: correct
        ]
    )
    y = np.array([0, 1, 2, 0, 2, 1, 0])
    easy, hard = easiest_and_hardest(proba, y, k=3)
    assert easy.tolist() == [4, 0, 1]
    assert hard.tolist() == [3, 5, 2]  # the tie at 0.70 is broken by index
    easy, hard = easiest_and_hardest(proba, y, k=5)
    assert easy.tolist() == [4, 0, 1, 6] and hard.tolist() == [3, 5, 2]  # only 4 right, 3 wrong


@pytest.mark.parametrize("k", [0, -1, True, 1.5])
def test_easiest_and_hardest_bad_k(k):
    with pytest.raises(ValueError, match="k must be"):
        easiest_and_hardest(np.full((6, 2), 0.5), np.zeros(6, dtype=int), k=k)


def test_easiest_and_hardest_label_out_of_range():
    with pytest.raises(ValueError, match="label 2 is out of range for 2 classes"):
        easiest_and_hardest(np.full((3, 2), 0.5), np.array([0, 1, 2]), k=1)


def test_report_rows_are_sklearns_with_macro_average():
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 4, 200), rng.integers(0, 4, 200)
    rows = class_report_rows(y_true, y_pred, 4)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=range(4), zero_division=0)
    assert [row[0] for row in rows] == [0, 1, 2, 3, "macro average"]
    np.testing.assert_allclose([row[1] for row in rows[:4]], p, rtol=0, atol=0)
    np.testing.assert_allclose([row[2] for row in rows[:4]], r, rtol=0, atol=0)
    np.testing.assert_allclose([row[3] for row in rows[:4]], f, rtol=0, atol=0)
    macro = precision_recall_fscore_support(y_true, y_pred, average="macro", zero_division=0)
    assert rows[-1][1:4] == pytest.approx(macro[:3], rel=1e-12)
    assert rows[-1][4] == 200 == s.sum()


def test_report_rows_reject_out_of_range_labels():
    with pytest.raises(ValueError, match="y_pred has label 5, out of range for 3 classes"):
        class_report_rows([0, 1, 2], [0, 1, 5], 3)


def test_most_confused_pair_and_ties():
    cm = np.array([[9, 2, 0], [4, 7, 4], [0, 1, 8]])
    assert most_confused_pair(cm) == (1, 0, 4)  # (1, 0) and (1, 2) tie: row-major first
    assert most_confused_pair(confusion([0, 0, 1, 2, 2, 2], [1, 1, 1, 2, 2, 0], 3)) == (0, 1, 2)
    with pytest.raises(ValueError, match="square"):
        most_confused_pair(np.zeros((2, 3)))


@pytest.mark.parametrize("n_out", [1, 3])
def test_predict_proba_rows_are_probabilities(n_out):
    torch.manual_seed(0)
    model = MLP(2, (4,), n_out).double()
    X = torch.randn(10, 2, dtype=torch.float64)
    proba = predict_proba(model, X)
    assert proba.shape == (10, max(n_out, 2))
    np.testing.assert_allclose(proba.sum(1), 1.0, atol=1e-15)
    if n_out == 1:
        np.testing.assert_allclose(proba[:, 1], torch.sigmoid(model(X))[:, 0].detach(), atol=1e-15)
