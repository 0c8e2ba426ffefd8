"""nnbook.optim.schedules: the rates a scheduler sets."""

import pytest
import torch

from nnbook.optim.schedules import lr_schedule


def test_lr_schedule_records_what_the_scheduler_sets():
    sched = torch.optim.lr_scheduler
    lrs = lr_schedule(lambda o: sched.MultiStepLR(o, milestones=[2, 4], gamma=0.1), 6, lr=1.0)
    assert lrs == pytest.approx([1.0, 1.0, 0.1, 0.1, 0.01, 0.01])
