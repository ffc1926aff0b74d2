"""WeasyPrint's URL fetcher for handouts: files of this package and the project, nothing else.

A handout never touches the network. Anything else (http:, https:, ftp:, a file outside the
allowed folders, a missing file) stops the PDF with an error naming the address, the same way
a page that would load something from outside the site fails the build.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedAddress(ValueError):
    """An address a handout may not load."""


class OfflineFetcher(URLFetcher):
    """Serves `file:` addresses inside `roots` and `data:` addresses; refuses the rest
    before any connection is made."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False,
                         fail_on_errors=True)
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []
        """Every address refused, in order, for the error message."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                return URLFetcherResponse(path.as_uri(), path.read_bytes())
            self.refused.append(url)
            raise RefusedAddress(f"{url} is not a file inside the project")
        self.refused.append(url)
        raise RefusedAddress(f"{url}: handouts load nothing from outside the project")
