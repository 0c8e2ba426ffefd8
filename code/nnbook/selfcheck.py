"""Check a reader's implementation against PyTorch: the test that "implement" exercises provide.

An exercise that asks the reader to write a function (a softmax, a momentum step, a layer's
backward pass) gives them this check to run on their answer: it calls the reader's function
and a reference written with PyTorch on the same generated float64 inputs, and compares the
outputs -- and, if asked, the gradients of a scalar made from the outputs with respect to
every floating-point input -- to a stated tolerance.  The same discipline as the book's own
tests (non-negotiable 3), handed to the reader.

Example::

    >>> import torch
    >>> from nnbook.selfcheck import check_against_torch, random_inputs
    >>> def my_softmax(z):
    ...     e = torch.exp(z - z.max(dim=1, keepdim=True).values)
    ...     return e / e.sum(dim=1, keepdim=True)
    >>> cases = random_inputs([[(2, 3)], [(5, 10)], [(1, 1)]], seed=0)
    >>> check_against_torch(my_softmax, lambda z: torch.softmax(z, dim=1), cases, grad=True)
    '3 cases agree with PyTorch (outputs and gradients), largest difference ...'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import torch

from nnbook.checks import check_int, check_real

__all__ = ["check_against_torch", "random_inputs"]


def random_inputs(
    shapes: Iterable[Sequence[tuple[int, ...]]], *, seed: int = 0, scale: float = 1.0
) -> list[tuple[torch.Tensor, ...]]:
    """One tuple of standard-normal float64 tensors per case, ``scale`` times N(0, 1).

    ``shapes`` lists, for each case, the shape of each argument, e.g. ``[[(2, 3)], [(4, 5)]]``
    for two calls of a one-argument function.  Seeded: the same cases on every run.
    """
    check_int("seed", seed, minimum=0)
    check_real("scale", scale, low=0, low_open=True)
    generator = torch.Generator().manual_seed(seed)
    cases = []
    for case in shapes:
        if isinstance(case, tuple) and all(isinstance(n, int) for n in case):
            raise TypeError(f"shapes must list the argument shapes of each case, got {case!r}")
        cases.append(
            tuple(
                scale * torch.randn(tuple(shape), generator=generator, dtype=torch.float64)
                for shape in case
            )
        )
    if not cases:
        raise ValueError("shapes must give at least one case, got none")
    return cases


def _leaves(args: tuple) -> tuple:
    """Copies of the arguments; floating-point tensors become leaves that record a gradient."""
    return tuple(
        a.detach().clone().requires_grad_(a.is_floating_point())
        if isinstance(a, torch.Tensor)
        else a
        for a in args
    )


def _as_tuple(out: object) -> tuple[torch.Tensor, ...]:
    return tuple(out) if isinstance(out, tuple | list) else (out,)


def check_against_torch(
    candidate: Callable,
    reference: Callable,
    cases: Iterable[tuple],
    *,
    grad: bool = False,
    rtol: float = 1e-10,
    atol: float = 1e-12,
) -> str:
    """Compare ``candidate(*case)`` with ``reference(*case)`` on every case; a one-line verdict.

    Outputs (a tensor or a tuple of tensors) must have the same shapes and agree within
    ``|a - b| <= atol + rtol |b|`` elementwise, as :func:`torch.allclose` reads it.  With
    ``grad=True`` the gradients of ``sum(out * w)`` with respect to every floating-point tensor
    argument are compared too, for fixed random weights ``w``: a weighted sum, so that an
    error the plain sum would cancel (a softmax's rows always sum to 1) still shows.

    Raises
    ------
    AssertionError
        At the first disagreement, naming the case, its argument shapes, what differs
        (output ``i`` or the gradient of argument ``j``) and the largest difference.
    ValueError
        If there are no cases or a tolerance is negative.
    """
    check_real("rtol", rtol, low=0)
    check_real("atol", atol, low=0)
    cases = list(cases)
    if not cases:
        raise ValueError("cases must hold at least one tuple of arguments, got none")
    worst = 0.0
    for index, case in enumerate(cases):
        case = case if isinstance(case, tuple) else (case,)
        shapes = [tuple(a.shape) if isinstance(a, torch.Tensor) else a for a in case]
        where = f"case {index} (argument shapes {shapes})"
        mine_args, ref_args = _leaves(case), _leaves(case)
        mine, ref = _as_tuple(candidate(*mine_args)), _as_tuple(reference(*ref_args))
        if len(mine) != len(ref):
            raise AssertionError(f"{where}: {len(mine)} outputs, PyTorch gives {len(ref)}")
        for i, (a, b) in enumerate(zip(mine, ref, strict=True)):
            a = torch.as_tensor(a, dtype=b.dtype)
            if a.shape != b.shape:
                raise AssertionError(
                    f"{where}: output {i} has shape {tuple(a.shape)}, PyTorch's {tuple(b.shape)}"
                )
            diff = (a - b).abs().max().item() if b.numel() else 0.0
            if not torch.allclose(a, b, rtol=rtol, atol=atol):
                raise AssertionError(f"{where}: output {i} differs by up to {diff:.3g}")
            worst = max(worst, diff)
        if not grad:
            continue
        generator = torch.Generator().manual_seed(index)
        weights = [torch.randn(b.shape, generator=generator, dtype=b.dtype) for b in ref]
        floats = [j for j, a in enumerate(case) if isinstance(a, torch.Tensor)]
        floats = [j for j in floats if case[j].is_floating_point()]
        for out in (mine, ref):
            total = sum((o * w).sum() for o, w in zip(out, weights, strict=True))
            if not total.requires_grad:
                raise AssertionError(f"{where}: the output does not depend on the inputs")
            total.backward()
        for j in floats:
            a, b = mine_args[j].grad, ref_args[j].grad
            a = torch.zeros_like(case[j]) if a is None else a
            b = torch.zeros_like(case[j]) if b is None else b
            diff = (a - b).abs().max().item() if b.numel() else 0.0
            if not torch.allclose(a, b, rtol=rtol, atol=atol):
                raise AssertionError(
                    f"{where}: gradient of argument {j} differs by up to {diff:.3g}"
                )
            worst = max(worst, diff)
    what = "outputs and gradients" if grad else "outputs"
    return f"{len(cases)} cases agree with PyTorch ({what}), largest difference {worst:.1e}"
