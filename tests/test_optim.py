"""nnbook.optim against torch.optim in float64, step for step."""

import copy
import itertools

import pytest
import torch

import nnbook.optim as ours

TOL = 1e-10  # the largest difference allowed in any parameter, at any of the 200 steps
STEPS = 200


def _grid(**axes):
    return [dict(zip(axes, values, strict=True)) for values in itertools.product(*axes.values())]


CASES = (
    [
        ("SGD", kw)
        for kw in _grid(
            lr=[0.01, 0.1],
            momentum=[0.0, 0.9],
            dampening=[0.0, 0.5],
            weight_decay=[0.0, 0.01],
            maximize=[False, True],
        )
    ]
    + [
        ("SGD", kw)
        for kw in _grid(
            lr=[0.01, 0.1], momentum=[0.5, 0.9], nesterov=[True], weight_decay=[0.0, 0.01]
        )
    ]
    + [
        ("Adagrad", kw)
        for kw in _grid(
            lr=[0.01, 0.1],
            lr_decay=[0.0, 0.01],
            weight_decay=[0.0, 0.01],
            initial_accumulator_value=[0.0, 0.1],
            eps=[1e-10, 1e-3],
        )
    ]
    + [
        ("RMSprop", kw)
        for kw in _grid(
            lr=[1e-3, 1e-2],
            alpha=[0.9, 0.99],
            momentum=[0.0, 0.9],
            centered=[False, True],
            weight_decay=[0.0, 0.01],
        )
    ]
    + [
        (name, kw)
        for name in ("Adam", "AdamW")
        for kw in _grid(
            lr=[1e-3, 1e-2],
            betas=[(0.9, 0.999), (0.5, 0.9)],
            amsgrad=[False, True],
            weight_decay=[0.0, 0.05],
            maximize=[False, True],
        )
    ]
)


def _problem(seed):
    """Random parameters of several shapes and a random smooth loss bounded below."""
    g = torch.Generator().manual_seed(seed)
    params = [
        torch.randn(3, 4, generator=g, dtype=torch.float64),
        torch.randn(5, generator=g, dtype=torch.float64),
        torch.randn(2, 2, generator=g, dtype=torch.float64),
    ]  # never in the loss: no grad
    n = 12 + 5
    A = torch.randn(20, n, generator=g, dtype=torch.float64) / n**0.5
    target = torch.randn(20, generator=g, dtype=torch.float64)

    def loss_fn(ps):
        x = torch.cat([ps[0].reshape(-1), ps[1]])
        return 0.5 * ((A @ x).tanh() - target).square().sum() + 0.05 * x.pow(4).sum()

    return params, loss_fn


def _groups(params, kw):
    # two parameter groups: the second with half the learning rate
    return [{"params": [params[0]]}, {"params": [params[1], params[2]], "lr": kw["lr"] / 2}]


def _run_lockstep(name, kw, seed=0, steps=STEPS):
    init, loss_fn = _problem(seed)
    sign = -1.0 if kw.get("maximize") else 1.0  # maximize the negated loss: same descent
    mine = [p.clone().requires_grad_() for p in init]
    theirs = [p.clone().requires_grad_() for p in init]
    opt_mine = getattr(ours, name)(_groups(mine, kw), **kw)
    opt_theirs = getattr(torch.optim, name)(_groups(theirs, kw), **kw)
    worst = 0.0
    for _ in range(steps):
        for ps, opt in ((mine, opt_mine), (theirs, opt_theirs)):
            opt.zero_grad()
            (sign * loss_fn(ps)).backward()
            opt.step()
        worst = max(
            worst, max((a - b).abs().max().item() for a, b in zip(mine, theirs, strict=True))
        )
        assert worst <= TOL, f"{name} {kw}: deviation {worst:.3e}"
    return mine, theirs, opt_mine, opt_theirs, worst


@pytest.mark.parametrize("name, kw", CASES, ids=lambda v: str(v))
def test_matches_torch_at_every_step(name, kw):
    mine, theirs, opt_mine, opt_theirs, _ = _run_lockstep(name, kw)
    assert mine[2].grad is None
    torch.testing.assert_close(mine[2], theirs[2], rtol=0, atol=0)  # no gradient: untouched
    # the same per-parameter state, under torch's names
    for p, q in zip(mine, theirs, strict=True):
        assert set(opt_mine.state[p]) == set(opt_theirs.state[q])


def test_parameters_actually_move():
    mine, *_ = _run_lockstep("Adam", {"lr": 1e-2}, steps=5)
    init, _ = _problem(0)
    assert (mine[0] - init[0]).abs().max() > 1e-3  # the comparison is not of frozen tensors


@pytest.mark.parametrize(
    "name, kw",
    [
        ("SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
        ("Adagrad", {"lr": 0.1}),
        ("RMSprop", {"lr": 1e-2, "momentum": 0.9, "centered": True}),
        ("Adam", {"lr": 1e-2, "amsgrad": True}),
        ("AdamW", {"lr": 1e-2}),
    ],
)
def test_state_dict_round_trip_resumes_identically(name, kw):
    init, loss_fn = _problem(1)

    def train(ps, opt, steps):
        for _ in range(steps):
            opt.zero_grad()
            loss_fn(ps).backward()
            opt.step()

    straight = [p.clone().requires_grad_() for p in init]
    opt = getattr(ours, name)(straight, **kw)
    train(straight, opt, 60)

    first = [p.clone().requires_grad_() for p in init]
    opt1 = getattr(ours, name)(first, **kw)
    train(first, opt1, 30)
    saved = copy.deepcopy(opt1.state_dict())
    resumed = [p.detach().clone().requires_grad_() for p in first]
    opt2 = getattr(ours, name)(resumed, **kw)
    opt2.load_state_dict(saved)
    train(resumed, opt2, 30)
    for a, b in zip(straight, resumed, strict=True):
        torch.testing.assert_close(a, b, rtol=0, atol=0)


@pytest.mark.parametrize(
    "name, kw, match",
    [
        ("SGD", {"lr": -0.1}, "Invalid learning rate: lr=-0.1"),
        ("SGD", {"lr": float("nan")}, "Invalid learning rate: lr=nan"),
        ("SGD", {"momentum": -0.5}, "momentum=-0.5"),
        ("SGD", {"weight_decay": -1e-4}, "weight_decay=-0.0001"),
        ("SGD", {"nesterov": True}, "Nesterov momentum requires a momentum > 0"),
        ("SGD", {"nesterov": True, "momentum": 0.9, "dampening": 0.1}, "zero dampening"),
        ("Adagrad", {"eps": -1e-10}, "Invalid epsilon value: eps=-1e-10"),
        ("Adagrad", {"lr_decay": -1.0}, "lr_decay=-1.0"),
        ("Adagrad", {"initial_accumulator_value": -1.0}, "initial_accumulator_value"),
        ("RMSprop", {"alpha": 1.0}, r"alpha=1.0 \(must be in \[0, 1\)\)"),
        ("RMSprop", {"momentum": -0.9}, "momentum=-0.9"),
        ("Adam", {"betas": (1.0, 0.999)}, r"Invalid beta parameter at index 0: betas\[0\]=1.0"),
        ("Adam", {"betas": (0.9, -0.1)}, r"index 1: betas\[1\]=-0.1"),
        ("Adam", {"betas": (0.9,)}, "pair"),
        ("Adam", {"eps": -1.0}, "Invalid epsilon value"),
        ("AdamW", {"lr": -1e-3}, "Invalid learning rate"),
        ("AdamW", {"weight_decay": -0.01}, "weight_decay=-0.01"),
    ],
)
def test_invalid_hyperparameters_raise(name, kw, match):
    with pytest.raises(ValueError, match=match):
        getattr(ours, name)([torch.zeros(2, requires_grad=True)], **kw)


@pytest.mark.parametrize("name", ["SGD", "Adagrad", "RMSprop", "Adam", "AdamW"])
def test_defaults_are_torchs(name):
    import inspect

    mine = inspect.signature(getattr(ours, name).__init__).parameters
    theirs = inspect.signature(getattr(torch.optim, name).__init__).parameters
    for arg, p in mine.items():
        if arg not in ("self", "params", "bias_correction"):  # nnbook's own, documented
            assert theirs[arg].default == p.default, arg


def test_closure_is_evaluated_and_returned():
    p = torch.tensor([1.0, -2.0], dtype=torch.float64, requires_grad=True)
    opt = ours.SGD([p], lr=0.1)

    def closure():
        opt.zero_grad()
        loss = p.square().sum()
        loss.backward()
        return loss

    assert opt.step(closure).item() == 5.0
    torch.testing.assert_close(p.detach(), torch.tensor([0.8, -1.6], dtype=torch.float64))


def test_fit_accepts_an_nnbook_optimizer():
    from nnbook.data import make_regression_data, split_to_tensors
    from nnbook.models import MLP
    from nnbook.training import fit

    X_tr, X_te, y_tr, y_te = split_to_tensors(
        *make_regression_data(60, 2, seed=0), dtype=torch.float64
    )
    results = []
    for optimizer in (ours.Adam, torch.optim.Adam):
        torch.manual_seed(0)
        model = MLP(2, (6,)).double()
        results.append(
            fit(
                model, X_tr, y_tr, X_te, y_te, epochs=3, optimizer=optimizer, device="cpu"
            ).test_loss
        )
    assert results[0] == pytest.approx(results[1], rel=1e-10)


@pytest.mark.parametrize("bias_correction", [True, False])
def test_adam_bias_correction_on_a_constant_gradient(bias_correction):
    # f(theta) = theta has gradient 1: m_t = 1 - b1^t, v_t = 1 - b2^t, so with the correction
    # every step is exactly lr, and without it lr (1 - b1^t) / sqrt(1 - b2^t)
    theta = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = ours.Adam([theta], lr=0.01, eps=0.0, bias_correction=bias_correction)
    steps = []
    for t in range(1, 6):
        before = theta.item()
        opt.zero_grad()
        theta.sum().backward()
        opt.step()
        expected = 0.01 if bias_correction else 0.01 * (1 - 0.9**t) / (1 - 0.999**t) ** 0.5
        steps.append((before - theta.item(), expected))
    for got, expected in steps:
        assert got == pytest.approx(expected, rel=1e-12)
