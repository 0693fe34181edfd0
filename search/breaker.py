"""A circuit breaker for the search cluster: after a failure it is not asked again for a
while, so a hanging or closed cluster costs one timeout, not one per request.

Each process keeps its own state (several app servers each learn in one request); the
state is a time and a flag behind a lock, because gunicorn may run threads.
"""

import logging
import threading
import time
from collections.abc import Callable

logger = logging.getLogger("search")


class CircuitBreaker:
    def __init__(self, name: str, retry_after: float, clock: Callable[[], float] = time.monotonic):
        self.name = name
        self.retry_after = retry_after
        self.clock = clock
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._failures = 0

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self.clock() < self._open_until

    def allows(self) -> bool:
        """Ask the cluster? Once the pause is over, one caller tries again (half open);
        the others keep answering without it until that try has succeeded or failed."""
        with self._lock:
            now = self.clock()
            if now < self._open_until:
                return False
            if self._failures:
                # Half open: this caller tries; the rest wait another pause meanwhile.
                self._open_until = now + self.retry_after
            return True

    def record_success(self) -> None:
        with self._lock:
            if self._failures:
                logger.info("%s answers again", self.name)
            self._failures = 0
            self._open_until = 0.0

    def record_failure(self, error: BaseException) -> None:
        with self._lock:
            self._failures += 1
            self._open_until = self.clock() + self.retry_after
            # One line, no traceback: the cause is in the message, and a down cluster
            # must not fill the log with one traceback per request.
            logger.warning(
                "%s failed (%s: %s); not asked again for %g s",
                self.name,
                type(error).__name__,
                str(error)[:200],
                self.retry_after,
            )
