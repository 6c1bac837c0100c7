"""Word-level repairs: hyphenation, letter-spaced and split words, broken and look-alike letters, punctuation spacing."""
