"""A few questions to an X server, through libX11 (ctypes): the windows a window manager
manages for a process, where they are, and whether the process still answers (_NET_WM_PING,
the way a window manager tells a hung program from a busy one).

Used by tools/rehearse.py; needs only libX11, which xdotool already depends on.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import select
import time
from ctypes import (POINTER, Structure, Union, byref, c_char_p, c_int, c_long, c_ubyte, c_uint,
                    c_ulong, c_void_p)

CLIENT_MESSAGE = 33
# Qt sends its ping reply to the root window for StructureNotify (and the manager's redirect).
STRUCTURE_NOTIFY = 1 << 17
IS_VIEWABLE = 2


class XClientMessageEvent(Structure):
    _fields_ = [("type", c_int), ("serial", c_ulong), ("send_event", c_int),
                ("display", c_void_p), ("window", c_ulong), ("message_type", c_ulong),
                ("format", c_int), ("data", c_long * 5)]


class XEvent(Union):
    _fields_ = [("type", c_int), ("xclient", XClientMessageEvent), ("pad", c_long * 24)]


class XWindowAttributes(Structure):
    _fields_ = [("x", c_int), ("y", c_int), ("width", c_int), ("height", c_int),
                ("border_width", c_int), ("depth", c_int), ("visual", c_void_p),
                ("root", c_ulong), ("class_", c_int), ("bit_gravity", c_int),
                ("win_gravity", c_int), ("backing_store", c_int), ("backing_planes", c_ulong),
                ("backing_pixel", c_ulong), ("save_under", c_int), ("colormap", c_ulong),
                ("map_installed", c_int), ("map_state", c_int), ("all_event_masks", c_long),
                ("your_event_mask", c_long), ("do_not_propagate_mask", c_long),
                ("override_redirect", c_int), ("screen", c_void_p)]


def _library():
    lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    signatures = {
        "XOpenDisplay": ([c_char_p], c_void_p),
        "XCloseDisplay": ([c_void_p], c_int),
        "XDefaultRootWindow": ([c_void_p], c_ulong),
        "XDisplayWidth": ([c_void_p, c_int], c_int),
        "XDisplayHeight": ([c_void_p, c_int], c_int),
        "XInternAtom": ([c_void_p, c_char_p, c_int], c_ulong),
        "XGetWindowProperty": ([c_void_p, c_ulong, c_ulong, c_long, c_long, c_int, c_ulong,
                                POINTER(c_ulong), POINTER(c_int), POINTER(c_ulong),
                                POINTER(c_ulong), POINTER(POINTER(c_ubyte))], c_int),
        "XGetWindowAttributes": ([c_void_p, c_ulong, POINTER(XWindowAttributes)], c_int),
        "XTranslateCoordinates": ([c_void_p, c_ulong, c_ulong, c_int, c_int, POINTER(c_int),
                                   POINTER(c_int), POINTER(c_ulong)], c_int),
        "XSendEvent": ([c_void_p, c_ulong, c_int, c_long, POINTER(XEvent)], c_int),
        "XSelectInput": ([c_void_p, c_ulong, c_long], c_int),
        "XFlush": ([c_void_p], c_int),
        "XSync": ([c_void_p, c_int], c_int),
        "XPending": ([c_void_p], c_int),
        "XNextEvent": ([c_void_p, POINTER(XEvent)], c_int),
        "XConnectionNumber": ([c_void_p], c_int),
        "XFree": ([c_void_p], c_int),
        "XSetErrorHandler": ([c_void_p], c_void_p),
    }
    for name, (args, result) in signatures.items():
        getattr(lib, name).argtypes, getattr(lib, name).restype = args, result
    return lib


_ERROR_HANDLER = ctypes.CFUNCTYPE(c_int, c_void_p, c_void_p)(lambda display, event: 0)


class Display:
    """A connection to one X display (e.g. ":7")."""

    def __init__(self, name):
        self.x = _library()
        # A window may vanish between two questions: X errors are ignored, not fatal.
        self.x.XSetErrorHandler(ctypes.cast(_ERROR_HANDLER, c_void_p))
        self.d = self.x.XOpenDisplay(name.encode())
        if not self.d:
            raise OSError(f"cannot open X display {name}")
        self.root = self.x.XDefaultRootWindow(self.d)
        self.x.XSelectInput(self.d, self.root, STRUCTURE_NOTIFY)
        self._token = 1000

    def close(self):
        self.x.XCloseDisplay(self.d)

    def size(self):
        return self.x.XDisplayWidth(self.d, 0), self.x.XDisplayHeight(self.d, 0)

    def atom(self, name):
        return self.x.XInternAtom(self.d, name.encode(), 0)

    def _property(self, window, name):
        """(format, raw bytes) of a window property, or (0, b"")."""
        kind, fmt, n, after = c_ulong(), c_int(), c_ulong(), c_ulong()
        data = POINTER(c_ubyte)()
        status = self.x.XGetWindowProperty(self.d, window, self.atom(name), 0, 1 << 16, 0, 0,
                                           byref(kind), byref(fmt), byref(n), byref(after),
                                           byref(data))
        if status != 0 or not data:
            return 0, b""
        size = {8: 1, 16: ctypes.sizeof(ctypes.c_short), 32: ctypes.sizeof(c_long)}[fmt.value]
        raw = ctypes.string_at(data, n.value * size)
        self.x.XFree(data)
        return fmt.value, raw

    def _longs(self, window, name):
        fmt, raw = self._property(window, name)
        if fmt != 32:
            return []
        return list((c_long * (len(raw) // ctypes.sizeof(c_long))).from_buffer_copy(raw))

    def title(self, window):
        return self._property(window, "_NET_WM_NAME")[1].decode("utf-8", "replace")

    def clients(self, pid=None):
        """Windows the window manager manages (top-level windows: main windows, dialogs), of
        process `pid` if given, that are mapped."""
        windows = [w & 0xFFFFFFFF for w in self._longs(self.root, "_NET_CLIENT_LIST")]
        found = []
        for w in windows:
            if pid is not None and self._longs(w, "_NET_WM_PID")[:1] != [pid]:
                continue
            attributes = XWindowAttributes()
            if self.x.XGetWindowAttributes(self.d, w, byref(attributes)) and \
                    attributes.map_state == IS_VIEWABLE:
                found.append(w)
        return found

    def geometry(self, window):
        """(x, y, width, height) of the window with its frame, in screen pixels."""
        attributes = XWindowAttributes()
        self.x.XGetWindowAttributes(self.d, window, byref(attributes))
        x, y, child = c_int(), c_int(), c_ulong()
        self.x.XTranslateCoordinates(self.d, window, self.root, 0, 0, byref(x), byref(y),
                                     byref(child))
        left, right, top, bottom = (self._longs(window, "_NET_FRAME_EXTENTS") + [0] * 4)[:4]
        return (x.value - left, y.value - top, attributes.width + left + right,
                attributes.height + top + bottom)

    def ping(self, window, timeout=2.0):
        """Seconds the window's process took to answer a _NET_WM_PING, or None if it did not
        answer within `timeout` (its event loop is stuck)."""
        self._token += 1
        token, ping = self._token, self.atom("_NET_WM_PING")
        event = XEvent()
        event.xclient.type = CLIENT_MESSAGE
        event.xclient.window = window
        event.xclient.message_type = self.atom("WM_PROTOCOLS")
        event.xclient.format = 32
        event.xclient.data[:] = [ping, token, window, 0, 0]
        started = time.monotonic()
        self.x.XSendEvent(self.d, window, 0, 0, byref(event))
        self.x.XFlush(self.d)
        fd = self.x.XConnectionNumber(self.d)
        while True:
            while self.x.XPending(self.d):
                reply = XEvent()
                self.x.XNextEvent(self.d, byref(reply))
                c = reply.xclient
                if reply.type == CLIENT_MESSAGE and c.data[0] == ping and c.data[1] == token:
                    return time.monotonic() - started
            left = timeout - (time.monotonic() - started)
            if left <= 0:
                return None
            select.select([fd], [], [], min(left, 0.05))
