"""Demonstration data: the board paper's figures rebuilt from realistic row-level extracts."""
