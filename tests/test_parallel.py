from __future__ import annotations

import pytest

from podnotes.errors import ParseError, PodnotesError
from podnotes.parallel import PARALLEL_MIN, map_ordered


def square_or_fail(n: int) -> int:
    if n % 7 == 0:
        raise ParseError(f"{n} is unlucky")
    return n * n


@pytest.mark.parametrize("count", [5, PARALLEL_MIN + 30])
def test_results_come_back_in_order_with_errors_as_values(count: int) -> None:
    results = list(map_ordered(square_or_fail, list(range(1, count + 1)), workers=2))
    for n, result in enumerate(results, 1):
        if n % 7 == 0:
            assert isinstance(result, PodnotesError)
            assert str(result) == f"{n} is unlucky"
        else:
            assert result == n * n
