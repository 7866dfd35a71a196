"""Readers and writers: the only place, with the CLI and the batch runner, that touches files."""
