"""The command line: the window, and train / test / predict without one. Uses core only.

Exit status: 0 success, 2 bad input (one line on stderr), 3 training diverged, 1 anything else.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from pathlib import Path

import numpy as np

from mlpviz import __version__
from mlpviz.core import InputError, examples
from mlpviz.core.config import load_config, override
from mlpviz.core.console import Interrupts, pipe_closed, quiet_numerics
from mlpviz.core.outputs import Outputs, WriteError, reason
from mlpviz.core.files import minmax_text, weights_text
from mlpviz.core.divergence import diagnose
from mlpviz.core.experiment import Experiment
from mlpviz.core import class_report
from mlpviz.core.files import write_atomic, write_csv
from mlpviz.core.trained import load_trained, testing_table
from mlpviz.core.optimizers import OPTIMIZERS

BAD_INPUT, DIVERGED, INTERRUPTED = 2, 3, 130


class UsageError(Exception):
    """Wrong words on the command line (argparse would otherwise exit by itself)."""


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(f"{self.prog}: {message}")


def build_parser():
    parser = Parser(prog="mlpviz", description="Train small multi-layer perceptrons and see "
                    "every number backpropagation computes.")
    parser.add_argument("--version", action="version", version=f"mlpviz {__version__}")
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("open", help="open the window with an experiment")
    p.add_argument("config", help="a config file or a bundled example's name")
    sub.add_parser("examples", help="list the bundled examples")
    p = sub.add_parser("train", help="train without a window and write the weights")
    p.add_argument("config", help="a config file or a bundled example's name")
    p.add_argument("--epochs", type=int)
    p.add_argument("--seed", type=int)
    p.add_argument("--learning-rate", type=float)
    p.add_argument("--optimizer", choices=OPTIMIZERS)
    p.add_argument("--l2", type=float, help="L2 penalty λ₂ on the weights")
    p.add_argument("--l1", type=float, help="L1 penalty λ₁ on the weights")
    p.add_argument("--weights-out", type=Path)
    p.add_argument("--minmax-out", type=Path)
    p.add_argument("--history-out", type=Path)
    p.add_argument("--quiet", action="store_true")
    for name in ("test", "predict"):
        p = sub.add_parser(name, help=f"{name} a trained network on a CSV")
        p.add_argument("config", help="a config file or a bundled example's name")
        p.add_argument("--weights", type=Path, required=True)
        p.add_argument("--minmax", type=Path)
        p.add_argument("--data", type=Path, required=(name == "predict"))
        if name == "test":
            p.add_argument("--json", action="store_true")
        else:
            p.add_argument("--out", type=Path)
    p = sub.add_parser("dataset", help="generate a dataset (circle, xor, gaussians, spiral, moons, "
                       "plane, bumps) as CSV")
    p.add_argument("kind", help="circle, xor, gaussians, spiral, moons (classes); plane, bumps")
    p.add_argument("--points", type=int, default=200, help="rows in all, before the split")
    p.add_argument("--noise", type=float, default=0.0, help="0 to 1 (0.2 is 20 %%)")
    p.add_argument("--test-fraction", type=float, default=0.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, required=True, help="PATH.csv")
    p.add_argument("--config-out", type=Path, help="also write an experiment config for it")
    p = sub.add_parser("explain", help="the worked example of one update, as Markdown or HTML")
    p.add_argument("config", help="a config file or a bundled example's name")
    p.add_argument("--weights", type=Path)
    p.add_argument("--step", type=int, default=0)
    p.add_argument("--sample", type=int)
    p.add_argument("--neurons", default="", help="in layers wider than 8, follow these "
                   "neurons (names, e.g. h17,o3) rather than the first 4")
    p.add_argument("--format", choices=("md", "html"))
    p.add_argument("--out", type=Path)
    p = sub.add_parser("export-torch", help="the trained network as one Python file for PyTorch")
    p.add_argument("config", help="a config file or a bundled example's name")
    p.add_argument("--weights", type=Path, required=True)
    p.add_argument("--minmax", type=Path)
    p.add_argument("--out", type=Path, required=True)
    return parser


def main(argv=None):
    with quiet_numerics():
        return run_command(argv)


def run_command(argv):
    try:
        args = build_parser().parse_args(argv)
        command = args.command or "window"
        return COMMANDS[command](args)
    except BrokenPipeError:
        return pipe_closed()
    except MemoryError:
        print("mlpviz: not enough memory (is a file or the network very large?)", file=sys.stderr)
        return 1
    except UsageError as e:
        print(e, file=sys.stderr)
        return BAD_INPUT
    except InputError as e:
        print(f"mlpviz: {e}", file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        print("mlpviz: interrupted", file=sys.stderr)
        return INTERRUPTED
    except OSError as e:  # never "mlpviz: : No space left on device"
        where = f"{e.filename}: " if e.filename else ""
        print(f"mlpviz: {where}{e.strerror if isinstance(e, WriteError) else reason(e)}",
              file=sys.stderr)
        return 1


def resolve(name_or_path):
    """A config path from a path or an example's name; and whether it is a bundled example."""
    path = Path(name_or_path)
    if path.is_file():
        return path, False
    example = examples.config_path(name_or_path) if "/" not in name_or_path else None
    if example is not None:
        return example, True
    known = ", ".join(examples.names())
    raise InputError(name_or_path, None, f"no such config file or bundled example "
                                         f"(the examples are: {known})")


def load(args, need_training_data=True):
    """The experiment the arguments name, with command-line overrides applied."""
    path, bundled = resolve(args.config)
    config = load_config(path)
    overrides = {"epochs": "epochs", "seed": "seed", "learning_rate": "learningRate",
                 "optimizer": "optimizer", "l2": "l2", "l1": "l1"}
    for arg, key in overrides.items():
        if getattr(args, arg, None) is not None:
            override(config, key, getattr(args, arg), f"--{arg.replace('_', '-')}")
    experiment = Experiment.load(config, need_training_data)
    warn(experiment.warnings)
    return experiment, bundled


def output_path(experiment, bundled, key, given):
    """Where a file goes: as given, else the config's path (None when it names none); a bundled
    example writes here, not into the installed package."""
    if given is not None:
        return given
    path = experiment.config.path(key)
    return Path(path.name) if bundled and path is not None else path


def planned_outputs(experiment, bundled, args):
    """The files this run will write, checked now, before the first step."""
    weights = output_path(experiment, bundled, "trainedWeightsBiasesJSONFile", args.weights_out)
    if weights is None:
        raise InputError(experiment.config.source, "trainedWeightsBiasesJSONFile",
                         "no file to write the trained weights to; name one, or give --weights-out")
    outputs = Outputs(weights, output_path(experiment, bundled, "minMaxJSONFile", args.minmax_out),
                      args.history_out)
    outputs.check()
    return outputs


def cmd_train(args):
    experiment, bundled = load(args)
    refuse_writing_elsewhere(experiment.config, bundled, args)
    outputs = planned_outputs(experiment, bundled, args)
    trainer = experiment.trainer()
    config = experiment.config
    interrupts = Interrupts()
    with interrupts.watching():
        ended = train_epochs(trainer, config.epochs, args.quiet, args.history_out is not None,
                             interrupts)
    if ended == "diverged":
        divergence = diagnose(trainer, config.inputNodeLabels, config.outputNodeLabels)
        print(f"mlpviz: {divergence.text()}. No weights were written.", file=sys.stderr)
        write_history(outputs, trainer)
        return DIVERGED
    outputs.save_model(weights_text(trainer.network),
                       minmax_text(experiment.input_range, experiment.output_range))
    wrote = " and ".join(str(p) for p in (outputs.weights, outputs.minmax) if p is not None)
    if ended == "interrupted":
        print(f"mlpviz: interrupted at step {trainer.step:,} (epoch {trainer.epoch:,}); wrote the "
              f"weights of that step to {wrote}", file=sys.stderr)
    if not write_history(outputs, trainer, wrote):
        return 1
    if ended == "interrupted":
        return INTERRUPTED
    if not args.quiet:
        final = experiment.mean_loss(trainer.network, experiment.train)
        print(f"trained {trainer.step} steps; training loss now {final:.6g}")
        if experiment.test is not None:
            print(f"test loss {experiment.mean_loss(trainer.network, experiment.test):.6g}")
        if experiment.classes is not None:
            print(class_report.accuracy_line(experiment, trainer.network))
        print(f"wrote {wrote}")
    return 0


SPECIALIZE_FROM = 1_000_000  # updates from which `train` compiles the loop for its settings


def train_epochs(trainer, epochs, quiet, keep_history=True, interrupts=None):
    """Train `epochs` epochs with a line per twentieth of them and a progress bar. Returns "done",
    "diverged", or "interrupted" (Ctrl-C: it stops at the step reached). Without `keep_history`
    the per-step losses are dropped as they are summed, so any number of epochs runs in
    constant memory."""
    report_every = max(1, epochs // 20)
    per_epoch = trainer.steps_per_epoch
    # a long run trains in the loop compiled for its settings (core/online_variants.py): the same
    # numbers ~20 % faster, for a compile of seconds the first time (numba caches it)
    trainer.specialized = epochs * per_epoch >= SPECIALIZE_FROM
    bar = ProgressLine(epochs * per_epoch, enabled=not quiet)
    chunk = Chunk()
    try:
        # from one reported epoch to the next in as few calls of the engine as the progress bar
        # allows: many epochs of small data per call (an epoch's samples follow from its number)
        for epoch in reported_epochs(epochs, report_every, quiet):
            end = epoch * per_epoch
            last = EpochLoss(end - per_epoch, end)
            while trainer.step < end and trainer.diverged_at is None:
                if interrupts is not None and interrupts.requested:
                    return "interrupted"
                before = len(trainer.history)
                with chunk.timed() as steps:
                    trainer.run(min(steps, end - trainer.step))
                bar.show(trainer, min(epochs, trainer.step // per_epoch + 1), epochs)
                last.add(trainer.history.values[before:], trainer.step)
                if not keep_history:
                    trainer.history.truncate(0)
            if trainer.diverged_at is not None:
                return "diverged"
            if not quiet:
                bar.clear()
                print(f"epoch {epoch:>{len(str(epochs))}}/{epochs}  loss {last.mean():.6g}",
                      flush=True)
        return "done"
    finally:
        bar.clear()  # also when interrupted: the message starts on a clean line


class EpochLoss:
    """The mean loss of the steps [first, end) (one epoch), summed from the losses of the chunks
    as they are trained, so the history itself need not be kept."""

    def __init__(self, first, end):
        self.first, self.end, self.total, self.count = first, end, 0.0, 0

    def add(self, losses, step):
        """`losses`: those of the steps up to `step` (exclusive), the latest last."""
        start = step - len(losses)
        low, high = max(self.first, start), min(self.end, step)
        if high > low:
            self.total += float(np.sum(losses[low - start:high - start]))
            self.count += high - low

    def mean(self):
        return self.total / self.count if self.count else float("nan")


def reported_epochs(epochs, every, quiet):
    """The epochs that end with a line: the first, every `every`-th and the last (quiet: the
    last only, where training ends)."""
    if quiet:
        return [epochs] if epochs else []
    return sorted({1, epochs} | set(range(every, epochs + 1, every))) if epochs else []


class Chunk:
    """How many steps to run between looks at the clock: about 1/20 s of training each."""

    def __init__(self):
        self.steps = 256

    @contextlib.contextmanager
    def timed(self):
        began = time.monotonic()
        yield self.steps
        took = time.monotonic() - began
        if took < 0.025:
            self.steps = min(2 * self.steps, 1 << 20)
        elif took > 0.1:
            self.steps = max(1, self.steps // 2)


class ProgressLine:
    """A progress bar on one line of stderr, redrawn in place, for runs that last more than a
    second, and only on a terminal (a log file or a pipe gets no carriage returns)."""

    DELAY, INTERVAL, WIDTH = 1.0, 0.1, 24
    clock = staticmethod(time.monotonic)

    def __init__(self, total_steps, enabled=True, stream=None):
        self.stream = stream or sys.stderr
        self.total = max(1, total_steps)
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = enabled and bool(isatty and isatty())
        self.start = self.clock()
        self.drawn_at = None
        self.width = 0  # characters on the line now

    def show(self, trainer, epoch, epochs):
        now = self.clock()
        if not self.enabled or now - self.start < self.DELAY or (
                self.drawn_at is not None and now - self.drawn_at < self.INTERVAL):
            return
        self.drawn_at = now
        done = min(1.0, trainer.step / self.total)
        filled = int(done * self.WIDTH)
        elapsed = now - self.start
        left = f"  {elapsed * (1 - done) / done:.0f} s left" if done > 0 else ""
        losses = trainer.history.values
        loss = f"  loss {losses[-1]:.6g}" if len(losses) else ""
        text = (f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done:4.0%}  epoch {epoch}/{epochs}"
                f"  step {trainer.step:,}{loss}{left}")
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def clear(self):
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def refuse_writing_elsewhere(config, bundled, args):
    """A config may only name output files in its own folder (or below); a path given on the
    command line is the user's own choice and goes anywhere. Checked before training starts."""
    given = {"trainedWeightsBiasesJSONFile": args.weights_out, "minMaxJSONFile": args.minmax_out}
    option = {"trainedWeightsBiasesJSONFile": "--weights-out", "minMaxJSONFile": "--minmax-out"}
    if bundled:
        return
    for key, path in config.outside_folder():
        if given[key] is None:
            raise InputError(config.source, key,
                             f"would write {path}, outside the config's folder; to write there, "
                             f"give {option[key]} {path}")


def write_history(outputs, trainer, wrote=None):
    """The loss history CSV, if asked for; False (said on stderr) if it could not be written."""
    if outputs.history is None:
        return True
    try:
        outputs.save_history(trainer.history.values, trainer.steps_per_epoch)
    except OSError as e:
        model = f"; the weights were written to {wrote}" if wrote else ""
        print(f"mlpviz: {e.filename}: {e.strerror}{model}", file=sys.stderr)
        return False
    return True


def trained(args):
    """The experiment with the given weights, and the min-max values it was trained with."""
    experiment, network = load_trained(load_config(resolve(args.config)[0]), args.weights,
                                       args.minmax)
    warn(experiment.warnings)
    return experiment, network


def warn(sentences):
    for sentence in sentences:
        print(f"mlpviz: warning: {sentence}", file=sys.stderr)


def cmd_test(args):
    experiment, network = trained(args)
    config = experiment.config
    table = testing_table(experiment, args.data)
    warn(table.notes)
    loss = experiment.mean_loss(network, table)
    scored = class_report.score(experiment, network, table) if experiment.classes else None
    if args.json:
        print(json.dumps({"samples": len(table.values), "meanLoss": loss,
                          **(scored.json() if scored else {})}))
    else:
        print(f"{len(table.values)} samples, mean loss {loss:.6g} ({config.lossFunction})")
        if scored:
            print("\n".join(scored.lines()))
    return 0


def cmd_predict(args):
    experiment, network = trained(args)
    config = experiment.config
    n_in = config.inputNodes
    table = experiment.read_inputs(args.data)
    warn(table.notes)
    if experiment.classes:
        return write_rows(args.out, *class_report.prediction_rows(experiment, network, table))
    inputs = table.values[:, :n_in]
    outputs = experiment.predict(network, inputs)
    labels = config.inputNodeLabels + config.outputNodeLabels
    rows = np.hstack([inputs, outputs])
    if args.out is not None:
        write_csv(args.out, labels, rows)
    else:
        print(",".join(labels))
        for row in rows:
            print(",".join(repr(float(v)) for v in row))
    return 0


def write_rows(path, labels, rows):
    """A CSV of text cells, to `path` or to standard output."""
    text = class_report.csv_text(labels, rows)
    if path is not None:
        write_atomic(path, text)
    else:
        sys.stdout.write(text)
    return 0


def cmd_examples(args):
    for name, title, description in examples.describe():
        print(f"{name:<20} {title}")
    return 0


def cmd_dataset(args):
    from mlpviz.core.dataset_command import write_dataset
    for path in write_dataset(args.kind, args.out, args.points, args.noise, args.test_fraction,
                              args.seed, args.config_out):
        print(f"wrote {path}")
    return 0


def cmd_open(args):
    path, _ = resolve(args.config)
    return run_window(path)


def cmd_window(args):
    return run_window(examples.config_path(examples.DEFAULT))


def run_window(path):
    from mlpviz.gui.display_check import problem  # no Qt: Qt aborts where it cannot start

    if (why := problem()) is not None:
        print(why, file=sys.stderr)
        return BAD_INPUT
    try:
        from mlpviz.gui.app import run
    except ImportError as e:
        if "mlpviz.gui" not in str(e) and "No module named 'mlpviz.gui" not in str(e):
            raise
        print("mlpviz: the window is not there yet. Meanwhile try `mlpviz examples` and "
              "`mlpviz train worked-example`.", file=sys.stderr)
        return 1
    return run(path)


def cmd_explain(args):
    from mlpviz.cli_export import explain
    return explain(args, load)


def cmd_export_torch(args):
    from mlpviz.cli_export import export_torch
    return export_torch(args, trained)


COMMANDS = {"train": cmd_train, "test": cmd_test, "predict": cmd_predict,
            "examples": cmd_examples, "open": cmd_open, "window": cmd_window,
            "dataset": cmd_dataset,
            "explain": cmd_explain, "export-torch": cmd_export_torch}
