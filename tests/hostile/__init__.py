"""Hostile extracts, generated at test time: each is refused by the reader with a clear message."""
