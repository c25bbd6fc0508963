"""Fact-check memory: published fact-checks (schema.org ClaimReview) imported and matched to
the claims that say the same thing, so a reviewer sees what was already checked."""
