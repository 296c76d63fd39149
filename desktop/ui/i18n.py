"""Loading the UI language. The source strings are Bahasa Indonesia; English comes from
`resources/translations/loket_en.qm`, compiled from `loket_en.ts`."""

from __future__ import annotations

from desktop.core.resources import resource_path
from desktop.ui.qt import QApplication, QTranslator


def install_language(app: QApplication, language: str) -> QTranslator | None:
    """Install the translator for `language` ('id' needs none); returns it to keep alive."""
    if language == "id":
        return None
    translator = QTranslator(app)
    path = resource_path("translations", f"loket_{language}.qm")
    if not translator.load(str(path)):
        raise FileNotFoundError(f"terjemahan {path} tidak ditemukan")
    app.installTranslator(translator)
    return translator
