"""schema.org ClaimReview, both ways.

- ``render``: a published claim as ClaimReview JSON-LD (export; pure, no queries).
- ``parse``: reading other organisations' ClaimReview JSON-LD (pure, no database).
- ``ratings``: mapping their ratings onto our scale.
- ``importer``: the import service (re-exported by ``claims.services``).

The API views are in ``claims/views/claimreview.py``.
"""
