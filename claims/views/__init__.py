"""The API for claims, ClaimReview, speakers, topics, ratings and sources.

Views are thin: reads take a queryset from ``claims/selectors.py``, a serializer and a
filterset; writes validate the request's shape with an input serializer and call one function
of ``claims/services/``.
"""

from claims.views.article_import import ArticleImportView
from claims.views.claimreview import ClaimReviewFeedView
from claims.views.claims import ClaimViewSet
from claims.views.ratings import RatingViewSet
from claims.views.sources import SourceViewSet
from claims.views.speakers import SpeakerViewSet
from claims.views.topics import TopicViewSet

__all__ = [
    "ArticleImportView",
    "ClaimReviewFeedView",
    "ClaimViewSet",
    "RatingViewSet",
    "SourceViewSet",
    "SpeakerViewSet",
    "TopicViewSet",
]
