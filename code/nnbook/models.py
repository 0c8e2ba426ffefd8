"""The multi-layer perceptron (MLP) the first chapters train.

Taught in "Training a network" (``book/training-loop.md``, section ``sec-training-model``).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import torch
from torch import nn

from .checks import check_int
from .layers import BatchNorm1d, Dropout

__all__ = ["ACTIVATIONS", "MLP"]


#: The hidden-layer activations ``MLP`` accepts, by name.
ACTIVATIONS = {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh}


class MLP(nn.Module):
    r"""A fully connected network with ReLU hidden layers and a linear output.

    With one hidden layer of size :math:`H` on :math:`d` inputs it computes

    .. math::

        h = W_1 x + b_1, \qquad h' = \mathrm{ReLU}(h) = \max(0, h), \qquad
        \hat y = W_2 h' + b_2,

    with :math:`W_1 \in \mathbb{R}^{H \times d}` and :math:`W_2 \in \mathbb{R}^{1 \times H}`;
    every further hidden layer repeats the first two steps.  The output has no activation,
    which is what a regression needs (and what a classifier's loss expects as logits).
    With no hidden layer, ``hidden_sizes=()``, it is the linear model :math:`W x + b`: with a
    sigmoid or softmax on top, logistic or softmax regression ("Classification",
    ``book/classification.md``).

    Parameters
    ----------
    n_inputs
        Number of input features :math:`d`.
    hidden_sizes
        Width of each hidden layer, e.g. ``(10,)`` or ``(32, 32)``; ``()`` for none.
    n_outputs
        Number of outputs (1 for a regression on one target, C for C classes).
    activation
        The hidden layers' activation: ``"relu"`` (default), ``"sigmoid"`` or ``"tanh"``.
    dropout
        Probability :math:`p` of a :class:`nnbook.layers.Dropout` after each hidden
        activation; 0 for none ("Dropout", ``book/dropout.md``).
    batch_norm
        ``None``, or where a :class:`nnbook.layers.BatchNorm1d` goes in each hidden layer:
        ``"before"`` the activation (as Ioffe and Szegedy) or ``"after"`` it
        ("Batch normalization", ``book/batchnorm.md``).
    """

    def __init__(
        self,
        n_inputs: int,
        hidden_sizes: Sequence[int] = (10,),
        n_outputs: int = 1,
        activation: str = "relu",
        dropout: float = 0.0,
        batch_norm: str | None = None,
    ):
        super().__init__()
        check_int("n_inputs", n_inputs)
        check_int("n_outputs", n_outputs)
        hidden_sizes = tuple(hidden_sizes)
        for size in hidden_sizes:
            check_int("hidden_sizes", size)
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        if batch_norm not in (None, "before", "after"):
            raise ValueError(f"batch_norm must be None, 'before' or 'after', got {batch_norm!r}")
        self.n_inputs = n_inputs
        sizes = (n_inputs, *hidden_sizes)
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in pairwise(sizes))
        self.activation = ACTIVATIONS[activation]()
        self.batch_norm = batch_norm
        self.norms = nn.ModuleList(BatchNorm1d(h) for h in hidden_sizes if batch_norm)
        self.dropout = Dropout(dropout)  # checks 0 <= p < 1; the identity for p = 0
        self.output = nn.Linear(sizes[-1], n_outputs)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """The last hidden layer's output h' (``x`` itself when there is no hidden layer)."""
        if x.ndim != 2 or x.shape[1] != self.n_inputs:
            raise ValueError(f"x must have shape (batch, {self.n_inputs}), got {tuple(x.shape)}")
        for k, layer in enumerate(self.hidden):
            x = layer(x)  # h = W x + b
            if self.batch_norm == "before":
                x = self.norms[k](x)
            x = self.activation(x)  # h' = ReLU(h)
            if self.batch_norm == "after":
                x = self.norms[k](x)
            x = self.dropout(x)
        return x

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.output(self.features(x))  # y_hat = W_out h' + b_out
