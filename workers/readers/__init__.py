"""Extract readers: CSV or XLSX files of each kind, validated into typed polars frames."""

from workers.readers.read import KINDS, MAX_ERRORS, ReadResult, RowError, read_extract

__all__ = ["KINDS", "MAX_ERRORS", "ReadResult", "RowError", "read_extract"]
