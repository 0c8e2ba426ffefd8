"""nnbook.flowstats on networks whose statistics are known in closed form (float64)."""

import pytest
import torch
from torch import nn

from nnbook.flowstats import CallStats, FlowStats

RTOL = 1e-12  # relative: the closed forms are exact up to float64 rounding over a few layers


def _scaled_identity(d: int, a: float) -> nn.Linear:
    """y = a x: a linear layer whose weight is a times the identity, bias 0."""
    layer = nn.Linear(d, d, dtype=torch.float64)
    with torch.no_grad():
        layer.weight.copy_(a * torch.eye(d, dtype=torch.float64))
        layer.bias.zero_()
    return layer


def _x(n=32, d=6):
    return (
        2 * torch.randn(n, d, generator=torch.Generator().manual_seed(0), dtype=torch.float64) + 1
    )


def _expected(x, a, n_layers, k):
    r"""Layer k (1-based) of n_layers outputs a^k x; with L = sum(y^2)/2 for y = a^n x, the
    gradient there is a^(n-k) y = a^(2n-k) x.  Means scale by the factor, stds by its size."""
    f, g = a**k, a ** (2 * n_layers - k)
    m, s = x.mean().item(), x.std(correction=0).item()
    return f * m, abs(f) * s, g * m, abs(g) * s


def _check(record, expected):
    got = (record.mean, record.std, record.grad_mean, record.grad_std)
    assert got == pytest.approx(expected, rel=RTOL)


@pytest.mark.parametrize("a", [0.5, 1.0, 1.5, -0.8])
def test_scaled_identity_stack_matches_closed_form(a):
    n_layers, x = 5, _x()
    model = nn.Sequential(*(_scaled_identity(6, a) for _ in range(n_layers)))
    with FlowStats(model) as flow:
        y = model(x)
        (y**2).sum().div(2).backward()
    assert [r.name for r in flow.records] == [str(k) for k in range(n_layers)]
    assert [r.call for r in flow.records] == [0] * n_layers
    for k, record in enumerate(flow.records, start=1):
        _check(record, _expected(x, a, n_layers, k))
    assert flow.column("std") == [r.std for r in flow.records]


def test_a_module_called_several_times_gets_one_record_per_call():
    # One layer used three times: each call's gradient belongs to that call, not the last.
    a, x, layer = 1.5, _x(), _scaled_identity(6, 1.5)
    model = nn.Sequential(layer, layer, layer)
    with FlowStats(model) as flow:
        (model(x) ** 2).sum().div(2).backward()
    assert [(r.name, r.call) for r in flow.records] == [("0", 0), ("0", 1), ("0", 2)]
    for k, record in enumerate(flow.records, start=1):
        _check(record, _expected(x, a, 3, k))


def test_constant_weights_on_a_known_input():
    # Every output of y = w 1 1^T x + b is w * (row sum of x) + b; with L = sum(y), dL/dy = 1.
    layer = nn.Linear(4, 3, dtype=torch.float64)
    with torch.no_grad():
        layer.weight.fill_(0.5)
        layer.bias.fill_(2.0)
    x = torch.tensor([[1.0, 2.0, 3.0, 4.0], [0.0, 0.0, 0.0, -2.0]], dtype=torch.float64)
    with FlowStats(layer) as flow:  # the model itself is a Linear: recorded as ""
        layer(x).sum().backward()
    (record,) = flow.records
    # outputs: 0.5 * 10 + 2 = 7 (three times), 0.5 * -2 + 2 = 1 (three times)
    assert record == CallStats("", 0, mean=4.0, std=3.0, grad_mean=1.0, grad_std=0.0)


def test_choice_by_names_and_by_types_in_forward_order():
    model = nn.Sequential(_scaled_identity(6, 2.0), nn.Tanh(), _scaled_identity(6, 0.5))
    with FlowStats(model, (nn.Linear, nn.Tanh)) as flow:
        model(_x()).sum().backward()
    assert [r.name for r in flow.records] == ["0", "1", "2"]
    with FlowStats(model, ["2", "0"]) as flow:
        model(_x()).sum().backward()
    assert [r.name for r in flow.records] == ["0", "2"]  # the forward pass's order
    with FlowStats(model, "1") as flow:
        model(_x())
    assert [r.name for r in flow.records] == ["1"]


def test_recording_does_not_change_the_computation():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(6, 5), nn.ReLU(inplace=True), nn.Linear(5, 2)).double()
    x = _x()
    model(x).pow(2).sum().backward()
    expected = [p.grad.clone() for p in model.parameters()]
    model.zero_grad()
    with FlowStats(model, (nn.Linear, nn.ReLU)) as flow:
        model(x).pow(2).sum().backward()
    assert all(torch.equal(p.grad, e) for p, e in zip(model.parameters(), expected, strict=True))
    # The in-place ReLU overwrites the first layer's output; its gradient is still the one
    # with respect to that output (zero where the ReLU was off), as autograd computes it.
    h = model[0](x).detach().requires_grad_()
    model[2](torch.relu(h)).pow(2).sum().backward()
    assert flow.records[0].grad_std == pytest.approx(h.grad.std(correction=0).item(), rel=RTOL)


def test_hooks_are_removed_on_exit_and_on_exception():
    model = nn.Sequential(_scaled_identity(6, 1.0), nn.ReLU())
    with FlowStats(model, (nn.Linear, nn.ReLU)) as flow:
        y = model(_x())
    y.sum().backward()  # after the block: the output hooks are gone
    assert [r.grad_std for r in flow.records] == [None, None]
    with pytest.raises(RuntimeError, match="boom"), FlowStats(model, (nn.Linear, nn.ReLU)):
        assert all(m._forward_hooks for m in model)  # hooked inside the block
        raise RuntimeError("boom")
    assert all(not m._forward_hooks and not m._backward_hooks for m in model.modules())
    model(_x())
    assert len(flow.records) == 2  # nothing recorded outside the block


def test_without_gradients_only_activations():
    model = nn.Sequential(_scaled_identity(6, 3.0))
    with FlowStats(model) as flow, torch.no_grad():
        model(_x())
    (record,) = flow.records
    assert record.std == pytest.approx(3 * _x().std(correction=0).item(), rel=RTOL)
    assert record.grad_mean is None and record.grad_std is None


class _Pair(nn.Module):
    def forward(self, x):
        return x, x


def test_refuses_modules_that_do_not_return_a_tensor():
    with (
        pytest.raises(TypeError, match=r"'0' \(_Pair\) returned tuple"),
        FlowStats(nn.Sequential(_Pair()), _Pair) as flow,
    ):
        flow.modules["0"](_x())


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((torch.ones(2),), TypeError, "model must be a torch.nn.Module, got Tensor"),
        ((nn.Sequential(nn.ReLU()),), ValueError, "no module of type .*Linear"),
        ((nn.Sequential(nn.ReLU()), ["1"]), ValueError, r"unknown: \['1'\]"),
        ((nn.Sequential(nn.ReLU()), []), ValueError, r"modules must name .* got \[\]"),
    ],
)
def test_bad_arguments(args, error, message):
    with pytest.raises(error, match=message):
        FlowStats(*args)


def test_bad_field_and_reentry():
    flow = FlowStats(nn.Linear(2, 2))
    with pytest.raises(ValueError, match=r"field must be one of .* 'var'"):
        flow.column("var")
    with flow, pytest.raises(RuntimeError, match="already recording"), flow:
        pass
