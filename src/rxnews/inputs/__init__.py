"""Inputs: paths walked, bytes read and decoded, pages reduced to their text."""

from .files import DEFAULT_MAX_BYTES, InputText, read_bytes, read_input
from .paths import DEFAULT_GLOBS, iter_paths, source_of

__all__ = ["DEFAULT_GLOBS", "DEFAULT_MAX_BYTES", "InputText", "iter_paths", "read_bytes", "read_input",
           "source_of"]
