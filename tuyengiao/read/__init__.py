"""Reading the files users write: YAML bytes → nodes with positions → models."""
