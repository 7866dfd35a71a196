"""Readers and writers: the only place, with the CLI and the batch runner, that touches files."""

__all__: list[str] = []  # the modules (atomic, cells, store, tables, textfile...) are the API
