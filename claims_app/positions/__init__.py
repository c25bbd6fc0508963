"""Changes of position: pairs of one speaker's claims on the same topic, at different dates,
that say opposite things. Proposed to a reviewer, who links them or dismisses the pair."""
