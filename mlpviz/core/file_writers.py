"""Writing mlpviz's files atomically: a temporary file in the same folder, synced, then renamed
over the user's file, so a crash at any moment leaves the old or the new content, never a part.

The two halves (prepare_atomic, commit_atomic) let core/outputs.py write two files as a pair.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
from pathlib import Path

def write_atomic(path, text):
    """Write text to a temporary file in the same folder, then rename it over `path`.

    A crash at any moment leaves `path` with either its old or its new content: the new content
    is on disk (fsync) before the rename, and the rename itself is made durable by syncing the
    folder. A temporary file left by a writer that was killed is removed by the next save.
    """
    commit_atomic(prepare_atomic(path, text), path)


def prepare_atomic(path, text):
    """The first half of write_atomic: `text` complete and on disk in a temporary file beside
    `path` (returned). A device, a pipe or a folder at `path` is refused: never replaced."""
    path = Path(path)
    refuse_special(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{_temporary_prefix(path)}{os.getpid()}.",
                               suffix=".tmp")
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        discard(tmp)
        raise
    return tmp


def commit_atomic(tmp, path, settle=True):
    """The second half: rename the temporary file over `path` and (`settle`) make that durable."""
    path = Path(path)
    try:
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise
    if settle:
        settle_atomic(path)


def settle_atomic(path):
    """After a rename to `path`: sync its folder; remove what killed writers left there."""
    _sync_folder(path.parent)
    _remove_orphans(path)


def discard(tmp):
    try:
        os.unlink(tmp)
    except OSError:
        pass


def refuse_special(path):
    """An OSError when `path` is a folder, a device, a pipe or a socket: a save must not replace
    it (as root, renaming over /dev/null turned the device into a regular file)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder", str(path))
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "it is a device or a pipe, not a regular file", str(path))


def _temporary_prefix(path):
    return f".{path.name}."


def _sync_folder(folder):
    """Make a rename in `folder` durable (POSIX; Windows cannot open a folder and needs no sync)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_orphans(path):
    """Delete temporary files of saves to `path` whose writing process no longer exists."""
    prefix = _temporary_prefix(path)
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not _process_exists(int(pid)):
            try:
                os.unlink(path.parent / name)
            except OSError:
                pass


def _process_exists(pid):
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError, ValueError):
        return True  # someone else's process, or a platform without signals: leave its file
    return True


def _mode_for(path):
    """Keep an existing file's permissions; a new file gets the usual ones (0666 less umask)."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_json(path, document):
    write_atomic(path, json_text(document))


def json_text(document):
    """One key per line, each value compact, as the cheat sheet prints its files."""
    lines = [f"  {json.dumps(key)}: {json.dumps(value)}" for key, value in document.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"
