"""The check "implement" exercises give readers: it passes right answers, fails wrong ones."""

import pytest
import torch

from nnbook.selfcheck import check_against_torch, random_inputs


def softmax(z):
    e = torch.exp(z - z.max(dim=1, keepdim=True).values)
    return e / e.sum(dim=1, keepdim=True)


def reference(z):
    return torch.softmax(z, dim=1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_right_answer_passes_with_its_gradient(seed):
    cases = random_inputs([[(2, 3)], [(5, 10)], [(1, 1)], [(0, 4)]], seed=seed, scale=10.0)
    verdict = check_against_torch(softmax, reference, cases, grad=True)
    assert verdict.startswith("4 cases agree with PyTorch (outputs and gradients)")


def test_a_wrong_value_is_named():
    cases = random_inputs([[(3, 4)]])
    with pytest.raises(AssertionError, match=r"case 0 \(argument shapes \[\(3, 4\)\]\): output 0"):
        check_against_torch(lambda z: torch.exp(z) / torch.exp(z).sum(), reference, cases)


def test_a_wrong_gradient_is_caught_even_when_values_agree():
    # Right values, no gradient through the normaliser: the plain sum of a softmax's outputs
    # has gradient 0 either way, so only the weighted sum tells the two apart.
    def detached(z):
        e = torch.exp(z)
        return e / e.sum(dim=1, keepdim=True).detach()

    cases = random_inputs([[(3, 4)]])
    check_against_torch(detached, reference, cases)  # outputs agree
    with pytest.raises(AssertionError, match="gradient of argument 0"):
        check_against_torch(detached, reference, cases, grad=True)


def test_shapes_and_output_counts_must_match():
    cases = random_inputs([[(3, 4)]])
    with pytest.raises(AssertionError, match=r"shape \(4,\), PyTorch's \(3, 4\)"):
        check_against_torch(lambda z: z.sum(0), reference, cases)
    with pytest.raises(AssertionError, match="2 outputs, PyTorch gives 1"):
        check_against_torch(lambda z: (z, z), reference, cases)


def test_several_arguments_and_outputs():
    cases = random_inputs([[(2, 3), (3, 4)], [(5, 1), (1, 2)]], seed=3)

    def both(a, b):
        return a @ b, (a @ b).relu()

    verdict = check_against_torch(
        both, lambda a, b: (torch.mm(a, b), torch.relu(a @ b)), cases, grad=True
    )
    assert verdict.startswith("2 cases agree")


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="at least one case"):
        random_inputs([])
    with pytest.raises(TypeError, match="argument shapes of each case"):
        random_inputs([(2, 3)])
    with pytest.raises(ValueError, match="scale must be"):
        random_inputs([[(2,)]], scale=0.0)
    with pytest.raises(ValueError, match="rtol must be"):
        check_against_torch(softmax, reference, random_inputs([[(2, 2)]]), rtol=-1.0)
    with pytest.raises(ValueError, match="cases must hold"):
        check_against_torch(softmax, reference, [])
