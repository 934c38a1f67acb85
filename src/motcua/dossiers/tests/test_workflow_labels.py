# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every state and action has a name for people, used in lists and in 409 messages."""

import pytest
from django.utils import translation

from motcua.dossiers.workflow.engine import (
    ACTION_LABELS,
    STATE_LABELS,
    Action,
    State,
    TransitionNotAllowed,
    transition,
)


def test_every_state_and_action_has_a_label():
    assert set(STATE_LABELS) == set(State)
    assert set(ACTION_LABELS) == set(Action)


def test_a_refused_transition_names_states_and_actions_for_people():
    with translation.override("vi"), pytest.raises(TransitionNotAllowed) as exc:
        transition(State.RETURNED, Action.FORWARD)
    message = str(exc.value.message)
    assert "returned" not in message
    assert "forward" not in message
    assert exc.value.details["state"] == ["returned"]
