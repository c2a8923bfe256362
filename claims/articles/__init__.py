"""News articles, read into claims.

- ``plan``: what importing an article would create (reads only; ``article_preview``).
- ``importer``: the import service, ``article_import`` (re-exported by ``claims.services``).

Finding the quotations is the ``quotations`` package's job (pure text processing). The
article import page is ``claims/admin/article_import.py``, the API ``claims/views/
article_import.py`` (``POST /api/v1/sources/import/``), the command ``import_article``.
"""
