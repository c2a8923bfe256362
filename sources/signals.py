"""Signals other apps hook into, so that ``sources`` never imports them."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by sources.services.source_update inside its transaction, with the source row locked
# and before the change is saved. A receiver may refuse the change by raising (a Django
# ValidationError, PermissionDenied or a claimtracker.exceptions.DomainError); the claims app
# refuses a new URL for a source its published fact-checks cite, and records other changes as
# public updates of those fact-checks. Keyword arguments:
#   source: the Source as it is now (locked), changes: {field name: new value} for the fields
#   whose value changes, actor: the user or None, note: the public note given with the edit.
source_changing = Signal()
