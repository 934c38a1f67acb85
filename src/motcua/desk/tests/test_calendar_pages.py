# SPDX-License-Identifier: AGPL-3.0-or-later
"""The desk calendar page: who sees it, what administrators change, the due-date calculator."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from motcua.core.clock import VN_TZ
from motcua.workcal.models import CalendarChange, CalendarDay, ChangeAction, DaySource
from motcua.workcal.seed import calendar_seed_from_library
from motcua.workcal.selectors import snapshot_cache_clear


@pytest.fixture
def cal(org):
    snapshot_cache_clear()
    calendar_seed_from_library(years=[2025, 2026])
    yield org
    snapshot_cache_clear()


def page(client, year=2025, **params):
    return client.get(reverse("desk:calendar"), {"year": year, **params})


def cell(html: str, date: str) -> str:
    match = re.search(rf'<td class="([^"]*)" data-date="{date}"', html)
    assert match, date
    return match.group(1)


# -- access ------------------------------------------------------------------------------------


def test_official_sees_the_year_with_holidays_and_working_saturday(client, cal):
    client.force_login(cal.handler_a)
    response = page(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "cal-holiday" in cell(html, "2025-04-30")
    assert "cal-working_weekend" in cell(html, "2025-04-26")
    assert "cal-swapped_day_off" in cell(html, "2025-05-02")
    assert "cal-weekend" in cell(html, "2025-04-27")
    assert "cal-workday" in cell(html, "2025-04-29")
    assert html.count('<table class="cal-month">') == 12
    assert "<caption>" in html
    # Special days list: name and source; handlers get no change buttons.
    assert "Ngày Chiến thắng" in html
    assert reverse("desk:calendar_day_create") not in html
    assert "/confirm/" not in html


def test_citizen_gets_403_and_anonymous_is_sent_to_sign_in(client, cal):
    response = page(client)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    client.force_login(cal.citizen)
    assert page(client).status_code == 403
    assert client.get(reverse("desk:calendar_due")).status_code == 403


def test_year_not_loaded_shows_the_seed_command(client, cal):
    client.force_login(cal.handler_a)
    html = page(client, year=2041).content.decode()
    assert "manage.py workcal_seed --years 2041" in html
    assert "cal-weekend" in cell(html, "2041-01-05")


def test_bad_year_and_unknown_agency_fall_back_without_error(client, cal):
    client.force_login(cal.handler_a)
    assert page(client, year="năm nay").status_code == 200
    response = page(client, agency="no.such.agency")
    assert response.status_code == 200
    assert response.context["filter_form"].errors["agency"]
    assert response.context["year"] == 2025


def test_previous_and_next_year_links(client, cal):
    client.force_login(cal.handler_a)
    html = page(client, year=2025).content.decode()
    assert "?year=2024" in html
    assert "?year=2026" in html


def test_agency_calendar_shows_its_own_day(client, cal):
    CalendarDay.objects.create(
        date=dt.date(2025, 6, 10), kind="non_counting_open", name_vi="Ngày riêng", agency=cal.dept_a
    )
    client.force_login(cal.handler_a)
    html = page(client, agency=cal.dept_a.identifier).content.decode()
    assert "cal-non_counting_open" in cell(html, "2025-06-10")
    assert "cal-workday" in cell(page(client).content.decode(), "2025-06-10")


# -- administrators change days ----------------------------------------------------------------


def test_admin_adds_a_day_and_the_change_is_logged(client, cal):
    client.force_login(cal.admin)
    response = client.post(
        reverse("desk:calendar_day_create"),
        {
            "date": "2025-09-01",
            "kind": "compensatory",
            "name_vi": "Nghỉ bù Quốc khánh",
            "name_en": "National Day (observed)",
            "legal_basis": "Thông báo 1/TB thử",
            "agency": "",
            "active": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("desk:calendar") + "?year=2025")
    day = CalendarDay.objects.get(date=dt.date(2025, 9, 1), agency=None)
    assert day.source == DaySource.MANUAL
    assert day.kind == "compensatory"
    change = CalendarChange.objects.filter(action=ChangeAction.DAY_SET).latest("id")
    assert change.actor == cal.admin
    assert change.first_date == dt.date(2025, 9, 1)
    followed = client.get(response["Location"])
    html = followed.content.decode()
    assert "Nghỉ bù Quốc khánh" in html
    assert "cal-compensatory" in cell(html, "2025-09-01")


def test_admin_confirms_a_day(client, cal):
    day = CalendarDay.objects.get(date=dt.date(2025, 4, 30), agency=None)
    assert not day.confirmed
    client.force_login(cal.admin)
    response = client.post(reverse("desk:calendar_day_confirm", args=[day.pk]))
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.confirmed
    assert day.confirmed_by == cal.admin
    assert CalendarChange.objects.filter(
        action=ChangeAction.DAY_CONFIRMED, first_date=day.date
    ).exists()


def test_admin_edits_a_library_day_which_becomes_manual(client, cal):
    day = CalendarDay.objects.get(date=dt.date(2025, 5, 2), agency=None)
    client.force_login(cal.admin)
    url = reverse("desk:calendar_day_edit", args=[day.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "kind": "swapped_day_off",
            "name_vi": "Nghỉ hoán đổi",
            "name_en": "",
            "legal_basis": "Thông báo 6150/TB-BLĐTBXH",
            "swap_pair_date": "2025-04-26",
            "active": "on",
            "confirmed": "on",
        },
    )
    assert response.status_code == 302
    day.refresh_from_db()
    assert (day.name_vi, day.source, day.confirmed) == ("Nghỉ hoán đổi", DaySource.MANUAL, True)


def test_service_error_becomes_a_field_error(client, cal):
    client.force_login(cal.admin)
    before = CalendarChange.objects.count()
    response = client.post(
        reverse("desk:calendar_day_create"),
        {"date": "2025-06-11", "kind": "working_weekend", "name_vi": "Thứ tư", "active": "on"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["kind"]
    assert CalendarChange.objects.count() == before
    response = client.post(
        reverse("desk:calendar_day_create"),
        {"date": "ngày mai", "kind": "holiday", "name_vi": "", "active": "on"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"date", "name_vi"}


def test_library_day_is_switched_off_not_deleted(client, cal):
    day = CalendarDay.objects.get(date=dt.date(2025, 4, 30), agency=None)
    client.force_login(cal.admin)
    response = client.post(reverse("desk:calendar_day_delete", args=[day.pk]), follow=True)
    assert response.status_code == 200
    assert CalendarDay.objects.filter(pk=day.pk).exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert response.redirect_chain[-1][0] == reverse("desk:calendar_day_edit", args=[day.pk])
    client.post(reverse("desk:calendar_day_switch", args=[day.pk]))
    day.refresh_from_db()
    assert not day.active
    html = page(client).content.decode()
    assert "cal-workday" in cell(html, "2025-04-30")
    assert "cal-row-off" in html


def test_admin_deletes_a_manual_day(client, cal):
    client.force_login(cal.admin)
    client.post(
        reverse("desk:calendar_day_create"),
        {"date": "2025-06-11", "kind": "non_counting_open", "name_vi": "Ngày thử", "active": "on"},
    )
    day = CalendarDay.objects.get(date=dt.date(2025, 6, 11))
    response = client.post(reverse("desk:calendar_day_delete", args=[day.pk]))
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(pk=day.pk).exists()
    assert CalendarChange.objects.filter(action=ChangeAction.DAY_DELETED).exists()


def test_handler_cannot_change_days(client, cal):
    day = CalendarDay.objects.get(date=dt.date(2025, 4, 30), agency=None)
    client.force_login(cal.handler_a)
    before = CalendarChange.objects.count()
    assert client.get(reverse("desk:calendar_day_create")).status_code == 403
    assert client.post(reverse("desk:calendar_day_confirm", args=[day.pk])).status_code == 403
    assert client.post(reverse("desk:calendar_day_switch", args=[day.pk])).status_code == 403
    assert client.post(reverse("desk:calendar_day_delete", args=[day.pk])).status_code == 403
    assert client.get(reverse("desk:calendar_day_edit", args=[day.pk])).status_code == 403
    day.refresh_from_db()
    assert not day.confirmed and day.active
    assert CalendarChange.objects.count() == before


def test_confirm_is_post_only(client, cal):
    day = CalendarDay.objects.get(date=dt.date(2025, 4, 30), agency=None)
    client.force_login(cal.admin)
    assert client.get(reverse("desk:calendar_day_confirm", args=[day.pk])).status_code == 405


# -- compute a due date ------------------------------------------------------------------------


def due(client, **params):
    data = {"start_date": "2025-04-25", "start_time": "16:00", "amount": "5"}
    data |= {"unit": "working_day", "agency": ""} | params
    return client.get(reverse("desk:calendar_due"), data)


def test_due_date_across_30_april_with_skipped_days_named(client, cal):
    client.force_login(cal.handler_a)
    response = due(client)
    assert response.status_code == 200
    result = response.context["explained"]["result"]
    # Fri 16:00 (1 h) + Sat 26/4 worked + Mon, Tue + Mon 5/5 = 33 h; 7 h more on Tue 6/5.
    assert result.due == dt.datetime(2025, 5, 6, 16, 0, tzinfo=VN_TZ)
    assert result.counting_from == dt.datetime(2025, 4, 25, 16, 0, tzinfo=VN_TZ)
    assert result.working_minutes == 5 * 8 * 60
    assert [s.date for s in result.skipped] == [
        dt.date(2025, 4, 30),
        dt.date(2025, 5, 1),
        dt.date(2025, 5, 2),
    ]
    html = response.content.decode()
    assert "06/05/2025 16:00" in html
    assert "Ngày Chiến thắng" in html
    assert "30/04" in html and "01/05" in html and "02/05" in html
    assert [w["date"] for w in response.context["explained"]["worked"]] == [dt.date(2025, 4, 26)]


def test_due_from_the_evening_counts_from_next_session(client, cal):
    client.force_login(cal.handler_a)
    result = due(client, start_date="2025-03-07", start_time="21:30", amount="1").context[
        "explained"
    ]["result"]
    assert result.counting_from == dt.datetime(2025, 3, 10, 7, 0, tzinfo=VN_TZ)
    assert result.due == dt.datetime(2025, 3, 10, 17, 0, tzinfo=VN_TZ)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"amount": "0"}, "amount"),
        ({"amount": "-3"}, "amount"),
        ({"amount": "năm"}, "amount"),
        ({"unit": "fortnight"}, "unit"),
        ({"start_date": "31/02/2025"}, "start_date"),
        ({"start_time": "25:00"}, "start_time"),
        ({"amount": "2.5", "unit": "month"}, "amount"),
        ({"start_date": "2044-01-04"}, "start_date"),
        ({"agency": "no.such.agency"}, "agency"),
    ],
)
def test_bad_due_input_gives_field_errors(client, cal, params, field):
    client.force_login(cal.handler_a)
    response = due(client, **params)
    assert response.status_code == 200
    assert response.context["due_form"].errors[field], response.context["due_form"].errors
    assert response.context["explained"] is None


def test_year_missing_error_says_how_to_load(client, cal):
    client.force_login(cal.handler_a)
    response = due(client, start_date="2044-01-04")
    assert "workcal_seed --years 2044" in response.content.decode()


def test_calendar_page_shows_the_due_form_unbound(client, cal):
    client.force_login(cal.handler_a)
    html = page(client).content.decode()
    assert f'action="{reverse("desk:calendar_due")}"' in html
    assert 'name="start_date"' in html


# -- Tết warning -------------------------------------------------------------------------------


def test_tet_banner_on_2_october_for_admins_only(client, cal):
    with time_machine.travel(dt.datetime(2026, 10, 2, 9, 0, tzinfo=VN_TZ), tick=False):
        client.force_login(cal.admin)
        html = client.get(reverse("desk:home")).content.decode()
        assert "tet-warning" in html
        assert "?year=2027" in html
        client.force_login(cal.handler_a)
        assert "tet-warning" not in client.get(reverse("desk:home")).content.decode()
        # The public portal never shows it.
        client.force_login(cal.admin)
        assert "tet-warning" not in client.get(reverse("portal:home")).content.decode()


def test_tet_banner_for_loaded_but_unconfirmed_tet_and_gone_once_confirmed(client, cal):
    calendar_seed_from_library(years=[2027])
    client.force_login(cal.admin)
    with time_machine.travel(dt.datetime(2026, 10, 2, 9, 0, tzinfo=VN_TZ), tick=False):
        assert "tet-warning" in client.get(reverse("desk:home")).content.decode()
        tet = CalendarDay.objects.filter(
            agency=None, date__range=(dt.date(2027, 1, 15), dt.date(2027, 2, 28))
        )
        assert tet.exists()
        tet.update(confirmed=True)
        assert "tet-warning" not in client.get(reverse("desk:home")).content.decode()


def test_no_tet_banner_before_october(client, cal):
    client.force_login(cal.admin)
    with time_machine.travel(dt.datetime(2026, 9, 30, 9, 0, tzinfo=VN_TZ), tick=False):
        assert "tet-warning" not in client.get(reverse("desk:home")).content.decode()
