"""The ``labnews`` command for contributors."""
