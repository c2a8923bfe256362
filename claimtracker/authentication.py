"""API authentication: a token sent as ``Authorization: Bearer <key>`` or ``Token <key>``.

Bearer is what OpenAPI's ``http bearer`` scheme names and what generated clients send;
``Token`` is DRF's own word, kept for the clients that already use it. A request whose
Authorization header names any other scheme, or is malformed, gets a 401: treating it as
anonymous would answer a client that believes it is signed in with the public view.
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

ACCEPTED_KEYWORDS = ("bearer", "token")


class BearerTokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication under either keyword; any other scheme is refused (401)."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header:
            return None
        scheme = header[0].decode(errors="replace")
        if scheme.lower() not in ACCEPTED_KEYWORDS:
            shown = scheme if len(scheme) <= 20 else scheme[:20] + "…"
            raise exceptions.AuthenticationFailed(
                f"Unsupported Authorization scheme {shown!r}: send 'Authorization: Bearer "
                "<token>' with the token from POST /api/v1/auth/token/."
            )
        if len(header) == 1:
            raise exceptions.AuthenticationFailed(
                "The Authorization header has no token: send 'Bearer <token>'."
            )
        if len(header) > 2:
            raise exceptions.AuthenticationFailed(
                "The Authorization header's token may not contain spaces."
            )
        try:
            key = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed("The token is not valid text.") from None
        return self.authenticate_credentials(key)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """The schema's security scheme: HTTP bearer, which generators send as it comes."""

    target_class = BearerTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "The token from POST /api/v1/auth/token/, as "
            "`Authorization: Bearer <token>` (`Authorization: Token <token>` works too).",
        }
