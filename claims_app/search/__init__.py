"""The search page: one box over claims, articles and speakers, with filters."""
