# SPDX-License-Identifier: AGPL-3.0-or-later
"""The dossier API: lifecycle, idempotent receipt, versions, illegal actions, scope, lookup."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from motcua.api.routers.dossiers_schemas import DossierPageOut
from motcua.api.tests.conftest import ApiClient, assert_error, client_for
from motcua.dossiers.selectors import dossier_get_visible
from motcua.dossiers.tests.factories import PDF, World

PDF_B64 = base64.b64encode(PDF).decode()


@pytest.fixture
def w(world: World) -> World:
    """The dossier test world (root conftest plugin ``dossiers.tests.fixtures``)."""
    return world


def counter_body(w: World, **kw: Any) -> dict[str, Any]:
    return {
        "procedure": w.version.procedure.code,
        "applicant": {"name": "Nguyễn Văn An", "phone": "0900000001"},
        "channel": "direct",
        "receiving_agency": w.centre.identifier,
        "competent_agency": w.department.identifier,
        "documents": [
            {"component_id": r.pk, "name": f"p{r.pk}.pdf", "content_base64": PDF_B64}
            for r in w.mandatory
        ],
        **kw,
    }


def receive(w: World, key: str = "") -> dict[str, Any]:
    api = client_for(w.reception)
    if key:
        api.headers["Idempotency-Key"] = key
    response = api.post("/dossiers", counter_body(w))
    assert response.status_code == 201, response.content
    return response.json()  # type: ignore[no-any-return]


def act(api: ApiClient, d: dict[str, Any], action: str, body: Any = None) -> dict[str, Any]:
    api.headers["If-Match"] = f'"{d["version"]}"'
    try:
        response = api.post(f"/dossiers/{d['code']}/{action}", body or {})
    finally:
        del api.headers["If-Match"]
    assert response.status_code == 200, response.content
    assert response["ETag"] == f'"{response.json()["version"]}"'
    return response.json()  # type: ignore[no-any-return]


def test_full_lifecycle_through_the_api(w: World) -> None:
    reception, approver, handler = (
        client_for(w.reception),
        client_for(w.approver),
        client_for(w.handler),
    )
    d = receive(w)
    assert d["status"] == "received" and d["national_status"] == 2 and d["code"]
    assert d["due_at"] and d["status_label"] == "Received"
    assert [a["action"] for a in d["allowed_actions"]] == [
        "forward",
        "transfer",
        "request_withdrawal",
        "cancel",
    ]
    d = act(reception, d, "forward")
    assert d["status"] == "processing"
    process = [s for s in d["steps"] if s["kind"] == "process"]
    assert len(process) == 1 and process[0]["due_at"] and process[0]["status"] == "open"
    d = act(approver, d, "assign", {"assignee": w.handler.username})
    assert d["sub_state"] == "in_progress"
    d = act(handler, d, "complete-step", {"outcome": "ok"})
    d = act(handler, d, "complete-step", {"outcome": "ok"})
    d = act(approver, d, "complete-step", {"outcome": "signed"})
    d = act(approver, d, "approve")
    assert d["status"] == "approved"
    d = act(handler, d, "result-ready")
    assert d["national_status"] == 9
    d = act(reception, d, "return-result")
    assert d["status"] == "returned" and d["national_status"] == 10
    assert d["allowed_actions"] == []

    response = reception.get(f"/dossiers/{d['code']}/events")
    assert response.status_code == 200
    assert [e["type"] for e in response.json()] == [
        "received",
        "forwarded",
        "assigned",
        "step_completed",
        "step_completed",
        "step_completed",
        "approved",
        "result_ready",
        "returned",
    ]
    detail = reception.get(f"/dossiers/{d['code']}")
    assert detail.status_code == 200 and detail["ETag"] == f'"{d["version"]}"'


def test_receipt_is_idempotent_by_key(w: World) -> None:
    first = receive(w, key="counter-42")
    api = client_for(w.reception)
    api.headers["Idempotency-Key"] = "counter-42"
    again = api.post("/dossiers", counter_body(w))
    assert again.status_code == 200, again.content
    assert again.json()["code"] == first["code"]
    listed = api.get("/dossiers").json()["items"]
    assert [x["code"] for x in listed] == [first["code"]]


def test_stale_version_is_409_and_nothing_changes(w: World) -> None:
    d = receive(w)
    api = client_for(w.reception)
    api.headers["If-Match"] = f'"{d["version"] - 1}"'
    body = assert_error(api.post(f"/dossiers/{d['code']}/forward", {}), 409, "stale_version")
    assert body["details"]["version"] == [str(d["version"])]
    assert api.get(f"/dossiers/{d['code']}").json()["status"] == "received"
    del api.headers["If-Match"]
    # The body's version works too; none at all is a field error.
    assert_error(api.post(f"/dossiers/{d['code']}/forward", {}), 422, "validation_error")
    ok = api.post(f"/dossiers/{d['code']}/forward", {"version": d["version"]})
    assert ok.status_code == 200, ok.content


def test_illegal_action_is_409_with_state_and_allowed_actions(w: World) -> None:
    d = receive(w)
    api = client_for(w.approver)
    api.headers["If-Match"] = str(d["version"])
    body = assert_error(api.post(f"/dossiers/{d['code']}/approve", {}), 409)
    assert body["code"] == "transition_not_allowed"
    assert body["details"]["state"] == ["received"]
    assert set(body["details"]["allowed"]) == {
        "forward",
        "transfer",
        "cancel",
        "request_withdrawal",
    }


def test_missing_reason_is_a_422_field_error_and_nothing_is_saved(w: World) -> None:
    d = receive(w)
    api = client_for(w.reception)
    api.headers["If-Match"] = str(d["version"])
    body = assert_error(api.post(f"/dossiers/{d['code']}/cancel", {"reason": "  "}), 422)
    assert "reason" in body["details"]
    after = api.get(f"/dossiers/{d['code']}").json()
    assert after["status"] == "received" and after["version"] == d["version"]
    assert len(api.get(f"/dossiers/{d['code']}/events").json()) == 1


def test_another_agency_neither_sees_nor_lists_nor_acts(w: World) -> None:
    d = receive(w)
    outsider = client_for(w.outsider)
    assert_error(outsider.get(f"/dossiers/{d['code']}"), 404, "not_found")
    assert_error(outsider.get(f"/dossiers/{d['id']}"), 404, "not_found")
    assert_error(outsider.get(f"/dossiers/{d['code']}/events"), 404, "not_found")
    assert outsider.get("/dossiers").json() == {"items": [], "next_cursor": None}
    outsider.headers["If-Match"] = str(d["version"])
    assert_error(outsider.post(f"/dossiers/{d['code']}/forward", {}), 404, "not_found")
    # Visible (a step of the competent agency is not open yet, but the handler's agency is the
    # competent one) yet not theirs to forward: 403.
    handler = client_for(w.handler)
    handler.headers["If-Match"] = str(d["version"])
    assert_error(handler.post(f"/dossiers/{d['code']}/forward", {}), 403, "forbidden")


def test_anonymous_needs_a_token_for_dossiers(w: World) -> None:
    assert_error(ApiClient().get("/dossiers"), 401, "not_authenticated")


def test_public_lookup_shows_four_fields_and_the_timeline_with_the_secret(w: World) -> None:
    d = receive(w)
    anon = ApiClient()
    response = anon.get(f"/lookup/{d['code']}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"code", "procedure_name", "status", "appointment"}
    assert body["status"] == "received" and body["appointment"]
    assert "Nguyễn" not in response.content.decode()
    assert_error(anon.get(f"/lookup/{d['code']}", secret="wrong"), 404, "not_found")
    assert_error(anon.get("/lookup/NO-SUCH-CODE"), 404, "not_found")
    real = dossier_get_visible(user=w.reception, code=d["code"]).lookup_secret
    full = anon.get(f"/lookup/{d['code']}", secret=real).json()
    assert [e["type"] for e in full["timeline"]] == ["received"]
    assert set(full["timeline"][0]) == {"seq", "type", "occurred_at", "agency"}


def test_list_filters_and_cursor_pages(w: World) -> None:
    codes = [receive(w)["code"] for _ in range(3)]
    api = client_for(w.reception)
    page = api.get("/dossiers", limit=2).json()
    assert [x["code"] for x in page["items"]] == codes[::-1][:2]
    rest = api.get("/dossiers", limit=2, cursor=page["next_cursor"]).json()
    assert [x["code"] for x in rest["items"]] == codes[:1] and rest["next_cursor"] is None
    # A page row prints the same values as the detail (rows are built from plain values).
    row = rest["items"][0]
    detail = api.get(f"/dossiers/{row['code']}").json()
    assert row == {k: detail[k] for k in row}
    assert set(row) == {
        "id", "code", "version", "status", "status_label", "national_status",
        "procedure_code", "procedure_name", "applicant_name", "channel",
        "receiving_agency", "competent_agency", "submitted_at", "received_at", "due_at",
        "sla_class",
    }  # fmt: skip
    assert row["procedure_code"] == w.version.procedure.code
    DossierPageOut.model_validate(page)  # the rendered page keeps the documented shape
    DossierPageOut.model_validate(rest)
    assert row["receiving_agency"] == w.centre.identifier
    assert len(api.get("/dossiers", status="received").json()["items"]) == 3
    assert api.get("/dossiers", status="processing").json()["items"] == []
    assert api.get("/dossiers", procedure="nope").json()["items"] == []
    assert len(api.get("/dossiers", procedure=w.version.procedure.code).json()["items"]) == 3
    assert len(api.get("/dossiers", inbox="to_forward").json()["items"]) == 3
    assert api.get("/dossiers", received_to="2000-01-01").json()["items"] == []
    assert_error(api.get("/dossiers", cursor="!!"), 422, "validation_error")
    assert_error(api.get("/dossiers", limit=101), 422, "validation_error")
    assert_error(api.get("/dossiers", inbox="nope"), 422, "validation_error")


@pytest.mark.parametrize("name", ["../../etc/passwd", "x.exe"])
def test_bad_documents_save_nothing(w: World, name: str) -> None:
    api = client_for(w.reception)
    body = counter_body(w)
    body["documents"][0]["name"] = name
    assert api.post("/dossiers", body).status_code == 422
    assert api.get("/dossiers").json()["items"] == []


def test_consult_sends_to_several_agencies_naming_the_lead(w: World) -> None:
    d = receive(w)
    api = client_for(w.reception)
    d = api.post(f"/dossiers/{d['code']}/forward", {"version": d["version"]}).json()
    handler = client_for(w.handler)
    body = {
        "version": d["version"],
        "agencies": [w.other_department.identifier, w.tax.identifier],
        "question": "Liên thông xác định nghĩa vụ tài chính",
        "due_at": "2099-01-05T10:00:00+07:00",
    }
    err = assert_error(handler.post(f"/dossiers/{d['code']}/consult", body), 422)
    assert "lead" in err["details"]
    unknown = {**body, "lead": "000.00.99.X99"}
    assert (
        "lead"
        in assert_error(handler.post(f"/dossiers/{d['code']}/consult", unknown), 422)["details"]
    )
    ok = handler.post(f"/dossiers/{d['code']}/consult", {**body, "lead": w.tax.identifier})
    assert ok.status_code == 200, ok.content
    steps = [s for s in ok.json()["steps"] if s["kind"] == "consult"]
    assert len(steps) == 2


def test_online_submission_by_the_applicant_gets_a_code_at_once(w: World) -> None:
    body = {
        "procedure": w.version.procedure.code,
        "applicant": {"name": "Nguyễn Văn An", "email": "an@example.vn"},
        "receiving_agency": w.centre.identifier,
        "competent_agency": w.department.identifier,
        "documents": [
            {"component_id": r.pk, "name": f"p{r.pk}.pdf", "content_base64": PDF_B64}
            for r in w.mandatory
        ],
    }
    api = client_for(w.applicant)
    api.headers["Idempotency-Key"] = "online-1"
    first = api.post("/dossiers/online", body)
    assert first.status_code == 201, first.content
    assert first.json()["status"] == "submitted" and first.json()["code"]
    again = api.post("/dossiers/online", body)
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
