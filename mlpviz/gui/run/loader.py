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
    notices. `source` names the file in the message if memory runs out."""
    job = BackgroundLoad(work)
    dialog = QProgressDialog(text, "Cancel", 0, 1000, parent)
    dialog.setWindowTitle("mlpviz")
    dialog.setWindowModality(Qt.WindowModal)
    dialog.setMinimumDuration(10**9)  # shown by poll() below, not by Qt's own estimate
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(job.cancelled.set)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)
    started = time.monotonic()

    def poll():
        if dialog.wasCanceled():  # cancel() called directly emits no canceled signal
            job.cancelled.set()
        if not job.thread.is_alive():
            loop.quit()
            return
        if not dialog.isVisible() and not job.cancelled.is_set() \
                and time.monotonic() - started > SHOW_AFTER:
            dialog.show()
        if not job.cancelled.is_set():
            dialog.setValue(int(1000 * job.fraction))

    timer.timeout.connect(poll)
    job.thread.start()
    job.thread.join(WAIT_FIRST)  # most loads end here, as if read on this thread
    timer.start()
    if job.thread.is_alive():
        loop.exec()
    job.thread.join()
    timer.stop()
    dialog.canceled.disconnect()  # closing a QProgressDialog emits canceled
    dialog.close()
    dialog.deleteLater()
    if isinstance(job.error, MemoryError):
        raise InputError(source, None, "not enough memory to load it") from None
    if job.error is not None:
        raise job.error
    if job.cancelled.is_set():
        raise Cancelled("loading was cancelled")
    return job.result
