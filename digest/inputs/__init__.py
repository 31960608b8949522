"""Read the inputs: seeds and sidecars, the digest settings, and their validation."""
