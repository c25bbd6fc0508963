"""The web Import page: editors upload article files and see what each one became."""
