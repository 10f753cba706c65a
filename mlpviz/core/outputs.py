"""The files a training run writes: checked before the first step, the model written as a pair,
and any failure told in the user's words, naming the user's file (never a temporary one).

SPEC section 10: every file `train` will write must be a regular file or absent, in an existing
writable folder; a folder, a device, a FIFO or a missing folder is refused before training, and a
device or FIFO is never replaced. The weights file and the min-max file describe one model: both
temporary files are complete before either is renamed, and a failure removes both; both carry
the same pairId, so a pair parted by a kill between the renames is refused when loaded.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .files import commit_atomic, discard, prepare_atomic, settle_atomic, write_atomic
from .model_pair import paired

REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.EISDIR: "it is a folder",
    errno.EFBIG: "the file would be too large",
    errno.EIO: "the device reported an input/output error",
    errno.ENAMETOOLONG: "the file name is too long",
}


class WriteError(OSError):
    """A file could not be written: `filename` is the user's path, `strerror` says why in words
    and what was left as it was."""


def reason(error):
    """Why an OSError happened, in words a user reads (not a temporary file's name)."""
    if isinstance(error, OSError) and error.errno in REASONS:
        return REASONS[error.errno]
    text = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return text[0].lower() + text[1:]


@dataclass
class Outputs:
    """Where a run writes its weights, its min-max values (None: not written) and its history."""

    weights: Path
    minmax: Path | None = None
    history: Path | None = None

    def check(self):
        """InputError now, before any training, for a file that could not be written later."""
        for path in (self.weights, self.minmax, self.history):
            if path is not None:
                check_writable(Path(path))

    def save_model(self, weights_text, minmax_text):
        """Write the weights and min-max files as a pair: both or neither (WriteError), each
        carrying the same pairId (core/model_pair.py), the weights renamed first."""
        pairs = [(self.weights, weights_text)]
        if self.minmax is not None:
            weights_text, minmax_text = paired(weights_text, minmax_text)
            pairs = [(self.weights, weights_text), (self.minmax, minmax_text)]
        temporary = []
        try:
            for path, text in pairs:
                temporary.append((_prepared(path, text, pairs), path))
            for done, (tmp, path) in enumerate(temporary):  # back to back: the only moment a
                _commit(tmp, path, pairs, done)  # kill could part them is between two renames
        except BaseException:
            for tmp, _ in temporary:
                discard(tmp)
            raise
        for _, path in temporary:
            settle_atomic(path)

    def save_history(self, losses, steps_per_epoch):
        """The history CSV: `step,epoch,loss`, one row per step counted from 0 (WriteError)."""
        lines = ["step,epoch,loss"] + [f"{s},{s // steps_per_epoch},{float(v)!r}"
                                       for s, v in enumerate(losses)]
        try:
            write_atomic(self.history, "\n".join(lines) + "\n")
        except OSError as e:
            raise WriteError(e.errno, f"cannot be written ({reason(e)})", str(self.history)) \
                from None


def _prepared(path, text, pairs):
    try:
        return prepare_atomic(path, text)
    except OSError as e:
        raise WriteError(e.errno, f"cannot be written ({reason(e)}); {_unchanged(pairs)}",
                         str(path)) from None


def _commit(tmp, path, pairs, done):
    try:
        commit_atomic(tmp, path, settle=False)
    except OSError as e:
        left = "" if done == 0 else f"; {pairs[0][0]} was already replaced"
        raise WriteError(e.errno, f"cannot be written ({reason(e)}){left}", str(path)) from None


def _unchanged(pairs):
    if len(pairs) == 1:
        return f"{pairs[0][0]} was left as it was"
    return f"{pairs[0][0]} and {pairs[1][0]} were left as they were"


def check_writable(path):
    """An InputError when a save to `path` would fail or would replace something not a file."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except (OSError, ValueError) as e:
        raise InputError(path, None, f"cannot be written ({reason(e)})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(path, None, "is a folder; give the name of a file to write")
    if mode is not None and not stat.S_ISREG(mode):
        raise InputError(path, None, "is a device or a pipe, not a file: mlpviz writes regular "
                                     "files only (and never replaces a device)")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(path, None, f"cannot be written: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(path, None, f"cannot be written: the folder {folder} is not writable")
