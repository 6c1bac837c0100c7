"""Editors' workflow: the three-way merge of their corrections with new output, and the linter."""
