"""The document model and what every layer may use: Document/Block/Emendation, errors, the conservation check."""
