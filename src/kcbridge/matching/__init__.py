"""Cross-lingual partner matching: pure engine, embedders, evaluation and CLI."""
