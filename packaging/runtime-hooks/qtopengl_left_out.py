"""Runtime hook of the standalone app: a stand-in for Qt's OpenGL binding, which the bundle leaves out.

PySide6.QtOpenGL is 8.9 MB of the bundle. pyqtgraph imports it when pyqtgraph itself is
imported (PlotCurveItem, Qt/OpenGLHelpers), but uses it only in its OpenGL drawing mode
(``useOpenGL``), which the program never turns on; the graph view draws with QPainter.
This module takes its place, so the import succeeds, and any use of it raises an
ImportError that says why instead of an AttributeError deep in pyqtgraph. It runs before
the entry point, in the program and in every child process the frozen executable starts.
"""

import sys
import types


class _LeftOutModule(types.ModuleType):
    def __getattr__(self, name: str):
        if name.startswith("__"):  # introspection (pickle, inspect, importlib) sees an ordinary module
            raise AttributeError(name)
        raise ImportError(f"{self.__name__}.{name}: Qt's OpenGL binding is not part of the standalone app "
                          "(left out to keep it small; see packaging/README.md)")


sys.modules.setdefault("PySide6.QtOpenGL", _LeftOutModule("PySide6.QtOpenGL"))
