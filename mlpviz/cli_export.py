"""`mlpviz explain` and `mlpviz export-torch`: the command line's exports (SPEC section 11).

cli.py parses the arguments and calls these with its own loaders; the work is in core/handout.py,
core/handout_write.py and core/export_torch.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mlpviz.core import InputError
from mlpviz.core.files import read_weights, write_atomic


def explain(args, load):
    """The worked example of update --step K as Markdown or HTML, to --out or stdout."""
    from mlpviz.core.handout_run import for_experiment
    from mlpviz.core.handout_write import FORMATS

    fmt = args.format or ("html" if args.out and args.out.suffix.lower() in (".html", ".htm")
                          else "md")
    check_output(args.out)
    experiment, _ = load(args)
    params = None
    if args.weights is not None:
        params = read_weights(args.weights, experiment.config.sizes)
    handout = for_experiment(experiment, params, args.step, args.sample,
                             args.neurons.split(","))
    write(args.out, FORMATS[fmt](handout))
    return 0


def export_torch(args, trained):
    """One Python file that rebuilds the trained network in PyTorch (core/export_torch.py)."""
    from mlpviz.core.export_torch import torch_source

    check_output(args.out)
    experiment, network = trained(args)
    write(args.out, torch_source(experiment, network))
    return 0


def check_output(path):
    """A file to write must go into an existing folder and not be a folder itself."""
    if path is None:
        return
    if path.is_dir():
        raise InputError(path, None, "is a folder; expected a file name to write")
    if not path.parent.resolve().is_dir():
        raise InputError(path, None, f"the folder {path.parent} does not exist")


def write(path: Path | None, text):
    if path is None:
        sys.stdout.write(text)
    else:
        write_atomic(path, text)
        print(f"wrote {path}")
