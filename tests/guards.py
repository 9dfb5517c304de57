"""Test guard: a call that runs too long fails its test instead of hanging the suite."""
from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


class TookTooLong(BaseException):
    """Not an Exception, so no `except Exception` in the code under test can swallow it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TookTooLong in the code under test once `seconds` have passed."""

    def expired(signum: int, frame: object) -> None:
        raise TookTooLong(f"still running after {seconds:g} s: a loop without a bound?")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
