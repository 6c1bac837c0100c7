"""Knowledge of Kazakh text that needs no corpus: letters, words and slugs, line shapes, transliteration, Markdown escaping."""
