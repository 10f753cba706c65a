"""Runs that Reset (or Apply from this step) ended, brought back by Back (issue 15).

Reset starts a new run at step 0; the run it ended is kept (run/ended_runs.py), with its changes
by hand. Back at the very start of the new run, where Back has nothing left to undo, undoes the
Reset: the run before it comes back at the step and in the branch it was, with its loss curve,
and Back then undoes its changes by hand in turn, as before the Reset. The status line says so
at each end. Ctrl+Z (undo) goes straight to before the last change by hand, or, with none in the
run, undoes the Reset."""

from __future__ import annotations

import numpy as np

from ..run.ended_runs import Curve


def loss_curve(plot):
    """What the loss plot holds of the run: a Curve of its losses as the worker hands them over,
    (first step, values), or None once the run is too long for the plot to keep every step (a
    min-max envelope is not a curve to hand back); and its test losses (steps, values)."""
    steps, losses, exact = plot.history()
    kept = (int(steps[0]), losses) if exact and len(losses) else None
    return Curve(kept, plot.test_history())


def restore_tests(plot, tests):
    """The test losses a run brought back had, before the one its step has now: the plot
    measures the test loss only at the front of the run (panels/loss_follow.py)."""
    steps, losses = tests
    now_steps, now_losses = plot.test_history()
    earlier = steps < (now_steps[0] if len(now_steps) else np.inf)
    plot.tests.truncate(0)
    plot.tests.extend(np.concatenate([steps[earlier], now_steps]),
                      np.concatenate([losses[earlier], now_losses]))
    plot.refresh()


def at_the_start(model):
    """Whether Back would find nothing to undo in the run: its first step, no change by hand
    made before, and a run a Reset ended to go back to."""
    session, snapshot = model.session, model.snapshot
    worker = session.worker
    if not session.ended or snapshot is None or worker is None or worker.running:
        return False
    branches = worker.branches
    return branches.at == 0 and branches.step == branches.start == snapshot.step


def bring_back(model, plot=None):
    """Back over the Reset: the run it ended is back, with its loss curve on `plot` (the loss
    plot); the status line says where."""
    run = model.session.bring_back()
    if plot is not None and run.curve is not None:
        restore_tests(plot, run.curve.tests)
    told = f"Undone: Reset. The run before it is back at {run.description()}"
    if run.changes:
        told += "; Back undoes its changes in turn"
    if run.losses is None and run.step > run.branches.start:
        told += "; its loss curve was too long to keep"
    model.say(told + ".", 10000)


def reset_sentence(run):
    """What the status line adds after a Reset that ended `run` (None: nothing to bring back)."""
    if run is None:
        return ""
    return f" Back (Backspace) or Ctrl+Z brings the run before back ({run.description()})."


def undo(model, plot=None):
    """Ctrl+Z: the last change by hand made up to where the run is, undone (the run goes to the
    step it was made at, as it was before it); with none in this run, the Reset (or Apply from
    this step) that began it; else the status line says there is nothing to undo."""
    worker = model.session.worker
    if worker is None:
        return
    if worker.branches.at > 0:
        model.set_phase(None, redraw=False)
        worker.undo_change()
    elif model.session.ended:
        if worker.running:
            worker.pause()
        bring_back(model, plot)
    else:
        model.say("Nothing to undo: no change by hand (a typed weight, a neuron, a point) "
                  "and no Reset in this run.", 5000)
