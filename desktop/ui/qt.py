"""The one place Loket imports Qt. Every other UI module imports Qt names from here, so a
change of binding or version is made once."""

# ruff: noqa: F403
from PySide6.QtCore import *
from PySide6.QtGui import *
from PySide6.QtPrintSupport import *
from PySide6.QtSvg import *
from PySide6.QtWidgets import *
