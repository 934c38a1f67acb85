# SPDX-License-Identifier: AGPL-3.0-or-later
"""The desk catalogue: access, procedures, the version editor, publication and history."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.forms.models import model_to_dict
from django.urls import reverse

from motcua.accounts.models import StaffProfile
from motcua.agencies.models import Role
from motcua.agencies.tests.factories import assign_role, make_user
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.selectors import procedure_version_in_force
from motcua.catalog.services import (
    procedure_create,
    version_create_draft,
    version_parts_set,
    version_publish,
)

CODE = "1.001193"


def step(order: int, amount: str, unit: str = "working_day", **kw: Any) -> dict[str, Any]:
    return {
        "order": order,
        "name_vi": f"Bước {order}",
        "performer": "competent_agency",
        "role": "handler",
        "norm_amount": amount,
        "norm_unit": unit,
        **kw,
    }


@pytest.fixture(autouse=True)
def english(client: Any) -> None:
    """Pages in English, so that the assertions read the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def cat(org: SimpleNamespace) -> SimpleNamespace:
    """``org`` plus a catalogue administrator and one procedure with a published version 1."""
    editor = make_user(username="danhmuc", full_name="Cán bộ danh mục")
    StaffProfile.objects.create(user=editor, agency=org.ppc)
    assign_role(editor, Role.CATALOGUE_ADMIN, org.ppc)
    procedure = procedure_create(
        actor=editor,
        data={
            "code": CODE,
            "name_vi": "Thủ tục đăng ký khai sinh",
            "level_codes": ["commune"],
            "competent_agency_kinds": ["commune_committee"],
        },
    )
    v1 = version_create_draft(
        actor=editor,
        procedure=procedure,
        copy_current=False,
        data={"effective_from": dt.date(2026, 1, 1), "service_mode": "full_online"},
    )
    version_parts_set(
        actor=editor,
        version=v1,
        kind="fees",
        items=[{"name": "Lệ phí khai sinh", "kind": "charge", "amount_vnd": 8000}],
    )
    version_parts_set(
        actor=editor,
        version=v1,
        kind="time_limits",
        items=[{"channel": "in_person", "amount": "3", "unit": "working_day"}],
    )
    version_parts_set(actor=editor, version=v1, kind="steps", items=[step(1, "1"), step(2, "1")])
    version_publish(actor=editor, version=v1)
    return SimpleNamespace(org=org, editor=editor, procedure=procedure, v1=v1)


def url(name: str, *args: Any) -> str:
    return reverse(f"desk:{name}", args=args)


def management(prefix: str, total: int, initial: int) -> dict[str, Any]:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 200,
    }


def new_draft(client: Any, cat: SimpleNamespace) -> ProcedureVersion:
    response = client.post(url("catalog_version_create", CODE))
    draft = ProcedureVersion.objects.get(procedure=cat.procedure, status="draft")
    assert response.status_code == 302
    assert response["Location"] == url("catalog_version", CODE, draft.number)
    return draft


def fee_post(amount: Any, name: str = "Lệ phí khai sinh") -> dict[str, Any]:
    return {
        **management("fees", 1, 1),
        "fees-0-name": name,
        "fees-0-kind": "charge",
        "fees-0-amount_vnd": amount,
        "fees-0-collected_at": "receipt",
    }


def settings_post(**values: Any) -> dict[str, Any]:
    return {"service_mode": "full_online", "effective_from": "2026-09-01", **values}


def v1_snapshot(cat: SimpleNamespace) -> dict[str, Any]:
    v1 = ProcedureVersion.objects.get(pk=cat.v1.pk)
    data = model_to_dict(v1, exclude=["effective_to", "updated_at"])
    for kind in ("fees", "time_limits", "steps", "documents", "legal_bases", "cases"):
        data[kind] = [model_to_dict(row) for row in getattr(v1, kind).all()]
    return data


# -- access ------------------------------------------------------------------------------------


def test_catalogue_admin_and_system_admin_see_the_list_others_do_not(client, cat):
    client.force_login(cat.editor)
    response = client.get(url("catalog_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert CODE in html and "Thủ tục đăng ký khai sinh" in html
    assert f'href="{url("catalog_list")}"' in html  # the sidebar link
    client.force_login(cat.org.admin)
    assert client.get(url("catalog_procedure", CODE)).status_code == 200

    client.force_login(cat.org.handler_a)
    assert client.get(url("catalog_list")).status_code == 403
    assert client.get(url("catalog_procedure", CODE)).status_code == 403
    assert client.post(url("catalog_version_create", CODE)).status_code == 403
    home = client.get(reverse("desk:home")).content.decode()
    assert url("catalog_list") not in home
    client.force_login(cat.org.citizen)
    assert client.get(url("catalog_version", CODE, 1)).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, cat):
    for path in (url("catalog_list"), url("catalog_version", CODE, 1)):
        response = client.get(path)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_unknown_procedure_version_or_kind_is_404(client, cat):
    client.force_login(cat.editor)
    assert client.get(url("catalog_procedure", "9.999999")).status_code == 404
    assert client.get(url("catalog_version", CODE, 7)).status_code == 404
    assert client.post(url("catalog_version_parts", CODE, 1, "nonsense")).status_code == 404


# -- list --------------------------------------------------------------------------------------


def test_search_and_status_filters(client, cat):
    client.force_login(cat.editor)
    procedure_create(
        actor=cat.editor,
        data={"code": "2.000001", "name_vi": "Cấp giấy phép xây dựng", "needs_review": True},
    )
    html = client.get(url("catalog_list"), {"q": "giay phep xay dung"}).content.decode()
    assert "2.000001" in html and CODE not in html
    html = client.get(url("catalog_list"), {"status": "none"}).content.decode()
    assert "2.000001" in html and CODE not in html
    html = client.get(url("catalog_list"), {"status": "published"}).content.decode()
    assert CODE in html and "2.000001" not in html
    html = client.get(url("catalog_list"), {"status": "review"}).content.decode()
    assert "2.000001" in html and CODE not in html
    assert CODE not in client.get(url("catalog_list"), {"status": "draft"}).content.decode()
    new_draft(client, cat)
    assert CODE in client.get(url("catalog_list"), {"status": "draft"}).content.decode()


# -- procedures --------------------------------------------------------------------------------


def procedure_post(**values: Any) -> dict[str, Any]:
    return {
        "code": "1.000894",
        "name_vi": "Thủ tục đăng ký kết hôn",
        "level_codes": ["commune"],
        "competent_agency_kinds": ["commune_committee"],
        "results": "Giấy chứng nhận kết hôn | KQ.G17.000002",
        "applicant_types": "Công dân Việt Nam\nNgười nước ngoài",
        **values,
    }


def test_create_procedure(client, cat):
    client.force_login(cat.editor)
    response = client.post(url("catalog_procedure_create"), procedure_post())
    assert response.status_code == 302
    procedure = Procedure.objects.get(code="1.000894")
    assert procedure.results == [{"name": "Giấy chứng nhận kết hôn", "code": "KQ.G17.000002"}]
    assert procedure.applicant_types == ["Công dân Việt Nam", "Người nước ngoài"]
    assert [lv.code for lv in procedure.levels.all()] == ["commune"]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"code": "1.00089"}, "code"),
        ({"code": "abc"}, "code"),
        ({"code": CODE}, "code"),  # duplicate
        ({"competent_agency_kinds": ["ministry_of_magic"]}, "competent_agency_kinds"),
        ({"results": "Giấy chứng nhận | not-a-code"}, "results"),
    ],
)
def test_create_procedure_with_bad_input_shows_field_errors_and_saves_nothing(
    client, cat, values, field
):
    client.force_login(cat.editor)
    before = Procedure.objects.count()
    response = client.post(url("catalog_procedure_create"), procedure_post(**values))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'class="errorlist"' in response.content.decode()
    assert Procedure.objects.count() == before


def test_edit_procedure_and_history_shows_the_editor(client, cat):
    client.force_login(cat.editor)
    page = client.get(url("catalog_procedure", CODE))
    form = page.context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data.update(name_en="Birth registration", applicant_types="Công dân")
    data.pop("code")
    response = client.post(url("catalog_procedure", CODE), data)
    assert response.status_code == 302
    procedure = Procedure.objects.get(code=CODE)
    assert procedure.name_en == "Birth registration"
    assert procedure.competent_agency_kinds == ["commune_committee"]  # kept
    html = client.get(url("catalog_procedure", CODE)).content.decode()
    assert '<td class="history-user">danhmuc</td>' in html
    assert "name (English)" in html  # the changed field is named


# -- version editor ----------------------------------------------------------------------------


def test_new_draft_copies_the_published_version_and_is_editable(client, cat):
    client.force_login(cat.editor)
    draft = new_draft(client, cat)
    assert draft.number == 2
    response = client.get(url("catalog_version", CODE, 2))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="8000"' in html  # the copied fee
    assert 'name="time_limits-0-amount" value="3"' in html
    assert "Published versions cannot change" not in html


def test_published_version_is_read_only(client, cat):
    client.force_login(cat.editor)
    html = client.get(url("catalog_version", CODE, 1)).content.decode()
    assert "Published versions cannot change; create a new draft." in html
    assert 'name="fees-0-amount_vnd"' not in html
    response = client.post(url("catalog_version_parts", CODE, 1, "fees"), fee_post(1), follow=True)
    assert "Published versions cannot change" in response.content.decode()
    assert cat.v1.fees.get().amount_vnd == 8000
    response = client.post(url("catalog_version", CODE, 1), settings_post())
    assert response.status_code == 302
    assert ProcedureVersion.objects.get(pk=cat.v1.pk).effective_from == dt.date(2026, 1, 1)


def test_negative_fee_is_shown_on_its_row_and_nothing_is_saved(client, cat):
    client.force_login(cat.editor)
    draft = new_draft(client, cat)
    response = client.post(url("catalog_version_parts", CODE, 2, "fees"), fee_post(-5))
    assert response.status_code == 200
    formset = next(fs for fs in response.context["formsets"] if fs.kind == "fees")
    assert formset.forms[0].errors["amount_vnd"] == ["Must be at least 0."]
    assert draft.fees.get().amount_vnd == 8000
    # The other sections are still shown from the database.
    assert 'name="time_limits-0-amount" value="3"' in response.content.decode()


def test_fee_edit_add_and_delete(client, cat):
    client.force_login(cat.editor)
    draft = new_draft(client, cat)
    data = {
        **fee_post(10000),
        **management("fees", 2, 1),
        "fees-1-name": "Phí bản sao",
        "fees-1-kind": "fee",
        "fees-1-schedule_text": "Theo biểu phí của HĐND tỉnh",
        "fees-1-collected_at": "result",
    }
    response = client.post(url("catalog_version_parts", CODE, 2, "fees"), data)
    assert response.status_code == 302
    assert response["Location"].endswith("#part-fees")
    assert [(f.amount_vnd, f.schedule_text) for f in draft.fees.all()] == [
        (10000, ""),
        (None, "Theo biểu phí của HĐND tỉnh"),
    ]
    data = {**fee_post(10000), **management("fees", 1, 1), "fees-0-DELETE": "on"}
    assert client.post(url("catalog_version_parts", CODE, 2, "fees"), data).status_code == 302
    assert not draft.fees.exists()


def test_second_row_error_lands_on_the_second_row(client, cat):
    client.force_login(cat.editor)
    new_draft(client, cat)
    data = {
        **management("time_limits", 2, 1),
        "time_limits-0-channel": "in_person",
        "time_limits-0-amount": "3",
        "time_limits-0-unit": "working_day",
        "time_limits-1-channel": "online",
        "time_limits-1-amount": "0",
        "time_limits-1-unit": "working_day",
    }
    response = client.post(url("catalog_version_parts", CODE, 2, "time_limits"), data)
    formset = next(fs for fs in response.context["formsets"] if fs.kind == "time_limits")
    assert not formset.forms[0].errors
    assert formset.forms[1].errors["amount"]
    # A duplicate channel is an error of the whole section.
    data["time_limits-1-channel"] = "in_person"
    data["time_limits-1-amount"] = "2"
    response = client.post(url("catalog_version_parts", CODE, 2, "time_limits"), data)
    formset = next(fs for fs in response.context["formsets"] if fs.kind == "time_limits")
    assert formset.section_errors == ["Give one time limit per channel (and case)."]


def test_fixed_agency_step_needs_its_agency(client, cat):
    client.force_login(cat.editor)
    new_draft(client, cat)
    data = {
        **management("steps", 1, 0),
        "steps-0-order": "1",
        "steps-0-branch": "1",
        "steps-0-name_vi": "Thẩm định",
        "steps-0-performer": "fixed_agency",
        "steps-0-role": "handler",
        "steps-0-norm_amount": "1",
        "steps-0-norm_unit": "working_day",
    }
    response = client.post(url("catalog_version_parts", CODE, 2, "steps"), data)
    formset = next(fs for fs in response.context["formsets"] if fs.kind == "steps")
    assert "A step done by a fixed agency names that agency." in formset.forms[0].non_field_errors()
    data["steps-0-agency_identifier"] = cat.org.dept_a.identifier
    assert client.post(url("catalog_version_parts", CODE, 2, "steps"), data).status_code == 302


def test_norms_over_the_limit_and_overlapping_dates_are_shown_by_validate(client, cat):
    client.force_login(cat.editor)
    new_draft(client, cat)
    data = {
        **management("steps", 2, 2),
        **{f"steps-{i}-{k}": v for i in (0, 1) for k, v in step(i + 1, "2").items()},
    }
    assert client.post(url("catalog_version_parts", CODE, 2, "steps"), data).status_code == 302
    # Starts before version 1: the periods overlap.
    response = client.post(
        url("catalog_version", CODE, 2), settings_post(effective_from="2025-06-01")
    )
    assert response.status_code == 302
    response = client.get(url("catalog_version", CODE, 2), {"check": "1"})
    codes = {p.code for p in response.context["problems"]}
    assert codes == {"overlap", "norms_exceed_limit"}
    html = response.content.decode()
    assert "This version cannot be published yet" in html
    assert "overlaps version 1" in html
    # Publishing refuses with the same reasons, on the confirmation page, not a 500.
    response = client.post(url("catalog_version_publish", CODE, 2))
    assert response.status_code == 200
    assert response.context["errors"]
    assert ProcedureVersion.objects.get(procedure=cat.procedure, number=2).status == "draft"


def test_settings_errors_are_shown_beside_the_fields(client, cat):
    client.force_login(cat.editor)
    draft = new_draft(client, cat)
    response = client.post(
        url("catalog_version", CODE, 2),
        settings_post(effective_from="01/13/2026", eform="{not json"),
    )
    form = response.context["settings_form"]
    assert form.errors["effective_from"]
    assert "This is not valid JSON" in form.errors["eform"][0]
    response = client.post(url("catalog_version", CODE, 2), settings_post(eform="[1, 2]"))
    assert response.context["settings_form"].errors["eform"]
    # An e-form that parses but is not a valid definition: validate names the problem.
    response = client.post(
        url("catalog_version", CODE, 2), settings_post(eform='{"fields": [{"name": "X"}]}')
    )
    assert response.status_code == 302
    response = client.get(url("catalog_version", CODE, 2), {"check": "1"})
    assert any(p.field == "eform" for p in response.context["problems"])
    draft.refresh_from_db()
    assert draft.eform == {"fields": [{"name": "X"}]}


def test_publish_flow_keeps_version_1_for_earlier_dossiers(client, cat):
    client.force_login(cat.editor)
    before = v1_snapshot(cat)
    new_draft(client, cat)
    response = client.post(
        url("catalog_version", CODE, 2), settings_post(decision_number="12/QĐ-UBND")
    )
    assert response.status_code == 302
    assert (
        client.post(url("catalog_version_parts", CODE, 2, "fees"), fee_post(10000)).status_code
        == 302
    )
    response = client.get(url("catalog_version", CODE, 2), {"check": "1"})
    assert response.context["problems"] == []
    assert "can be published" in response.content.decode()

    confirm = client.get(url("catalog_version_publish", CODE, 2))
    assert confirm.status_code == 200
    assert "Publish version 2" in confirm.content.decode()
    response = client.post(url("catalog_version_publish", CODE, 2))
    assert response.status_code == 302
    assert response["Location"] == url("catalog_version", CODE, 2)
    html = client.get(url("catalog_version", CODE, 2)).content.decode()
    assert "Published versions cannot change" in html
    assert '<td class="fee-amount">10,000</td>' in html

    after = v1_snapshot(cat)
    assert after == before  # every row of version 1 is unchanged
    v1 = ProcedureVersion.objects.get(pk=cat.v1.pk)
    assert v1.effective_to == dt.date(2026, 8, 31)  # only its end: closed the day before
    pinned = procedure_version_in_force(code=CODE, on=dt.date(2026, 8, 31))
    assert pinned is not None and pinned.number == 1
    assert [f.amount_vnd for f in pinned.fees.all()] == [8000]
    assert procedure_version_in_force(code=CODE, on=dt.date(2026, 9, 1)).number == 2
    # The version's history names the editor.
    history = client.get(url("catalog_version", CODE, 2)).content.decode()
    assert '<td class="history-user">danhmuc</td>' in history
    # Publishing again is refused without a 500.
    response = client.get(url("catalog_version_publish", CODE, 2))
    assert response.status_code == 302


def test_retire_a_published_version(client, cat):
    client.force_login(cat.editor)
    response = client.post(url("catalog_version_retire", CODE, 1), {"last_day": "2025-01-01"})
    assert response.status_code == 302
    assert ProcedureVersion.objects.get(pk=cat.v1.pk).status == "published"  # before its start
    response = client.post(url("catalog_version_retire", CODE, 1), {"last_day": "2026-12-31"})
    assert response.status_code == 302
    v1 = ProcedureVersion.objects.get(pk=cat.v1.pk)
    assert (v1.status, v1.effective_to) == ("retired", dt.date(2026, 12, 31))
    html = client.get(url("catalog_version", CODE, 1)).content.decode()
    assert "Retire this version" not in html


def test_documents_keep_their_template_name_and_show_count_errors(client, cat):
    client.force_login(cat.editor)
    draft = new_draft(client, cat)
    data = {
        **management("documents", 1, 0),
        "documents-0-name": "Tờ khai đăng ký khai sinh",
        "documents-0-originals": "-1",
        "documents-0-requirement": "mandatory",
        "documents-0-template_label": "Mẫu TK-KS",
    }
    response = client.post(url("catalog_version_parts", CODE, 2, "documents"), data)
    formset = next(fs for fs in response.context["formsets"] if fs.kind == "documents")
    assert formset.forms[0].errors["originals"] == ["Must be at least 0."]
    data["documents-0-originals"] = "1"
    response = client.post(url("catalog_version_parts", CODE, 2, "documents"), data)
    assert response.status_code == 302
    document = draft.documents.get()
    assert (document.originals, document.copies, document.template_name) == (1, None, "Mẫu TK-KS")
    html = client.get(url("catalog_version", CODE, 2)).content.decode()
    assert 'name="documents-0-template_label" value="Mẫu TK-KS"' in html
