"""nnbook.residual: the block against a torch composition (float64), and the identity path."""

import pytest
import torch
from torch import nn

from nnbook.flowstats import FlowStats
from nnbook.init import initialize
from nnbook.residual import ResidualBlock

TOL = 1e-10  # absolute, float64
TORCH_ACT = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}
TORCH_NORM = {None: nn.Identity, "layer": nn.LayerNorm, "batch": nn.BatchNorm1d}


def _x(n=16, d=8, seed=0):
    return torch.randn(n, d, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


@pytest.mark.parametrize("activation", sorted(TORCH_ACT))
@pytest.mark.parametrize("norm", [None, "layer", "batch"])
def test_block_is_x_plus_the_layer_as_torch_computes_it(activation, norm):
    torch.manual_seed(0)
    block = ResidualBlock(8, activation, norm).double()
    linear, torch_norm = nn.Linear(8, 8).double(), TORCH_NORM[norm](*([8] if norm else [])).double()
    linear.load_state_dict(block.linear.state_dict())
    torch_act = TORCH_ACT[activation]()
    x = (3 * _x()).requires_grad_()
    x2 = x.detach().clone().requires_grad_()
    upstream = _x(seed=1)
    y, y2 = block(x), x2 + torch_act(torch_norm(linear(x2)))
    torch.testing.assert_close(y, y2, rtol=0, atol=TOL)
    (y * upstream).sum().backward()
    (y2 * upstream).sum().backward()
    torch.testing.assert_close(x.grad, x2.grad, rtol=0, atol=TOL)
    for p, q in zip(block.linear.parameters(), linear.parameters(), strict=True):
        torch.testing.assert_close(p.grad, q.grad, rtol=0, atol=TOL)


@pytest.mark.parametrize(("activation", "shift"), [("relu", 0.0), ("tanh", 0.0), ("sigmoid", 0.5)])
def test_zero_branch_is_the_identity_when_the_activation_is_zero_at_zero(activation, shift):
    block = ResidualBlock(8, activation).double()
    with torch.no_grad():
        block.linear.weight.zero_()
        block.linear.bias.zero_()
    x = _x()
    assert torch.equal(block(x), x + shift)


def _grad_ratio(model, x):
    """grad std at the first layer's output over that at the last layer's output."""
    with FlowStats(model, (ResidualBlock, nn.Tanh)) as flow:
        model(x).pow(2).sum().backward()
    stds = flow.column("grad_std")
    return stds[0] / stds[-1]


def test_identity_path_keeps_the_gradient_where_a_plain_stack_loses_it():
    # Small weights (std 0.01, width 64): each tanh layer scales the gradient by about
    # sqrt(64) * 0.01 = 0.08, so 20 layers lose ~20 orders of magnitude; with the skip
    # connections the gradient reaches the bottom block at about its size at the top.
    torch.manual_seed(0)
    plain = nn.Sequential(*[m for _ in range(20) for m in (nn.Linear(64, 64), nn.Tanh())])
    residual = nn.Sequential(*[ResidualBlock(64, "tanh") for _ in range(20)])
    x = _x(32, 64)
    for model in (plain, residual):
        initialize(model.double(), ("normal", 0.01), generator=torch.Generator().manual_seed(1))
    assert _grad_ratio(plain, x) < 1e-15
    assert 0.9 < _grad_ratio(residual, x) < 1.5


@pytest.mark.parametrize("activation", sorted(TORCH_ACT))
def test_branch_scale_with_and_without_layer_norm(activation):
    # The docstring's claims: with layer norm (zero bias) the branch does not see the scale of
    # x, up to eps = 1e-5 added to a variance of order 1 (an effect of ~1e-5 on x = 1, none on
    # x = 1000); without it a ReLU branch with zero bias is positively homogeneous.
    x = _x()
    with_ln = initialize(ResidualBlock(8, activation, "layer").double(), "he")
    torch.testing.assert_close(with_ln.branch(1000 * x), with_ln.branch(x), rtol=0, atol=1e-4)
    if activation == "relu":
        plain = initialize(ResidualBlock(8, activation).double(), "he")
        torch.testing.assert_close(plain.branch(1000 * x), 1000 * plain.branch(x))


def test_parameter_names():
    names = [n for n, _ in ResidualBlock(4, norm="layer").named_parameters()]
    assert names == ["linear.weight", "linear.bias", "norm.weight", "norm.bias"]


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"width": 0}, "width must be an integer >= 1, got 0"),
        ({"width": 4, "activation": "gelu"}, "activation must be one of .* 'gelu'"),
        ({"width": 4, "norm": "group"}, "norm must be None or one of .* 'group'"),
    ],
)
def test_bad_arguments(kw, message):
    with pytest.raises(ValueError, match=message):
        ResidualBlock(**kw)


@pytest.mark.parametrize("shape", [(3, 5), (4,), (2, 4, 4)], ids=str)
def test_wrong_input_shape(shape):
    with pytest.raises(ValueError, match=r"x must have shape \(batch, 4\)"):
        ResidualBlock(4)(torch.randn(shape))
