r"""Statistics of a network in flight: per-layer mean and std of activations and gradients.

Whether a deep network can start to learn shows at initialization, in two numbers per layer: the
standard deviation of its outputs on the forward pass, and that of the loss's gradient with
respect to those outputs on the backward pass.  If either shrinks or grows geometrically
with depth, the gradients reaching the first layers are too small to train them or so large
that a gradient step diverges (:cite:t:`glorot2010`).
:class:`FlowStats` measures them for any ``nn.Module`` with PyTorch's hooks, and removes the
hooks when its ``with`` block ends.  Taught in "Initialization and gradient flow".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

import torch
from torch import nn

__all__ = ["CallStats", "FlowStats"]


@dataclass
class CallStats:
    r"""The statistics of one call of a recorded module.

    ``mean`` and ``std`` are over all entries of the output (batch and features together;
    ``std`` divides by the number of entries, not one less); ``grad_mean`` and ``grad_std``
    are the same for :math:`\partial L/\partial\,\text{output}`, ``None`` until a backward
    pass has reached this output.

    Parameters
    ----------
    name
        The module's name in ``model.named_modules()`` (``""`` for the model itself).
    call
        0 for the module's first recorded call, 1 for its second, ...
    mean, std
        Mean and standard deviation of the output's entries.
    grad_mean, grad_std
        Mean and standard deviation of the gradient of the loss with respect to the output.
    """

    name: str
    call: int
    mean: float
    std: float
    grad_mean: float | None = None
    grad_std: float | None = None


def _moments(t: torch.Tensor) -> tuple[float, float]:
    t = t.detach()
    return t.mean().item(), t.std(correction=0).item()


class FlowStats:
    r"""Record the mean and std of chosen modules' outputs and of their gradients.

    Used as a context manager::

        with FlowStats(model) as flow:  # every nn.Linear of model
            loss_fn(model(x), y).backward()
        [r.std for r in flow.records], [r.grad_std for r in flow.records]

    On entering, a forward hook is registered on each chosen module; each call appends a
    :class:`CallStats` to :attr:`records`, in the order of the forward pass, and registers a
    hook on that call's output tensor that fills in the gradient's statistics when the backward
    pass reaches it.  A hook on the output tensor, rather than
    ``register_full_backward_hook`` on the module, ties each gradient to its own call, also
    for a module called several times (e.g. one activation module shared by every layer), and
    leaves the module's outputs as they are (a full backward hook wraps them, which in-place
    operations after the module then refuse).  On leaving, normally or by an exception, every
    hook is removed: the model is as before, and later passes are not recorded.

    The gradients are those of whatever is differentiated: with a loss averaged over a batch
    of :math:`N` examples they are :math:`1/N` of a summed loss's.  A second backward pass
    through the same graph overwrites the gradient statistics.

    Parameters
    ----------
    model
        The network.
    modules
        Which of its modules to record: a module class or tuple of classes (every submodule
        that is an instance, the model itself included), or an iterable of names from
        ``model.named_modules()``.  Each must return a tensor.
    """

    def __init__(
        self,
        model: nn.Module,
        modules: type | tuple[type, ...] | Iterable[str] = nn.Linear,
    ):
        if not isinstance(model, nn.Module):
            raise TypeError(f"model must be a torch.nn.Module, got {type(model).__name__}")
        named = dict(model.named_modules())
        if isinstance(modules, type) or (
            isinstance(modules, tuple) and all(isinstance(m, type) for m in modules)
        ):
            chosen = {n: m for n, m in named.items() if isinstance(m, modules)}
            if not chosen:
                raise ValueError(f"model has no module of type {modules!r}")
        else:
            names = [modules] if isinstance(modules, str) else list(modules)
            unknown = [n for n in names if n not in named]
            if unknown or not names:
                raise ValueError(
                    f"modules must name modules of model (model.named_modules()), got {names!r}"
                    + (f"; unknown: {unknown!r}" if unknown else "")
                )
            chosen = {n: named[n] for n in names}
        self.modules: dict[str, nn.Module] = chosen
        self.records: list[CallStats] = []
        self._handles: list[torch.utils.hooks.RemovableHandle] = []
        self._calls: dict[str, int] = {}

    def __enter__(self) -> FlowStats:
        if self._handles:
            raise RuntimeError("this FlowStats is already recording (its with block is open)")
        for name, module in self.modules.items():
            self._handles.append(module.register_forward_hook(partial(self._forward, name)))
        return self

    def __exit__(self, *exc_info) -> None:
        for handle in self._handles:
            handle.remove()
        self._handles.clear()

    def _forward(self, name: str, module: nn.Module, args, output) -> None:
        if not isinstance(output, torch.Tensor):
            raise TypeError(
                f"FlowStats records modules that return a tensor; {name!r} "
                f"({type(module).__name__}) returned {type(output).__name__}"
            )
        call = self._calls.get(name, 0)
        self._calls[name] = call + 1
        record = CallStats(name, call, *_moments(output))
        self.records.append(record)
        if output.requires_grad:  # not under torch.no_grad(), and something upstream learns
            self._handles.append(output.register_hook(partial(self._backward, record)))

    @staticmethod
    def _backward(record: CallStats, grad: torch.Tensor) -> None:
        record.grad_mean, record.grad_std = _moments(grad)  # returns None: grad unchanged

    def column(self, field: str) -> list[float | None]:
        """One field of every record, in the order of the forward pass, e.g. ``"std"``.

        Parameters
        ----------
        field
            ``"mean"``, ``"std"``, ``"grad_mean"`` or ``"grad_std"``.
        """
        fields = ("mean", "std", "grad_mean", "grad_std")
        if field not in fields:
            raise ValueError(f"field must be one of {list(fields)}, got {field!r}")
        return [getattr(r, field) for r in self.records]
