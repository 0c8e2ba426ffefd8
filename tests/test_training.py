import copy

import pytest
import torch
from torch import nn

from nnbook.data import make_regression_data, split_to_tensors
from nnbook.models import MLP
from nnbook.training import NonFiniteLossError, evaluate, fit, predict


def _data(n=60, d=2, dtype=torch.float64):
    X, y = make_regression_data(n, d, noise=0.1, seed=0)
    return split_to_tensors(X, y, dtype=dtype)


def test_one_full_batch_sgd_epoch_is_one_gradient_step():
    X_tr, _, y_tr, _ = _data()
    torch.manual_seed(0)
    model = MLP(2, (6,)).double()
    reference = copy.deepcopy(model)
    lr = 0.05
    fit(
        model,
        X_tr,
        y_tr,
        epochs=1,
        lr=lr,
        batch_size=len(X_tr),
        optimizer=torch.optim.SGD,
        device="cpu",
    )
    loss = nn.functional.mse_loss(reference(X_tr), y_tr)
    grads = torch.autograd.grad(loss, list(reference.parameters()))
    for p, p0, g in zip(model.parameters(), reference.parameters(), grads, strict=True):
        torch.testing.assert_close(p, p0 - lr * g, rtol=0, atol=1e-14)


def test_history_records_whole_set_losses_per_epoch():
    X_tr, X_te, y_tr, y_te = _data()
    torch.manual_seed(0)
    model = MLP(2, (8,)).double()
    h = fit(model, X_tr, y_tr, X_te, y_te, epochs=30, lr=1e-2, batch_size=8, device="cpu")
    assert len(h.train_loss) == len(h.test_loss) == 30
    mse = nn.MSELoss()
    assert h.train_loss[-1] == pytest.approx(evaluate(model, X_tr, y_tr, mse)[0], rel=1e-12)
    assert h.test_loss[-1] == pytest.approx(evaluate(model, X_te, y_te, mse)[0], rel=1e-12)
    assert h.train_loss[-1] < 0.5 * h.train_loss[0]
    assert not model.training  # fit leaves the model in evaluation mode


def test_fit_is_deterministic_for_a_seed():
    X_tr, X_te, y_tr, y_te = _data()

    def run(seed):
        torch.manual_seed(0)
        model = MLP(2, (8,)).double()
        return fit(
            model, X_tr, y_tr, X_te, y_te, epochs=5, lr=1e-2, batch_size=7, seed=seed, device="cpu"
        )

    assert run(1) == run(1)
    assert run(1).train_loss != run(2).train_loss  # the seed changes the mini-batch order


def test_divergence_names_the_epoch():
    X_tr, _, y_tr, _ = _data()
    torch.manual_seed(0)
    with pytest.raises(NonFiniteLossError, match=r"in epoch \d+"):
        fit(
            MLP(2, (8,)).double(),
            X_tr,
            y_tr,
            epochs=50,
            lr=1e3,
            optimizer=torch.optim.SGD,
            device="cpu",
        )


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"epochs": 0}, ValueError, "epochs"),
        ({"epochs": 2.5}, ValueError, "epochs"),
        ({"lr": 0.0}, ValueError, "lr must be a finite number > 0"),
        ({"lr": -1e-3}, ValueError, "lr must be a finite number > 0"),
        ({"lr": float("inf")}, ValueError, "lr must be a finite number > 0"),
        ({"batch_size": 0}, ValueError, "batch_size"),
    ],
)
def test_bad_arguments(kwargs, error, match):
    X_tr, _, y_tr, _ = _data()
    with pytest.raises(error, match=match):
        fit(MLP(2), X_tr, y_tr, device="cpu", **kwargs)


def test_bad_data():
    X_tr, X_te, y_tr, _ = _data(dtype=torch.float32)
    with pytest.raises(ValueError, match="X_train has 45 rows but y_train has 44"):
        fit(MLP(2), X_tr, y_tr[:-1])
    with pytest.raises(ValueError, match="both X_test and y_test"):
        fit(MLP(2), X_tr, y_tr, X_te)
    with pytest.raises(TypeError, match=r"X_train must be a torch\.Tensor"):
        fit(MLP(2), X_tr.numpy(), y_tr)
    with pytest.raises(ValueError, match="target shape"):
        fit(MLP(2), X_tr, y_tr[:, 0], epochs=1)
    bad = X_tr.clone()
    bad[0, 0] = float("nan")
    with pytest.raises(ValueError, match="NaN"):
        fit(MLP(2), bad, y_tr)


def test_predict_is_eval_mode_without_gradients():
    model = MLP(2)
    model.train()
    out = predict(model, torch.zeros(3, 2))
    assert not model.training
    assert not out.requires_grad
    assert out.device.type == "cpu"


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_cuda_training_matches_cpu():
    X_tr, X_te, y_tr, y_te = _data()
    histories = []
    for device in ("cpu", "cuda"):
        torch.manual_seed(0)
        model = MLP(2, (8,)).double()
        histories.append(fit(model, X_tr, y_tr, X_te, y_te, epochs=5, lr=1e-2, device=device))
    assert histories[1].device.startswith("cuda")
    # handed back where it came from: code after fit uses CPU tensors unchanged
    assert next(model.parameters()).device.type == "cpu"
    torch.testing.assert_close(histories[0].test_loss, histories[1].test_loss, rtol=1e-9, atol=0)


def _digits_like(n=90, d=4, classes=3, dtype=torch.float64):
    g = torch.Generator().manual_seed(0)
    X = torch.randn(n, d, generator=g, dtype=dtype)
    y = torch.randint(0, classes, (n,), generator=g)
    return X, y


@pytest.mark.parametrize("binary", [False, True])
def test_classification_accuracy_equals_sklearn(binary):
    from sklearn.metrics import accuracy_score

    from nnbook.classification import predict_labels

    X, y = _digits_like(classes=2 if binary else 3)
    if binary:
        y_fit, n_out, loss_fn = y.double()[:, None], 1, nn.BCEWithLogitsLoss()
    else:
        y_fit, n_out, loss_fn = y, 3, nn.CrossEntropyLoss()
    torch.manual_seed(0)
    model = MLP(4, (8,), n_out).double()
    h = fit(
        model,
        X[:60],
        y_fit[:60],
        X[60:],
        y_fit[60:],
        epochs=4,
        lr=1e-2,
        loss_fn=loss_fn,
        device="cpu",
    )
    assert len(h.train_accuracy) == len(h.test_accuracy) == 4
    assert h.train_accuracy[-1] == accuracy_score(y[:60].numpy(), predict_labels(model, X[:60]))
    assert h.test_accuracy[-1] == accuracy_score(y[60:].numpy(), predict_labels(model, X[60:]))


def test_regression_records_no_accuracy():
    X_tr, X_te, y_tr, y_te = _data()
    h = fit(MLP(2, (4,)).double(), X_tr, y_tr, X_te, y_te, epochs=2, device="cpu")
    assert h.train_accuracy == [] and h.test_accuracy == []


@pytest.mark.parametrize(
    "labels, n_out, loss_fn, match",
    [
        ([0, 1, 3], 3, nn.CrossEntropyLoss(), "label 3 is out of range for a model with 3 outputs"),
        ([0, -1, 2], 3, nn.CrossEntropyLoss(), "label -1 is out of range"),
        ([0, 1, 1], 1, nn.BCEWithLogitsLoss(), "float targets of shape"),
        ([[0.0], [2.0], [1.0]], 1, nn.BCEWithLogitsLoss(), "must be 0.0 or 1.0, got 2.0"),
    ],
)
def test_bad_labels_raise(labels, n_out, loss_fn, match):
    X = torch.randn(3, 2, dtype=torch.float64)
    y = torch.tensor(labels)
    with pytest.raises(ValueError, match=match):
        fit(MLP(2, (3,), n_out).double(), X, y, epochs=1, loss_fn=loss_fn, device="cpu")


def test_accuracy_of_hand_made_logits():
    from nnbook.training import accuracy

    logits = torch.tensor([[2.0, 1.0, 0.0], [0.0, 0.5, 3.0], [1.0, 0.0, 0.0], [0.0, 2.0, 1.0]])
    assert accuracy(logits, torch.tensor([0, 2, 1, 1])) == 0.75
    assert accuracy(torch.tensor([[0.3], [-0.2], [0.0]]), torch.tensor([[1.0], [0.0], [1.0]])) == (
        pytest.approx(2 / 3)
    )


def test_drop_last_skips_the_batch_of_one():
    X, y = _digits_like(n=9, classes=3)
    kw = dict(epochs=1, batch_size=4, loss_fn=nn.CrossEntropyLoss(), device="cpu")
    with pytest.raises(ValueError, match="more than 1 value per channel"):
        fit(MLP(4, (5,), 3, batch_norm="before").double(), X, y, **kw)
    h = fit(MLP(4, (5,), 3, batch_norm="before").double(), X, y, drop_last=True, **kw)
    assert len(h.train_loss) == 1


def _overfitting_run(**kwargs):
    """A wide network on few noisy rows: its validation loss turns up within 60 epochs."""
    X, y = make_regression_data(40, 3, noise=0.5, seed=1)
    X_tr, X_val, y_tr, y_val = split_to_tensors(X, y, test_size=0.5, dtype=torch.float64)
    torch.manual_seed(0)
    model = MLP(3, (128, 128)).double()
    history = fit(model, X_tr, y_tr, X_val, y_val, epochs=60, lr=1e-2, batch_size=8, **kwargs)
    return model, history


def test_best_epoch_is_the_lowest_evaluation_loss_without_stopping():
    _, history = _overfitting_run()
    assert len(history.test_loss) == 60  # patience=None: every epoch is trained
    assert history.best_epoch == min(range(1, 61), key=lambda e: history.test_loss[e - 1])
    X_tr, _, y_tr, _ = _data()
    assert fit(MLP(2).double(), X_tr, y_tr, epochs=2).best_epoch is None  # no evaluation set


def test_early_stopping_stops_after_patience_and_restores_the_best_weights_exactly():
    patience = 5
    model, history = _overfitting_run(patience=patience)
    best = history.best_epoch
    assert best < 60 - patience  # it did stop early
    assert len(history.test_loss) == best + patience
    assert min(history.test_loss[best:]) >= history.test_loss[best - 1]
    # the same run, trained for exactly best_epoch epochs, has the same weights, bit for bit
    X, y = make_regression_data(40, 3, noise=0.5, seed=1)
    X_tr, X_val, y_tr, y_val = split_to_tensors(X, y, test_size=0.5, dtype=torch.float64)
    torch.manual_seed(0)
    reference = MLP(3, (128, 128)).double()
    fit(reference, X_tr, y_tr, epochs=best, lr=1e-2, batch_size=8)
    for (name, p), q in zip(
        model.state_dict().items(), reference.state_dict().values(), strict=True
    ):
        assert torch.equal(p, q), name
    assert evaluate(model, X_val, y_val, nn.MSELoss())[0] == history.test_loss[best - 1]


def test_early_stopping_with_batch_norm_restores_running_statistics():
    X, y = make_regression_data(64, 3, noise=0.5, seed=1)
    X_tr, X_val, y_tr, y_val = split_to_tensors(X, y, test_size=0.5, dtype=torch.float64)
    torch.manual_seed(0)
    model = MLP(3, (32,), batch_norm="before").double()
    h = fit(model, X_tr, y_tr, X_val, y_val, epochs=40, lr=0.05, batch_size=8, patience=3)
    # exact on one device; on a GPU fit evaluated there and hands the model back to the CPU
    # (the same float64 numbers, summed in another order)
    restored = evaluate(model, X_val, y_val, nn.MSELoss())[0]
    assert restored == pytest.approx(h.test_loss[h.best_epoch - 1], rel=1e-12, abs=0)


@pytest.mark.parametrize("patience", [0, -1, 2.5, "3"])
def test_bad_patience_is_named(patience):
    X_tr, X_te, y_tr, y_te = _data()
    with pytest.raises(ValueError, match="patience must be an integer >= 1"):
        fit(MLP(2).double(), X_tr, y_tr, X_te, y_te, patience=patience)


def test_patience_needs_an_evaluation_set():
    X_tr, _, y_tr, _ = _data()
    with pytest.raises(ValueError, match=r"patience \(early stopping\) needs an evaluation set"):
        fit(MLP(2).double(), X_tr, y_tr, patience=3)
