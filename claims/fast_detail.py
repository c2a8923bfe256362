"""The public claim detail's fast path: GET /api/v1/claims/<id>/ for public readers, in one
query.

The generic path (``claims_for_detail()``, ``ClaimDetailSerializer``) compiles the list's
queryset with its JSON aggregates, runs three prefetches (the evidence, the verdict's
contributors, the corrections) and builds a model instance for every row: about 16 ms of CPU
and four reads. This path reads the claim, its verdict and author, and the evidence, byline and
corrections as JSON arrays in one query, and writes the detail as ClaimDetailSerializer does,
the list item by the list's fast writer (claims/fast_list.py).

It runs inside the view's snapshot, after the ETag query, so the body agrees with the ETag.
A reader who sees unpublished claims, a claim that is not published (the ETag query has
already answered a missing or retracted one) and HEAD take the generic path.

The response to a write (a new draft, an edit, a workflow step) is the claim's detail
whatever its status, with its submission problems (``written_claim_detail``): the same query
without the status condition, the problems from the workflow's own rules on the row. Through
the generic path it was half of a draft edit's CPU.

tests/api/test_fast_detail.py holds both to the generic path's responses.
"""

from __future__ import annotations

import datetime as dt

import orjson
from django.db import connections, router
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response

from claims.fast_list import COLUMNS, JOINS, drf_timestamp, item_writer, rows_cursor
from claims.models import Claim
from claims.selectors import user_sees_unpublished
from claims.services.claims import EDITABLE_STATUSES
from claims.services.workflow import SubmissionFacts, requirements_from
from claimtracker.people import name_from

ANY_STATUS_DETAIL_SQL = f"""
SELECT {COLUMNS},
    v.analysis, v.published_at, au.id, au.username, au.first_name, au.last_name,
    (SELECT jsonb_agg(jsonb_build_object('id', src.id, 'url', src.url, 'title', src.title,
                                         'publisher', p.name, 'kind', src.kind,
                                         'published_on', src.published_on,
                                         'stance', e.stance, 'note', e.note) ORDER BY e.id)
       FROM claims_evidence e
       JOIN sources_source src ON src.id = e.source_id
       LEFT JOIN sources_publisher p ON p.id = src.publisher_id
      WHERE e.verdict_id = v.id),
    (SELECT jsonb_agg(jsonb_build_array(u.id, u.username, u.first_name, u.last_name)
                      ORDER BY vc.first_contributed_at, vc.id)
       FROM claims_verdictcontributor vc JOIN auth_user u ON u.id = vc.user_id
      WHERE vc.verdict_id = v.id),
    (SELECT jsonb_agg(jsonb_build_object(
                'at', co.created_at, 'kind', co.kind, 'note', co.note,
                'old', CASE WHEN o.id IS NOT NULL THEN jsonb_build_object(
                    'slug', o.slug, 'label', o.label, 'value', o.value) END,
                'new', CASE WHEN n.id IS NOT NULL THEN jsonb_build_object(
                    'slug', n.slug, 'label', n.label, 'value', n.value) END)
                      ORDER BY co.created_at, co.id)
       FROM claims_correction co
       LEFT JOIN claims_rating o ON o.id = co.old_rating_id
       LEFT JOIN claims_rating n ON n.id = co.new_rating_id
      WHERE co.claim_id = c.id)
FROM claims_claim c {JOINS}
LEFT JOIN auth_user au ON au.id = v.author_id
WHERE c.id = %s
"""
# Public readers: the claim if it is published. After a write: the claim whatever its status.
DETAIL_SQL = f"{ANY_STATUS_DETAIL_SQL} AND c.status = %s"


def claim_detail(request: Request, claim_id: int) -> Response | None:
    """The detail as the generic path answers it, or None when this path does not apply."""
    if request.method != "GET" or user_sees_unpublished(request.user):
        return None
    with rows_cursor(connections[router.db_for_read(Claim)], prepared=True) as cursor:
        cursor.execute(DETAIL_SQL, [claim_id, Claim.Status.PUBLISHED])
        row = cursor.fetchone()
    if row is None:
        return None
    return Response({**item_writer(request)(row), **_detail_fields(row)})


def written_claim_detail(request: Request, claim_id: int) -> dict:
    """The detail of a claim just written (created, edited, moved in the workflow), whatever
    its status, as ClaimDetailSerializer writes it: the response to the write, read from the
    primary. The caller has checked that the writer may see the claim."""
    with rows_cursor(connections[router.db_for_write(Claim)], prepared=True) as cursor:
        cursor.execute(ANY_STATUS_DETAIL_SQL, [claim_id])
        row = cursor.fetchone()
    if row is None:
        raise Claim.DoesNotExist(claim_id)
    return {**item_writer(request)(row), **_detail_fields(row)}


def _detail_fields(row: tuple) -> dict:
    """The fields ClaimDetailSerializer adds to the list item."""
    zone = timezone.get_current_timezone()
    verdict_id, summary, rating_slug, rating_label, rating_value = row[11:16]
    (analysis, verdict_published_at, author_id, username, first_name, last_name) = row[18:24]
    evidence, contributions, corrections = (
        orjson.loads(value) if value else [] for value in row[24:27]
    )
    verdict = None
    if verdict_id is not None:
        people = [(pk, name_from(*names)) for pk, *names in contributions]
        if author_id is not None and all(pk != author_id for pk, _ in people):
            people.insert(0, (author_id, name_from(username, first_name, last_name)))
        verdict = {
            "rating": (
                {"slug": rating_slug, "label": rating_label, "value": rating_value}
                if rating_slug is not None
                else None
            ),
            "summary": summary,
            "analysis": analysis,
            "evidence": [
                {
                    "source": {
                        "id": cited["id"],
                        "url": cited["url"],
                        "title": cited["title"],
                        "publisher": cited["publisher"],
                        "kind": cited["kind"],
                        "published_on": cited["published_on"],
                    },
                    "stance": cited["stance"],
                    "note": cited["note"],
                }
                for cited in evidence
            ],
            "author": name_from(username, first_name, last_name) if author_id is not None else None,
            "contributors": [name for _, name in people],
            "published_at": drf_timestamp(verdict_published_at, zone),
        }
    return {
        "verdict": verdict,
        "corrections": [
            {
                "at": drf_timestamp(dt.datetime.fromisoformat(change["at"]), zone),
                "kind": change["kind"],
                "note": change["note"],
                "old_rating": change["old"],
                "new_rating": change["new"],
            }
            for change in corrections
        ],
        "submission_problems": _submission_problems(row, has_evidence=bool(evidence)),
    }


def _submission_problems(row: tuple, *, has_evidence: bool) -> list[str]:
    """As ClaimDetailSerializer: what a claim in work lacks (the workflow's own rules, on the
    facts in the row); nothing for the others."""
    (_, text, claim_reviewed, stated_on, _, _, status, _, _, speaker_slug) = row[:10]
    if status not in EDITABLE_STATUSES:
        return []
    verdict_id, summary, rating_slug = row[11], row[12], row[13]
    facts = SubmissionFacts(
        has_speaker=speaker_slug is not None,
        has_stated_on=stated_on is not None,
        claim_reviewed=claim_reviewed or text,
        has_short_claim=bool(claim_reviewed),
        has_appearance=row[17] is not None,
        has_verdict=verdict_id is not None,
        has_rating=rating_slug is not None,
        summary=summary or "",
        has_evidence=has_evidence,
    )
    return [requirement.message for requirement in requirements_from(facts)]
