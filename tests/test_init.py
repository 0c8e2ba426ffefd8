"""nnbook.init against torch.nn.init: gains, fans, and the distributions drawn (float64)."""

import math

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

from nnbook import init

# Every nonlinearity torch.nn.init.calculate_gain accepts (torch 2.13), and slopes for leaky_relu.
NONLINEARITIES = [
    "linear",
    "conv1d",
    "conv2d",
    "conv3d",
    "conv_transpose1d",
    "conv_transpose2d",
    "conv_transpose3d",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "selu",
]
SLOPES = [None, 0, 0.01, 0.2, 1, 3, -0.5]
# Large tensors: a sample variance over n = 240,000 values has a relative standard error
# of about 0.3 %, so a wrong constant (a factor 2 or 3) cannot pass at 4 standard errors.
SHAPES = [(600, 400), (200, 30, 5, 8)]


@pytest.mark.parametrize("nonlinearity", NONLINEARITIES)
def test_gain_equals_torch(nonlinearity):
    assert init.calculate_gain(nonlinearity) == nn.init.calculate_gain(nonlinearity)


@pytest.mark.parametrize("slope", SLOPES)
def test_leaky_relu_gain_equals_torch(slope):
    ours = init.calculate_gain("leaky_relu", slope)
    assert ours == nn.init.calculate_gain("leaky_relu", slope)
    if slope == 1:  # a leaky ReLU of slope 1 is the identity: no gain
        assert ours == 1


@given(st.lists(st.integers(1, 6), min_size=2, max_size=5))
def test_fans_equal_torch(shape):
    w = torch.empty(shape)
    assert init.fan_in_and_fan_out(w) == nn.init._calculate_fan_in_and_fan_out(w)


def _moments_within_4_se(w: torch.Tensor, var: float, kurtosis: float) -> None:
    """Sample mean 0 and variance ``var`` within 4 standard errors; ``kurtosis`` is
    E[w^4] / var^2 of the distribution (9/5 uniform, 3 normal), so that the standard error of
    the sample variance is sqrt((kurtosis - 1) / n) var."""
    n = w.numel()
    assert abs(w.mean().item()) < 4 * math.sqrt(var / n)
    se_var = math.sqrt((kurtosis - 1) / n) * var
    assert abs(w.var(correction=0).item() - var) < 4 * se_var


def _expected_std(name, shape, **kw):
    """The standard deviation of the distribution, from the formulas of the papers."""
    w = torch.empty(shape)
    fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(w)
    if name.startswith("xavier"):
        return kw.get("gain", 1.0) * math.sqrt(2 / (fan_in + fan_out))
    gain = nn.init.calculate_gain(kw.get("nonlinearity", "leaky_relu"), kw.get("a", 0))
    return gain / math.sqrt(fan_in if kw.get("mode", "fan_in") == "fan_in" else fan_out)


CASES = [
    ("xavier_uniform_", {}),
    ("xavier_uniform_", {"gain": 5 / 3}),
    ("xavier_normal_", {}),
    ("xavier_normal_", {"gain": 0.5}),
    ("kaiming_uniform_", {}),
    ("kaiming_uniform_", {"a": math.sqrt(5)}),
    ("kaiming_uniform_", {"mode": "fan_out", "nonlinearity": "relu"}),
    ("kaiming_normal_", {}),
    ("kaiming_normal_", {"mode": "fan_out", "nonlinearity": "tanh"}),
    ("kaiming_normal_", {"a": 0.2, "mode": "fan_in"}),
]


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize(("name", "kw"), CASES, ids=str)
def test_distribution(name, kw, shape):
    w = torch.empty(shape, dtype=torch.float64)
    g = torch.Generator().manual_seed(0)
    assert getattr(init, name)(w, generator=g, **kw) is w  # in place, returned
    std = _expected_std(name, shape, **kw)
    if name.endswith("uniform_"):
        bound = math.sqrt(3) * std  # U(-b, b) has variance b^2 / 3
        assert w.abs().max().item() <= bound  # exact bounds...
        assert w.abs().max().item() > 0.999 * bound  # ...reached: P(miss) = 0.999^n ~ 0
        _moments_within_4_se(w, std**2, kurtosis=9 / 5)
    else:
        _moments_within_4_se(w, std**2, kurtosis=3.0)


@pytest.mark.parametrize(("name", "kw"), CASES, ids=str)
def test_same_draws_as_torch_from_the_same_generator(name, kw):
    ours, theirs = (torch.empty(70, 30, dtype=torch.float64) for _ in range(2))
    getattr(init, name)(ours, generator=torch.Generator().manual_seed(3), **kw)
    getattr(nn.init, name)(theirs, generator=torch.Generator().manual_seed(3), **kw)
    assert torch.equal(ours, theirs)


def test_in_place_on_a_parameter_without_recording_a_graph():
    layer = nn.Linear(5, 4)
    init.kaiming_normal_(layer.weight)
    assert layer.weight.grad_fn is None and layer.weight.is_leaf


def test_pytorch_default_linear_variance_is_a_sixth_of_he():
    # The docstrings' claim: nn.Linear draws kaiming_uniform_(a=sqrt(5)), Var = 1 / (3 n_in).
    torch.manual_seed(0)
    w = nn.Linear(500, 600, dtype=torch.float64).weight.detach()
    _moments_within_4_se(w, 1 / (3 * 500), kurtosis=9 / 5)
    assert 1 / (3 * 500) == pytest.approx((2 / 500) / 6)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: init.fan_in_and_fan_out(torch.empty(5)), "at least 2 dimensions"),
        (lambda: init.xavier_uniform_(torch.tensor(1.0)), "at least 2 dimensions"),
        (lambda: init.kaiming_normal_(torch.empty(3)), "at least 2 dimensions"),
        (lambda: init.xavier_normal_(torch.empty(0, 3)), "at least one element"),
        (lambda: init.calculate_gain("softmax"), "nonlinearity must be one of .* 'softmax'"),
        (lambda: init.kaiming_uniform_(torch.empty(3, 3), nonlinearity="gelu"), "'gelu'"),
        (lambda: init.kaiming_uniform_(torch.empty(3, 3), mode="fan_avg"), "mode .* 'fan_avg'"),
        (lambda: init.kaiming_normal_(torch.empty(3, 3), mode="FAN_IN"), "mode .* 'FAN_IN'"),
        (lambda: init.calculate_gain("leaky_relu", True), "param .* True"),
        (lambda: init.calculate_gain("leaky_relu", "0.1"), "param .* '0.1'"),
        (lambda: init.xavier_uniform_(torch.empty(3, 3), gain=0), "gain .* 0"),
    ],
)
def test_bad_input_raises_value_error_naming_it(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def _net():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(300, 500), nn.ReLU(), nn.Sequential(nn.Linear(500, 200)))


def test_initialize_default_leaves_pytorch_init():
    net = _net()
    before = {k: v.clone() for k, v in net.state_dict().items()}
    assert init.initialize(net, "default") is net
    assert all(torch.equal(before[k], v) for k, v in net.state_dict().items())


@pytest.mark.parametrize("scheme", ["xavier", "he", ("normal", 0.05)], ids=str)
def test_initialize_schemes(scheme):
    net = init.initialize(_net().double(), scheme, generator=torch.Generator().manual_seed(1))
    for layer in (net[0], net[2][0]):  # nested layers too
        fan_out, fan_in = layer.weight.shape
        assert torch.count_nonzero(layer.bias) == 0
        w = layer.weight.detach()
        if scheme == "xavier":
            bound = math.sqrt(6 / (fan_in + fan_out))
            assert w.abs().max().item() <= bound
            _moments_within_4_se(w, bound**2 / 3, kurtosis=9 / 5)
        elif scheme == "he":
            _moments_within_4_se(w, 2 / fan_in, kurtosis=3.0)
        else:
            _moments_within_4_se(w, 0.05**2, kurtosis=3.0)


def test_initialize_is_reproducible_from_a_generator():
    a = init.initialize(_net(), "he", generator=torch.Generator().manual_seed(7))
    b = init.initialize(_net(), "he", generator=torch.Generator().manual_seed(7))
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters(), strict=True))


@pytest.mark.parametrize(
    ("scheme", "message"),
    [
        ("kaiming", "scheme must be one of .* 'kaiming'"),
        (("normal", 0), "std .* 0"),
        (("normal", -1.0), "std .* -1.0"),
        (("uniform", 0.1), "scheme must be one of"),
    ],
)
def test_initialize_refuses_bad_schemes(scheme, message):
    with pytest.raises(ValueError, match=message):
        init.initialize(_net(), scheme)


def test_initialize_refuses_a_non_module():
    with pytest.raises(TypeError, match=r"module must be a torch\.nn\.Module, got Tensor"):
        init.initialize(torch.empty(3, 3), "he")
