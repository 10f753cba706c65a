"""Loading files off the GUI thread, with a progress dialog that can cancel the load.

A 10⁶-row CSV takes about a second to read (longer with odd cells); the window must keep
painting meanwhile, and the user must be able to give up. The loading function runs in a plain
Python thread and reports a fraction through a callback; a GUI timer polls that fraction and drives
a QProgressDialog (no cross-thread signals, nothing shared but a float and an Event). The caller
waits in a local event loop, then gets the result, or the load's own exception (InputError), or
Cancelled. A load that ends within WAIT_FIRST is simply waited for, with no event loop of its own:
events then arrive in the same order as when files were read on the GUI thread (a local event loop
let a finished run's snapshot overtake its run_ended signal, which the window did not expect).
"""

from __future__ import annotations

import threading
import time

import shiboken6
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog

from mlpviz.core.errors import Cancelled, InputError

WAIT_FIRST = 0.1  # seconds the GUI simply waits: no event loop of its own for a quick load
SHOW_AFTER = 0.4  # seconds: a quick load finishes without a dialog flashing up
POLL_MS = 30


class BackgroundLoad:
    """One call of `work(progress)` in a thread; `progress` returns False once cancelled."""

    def __init__(self, work):
        self.fraction = 0.0
        self.cancelled = threading.Event()
        self.result = self.error = None
        self.thread = threading.Thread(target=self._run, args=(work,), daemon=True,
                                       name="mlpviz-load")

    def progress(self, fraction):
        """Called in the loading thread."""
        self.fraction = fraction
        return not self.cancelled.is_set()

    def _run(self, work):
        try:
            self.result = work(self.progress)
        except BaseException as e:  # noqa: BLE001 - handed to the GUI thread, raised there
            self.error = e


def load_with_progress(parent, text, work, source=None):
    """Run `work(progress)` off the GUI thread and return what it returns. A progress dialog
    shows `text` if it takes a while; its Cancel button raises Cancelled here, once the load
    notices. `source` names the file in the message if memory runs out.

    The dialog is made only once a load has run for SHOW_AFTER, and is destroyed before this
    returns or raises: a load that failed never leaves a progress dialog behind to be stacked
    on its error message (defect 6: both dialogs, modal, wedged the window)."""
    job = BackgroundLoad(work)
    job.thread.start()
    job.thread.join(WAIT_FIRST)  # most loads end here, as if read on this thread
    if job.thread.is_alive():
        _wait_with_progress(parent, text, job)
    job.thread.join()
    if isinstance(job.error, MemoryError):
        raise InputError(source, None, "not enough memory to load it") from None
    if job.error is not None:
        raise job.error
    if job.cancelled.is_set():
        raise Cancelled("loading was cancelled")
    return job.result


def _progress_dialog(parent, text, job):
    dialog = QProgressDialog(text, "Cancel", 0, 1000, parent)
    dialog.setWindowTitle("mlpviz")
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(0)  # shown when made: it is made only for a slow load
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(job.cancelled.set)
    return dialog


def _wait_with_progress(parent, text, job):
    """Turn a local event loop until the load's thread ends, with a progress dialog after
    SHOW_AFTER; the dialog is gone (hidden, then deleted) when this returns."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)
    started = time.monotonic()
    holder = []  # the dialog, once made

    def poll():
        dialog = holder[0] if holder else None
        if dialog is not None and dialog.wasCanceled():  # cancel() emits no canceled signal
            job.cancelled.set()
        if not job.thread.is_alive():
            loop.quit()
            return
        if dialog is None and time.monotonic() - started > SHOW_AFTER:
            holder.append(dialog := _progress_dialog(parent, text, job))
            dialog.show()
        if dialog is not None and not job.cancelled.is_set():
            dialog.setValue(int(1000 * job.fraction))

    timer.timeout.connect(poll)
    timer.start()
    loop.exec()
    timer.stop()
    for dialog in holder:
        dialog.canceled.disconnect()  # closing a QProgressDialog emits canceled
        dialog.hide()
        dialog.setParent(None)
        shiboken6.delete(dialog)  # now, not at a later deleteLater inside the error box's loop
