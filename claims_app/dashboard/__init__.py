"""The start page: how much is in the database and how far review has got."""
