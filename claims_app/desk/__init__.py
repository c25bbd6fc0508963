"""Working as a desk: who is to review what (assignments), notes between reviewers on a claim
or an article (comments), and the three-way view of an edit conflict."""
