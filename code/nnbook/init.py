r"""Weight initialization from the variance of a sum: Xavier/Glorot and He/Kaiming.

A linear unit computes :math:`y = \sum_{j=1}^{n} w_j x_j`.  With the :math:`w_j` independent
of the :math:`x_j`, independent of each other and of mean zero,

.. math::

    \operatorname{Var}(y) = n \operatorname{Var}(w)\, \mathbb{E}[x^2],

so the scale of the activations is multiplied, layer after layer, by
:math:`n_{\text{in}} \operatorname{Var}(w)` (times a factor of the nonlinearity); the same
argument on the backward pass :math:`\partial L/\partial x_j = \sum_i w_{ij}\,
\partial L/\partial y_i` gives the factor :math:`n_{\text{out}} \operatorname{Var}(w)` for the
gradients.  A factor other than 1 compounds geometrically with depth: activations and
gradients vanish or explode.  Xavier initialization (:cite:t:`glorot2010`) takes
:math:`\operatorname{Var}(w) = 2/(n_{\text{in}} + n_{\text{out}})`, a compromise between the
two conditions for a unit of slope 1 at 0 (tanh); He initialization (:cite:t:`he2015`) takes
:math:`\operatorname{Var}(w) = 2/n_{\text{in}}`, because a ReLU keeps
:math:`\mathbb{E}[x^2] = \tfrac12 \operatorname{Var}(y)` of a symmetric pre-activation.

Same names, arguments and distributions as ``torch.nn.init``, so that the two can be compared
directly.  Taught in "Initialization and gradient flow".
"""

from __future__ import annotations

import math

import torch
from torch import nn

from .checks import check_real

__all__ = ["SCHEMES", "calculate_gain", "fan_in_and_fan_out", "initialize"]
__all__ += ["kaiming_normal_", "kaiming_uniform_", "xavier_normal_", "xavier_uniform_"]

#: Nonlinearities after which a layer's output needs no gain (slope 1 at 0, or PyTorch's
#: convention for the sigmoid).  The same names as ``torch.nn.init.calculate_gain``.
_UNIT_GAIN = ("linear", "sigmoid", "conv1d", "conv2d", "conv3d")
_UNIT_GAIN += ("conv_transpose1d", "conv_transpose2d", "conv_transpose3d")

#: The schemes :func:`initialize` accepts by name (besides ``("normal", std)``).
SCHEMES = ("default", "xavier", "he")


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    r"""The gain :math:`g` such that :math:`\operatorname{Var}(w) = g^2 / n` keeps the
    activations' scale through ``nonlinearity`` (PyTorch's values).

    - ``"relu"``: :math:`\sqrt 2`.  A ReLU zeroes half of a symmetric input, so
      :math:`\mathbb{E}[\mathrm{ReLU}(y)^2] = \tfrac12 \operatorname{Var}(y)`; doubling the
      weights' variance restores it (:cite:t:`he2015`).
    - ``"leaky_relu"`` with negative slope :math:`a` (``param``, default 0.01):
      :math:`\sqrt{2/(1 + a^2)}`, since :math:`\mathbb{E}[f(y)^2] = \tfrac{1+a^2}{2}
      \operatorname{Var}(y)`; :math:`a = 1` is the identity and gives 1.
    - the linear and convolution layers, ``"sigmoid"``: 1.
    - ``"tanh"``: 5/3.  tanh has slope 1 at 0 but contracts (:math:`|\tanh y| < |y|`), so a
      gain above 1 counteracts the shrinking of the variance layer after layer; the value
      5/3 is PyTorch's convention, not derived from a variance equation.
    - ``"selu"``: 3/4, found empirically by PyTorch's developers for stable gradients; for a
      self-normalizing network PyTorch's documentation recommends ``"linear"`` (gain 1).

    Parameters
    ----------
    nonlinearity
        The ``torch.nn.functional`` name of the nonlinearity that follows the layer.
    param
        The negative slope of ``"leaky_relu"``; ignored by the other nonlinearities.
    """
    if nonlinearity in _UNIT_GAIN:
        return 1.0
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        a = 0.01 if param is None else check_real("param (negative slope of leaky_relu)", param)
        return math.sqrt(2.0 / (1 + a**2))
    if nonlinearity == "selu":
        return 3.0 / 4
    known = [*_UNIT_GAIN, "tanh", "relu", "leaky_relu", "selu"]
    raise ValueError(f"nonlinearity must be one of {known}, got {nonlinearity!r}")


def fan_in_and_fan_out(tensor: torch.Tensor) -> tuple[int, int]:
    r"""The number of inputs and of outputs that each weight of ``tensor`` is summed with.

    A linear layer's weight has shape (out, in), so :math:`n_{\text{in}}` = ``in`` and
    :math:`n_{\text{out}}` = ``out``; a convolution's (out, in, k1, k2, ...) multiplies both
    by the size of the receptive field :math:`k_1 k_2 \cdots`.

    Parameters
    ----------
    tensor
        A weight with at least 2 dimensions (a bias or a scalar has no fan-in and fan-out)
        and at least one element.
    """
    if tensor.ndim < 2:
        raise ValueError(
            "tensor must have at least 2 dimensions to have a fan-in and a fan-out, "
            f"got shape {tuple(tensor.shape)}"
        )
    if tensor.numel() == 0:
        raise ValueError(f"tensor must have at least one element, got shape {tuple(tensor.shape)}")
    receptive_field = math.prod(tensor.shape[2:])  # 1 for a linear layer
    return tensor.shape[1] * receptive_field, tensor.shape[0] * receptive_field


def _fan(tensor: torch.Tensor, mode: str) -> int:
    fan_in, fan_out = fan_in_and_fan_out(tensor)
    if mode == "fan_in":
        return fan_in
    if mode == "fan_out":
        return fan_out
    raise ValueError(f"mode must be 'fan_in' or 'fan_out', got {mode!r}")


def _uniform_(tensor: torch.Tensor, std: float, generator: torch.Generator | None):
    # U(-b, b) has variance b^2 / 3, so the bound for a standard deviation std is sqrt(3) std.
    bound = math.sqrt(3.0) * std
    with torch.no_grad():  # initialization is not part of any computation to differentiate
        return tensor.uniform_(-bound, bound, generator=generator)


def _normal_(tensor: torch.Tensor, std: float, generator: torch.Generator | None):
    with torch.no_grad():
        return tensor.normal_(0.0, std, generator=generator)


def _xavier_std(tensor: torch.Tensor, gain: float) -> float:
    fan_in, fan_out = fan_in_and_fan_out(tensor)
    check_real("gain", gain, low=0, low_open=True)
    # Forward wants n_in Var(w) = 1, backward n_out Var(w) = 1: the harmonic compromise.
    return gain * math.sqrt(2.0 / (fan_in + fan_out))


def xavier_uniform_(
    tensor: torch.Tensor, gain: float = 1.0, generator: torch.Generator | None = None
) -> torch.Tensor:
    r"""Fill ``tensor`` in place from :math:`\mathcal U(-b, b)`, :math:`b = g
    \sqrt{6/(n_{\text{in}} + n_{\text{out}})}`, so that :math:`\operatorname{Var}(w) =
    g^2 \cdot 2/(n_{\text{in}} + n_{\text{out}})` (:cite:t:`glorot2010`, their "normalized
    initialization"); returns ``tensor``.

    Parameters
    ----------
    tensor
        The weight to fill, at least 2-D (see :func:`fan_in_and_fan_out`).
    gain
        The factor :math:`g > 0` on the standard deviation (:func:`calculate_gain`).
    generator
        The random-number generator to draw from; ``None`` for PyTorch's global one.
    """
    return _uniform_(tensor, _xavier_std(tensor, gain), generator)


def xavier_normal_(
    tensor: torch.Tensor, gain: float = 1.0, generator: torch.Generator | None = None
) -> torch.Tensor:
    r"""Fill ``tensor`` in place from :math:`\mathcal N(0, \sigma^2)`, :math:`\sigma = g
    \sqrt{2/(n_{\text{in}} + n_{\text{out}})}`: the variance of :func:`xavier_uniform_`
    from a normal distribution (:cite:t:`glorot2010`); returns ``tensor``.

    Parameters
    ----------
    tensor
        The weight to fill, at least 2-D (see :func:`fan_in_and_fan_out`).
    gain
        The factor :math:`g > 0` on the standard deviation (:func:`calculate_gain`).
    generator
        The random-number generator to draw from; ``None`` for PyTorch's global one.
    """
    return _normal_(tensor, _xavier_std(tensor, gain), generator)


def _kaiming_std(tensor: torch.Tensor, a: float, mode: str, nonlinearity: str) -> float:
    fan = _fan(tensor, mode)
    # n Var(w) g^2-scaled to 1: the scale is kept forward (fan_in) or backward (fan_out).
    return calculate_gain(nonlinearity, a) / math.sqrt(fan)


def kaiming_uniform_(
    tensor: torch.Tensor,
    a: float = 0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    r"""Fill ``tensor`` in place from :math:`\mathcal U(-b, b)`, :math:`b = g\sqrt{3/n}`, so
    that :math:`\operatorname{Var}(w) = g^2/n` with :math:`n` the fan-in or fan-out
    (:cite:t:`he2015`); returns ``tensor``.  With the defaults, :math:`g = \sqrt 2`: He
    initialization for a ReLU network.

    PyTorch's ``nn.Linear`` initializes its weight with ``kaiming_uniform_(w, a=sqrt(5))``:
    :math:`g^2 = 2/(1 + 5) = 1/3`, i.e. :math:`\operatorname{Var}(w) = 1/(3 n_{\text{in}})`,
    a sixth of He's variance.

    Parameters
    ----------
    tensor
        The weight to fill, at least 2-D (see :func:`fan_in_and_fan_out`).
    a
        The negative slope of the leaky ReLU that follows (used only with ``"leaky_relu"``).
    mode
        ``"fan_in"`` keeps the variance of the activations through the layer (forward),
        ``"fan_out"`` that of the gradients (backward).
    nonlinearity
        The nonlinearity that follows, by its ``torch.nn.functional`` name
        (:func:`calculate_gain`).
    generator
        The random-number generator to draw from; ``None`` for PyTorch's global one.
    """
    return _uniform_(tensor, _kaiming_std(tensor, a, mode, nonlinearity), generator)


def kaiming_normal_(
    tensor: torch.Tensor,
    a: float = 0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    generator: torch.Generator | None = None,
) -> torch.Tensor:
    r"""Fill ``tensor`` in place from :math:`\mathcal N(0, g^2/n)`, :math:`n` the fan-in or
    fan-out: the variance of :func:`kaiming_uniform_` from a normal distribution, as in
    :cite:t:`he2015`; returns ``tensor``.

    Parameters
    ----------
    tensor
        The weight to fill, at least 2-D (see :func:`fan_in_and_fan_out`).
    a
        The negative slope of the leaky ReLU that follows (used only with ``"leaky_relu"``).
    mode
        ``"fan_in"`` (forward) or ``"fan_out"`` (backward), as in :func:`kaiming_uniform_`.
    nonlinearity
        The nonlinearity that follows, by its ``torch.nn.functional`` name.
    generator
        The random-number generator to draw from; ``None`` for PyTorch's global one.
    """
    return _normal_(tensor, _kaiming_std(tensor, a, mode, nonlinearity), generator)


def initialize(
    module: nn.Module,
    scheme: str | tuple[str, float],
    generator: torch.Generator | None = None,
) -> nn.Module:
    r"""Initialize every ``nn.Linear`` in ``module`` by ``scheme``; returns ``module``.

    - ``"default"``: leave PyTorch's initialization, weights from
      ``kaiming_uniform_(a=sqrt(5))`` (:math:`\operatorname{Var}(w) = 1/(3 n_{\text{in}})`)
      and biases from :math:`\mathcal U(\pm 1/\sqrt{n_{\text{in}}})`.
    - ``"xavier"``: weights by :func:`xavier_uniform_` with gain 1, the uniform distribution
      of :cite:t:`glorot2010`.
    - ``"he"``: weights by :func:`kaiming_normal_` for a ReLU, :math:`\mathcal N(0,
      2/n_{\text{in}})`, the normal distribution of :cite:t:`he2015`.
    - ``("normal", std)``: weights from :math:`\mathcal N(0, \text{std}^2)` whatever the
      width, e.g. a badly scaled initialization.

    Every scheme but ``"default"`` sets the biases to zero.  The schemes are those of the
    papers, independent of the network's activation: to fit a gain to it, call
    :func:`xavier_uniform_` or :func:`kaiming_normal_` on each weight.  Layers are drawn in
    the order of ``module.modules()``.

    Parameters
    ----------
    module
        The network; its ``nn.Linear`` submodules (itself included) are initialized.
    scheme
        ``"default"``, ``"xavier"``, ``"he"`` or ``("normal", std)`` with ``std > 0``.
    generator
        The random-number generator to draw from; ``None`` for PyTorch's global one.
    """
    std = None  # the standard deviation of ("normal", std)
    if isinstance(scheme, tuple) and len(scheme) == 2 and scheme[0] == "normal":
        std = check_real("the std of scheme ('normal', std)", scheme[1], low=0, low_open=True)
    elif not (isinstance(scheme, str) and scheme in SCHEMES):
        raise ValueError(
            f"scheme must be one of {list(SCHEMES)} or ('normal', std), got {scheme!r}"
        )
    if not isinstance(module, nn.Module):
        raise TypeError(f"module must be a torch.nn.Module, got {type(module).__name__}")
    if scheme == "default":
        return module
    for layer in (m for m in module.modules() if isinstance(m, nn.Linear)):
        if scheme == "xavier":
            xavier_uniform_(layer.weight, generator=generator)
        elif scheme == "he":
            kaiming_normal_(layer.weight, nonlinearity="relu", generator=generator)
        else:
            _normal_(layer.weight, std, generator)
        if layer.bias is not None:
            with torch.no_grad():
                layer.bias.zero_()
    return module
