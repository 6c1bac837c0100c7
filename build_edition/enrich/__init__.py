"""Knowledge the edition adds to the text: the glossary of abbreviations, the index of names, printed translations."""
