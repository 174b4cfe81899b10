"""The portal's speed figures: `python -m bench [ingest|pages|load|all]` (JSON in bench-results/)."""
