"""Record a real PyTorch computation on scalars as a graph that
:func:`nnbook.animation.graph.animate` can draw, with PyTorch's own numbers.

Every torch operation that ``fn`` performs is intercepted (a ``TorchFunctionMode``) and
becomes a node (the functions it knows are those of :data:`nnbook.ops.OPS`); its value, its
local derivatives (``torch.autograd.grad`` of its output with respect to each input) and its
gradient (``backward`` from the output, with ``retain_grad`` on every intermediate) all come
from autograd, so a figure of the result shows what PyTorch computed, not what the book's
engine computes.  Introduced in ``book/backprop.md``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence

import torch
from torch.overrides import TorchFunctionMode

from ..autodiff import Value
from ..ops import torch_ops

__all__ = ["trace_torch"]

_OPS = torch_ops()  # torch function name -> (the engine's op, operands reversed?)


class _Recorder(TorchFunctionMode):
    def __init__(self):
        super().__init__()
        self.calls: list[tuple[str, tuple, torch.Tensor]] = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        is_op = isinstance(out, torch.Tensor) and out.grad_fn is not None
        if is_op and any(isinstance(a, torch.Tensor) for a in args):
            self.calls.append((getattr(func, "__name__", str(func)), tuple(args), out))
        return out


def trace_torch(
    fn: Callable[..., torch.Tensor], *values: float, labels: Sequence[str] | None = None
) -> Value:
    """Run ``fn`` on float64 scalar tensors holding ``values``; return its graph as a `Value`.

    The returned node and its ancestors carry PyTorch's values and gradients, as if
    ``output.backward()`` had been called once, so ``animate(trace_torch(...))`` draws the forward
    and backward pass that autograd performed.  The leaves are labelled with ``labels`` (LaTeX
    allowed), by default the names of ``fn``'s parameters.

    Raises ``ValueError`` when an operation produces more than one number (only scalar
    computations can be drawn node by node), when it is not one the figures know, or when
    ``fn`` does not return a tensor that depends on its inputs.
    """
    if not values:
        raise ValueError("trace_torch needs at least one input value")
    if labels is None:
        labels = list(inspect.signature(fn).parameters)[: len(values)]
    if len(labels) != len(values):
        raise ValueError(f"got {len(values)} values but {len(labels)} labels")
    leaves = [torch.tensor(float(v), dtype=torch.float64, requires_grad=True) for v in values]
    recorder = _Recorder()
    with recorder:
        out = fn(*leaves)
    if not isinstance(out, torch.Tensor) or out.grad_fn is None:
        raise ValueError("fn must return a tensor computed from its inputs")
    nodes = {id(t): Value(t.item(), name) for name, t in zip(labels, leaves, strict=True)}
    tensors = {id(t): t for t in leaves}
    for name, args, result in recorder.calls:
        if result.numel() != 1:
            raise ValueError(f"{name} produced shape {tuple(result.shape)}: only scalars are drawn")
        if name not in _OPS:
            raise ValueError(f"the operation {name!r} is not one the figures can draw")
        op, reflected = _OPS[name]
        operands = list(reversed(args)) if reflected else list(args)
        parents, local = [], []
        for a in operands:
            if isinstance(a, torch.Tensor) and id(a) in nodes:
                (d,) = torch.autograd.grad(result, a, retain_graph=True)
                parents.append(nodes[id(a)])
                local.append(d.item())
            else:  # a Python number, or a tensor that does not depend on the inputs: a
                # constant, whose derivative autograd does not compute (nor do figures show)
                parents.append(Value(float(a), label=f"{float(a):g}", constant=True))
                local.append(0.0)
        nodes[id(result)] = Value(result.item(), op=op, inputs=parents, local=local)
        tensors[id(result)] = result
    if id(out) not in nodes:
        raise ValueError("fn's result was not produced by a recorded operation")
    # only now: a retained gradient would also collect what the autograd.grad calls above send
    for t in tensors.values():
        if not t.is_leaf:
            t.retain_grad()
    out.backward()
    for key, node in nodes.items():
        grad = tensors[key].grad
        node.grad = 0.0 if grad is None else grad.item()
    return nodes[id(out)]
