"""Word evidence for the repairs: the Hunspell dictionary, corpus counts of the pinned seeds, word models, residue."""
