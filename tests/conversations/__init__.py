"""Whole conversations as tests: TOML files, a world per conversation, a runner and a scorer."""
