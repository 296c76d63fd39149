"""Loket's domain core: pure Python, imports nothing else of ours and no Qt or SQL."""
