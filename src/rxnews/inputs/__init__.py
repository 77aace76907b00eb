"""Inputs: paths walked, bytes read and decoded, pages reduced to their text."""

from .files import DEFAULT_MAX_BYTES, InputText, read_bytes, read_input
from .paths import DEFAULT_GLOBS, InputPath, escape_path, iter_paths, path_of, source_of, walk_inputs

__all__ = ["DEFAULT_GLOBS", "DEFAULT_MAX_BYTES", "InputPath", "InputText", "escape_path", "iter_paths",
           "path_of", "read_bytes", "read_input", "source_of", "walk_inputs"]
