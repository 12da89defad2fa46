"""Workarounds for other packages (placeholder: the index is written below)."""
