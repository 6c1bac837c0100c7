"""Character-level repairs: Unicode normalisation, mojibake."""
