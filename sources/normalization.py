"""URL normalisation: two spellings of the same address give the same key.

The key lower-cases the scheme and host, drops default ports, the fragment, tracking
parameters and a trailing slash, and sorts the remaining query parameters. It is used for
identity (a unique column), never shown in place of the URL the user gave; what is shown
and linked is that URL less its tracking parameters (``without_tracking``).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters added by analytics and ad platforms; they never change what a page says.
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "yclid",
        "_ga",
        "_gl",
        "ocid",
        "cmpid",
        "ref_src",
        "ref_url",
        "smid",
        "spm",
    }
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_")

DEFAULT_PORTS = {"http": 80, "https": 443}


def is_tracking_parameter(name: str) -> bool:
    """True for query parameters that only carry tracking information."""
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


def normalize_url(url: str) -> str:
    """Return the identity key of ``url``; applying it twice changes nothing."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port is not None and parts.port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    if parts.username:
        credentials = parts.username + (f":{parts.password}" if parts.password else "")
        host = f"{credentials}@{host}"
    path = parts.path.rstrip("/")
    query = urlencode(
        sorted(
            (name, value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
            if not is_tracking_parameter(name)
        )
    )
    return urlunsplit((scheme, host, path, query, ""))


def without_tracking(url: str) -> str:
    """``url`` as it was given, less its tracking parameters: the address to link to."""
    parts = urlsplit(url.strip())
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(name, value) for name, value in pairs if not is_tracking_parameter(name)]
    if len(kept) == len(pairs):
        return url.strip()  # nothing to remove: the address exactly as given
    return urlunsplit(parts._replace(query=urlencode(kept)))
