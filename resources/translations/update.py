"""Refresh the translation sources from the UI code and compile them.

    .venv/bin/python resources/translations/update.py

Source strings in the code are Bahasa Indonesia; `loket_en.ts` holds the English, edited
with Qt Linguist (`pyside6-linguist`). lupdate keeps existing translations and marks new
strings unfinished; lrelease compiles `loket_en.qm`, which the app loads.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
LANGUAGES = ("en",)


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def main() -> None:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop" / "ui").glob("*.py"))
    for language in LANGUAGES:
        ts = HERE / f"loket_{language}.ts"
        subprocess.run(
            [tool("lupdate"), *sources, "-no-obsolete", "-locations", "none",
             "-source-language", "id", "-target-language", language, "-ts", str(ts)],
            cwd=ROOT,
            check=True,
        )  # fmt: skip
        subprocess.run([tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)


if __name__ == "__main__":
    main()
