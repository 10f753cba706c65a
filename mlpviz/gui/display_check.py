"""Before the window: is there a screen, and can Qt's X11 platform load its libraries?

Without either, creating the QApplication aborts the process (exit 134) with a message that
names the wrong library ("xcb-cursor0") and says "reinstalling may fix this". On Linux this
checks first and returns one line saying what is missing and how to get it. No Qt import here:
it runs before Qt loads.
"""

from __future__ import annotations

import ctypes
import os
import sys

# The system libraries Qt's xcb platform (PySide6's libqxcb.so and libQt6XcbQpa, libQt6Gui,
# libQt6DBus) loads, and the Debian/Ubuntu packages that hold them (`readelf -d`, `dpkg -S`).
XCB_LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libfreetype.so.6": "libfreetype6",
}
# What Qt itself (QtCore, QtGui) loads whatever the platform, offscreen too. A fresh Debian has
# none of libglib2.0-0, libgl1, libegl1, libxkbcommon0, libfontconfig1 (python3 needs none).
QT_LIBRARIES = ("libglib-2.0.so.0", "libgthread-2.0.so.0", "libfreetype.so.6",
                "libfontconfig.so.1", "libEGL.so.1", "libGL.so.1", "libX11.so.6",
                "libxkbcommon.so.0", "libdbus-1.so.3")

NO_DISPLAY = ("mlpviz: no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
              "is set); without one, `mlpviz train worked-example` trains from the command line "
              "(see `mlpviz --help`).")


def can_load(name):
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def can_connect(display):
    """Whether an X server answers at `display` (libxcb's own connect, as Qt's would be)."""
    xcb = ctypes.CDLL("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)


def missing_libraries(load=can_load, names=XCB_LIBRARIES):
    """The libraries (of the xcb platform's, by default) that cannot be loaded, in the table's
    order."""
    return [name for name in names if not load(name)]


def platform(environ):
    """The Qt platform the window will use: QT_QPA_PLATFORM's, else what Qt picks on Linux."""
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if chosen:
        return chosen
    if environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb" if environ.get("DISPLAY") else None


def problem(environ=None, system=None, load=can_load, connect=can_connect):
    """One line saying why the window cannot open here, or None when it can (as far as can be
    told before Qt loads)."""
    environ = os.environ if environ is None else environ
    system = sys.platform if system is None else system
    if not system.startswith("linux"):
        return None  # macOS and Windows: the PyPI wheels carry what Qt needs
    chosen = platform(environ)
    if chosen is None:
        return NO_DISPLAY
    if chosen != "xcb":  # offscreen, wayland, vnc, …: Qt says what the platform lacks
        missing = missing_libraries(load, QT_LIBRARIES)
        return _missing_line(missing) if missing else None
    if not environ.get("DISPLAY"):
        return NO_DISPLAY
    missing = missing_libraries(load)
    if not missing:
        if connect(environ["DISPLAY"]):
            return None
        return (f"mlpviz: no X server answers on the display DISPLAY={environ['DISPLAY']}; "
                f"without a display, `mlpviz train worked-example` trains from the command "
                f"line (see `mlpviz --help`).")
    return _missing_line(missing)


def _missing_line(missing):
    packages = " ".join(dict.fromkeys(XCB_LIBRARIES[name] for name in missing))
    return (f"mlpviz: the window needs system libraries that are missing: "
            f"{', '.join(missing)}; on Debian/Ubuntu: sudo apt-get install {packages} "
            f"(`mlpviz train` works without a window).")
