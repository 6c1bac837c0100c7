"""Build the whole edition: catalogue -> seeds -> passes -> content/, in parallel, with the document cache."""
