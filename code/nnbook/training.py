"""The training loop: the six steps every PyTorch training loop repeats.

Taught in "Training a network" (``book/training-loop.md``, section ``sec-training-loop``);
its classification path (accuracy, label checks) in "Classification"
(``book/classification.md``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from math import inf

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from .checks import check_int, check_real
from .runtime import get_device

__all__ = [
    "CLASSIFICATION_LOSSES",
    "History",
    "NonFiniteLossError",
    "accuracy",
    "evaluate",
    "fit",
    "labels_from_logits",
    "predict",
]

#: Losses whose targets are class labels: with these, ``fit`` also records the accuracy.
CLASSIFICATION_LOSSES = (nn.BCEWithLogitsLoss, nn.CrossEntropyLoss)


class NonFiniteLossError(ValueError):
    """The loss became NaN or infinite: training diverged."""


@dataclass
class History:
    """What ``fit`` records after each epoch, on the whole training and evaluation sets.

    The accuracies stay empty unless the loss is a classification loss
    (:data:`CLASSIFICATION_LOSSES`).  ``best_epoch`` is the epoch (from 1) with the lowest
    evaluation loss, ``None`` without an evaluation set.
    """

    train_loss: list[float] = field(default_factory=list)
    test_loss: list[float] = field(default_factory=list)
    train_accuracy: list[float] = field(default_factory=list)
    test_accuracy: list[float] = field(default_factory=list)
    device: str = "cpu"
    best_epoch: int | None = None

    def record(self, split: str, loss: float, acc: float | None = None) -> None:
        """Append one epoch's ``loss`` (and accuracy) of ``split``, ``"train"`` or ``"test"``."""
        if split not in ("train", "test"):
            raise ValueError(f"split must be 'train' or 'test', got {split!r}")
        getattr(self, f"{split}_loss").append(loss)
        if acc is not None:
            getattr(self, f"{split}_accuracy").append(acc)


def fit(
    model: nn.Module,
    X_train: torch.Tensor,
    y_train: torch.Tensor,
    X_test: torch.Tensor | None = None,
    y_test: torch.Tensor | None = None,
    *,
    epochs: int = 100,
    lr: float = 1e-2,
    batch_size: int = 32,
    loss_fn: nn.Module | None = None,
    optimizer: Callable[..., torch.optim.Optimizer] = torch.optim.Adam,
    seed: int = 0,
    device: str | torch.device | None = None,
    drop_last: bool = False,
    patience: int | None = None,
) -> History:
    """Train ``model`` on mini-batches and record the loss after every epoch.

    Each mini-batch goes through the six steps of the loop below.  After each epoch the
    model is put in evaluation mode and its loss on the *whole* training set (and evaluation
    set, if given) is recorded, so the two curves are measured the same way; with a
    classification loss the accuracy is recorded beside it.  The shuffling of
    the mini-batches and any randomness inside the model (dropout) are seeded by ``seed``.

    *Early stopping* [prechelt1998]: with ``patience`` set, training stops once the
    evaluation loss has not improved (strictly decreased) for ``patience`` epochs in a row,
    and the model gets back its weights (and batch-norm statistics) from the best epoch,
    ``history.best_epoch``.  The evaluation set then takes part in a choice, the number of
    epochs: it must be a validation set, not the test set.

    Parameters
    ----------
    model
        The network; trained on ``device`` and handed back on the device it came on (as
        PyTorch Lightning does), so that the code after ``fit`` need not know where it
        trained: a chapter written for the CPU runs unchanged on a machine with a GPU.
    X_train, y_train
        Training inputs and targets, with the same number of rows.
    X_test, y_test
        Optional held-out set, evaluated (never trained on) after every epoch; recorded as
        ``history.test_loss`` whichever set it is (pass the validation set while choosing).
    epochs
        Passes over the training set, at least 1.
    lr
        Learning rate handed to ``optimizer``, finite and > 0.
    batch_size
        Rows per mini-batch, at least 1.
    loss_fn
        The loss, called as ``loss_fn(model(xb), yb)``; ``nn.MSELoss()`` when ``None``.  An
        autoencoder passes ``X_train`` as its own target; a VAE returns a tuple, which its
        loss (:class:`nnbook.elbo.VAELoss`) unpacks.  With ``nn.CrossEntropyLoss`` the targets
        are integer labels ``0 .. C-1`` of shape ``(n,)`` for a model with ``C`` outputs; with
        ``nn.BCEWithLogitsLoss`` they are floats 0.0/1.0 of the output's shape ``(n, 1)``.
    optimizer
        Called as ``optimizer(model.parameters(), lr=lr)``; ``torch.optim.Adam`` by default.
    seed
        Seeds the mini-batch order and the model's own randomness.
    device
        Where to train; CUDA when present and ``None`` is given (see :func:`get_device`).
    drop_last
        Skip the last, smaller mini-batch of each epoch when ``batch_size`` does not divide
        the training set: batch normalization cannot train on a batch of one
        ("Batch normalization", ``book/batchnorm.md``).
    patience
        ``None`` (default): train all ``epochs``.  An integer >= 1: stop early as above; needs
        ``X_test`` and ``y_test`` ("Dropout", ``book/dropout.md``).

    Raises
    ------
    NonFiniteLossError
        (a ``ValueError``) when the loss becomes NaN or infinite; the message names the epoch.
    ValueError
        When a target does not fit the model's output: a wrong shape, or a class label out of
        range for the number of outputs.
    """
    _check_arguments(X_train, y_train, X_test, y_test, epochs, lr, batch_size, patience)
    loss_fn = nn.MSELoss() if loss_fn is None else loss_fn
    classify = isinstance(loss_fn, CLASSIFICATION_LOSSES)  # then labels are checked
    device = get_device(device)
    home = next(model.parameters()).device  # where the model is handed back
    model.to(device)
    torch.manual_seed(seed)
    loader = DataLoader(
        TensorDataset(X_train.to(device), y_train.to(device)),
        batch_size=batch_size,
        shuffle=True,
        generator=torch.Generator().manual_seed(seed),
        drop_last=drop_last,
    )
    opt = optimizer(model.parameters(), lr=lr)
    history = History(device=str(device))
    best_loss, best_weights = inf, None  # the best evaluation loss; its weights (early stopping)
    for epoch in range(1, epochs + 1):
        model.train()  # 1. training mode: dropout on, batch norm uses batch statistics
        for xb, yb in loader:
            opt.zero_grad()  # 2. forget the gradients of the previous step
            y_pred = model(xb)  # 3. forward pass
            _check_target(y_pred, yb, classify)  # (a VAE's tuple output: its loss checks)
            loss = loss_fn(y_pred, yb)  # 4. loss of this mini-batch
            if not torch.isfinite(loss):
                raise NonFiniteLossError(
                    f"the loss became {loss.item()} in epoch {epoch}; training diverged "
                    f"(is the learning rate lr={lr} too large?)"
                )
            loss.backward()  # 5. backward pass: d loss / d parameter, for every parameter
            opt.step()  # 6. update every parameter from its gradient
        # after the epoch: loss (and accuracy) on the whole sets, in evaluation mode
        for split, X, y in (("train", X_train, y_train), ("test", X_test, y_test)):
            if X is not None:
                history.record(split, *evaluate(model, X, y, loss_fn))
        if X_test is not None and history.test_loss[-1] < best_loss:  # a new best epoch
            best_loss, history.best_epoch = history.test_loss[-1], epoch
            if patience is not None:
                best_weights = copy.deepcopy(model.state_dict())
        elif patience is not None and epoch - (history.best_epoch or 0) >= patience:
            break  # early stopping: no improvement for `patience` epochs
    if best_weights is not None:
        model.load_state_dict(best_weights)  # back to the best epoch's weights
    model.eval()
    model.to(home)
    return history


def predict(model: nn.Module, X: torch.Tensor) -> torch.Tensor | tuple[torch.Tensor, ...]:
    """The model's output for ``X`` in evaluation mode, without recording gradients, on the CPU.

    A model that returns a tuple of tensors (the VAE: reconstruction, mean, log-variance)
    gets a tuple back.
    """
    device = next(model.parameters()).device
    model.eval()  # dropout off, batch norm uses its running statistics
    with torch.no_grad():
        out = model(X.to(device))
    return tuple(t.cpu() for t in out) if isinstance(out, tuple) else out.cpu()


def evaluate(
    model: nn.Module, X: torch.Tensor, y: torch.Tensor, loss_fn: nn.Module
) -> tuple[float, float | None]:
    """Loss and accuracy of ``model`` on the whole of ``(X, y)``, in evaluation mode.

    The accuracy is ``None`` unless ``loss_fn`` is a classification loss.
    """
    classify = isinstance(loss_fn, CLASSIFICATION_LOSSES)
    y_pred = predict(model, X)
    _check_target(y_pred, y, classify)
    loss = loss_fn(y_pred, y.cpu()).item()
    return loss, (accuracy(y_pred, y) if classify else None)


def labels_from_logits(logits: torch.Tensor) -> torch.Tensor:
    """The predicted class: ``logit > 0`` for one output (binary), the arg-max for several."""
    if logits.ndim != 2:
        raise ValueError(f"logits must be 2-D (n, outputs), got shape {tuple(logits.shape)}")
    if logits.shape[1] == 1:
        return (logits[:, 0] > 0).long()  # sigmoid(z) > 1/2 exactly when z > 0
    return logits.argmax(dim=1)


def accuracy(logits: torch.Tensor, y: torch.Tensor) -> float:
    """Fraction of rows whose predicted class (:func:`labels_from_logits`) equals the label.

    ``y`` holds integer labels of shape ``(n,)``, or 0.0/1.0 targets of shape ``(n, 1)``
    for a one-output binary classifier.
    """
    _check_target(logits, y, classify=True)
    labels = y[:, 0].long() if y.is_floating_point() else y
    return (labels_from_logits(logits) == labels.to(logits.device)).double().mean().item()


def _check_target(y_pred: torch.Tensor | tuple, y: torch.Tensor, classify: bool) -> None:
    if isinstance(y_pred, tuple):  # a model with several outputs: its loss checks them
        return
    # A (n, 1) prediction against a (n,) target broadcasts to (n, n) in MSELoss: a silently
    # wrong loss.  Floating-point targets must match the prediction's shape exactly.
    if y.is_floating_point():
        if y_pred.shape != y.shape:
            raise ValueError(
                f"target shape {tuple(y.shape)} differs from the model's output shape "
                f"{tuple(y_pred.shape)}; reshape y (e.g. y.reshape(-1, 1))"
            )
        if classify and ((y != 0) & (y != 1)).any():
            bad = y[(y != 0) & (y != 1)][0].item()
            raise ValueError(f"binary targets must be 0.0 or 1.0, got {bad!r}")
        return
    # Integer class labels: torch reports an out-of-range label on the GPU only as a
    # device-side assertion, so check here, where the message can say what is wrong.
    n_classes = y_pred.shape[1] if y_pred.ndim == 2 else 0
    if y.ndim != 1 or n_classes < 2 or len(y) != len(y_pred):
        raise ValueError(
            f"integer labels of shape {tuple(y.shape)} need a model output of shape (n, C) with "
            f"C >= 2 classes, got {tuple(y_pred.shape)}; for one output and BCEWithLogitsLoss "
            "use float targets of shape (n, 1)"
        )
    if len(y) and (y.min() < 0 or y.max() >= n_classes):
        bad = y[(y < 0) | (y >= n_classes)][0].item()
        raise ValueError(
            f"label {bad} is out of range for a model with {n_classes} outputs "
            f"(labels must be 0 .. {n_classes - 1})"
        )


def _check_arguments(X_train, y_train, X_test, y_test, epochs, lr, batch_size, patience) -> None:
    for name, t in (("X_train", X_train), ("y_train", y_train)):
        if not isinstance(t, torch.Tensor):
            raise TypeError(f"{name} must be a torch.Tensor, got {type(t).__name__}")
    if (X_test is None) != (y_test is None):
        raise ValueError("give both X_test and y_test, or neither")
    pairs = [("X_train", "y_train", X_train, y_train)]
    if X_test is not None:
        pairs.append(("X_test", "y_test", X_test, y_test))
    for xname, yname, X, y in pairs:
        if len(X) != len(y):
            raise ValueError(f"{xname} has {len(X)} rows but {yname} has {len(y)}")
        if len(X) == 0:
            raise ValueError(f"{xname} is empty")
        if X.is_floating_point() and not torch.isfinite(X).all():
            raise ValueError(f"{xname} contains NaN or infinite values")
    check_int("epochs", epochs)
    check_real("lr", lr, low=0, low_open=True)
    check_int("batch_size", batch_size)
    if patience is not None:
        check_int("patience", patience)
        if X_test is None:
            raise ValueError("patience (early stopping) needs an evaluation set X_test, y_test")
