"""What runs inside MkDocs (mkdocs.yml lists these hooks by path) and the search index; never imports the pipeline."""
