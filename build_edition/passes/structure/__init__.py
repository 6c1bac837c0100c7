"""Structure: per-kind structure passes, headings, lists, quotations, stable segment ids."""
