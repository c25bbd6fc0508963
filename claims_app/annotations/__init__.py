"""The read-only W3C Web Annotation Protocol container at ``/annotations/``: the claims as
Web Annotations for annotation clients, paged, with the Export page's filters."""
