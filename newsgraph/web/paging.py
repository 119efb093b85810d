"""Pages and orders for the lists (stories, articles, entities), the same for a page and its JSON twin.

``?page=N&per_page=M&sort=NAME``: ``page`` from 1, ``per_page`` up to ``MAX_PER_PAGE``, ``sort`` one
of the list's named orders. Every order ends on the id, so a row never moves between two requests
over the same store. A value out of range is a 400 in the one error shape (``errors.LIST_PARAMETERS``).
The older ``offset``/``limit`` pair is still taken: when given, it wins over ``page``/``per_page``.
"""
# No `from __future__ import annotations` here: FastAPI reads the dependency's parameter types, and
# the `sort` type (the list's own orders) exists only inside ``paging``.
from dataclasses import dataclass
from typing import Annotated, Callable, Literal, Sequence, TypeVar

from fastapi import Query, Request

MAX_PER_PAGE = 500
T = TypeVar("T")


@dataclass(frozen=True)
class Paging:
    """Where a list is cut (``start``, ``size``) and how it is ordered (``sort``)."""

    start: int
    size: int
    sort: str

    @property
    def page(self) -> int:
        return self.start // self.size + 1

    def cut(self, rows: Sequence[T]) -> list[T]:
        return list(rows[self.start:self.start + self.size])

    def links(self, request: Request, count: int) -> dict:
        """The pages before and after this one (None past either end), as addresses on this server
        with the same filters and order; a page past the end links back to the last page."""
        def at(start: int) -> str:
            url = request.url.remove_query_params(["offset", "limit", "page", "per_page", "sort"])
            if start % self.size:  # cut by the older offset/limit: keep cutting the same way
                url = url.include_query_params(offset=start, limit=self.size, sort=self.sort)
            else:
                url = url.include_query_params(page=start // self.size + 1, per_page=self.size, sort=self.sort)
            return f"{url.path}?{url.query}"

        last = max(0, (count - 1) // self.size * self.size)
        previous = None if self.start == 0 or count == 0 else at(min(max(0, self.start - self.size), last))
        following = at(self.start + self.size) if self.start + self.size < count else None
        return {"previous": previous, "next": following}

    def json(self, request: Request, count: int) -> dict:
        """What a JSON list says about its page (``count`` is every matching row)."""
        return {"count": count, "page": self.page, "per_page": self.size, "pages": -(-count // self.size),
                "sort": self.sort, "offset": self.start, "limit": self.size, **self.links(request, count)}


def paging(orders: Sequence[str], per_page: int = 50) -> Callable[..., Paging]:
    """A FastAPI dependency taking ``page``, ``per_page`` and ``sort`` (one of ``orders``, the first by
    default) and the older ``offset``/``limit``."""
    Order = Literal[tuple(orders)]  # type: ignore[valid-type]  # the spec lists the orders

    def dependency(
            page: Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1")] = 1,
            per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="Rows per page")] = per_page,
            sort: Annotated[Order, Query(description="Order of the list")] = orders[0],  # type: ignore[valid-type]
            offset: Annotated[int | None, Query(ge=0, le=100_000_000, description="Skip this many rows first "
                                                                                  "(instead of page)")] = None,
            limit: Annotated[int | None, Query(ge=1, le=MAX_PER_PAGE, description="At most this many rows "
                                                                                 "(instead of per_page)")] = None,
    ) -> Paging:
        size = limit or per_page
        return Paging(start=offset if offset is not None else (page - 1) * size, size=size, sort=sort)

    return dependency


def ordered(rows: Sequence[T], sort: str, orders: dict[str, Callable[[T], object]]) -> list[T]:
    """``rows`` in the named order; each key function ends on the row's id so ties are stable."""
    return sorted(rows, key=orders[sort])
