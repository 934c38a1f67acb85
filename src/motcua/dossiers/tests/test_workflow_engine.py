# SPDX-License-Identifier: AGPL-3.0-or-later
"""The transition table (no database): properties over arbitrary action sequences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.dossiers.workflow.engine import (
    NATIONAL_STATUS,
    TABLE,
    TERMINAL,
    Action,
    State,
    TransitionNotAllowed,
    allowed_actions,
    national_status,
    transition,
)


@given(st.sampled_from([State.SUBMITTED, State.RECEIVED]), st.lists(st.sampled_from(Action)))
def test_no_action_sequence_reaches_an_undefined_state(start: State, actions: list[Action]) -> None:
    state = start
    for action in actions:
        try:
            state = transition(state, action).next
        except TransitionNotAllowed as exc:
            assert exc.state == state
            assert exc.allowed == sorted(a.value for a in allowed_actions(state))
            assert action not in allowed_actions(state)
        assert state in NATIONAL_STATUS
        assert 1 <= national_status(state) <= 10


def test_terminal_states_allow_no_action() -> None:
    for state in TERMINAL:
        assert allowed_actions(state) == []


def test_every_state_is_mapped_and_reachable() -> None:
    assert set(NATIONAL_STATUS) == set(State)
    reached = {State.SUBMITTED}
    frontier = [State.SUBMITTED]
    while frontier:
        state = frontier.pop()
        for action in allowed_actions(state):
            nxt = transition(state, action).next
            if nxt not in reached:
                reached.add(nxt)
                frontier.append(nxt)
    assert reached == set(State)


def test_illegal_transition_carries_state_and_allowed_actions() -> None:
    with pytest.raises(TransitionNotAllowed) as exc:
        transition("result_ready", "approve")
    assert exc.value.status == 409
    assert exc.value.allowed == ["return_result"]
    with pytest.raises(TransitionNotAllowed):
        transition("received", "no-such-action")


def test_reasons_are_required_where_the_law_asks_for_them() -> None:
    needing = {a for (_s, a), t in TABLE.items() if t.reason_required}
    assert {
        Action.REFUSE,
        Action.REQUEST_SUPPLEMENT,
        Action.EXTEND,
        Action.REJECT,
        Action.CANCEL,
        Action.RETURN_STEP,
    } <= needing


def test_roles_filter_allowed_actions() -> None:
    assert allowed_actions("processing", roles=["reception_officer"]) == [
        Action.TRANSFER,
        Action.REQUEST_WITHDRAWAL,
        Action.CANCEL,
    ]
