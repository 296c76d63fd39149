"""Daily register PDF benchmark against issue 5's target (1,500 rows in < 2 s). Not part of
the normal run: `.venv/bin/python -m pytest tests/bench/test_register_bench.py
--benchmark-enable`."""

from __future__ import annotations

from desktop.documents.daily_register import register_pdf
from tests.bench.conftest import p95_ms
from tests.documents.test_daily_register import synthetic_register


def test_register_pdf_1500_rows(benchmark) -> None:
    register = synthetic_register(1500)
    register_pdf(synthetic_register(3))  # fonts registered and parsed once, as in the app
    pdf = benchmark.pedantic(register_pdf, args=(register,), rounds=5, iterations=1)
    assert pdf.startswith(b"%PDF")
    if benchmark.stats:  # None under the default --benchmark-disable
        benchmark.extra_info["p95_ms"] = p95_ms(benchmark)
        assert benchmark.stats.stats.median < 2.0
