"""The multi-layer perceptron (MLP) the first chapters train.

Taught in "Training a network" (``book/training-loop.md``, section ``sec-training-model``).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import torch
from torch import nn

from .checks import check_int
from .init import initialize
from .layernorm import LayerNorm
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
    layer_norm
        ``None``, or where a :class:`nnbook.layernorm.LayerNorm` goes in each hidden layer,
        ``"before"`` (as Ba et al.) or ``"after"`` the activation; not with ``batch_norm``.
    residual
        Whether to add a skip connection around every hidden layer but the first whose
        width equals the previous one's, :math:`h_k = h_{k-1} + \text{layer}_k(h_{k-1})`:
        with ``layer_norm="before"`` each is a :class:`nnbook.residual.ResidualBlock`.
        The first hidden layer maps the input to the hidden width and has none.
    init
        How the weights of every linear layer (the output included) are initialized:
        ``"default"`` (PyTorch's), ``"xavier"``, ``"he"`` or ``("normal", std)``
        (:func:`nnbook.init.initialize`; the schemes other than ``"default"`` zero the biases).
    """

    def __init__(
        self,
        n_inputs: int,
        hidden_sizes: Sequence[int] = (10,),
        n_outputs: int = 1,
        activation: str = "relu",
        dropout: float = 0.0,
        batch_norm: str | None = None,
        layer_norm: str | None = None,
        residual: bool = False,
        init: str | tuple[str, float] = "default",
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
        if layer_norm not in (None, "before", "after"):
            raise ValueError(f"layer_norm must be None, 'before' or 'after', got {layer_norm!r}")
        if batch_norm and layer_norm:
            raise ValueError(
                "batch_norm and layer_norm cannot both be set, "
                f"got batch_norm={batch_norm!r}, layer_norm={layer_norm!r}"
            )
        if not isinstance(residual, bool):
            raise ValueError(f"residual must be True or False, got {residual!r}")
        self.n_inputs = n_inputs
        sizes = (n_inputs, *hidden_sizes)
        self.hidden = nn.ModuleList(nn.Linear(a, b) for a, b in pairwise(sizes))
        self.activation = ACTIVATIONS[activation]()
        self.batch_norm, self.layer_norm = batch_norm, layer_norm
        self.norm_position = batch_norm or layer_norm  # "before", "after" or None
        norm = BatchNorm1d if batch_norm else LayerNorm
        self.norms = nn.ModuleList(norm(h) for h in hidden_sizes if self.norm_position)
        # A skip connection needs equal widths; the first layer changes the input's width.
        self.skips = [residual and k > 0 and a == b for k, (a, b) in enumerate(pairwise(sizes))]
        if residual and not any(self.skips):
            raise ValueError(
                "residual=True needs two consecutive hidden layers of equal width, "
                f"got hidden_sizes={hidden_sizes}"
            )
        self.dropout = Dropout(dropout)  # checks 0 <= p < 1; the identity for p = 0
        self.output = nn.Linear(sizes[-1], n_outputs)
        try:
            initialize(self, init)
        except ValueError as error:  # name the argument as the caller wrote it
            raise ValueError(f"init: {error}") from None

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """The last hidden layer's output h' (``x`` itself when there is no hidden layer)."""
        if x.ndim != 2 or x.shape[1] != self.n_inputs:
            raise ValueError(f"x must have shape (batch, {self.n_inputs}), got {tuple(x.shape)}")
        for k, layer in enumerate(self.hidden):
            h = layer(x)  # h = W x + b
            if self.norm_position == "before":
                h = self.norms[k](h)
            h = self.activation(h)  # h' = ReLU(h)
            if self.norm_position == "after":
                h = self.norms[k](h)
            h = self.dropout(h)
            x = x + h if self.skips[k] else h  # the skip connection (He et al. 2016)
        return x

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.output(self.features(x))  # y_hat = W_out h' + b_out
