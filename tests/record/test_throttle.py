from __future__ import annotations

from quiz.record.throttle import Guard, Throttle, refusal


def test_failures_past_the_free_ones_double_the_wait_up_to_the_cap() -> None:
    throttle = Throttle(free=3, base=1.0, cap=8.0, window=100.0)
    for second in range(3):
        assert throttle.wait("s", second) == 0.0
        throttle.failed("s", second)
    assert throttle.wait("s", 2.0) == 1.0  # the fourth try waits a second after the third failure
    assert throttle.wait("s", 3.0) == 0.0
    throttle.failed("s", 3.0)
    assert throttle.wait("s", 3.0) == 2.0
    for _ in range(10):
        throttle.failed("s", 3.0)
    assert throttle.wait("s", 3.0) == 8.0  # capped
    assert throttle.wait("other", 3.0) == 0.0
    assert throttle.wait("s", 200.0) == 0.0  # forgotten after the window


def test_a_guard_waits_for_its_slowest_key_and_a_success_clears_only_the_session() -> None:
    session, server = Throttle(free=1, window=100.0), Throttle(free=2, window=100.0)
    guard = Guard(((session, "me"), (server, "all")))
    guard.failed(0.0)
    assert guard.wait(0.0) == 1.0
    other = Guard(((session, "you"), (server, "all")))
    other.failed(0.0)
    assert other.wait(0.0) == 1.0  # the server saw two failures in all
    guard.succeeded()
    assert session.wait("me", 0.0) == 0.0 and server.wait("all", 0.0) == 1.0
    assert refusal(0.2) == "Too many wrong tries: wait 1 second, then try again."
    assert refusal(7.2) == "Too many wrong tries: wait 8 seconds, then try again."
