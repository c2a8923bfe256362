"""The geometry of a speaker's scorecard chart: one horizontal bar per rating, drawn as inline
SVG by website/_scorecard.html (no script, no image request)."""

from __future__ import annotations

from dataclasses import dataclass

from claims.models import Rating

LABEL_WIDTH = 130  # room for the rating's name left of the bars
BAR_SPACE = 150  # the longest bar
COUNT_SPACE = 40  # the count right of a bar
ROW_HEIGHT = 28
BAR_HEIGHT = 18


@dataclass(frozen=True)
class Bar:
    """One rating's bar."""

    rating: Rating
    count: int
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4

    @property
    def count_x(self) -> int:
        return LABEL_WIDTH + self.width + 6

    @property
    def tone(self) -> str:
        """The CSS class of the rating's colour (the same as its badge)."""
        return f"r{self.rating.value}" if self.rating.value else "r0"


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    width: int
    height: int
    bar_x: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT


def scorecard_chart(scale: list[tuple[Rating, int]], *, title: str) -> Chart:
    """Bars for ``scale`` ((rating, count) in display order), scaled to the largest count."""
    largest = max((count for _, count in scale), default=0) or 1
    bars = [
        Bar(
            rating=rating,
            count=count,
            y=index * ROW_HEIGHT + 4,
            # A zero shows as no bar; any other count as at least a sliver.
            width=round(BAR_SPACE * count / largest) if count else 0,
        )
        for index, (rating, count) in enumerate(scale)
    ]
    return Chart(
        title=title,
        bars=bars,
        width=LABEL_WIDTH + BAR_SPACE + COUNT_SPACE,
        height=len(bars) * ROW_HEIGHT + 8,
    )
