r"""Backpropagation in matrix form: a linear layer's backward pass is two matrix products.

For a batch of :math:`N` inputs :math:`H \in \mathbb{R}^{N \times n_{\text{in}}}` (one row per
example), a linear layer computes :math:`Z = H W^\top + \mathbf{1} b^\top` with PyTorch's
:math:`W \in \mathbb{R}^{n_{\text{out}} \times n_{\text{in}}}`.  Given
:math:`\Delta = \partial L/\partial Z` (same shape as :math:`Z`), the chain rule summed over
the batch gives the vector-Jacobian products

.. math::

    \frac{\partial L}{\partial W} = \Delta^\top H, \qquad
    \frac{\partial L}{\partial H} = \Delta W, \qquad
    \frac{\partial L}{\partial b} = \Delta^\top \mathbf{1},

and each has the shape of what it differentiates, which is a check on the formula.  This is
what ``loss.backward()`` does for ``nn.Linear``.  A two-layer ReLU network trained by plain
gradient descent with these formulas only (:func:`train`) gets autograd's gradients at every
step.  Taught in "Initialization and gradient flow".
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from .checks import check_int, check_real
from .init import kaiming_normal_

__all__ = ["LOSSES", "autograd_gradients", "binary_cross_entropy", "cross_entropy", "mse"]
__all__ += ["init_two_layer", "linear_backward", "linear_forward", "relu_backward", "train"]
__all__ += ["two_layer_backward", "two_layer_forward"]


def _check_linear(h, W, b=None, delta=None) -> None:
    ok = h.ndim == 2 and W.ndim == 2 and h.shape[1] == W.shape[1]
    ok = ok and (b is None or b.shape == W.shape[:1])
    ok = ok and (delta is None or delta.shape == (h.shape[0], W.shape[0]))
    if not ok:
        given = {"h": h, "W": W, "b": b, "delta": delta}
        raise ValueError(
            "expected h (N, n_in), W (n_out, n_in), b (n_out,), delta (N, n_out), got "
            + ", ".join(f"{k} {tuple(v.shape)}" for k, v in given.items() if v is not None)
        )


def linear_forward(h: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Z = H W^T + b: the layer applied to every row (example) of ``h`` at once.

    Parameters
    ----------
    h
        Inputs, (N, n_in).
    W
        Weight, (n_out, n_in), as ``nn.Linear.weight``.
    b
        Bias, (n_out,), added to every row.
    """
    _check_linear(h, W, b)
    return h @ W.T + b


def linear_backward(
    delta: torch.Tensor, h: torch.Tensor, W: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The gradients of the loss with respect to W, h and b, from delta = dL/dZ.

    Parameters
    ----------
    delta
        dL/dZ, (N, n_out): the gradient arriving from the layer above.
    h
        The layer's input in the forward pass, (N, n_in): kept for the backward pass.
    W
        The layer's weight, (n_out, n_in).
    """
    _check_linear(h, W, delta=delta)
    grad_W = delta.T @ h  # (n_out, N) @ (N, n_in): a sum over the examples
    grad_h = delta @ W  # (N, n_out) @ (n_out, n_in): sent down to the layer below
    grad_b = delta.sum(dim=0)  # b is added to every row
    return grad_W, grad_h, grad_b


def relu_backward(delta: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
    """dL/dz from delta = dL/dReLU(z): the gradient passes where z > 0 and stops elsewhere.

    Parameters
    ----------
    delta
        The gradient with respect to ReLU(z).
    z
        The ReLU's input in the forward pass (same shape).
    """
    return delta * (z > 0)  # ReLU'(z) = 1 for z > 0, 0 otherwise (PyTorch's 0 at z = 0)


def mse(z: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean squared error over all entries, and its gradient with respect to ``z``.

    Parameters
    ----------
    z
        Predictions, any shape.
    y
        Targets, same shape.
    """
    diff = z - y
    return (diff**2).mean(), 2 * diff / diff.numel()


def cross_entropy(z: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Softmax cross-entropy averaged over the batch, and its gradient softmax(z) - onehot(y)
    divided by N.

    Parameters
    ----------
    z
        Logits, (N, C).
    y
        Class labels in 0, ..., C - 1, (N,), integer dtype.
    """
    log_p = z.log_softmax(dim=1)
    n = z.shape[0]
    loss = -log_p[torch.arange(n), y].mean()
    return loss, (log_p.exp() - F.one_hot(y, z.shape[1]).to(z.dtype)) / n


def binary_cross_entropy(z: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Cross-entropy of sigmoid(z) for 0/1 labels, averaged over all entries, and its
    gradient (sigmoid(z) - y) / n.

    Parameters
    ----------
    z
        Logits, any shape.
    y
        Labels 0 or 1 (float), same shape.
    """
    # -y log s(z) - (1 - y) log(1 - s(z)) = softplus(z) - y z, without overflow for large |z|
    loss = (F.softplus(z) - y * z).mean()
    return loss, (torch.sigmoid(z) - y) / z.numel()


#: The losses :func:`train` accepts: each returns the loss and dL/dz.
LOSSES = {"mse": mse, "cross_entropy": cross_entropy, "binary_cross_entropy": binary_cross_entropy}


def init_two_layer(
    n_inputs: int,
    n_hidden: int,
    n_outputs: int,
    generator: torch.Generator | None = None,
    dtype: torch.dtype = torch.float64,
) -> dict[str, torch.Tensor]:
    """Parameters W1, b1, W2, b2 of a two-layer ReLU network: He initialization for W1
    (a ReLU follows it), gain 1 for W2 (nothing follows), zero biases (:mod:`nnbook.init`).

    Parameters
    ----------
    n_inputs, n_hidden, n_outputs
        The layers' widths.
    generator
        The random-number generator to draw from; ``None`` for PyTorch's global one.
    dtype
        Floating-point type of the parameters.
    """
    n_in, n_h = check_int("n_inputs", n_inputs), check_int("n_hidden", n_hidden)
    n_out = check_int("n_outputs", n_outputs)
    W1, W2 = torch.empty(n_h, n_in, dtype=dtype), torch.empty(n_out, n_h, dtype=dtype)
    kaiming_normal_(W1, nonlinearity="relu", generator=generator)  # a ReLU follows
    kaiming_normal_(W2, nonlinearity="linear", generator=generator)  # nothing follows
    return {"W1": W1, "b1": W1.new_zeros(n_h), "W2": W2, "b2": W2.new_zeros(n_out)}


def two_layer_forward(
    params: dict[str, torch.Tensor], x: torch.Tensor
) -> tuple[torch.Tensor, tuple[torch.Tensor, ...]]:
    """The logits z2 = ReLU(x W1^T + b1) W2^T + b2, and what the backward pass needs.

    Parameters
    ----------
    params
        W1 (H, n_in), b1 (H,), W2 (C, H), b2 (C,).
    x
        Inputs, (N, n_in).
    """
    z1 = linear_forward(x, params["W1"], params["b1"])
    h1 = torch.relu(z1)
    z2 = linear_forward(h1, params["W2"], params["b2"])
    return z2, (x, z1, h1)  # the cache: every layer's input, kept until the backward pass


def two_layer_backward(
    params: dict[str, torch.Tensor], cache: tuple, delta2: torch.Tensor
) -> dict[str, torch.Tensor]:
    """The gradients of every parameter, from delta2 = dL/dz2, by two linear backward passes.

    Parameters
    ----------
    params
        The parameters of the forward pass.
    cache
        The second value returned by :func:`two_layer_forward`.
    delta2
        dL/dz2, (N, C), e.g. the second value returned by a loss of :data:`LOSSES`.
    """
    x, z1, h1 = cache
    grad_W2, grad_h1, grad_b2 = linear_backward(delta2, h1, params["W2"])
    delta1 = relu_backward(grad_h1, z1)
    grad_W1, _, grad_b1 = linear_backward(delta1, x, params["W1"])  # dL/dx is not needed
    return {"W1": grad_W1, "b1": grad_b1, "W2": grad_W2, "b2": grad_b2}


def autograd_gradients(
    params: dict[str, torch.Tensor], x: torch.Tensor, y: torch.Tensor, loss: str
) -> dict[str, torch.Tensor]:
    """The same gradients by PyTorch's autograd (and ``torch.nn.functional``'s loss), to
    check :func:`two_layer_backward` against.

    Parameters
    ----------
    params, x
        As for :func:`two_layer_forward`.
    y
        The targets, as for the loss.
    loss
        A key of :data:`LOSSES`.
    """
    leaves = {k: v.detach().requires_grad_() for k, v in params.items()}
    z2 = F.linear(torch.relu(F.linear(x, leaves["W1"], leaves["b1"])), leaves["W2"], leaves["b2"])
    torch_loss = {
        "mse": F.mse_loss,
        "cross_entropy": F.cross_entropy,
        "binary_cross_entropy": F.binary_cross_entropy_with_logits,
    }[loss]
    torch_loss(z2, y).backward()
    return {k: v.grad for k, v in leaves.items()}


def train(
    params: dict[str, torch.Tensor],
    x: torch.Tensor,
    y: torch.Tensor,
    loss: str = "cross_entropy",
    lr: float = 0.1,
    steps: int = 100,
) -> tuple[dict[str, torch.Tensor], list[float]]:
    """Plain gradient descent on the two-layer network with the hand-written backward pass;
    returns the final parameters (``params`` is not modified) and the loss before each step.

    Parameters
    ----------
    params
        The initial parameters (:func:`init_two_layer`).
    x, y
        The training inputs (N, n_in) and targets (as the loss expects).
    loss
        A key of :data:`LOSSES`.
    lr
        The learning rate, > 0.
    steps
        The number of gradient steps, >= 1.
    """
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {sorted(LOSSES)}, got {loss!r}")
    check_real("lr", lr, low=0, low_open=True)
    check_int("steps", steps)
    losses = []
    for _ in range(steps):
        z2, cache = two_layer_forward(params, x)
        value, delta2 = LOSSES[loss](z2, y)
        grads = two_layer_backward(params, cache, delta2)
        params = {k: p - lr * grads[k] for k, p in params.items()}  # W <- W - lr dL/dW
        losses.append(value.item())
    return params, losses
