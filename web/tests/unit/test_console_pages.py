"""The agents' and admins' console: seller approvals with documents, cases (escalated, breached, account recovery)
with assignment and resolution, CS metrics, response targets, campaign windows, the platform FAQ, review
moderation and the inbox; in Korean and English, empty, and refused to anyone else."""
from __future__ import annotations

import json
import re

SELLER_ID = "5f0c3a52-8d1e-4f7a-9a51-2f6f3c1b7e10"
AGENT_ID = "a1"
OTHER_AGENT = "7d1e0b44-1111-4c2d-9e3f-222233334444"
SELLER = {"id": SELLER_ID, "account_id": "acc-9", "seller_type": "sole_proprietor", "display_name": "차향 상점",
          "business_name": "차향", "representative_name": "이다원", "phone": "01055556666", "email": "tea@example.com",
          "birth_date": "1990-04-05", "business_registration_number": "1234567890", "status": "pending",
          "decision_reason": None, "decided_by": None, "decided_at": None, "created_at": "2026-12-06T02:00:00+00:00"}
DOCUMENT = {"id": "d-1", "seller_id": SELLER_ID, "kind": "business_registration_certificate", "filename": "certificate.pdf",
            "content_type": "application/pdf", "size_bytes": 204800, "sha256": "ab" * 32,
            "uploaded_at": "2026-12-06T03:00:00+00:00"}
CASE = {"id": "i-1", "customer_id": "c-1", "inquiry_type": "order", "subject": "배송이 안 와요", "status": "open",
        "owner": "platform", "seller_id": SELLER_ID, "assignee_id": None, "order_id": None, "order_line_no": None,
        "product_id": None, "follows_inquiry_id": None, "escalated": True, "resolution_reason": None,
        "first_response_due_at": "2026-12-06T05:00:00+00:00", "resolution_due_at": "2026-12-08T05:00:00+00:00",
        "first_responded_at": None, "breached_at": "2026-12-06T05:00:00+00:00", "waiting_since": None,
        "resolved_at": None, "closed_at": None, "satisfaction": None, "satisfaction_comment": None,
        "created_at": "2026-12-06T01:00:00+00:00", "updated_at": "2026-12-06T05:00:00+00:00"}
THREAD = dict(CASE, messages=[
    {"id": "m-1", "author_id": "c-1", "author_role": "customer", "body": "주문한 지 일주일이 지났어요.", "internal": False,
     "automatic": False, "faq_entry_id": None, "attachments": [], "created_at": "2026-12-06T01:00:00+00:00"},
    {"id": "m-2", "author_id": "s-1", "author_role": "seller", "body": "택배사 확인 부탁드립니다.", "internal": True,
     "automatic": False, "faq_entry_id": None, "attachments": [], "created_at": "2026-12-06T02:00:00+00:00"}],
    history=[{"kind": "escalated", "from_value": "seller", "to_value": "platform", "reason": "택배사 분쟁",
              "actor_id": "s-1", "at": "2026-12-06T02:00:00+00:00"}], order=None)
AGENTS = [{"agent_id": AGENT_ID, "team": "platform", "available": True, "max_open_cases": 20, "open_cases": 3,
           "last_assigned_at": None, "updated_at": "2026-12-01T00:00:00+00:00"},
          {"agent_id": OTHER_AGENT, "team": "accounts", "available": False, "max_open_cases": 20, "open_cases": 7,
           "last_assigned_at": None, "updated_at": "2026-12-01T00:00:00+00:00"}]
HISTOGRAM = [{"up_to_minutes": 30, "inquiries": 4}, {"up_to_minutes": 240, "inquiries": 2}, {"up_to_minutes": None, "inquiries": 1}]
REPORT = {"from": "2026-11-08", "to": "2026-12-07", "seller_id": None, "opened": 7,
          "opened_by_type": {"order": 5, "account": 2}, "resolved_by_reason": {"answered_question": 4},
          "by_day": [{"day": "2026-12-06", "opened": 4, "resolved": 3}, {"day": "2026-12-07", "opened": 3, "resolved": 1}],
          "first_response_minutes": {"median_at_most": 30, "p90_at_most": 240, "method": "...", "histogram": HISTOGRAM},
          "resolution_minutes": {"median_at_most": 600, "p90_at_most": None, "method": "...", "histogram": HISTOGRAM},
          "answered_within_target_share": 0.857, "satisfaction": {"average": 4.5, "ratings": 2, "distribution": {"4": 1, "5": 1}},
          "automatic_answers": {"answered": 3, "rejected": 1, "acceptance_rate": 0.667},
          "backlog_by_age": HISTOGRAM, "scorecard": None}
SCORECARDS = [{"seller_id": SELLER_ID, "opened": 5, "paid_orders": 40, "inquiries_per_100_paid_orders": 12.5,
               "answered_within_target_share": 0.8, "first_response_median_minutes_at_most": 60, "satisfaction_average": None}]
TARGETS = [{"inquiry_type": "order", "first_response_hours": 24, "resolution_hours": 72, "business_hours": True,
            "updated_by": "adm", "updated_at": "2026-12-01T00:00:00+00:00"},
           {"inquiry_type": "account", "first_response_hours": 4, "resolution_hours": 24, "business_hours": False,
            "updated_by": None, "updated_at": None}]
CHANGES = [{"inquiry_type": "order", "first_response_hours": 24, "resolution_hours": 72, "business_hours": True,
            "reason": "연말 물량 증가", "changed_by": "adm", "changed_at": "2026-12-01T00:00:00+00:00"}]
WINDOWS = [{"id": "w-1", "name": "블랙 프라이데이", "starts_at": "2026-11-27T00:00:00+09:00", "ends_at": "2026-11-30T00:00:00+09:00",
            "first_response_hours": 2, "created_by": "adm", "created_at": "2026-11-01T00:00:00+00:00"}]
FAQ = [{"id": "f-1", "seller_id": None, "category": "delivery", "language": "ko", "question": "배송은 얼마나 걸리나요?",
        "answer": "보통 2~3일 걸립니다.", "keywords": ["배송기간"], "published": True,
        "created_at": "2026-11-01T00:00:00+00:00", "updated_at": "2026-11-01T00:00:00+00:00"}]
REPORTS = [{"id": "r-1", "review_id": "rv-1", "reason": "abusive", "detail": "욕설이 있어요", "reporter_id": "c-2",
            "created_at": "2026-12-06T00:00:00+00:00",
            "review": {"id": "rv-1", "product_id": "p-1", "seller_id": SELLER_ID, "product_name": "녹차 세트", "rating": 1,
                       "text": "별로예요", "anonymous": False, "author": "박**", "photos": [], "helpful_count": 0,
                       "reply": None, "mine": False, "status": "visible", "created_at": "2026-12-05T00:00:00+00:00",
                       "edited_at": None}}]


def as_admin(api):
    api.signed_in_as("admin", name="관리자")
    api.answers["/api/session"]["account_id"] = AGENT_ID


def as_agent(api):
    api.signed_in_as("agent", name="상담원")
    api.answers["/api/session"]["account_id"] = AGENT_ID


def test_only_agents_and_admins_open_the_console(client, api):
    assert client.get("/console/inquiries").headers["Location"] == "/login?next=/console/inquiries"
    api.signed_in_as("seller", seller_id=SELLER_ID)
    assert client.get("/console/metrics").status_code == 403


def test_admin_pages_are_refused_to_agents(client, api):
    as_agent(api)
    for path in ("/console/seller-approvals", "/console/reviews", "/console/campaign-windows"):
        assert client.get(path).status_code == 403


def test_the_approval_queue_lists_pending_registrations_in_korean(client, api):
    as_admin(api)
    api.answers["/api/sellers"] = [dict(SELLER)]
    page = client.get("/console/seller-approvals").get_data(as_text=True)
    assert "<h1>판매자 승인</h1>" in page and "차향 상점" in page and "개인사업자" in page
    assert f'href="/console/seller-approvals/{SELLER_ID}"' in page
    assert api.calls[-1][2]["params"] == {"status": "pending", "page": None, "page_size": 20}
    assert 'href="/console/seller-approvals" aria-current="page"' in page


def test_an_empty_queue_points_to_those_waiting_for_documents_in_english(client, api):
    as_admin(api)
    api.answers["/api/sellers"] = []
    client.set_cookie("lang", "en")
    page = client.get("/console/seller-approvals?status=bogus").get_data(as_text=True)
    assert "No registration is waiting for review" in page and 'href="/console/seller-approvals?status=documents_requested"' in page


def test_a_registration_shows_its_documents_and_the_three_decisions(client, api):
    as_admin(api)
    api.answers[f"/api/sellers/{SELLER_ID}"] = dict(SELLER)
    api.answers[f"/api/sellers/{SELLER_ID}/documents"] = [dict(DOCUMENT)]
    page = client.get(f"/console/seller-approvals/{SELLER_ID}").get_data(as_text=True)
    assert f'href="/api/sellers/{SELLER_ID}/documents/d-1"' in page and "사업자등록증" in page
    assert f'data-api="/api/sellers/{SELLER_ID}/decision"' in page
    for decision in ("approve", "request_documents", "reject"):
        assert f'name="decision" value="{decision}"' in page


def test_a_decided_registration_has_no_decision_form(client, api):
    as_admin(api)
    api.answers[f"/api/sellers/{SELLER_ID}"] = dict(SELLER, status="rejected", decision_reason="서류 불일치",
                                                     decided_at="2026-12-06T04:00:00+00:00")
    api.answers[f"/api/sellers/{SELLER_ID}/documents"] = []
    client.set_cookie("lang", "en")
    page = client.get(f"/console/seller-approvals/{SELLER_ID}").get_data(as_text=True)
    assert "/decision" not in page and "서류 불일치" in page and "No document uploaded yet" in page


def test_the_cases_start_with_the_platforms_and_filter_by_view(client, api):
    as_agent(api)
    api.answers["/api/inquiries"] = [dict(CASE)]
    page = client.get("/console/inquiries").get_data(as_text=True)
    assert "배송이 안 와요" in page and "목표 시간 초과" in page and 'href="/console/inquiries/i-1"' in page
    assert api.calls[-1][2]["params"]["owner"] == "platform"
    client.get("/console/inquiries?view=mine&status=open")
    params = api.calls[-1][2]["params"]
    assert params["assignee_id"] == AGENT_ID and params["status"] == "open" and "owner" not in params
    client.get("/console/inquiries?view=breached")
    assert api.calls[-1][2]["params"]["breached"] == "true"


def test_no_case_says_where_to_look_in_english(client, api):
    as_agent(api)
    api.answers["/api/inquiries"] = []
    client.set_cookie("lang", "en")
    page = client.get("/console/inquiries").get_data(as_text=True)
    assert 'class="empty-state"' in page and 'href="/console/metrics"' in page


def test_account_recovery_cases_are_the_platforms_account_inquiries(client, api):
    as_agent(api)
    api.answers["/api/inquiries"] = [dict(CASE, inquiry_type="account", subject="계정 잠김 / Account locked")]
    page = client.get("/console/account-recoveries").get_data(as_text=True)
    assert "계정 잠김" in page and "/account-recovery" in page
    params = api.calls[-1][2]["params"]
    assert params["inquiry_type"] == "account" and params["owner"] == "platform"


def test_an_agent_takes_a_case_answers_notes_and_resolves_it(client, api):
    as_agent(api)
    api.answers["/api/inquiries/i-1"] = dict(THREAD)
    page = client.get("/console/inquiries/i-1").get_data(as_text=True)
    assert "주문한 지 일주일이 지났어요." in page and "내부 메모" in page and "택배사 분쟁" in page
    assert 'data-api="/api/inquiries/i-1/assignment"' in page and f'name="assignee_id" value="{AGENT_ID}"' in page
    assert 'data-api="/api/inquiries/i-1/messages"' in page and 'data-api="/api/inquiries/i-1/status"' in page
    assert 'value="account_restored"' in page
    # Agents do not read the list of agents (an admin's).
    assert not any(path == "/api/support-agents" for _, path, _ in api.calls)


def test_an_admin_gives_a_case_to_any_agent(client, api):
    as_admin(api)
    api.answers["/api/inquiries/i-1"] = dict(THREAD, assignee_id=OTHER_AGENT)
    api.answers["/api/support-agents"] = [dict(agent) for agent in AGENTS]
    client.set_cookie("lang", "en")
    page = client.get("/console/inquiries/i-1").get_data(as_text=True)
    assert f'<option value="{OTHER_AGENT}" selected>' in page and "Agent 7d1e0b44" in page and "away" in page


def test_the_metrics_page_carries_its_charts_data_and_scorecards(client, api):
    as_agent(api)
    api.answers["/api/cs-analytics"] = dict(REPORT)
    api.answers["/api/cs-analytics/sellers"] = [dict(card) for card in SCORECARDS]
    page = client.get("/console/metrics?from=2026-11-08&to=2026-12-07&sort=opened").get_data(as_text=True)
    data = json.loads(re.search(r'<script type="application/json" id="cs-metrics">(.*?)</script>', page, re.S).group(1))
    assert data["by_day"][0] == {"day": "2026-12-06", "opened": 4, "resolved": 3}
    assert "chart.umd.min.js" in page and 'data-cs-chart="first_response"' in page
    assert "85.7%" in page and "30분" in page and "12.5" in page
    assert api.calls[-1][2]["params"] == {"from": "2026-11-08", "to": "2026-12-07", "sort": "opened"}


def test_the_metrics_page_ignores_a_date_that_is_not_one(client, api):
    as_agent(api)
    api.answers["/api/cs-analytics"] = dict(REPORT)
    api.answers["/api/cs-analytics/sellers"] = []
    client.set_cookie("lang", "en")
    page = client.get("/console/metrics?from=yesterday").get_data(as_text=True)
    assert api.calls[-2][2]["params"] == {"from": None, "to": None}
    assert "No seller had inquiries" in page and "CS metrics" in page


def test_admins_change_response_targets_with_a_reason_and_see_the_history(client, api):
    as_admin(api)
    api.answers["/api/response-targets"] = [dict(t) for t in TARGETS]
    api.answers["/api/response-targets/changes"] = [dict(c) for c in CHANGES]
    page = client.get("/console/response-targets").get_data(as_text=True)
    assert 'data-api="/api/response-targets/order" data-method="PUT"' in page and 'id="reason-order"' in page
    assert "연말 물량 증가" in page and "첫 답변 24시간" in page


def test_agents_read_the_targets_without_changing_them(client, api):
    as_agent(api)
    api.answers["/api/response-targets"] = [dict(t) for t in TARGETS]
    api.answers["/api/response-targets/changes"] = []
    client.set_cookie("lang", "en")
    page = client.get("/console/response-targets").get_data(as_text=True)
    assert 'data-method="PUT"' not in page and "around the clock" in page and "No change yet" in page


def test_campaign_windows_are_listed_added_and_removed(client, api):
    as_admin(api)
    api.answers["/api/campaign-windows"] = [dict(w) for w in WINDOWS]
    page = client.get("/console/campaign-windows").get_data(as_text=True)
    assert "블랙 프라이데이" in page and 'data-api="/api/campaign-windows/w-1" data-method="DELETE"' in page
    assert 'data-api="/api/campaign-windows" data-method="POST"' in page and 'data-type="korea-datetime"' in page
    api.answers["/api/campaign-windows"] = []
    client.set_cookie("lang", "en")
    assert "No campaign window" in client.get("/console/campaign-windows").get_data(as_text=True)


def test_the_platform_faq_lists_edits_and_adds_entries(client, api):
    as_agent(api)
    api.answers["/api/faq"] = [dict(entry) for entry in FAQ]
    page = client.get("/console/faq?category=delivery").get_data(as_text=True)
    assert "배송은 얼마나 걸리나요?" in page and 'href="/console/faq/f-1"' in page
    assert api.calls[-1][2]["params"] == {"seller_id": None, "category": "delivery", "page": None, "page_size": 50}
    api.answers["/api/faq/f-1"] = dict(FAQ[0])
    edit = client.get("/console/faq/f-1").get_data(as_text=True)
    assert 'data-api="/api/faq/f-1" data-method="PATCH"' in edit and 'data-next="/console/faq"' in edit
    client.set_cookie("lang", "en")
    assert 'data-api="/api/faq" data-method="POST"' in client.get("/console/faq/new").get_data(as_text=True)


def test_review_reports_can_hide_the_review_with_a_reason(client, api):
    as_admin(api)
    api.answers["/api/reviews/reports"] = [dict(report) for report in REPORTS]
    page = client.get("/console/reviews").get_data(as_text=True)
    assert "녹차 세트" in page and "욕설이 있어요" in page and "욕설" in page
    assert 'data-api="/api/reviews/rv-1/hiding"' in page and 'id="reason-r-1"' in page
    api.answers["/api/reviews/reports"] = []
    client.set_cookie("lang", "en")
    assert "No open report" in client.get("/console/reviews").get_data(as_text=True)


def test_moderation_without_a_second_factor_leads_to_enrolling_one(client, api):
    as_admin(api)
    api.answers["/api/reviews/reports"] = (403, {"type": "urn:marketplace:problem:second-factor-required"})
    assert client.get("/console/reviews").headers["Location"] == "/account/security?needed=1&next=/console/reviews"


def test_the_console_inbox_marks_notifications_read(client, api):
    as_agent(api)
    api.answers["/api/notifications"] = [{"id": 41, "title": "새 에스컬레이션", "body": "배송이 안 와요", "link": "/console/inquiries/i-1",
                                          "read_at": None, "created_at": "2026-12-06T05:00:00+00:00"}]
    page = client.get("/console/notifications").get_data(as_text=True)
    assert "새 에스컬레이션" in page and 'data-api="/api/notifications/41/read"' in page
    api.answers["/api/notifications"] = []
    client.set_cookie("lang", "en")
    page = client.get("/console/notifications?unread=true").get_data(as_text=True)
    assert "You have read everything." in page


SYNONYM_GROUPS = [
    {"id": "g-1", "language": "ko", "words": ["비밀번호", "비번", "패스워드"], "updated_at": "2026-12-07T00:00:00+00:00"},
    {"id": "g-2", "language": "en", "words": ["refund", "money back"], "updated_at": "2026-12-07T00:00:00+00:00"},
]


def test_an_admin_reads_adds_and_removes_faq_synonyms_by_language(client, api):
    as_admin(api)
    api.answers["/api/faq/synonyms"] = [dict(group) for group in SYNONYM_GROUPS]
    page = client.get("/console/faq-synonyms").get_data(as_text=True)
    korean, english = page.split('id="synonyms-en"')
    assert "<td>비밀번호</td><td>비번, 패스워드</td>" in korean and "money back" in english
    assert 'data-api="/api/faq/synonyms/g-1" data-method="DELETE"' in page
    assert 'data-api="/api/faq/synonyms" data-method="POST"' in page and 'data-type="lines"' in page
    assert 'href="/console/faq-synonyms"' in page and "FAQ 유의어" in page


def test_an_agent_reads_the_faq_synonyms_and_changes_nothing(client, api):
    as_agent(api)
    api.answers["/api/faq/synonyms"] = [dict(group) for group in SYNONYM_GROUPS]
    client.set_cookie("lang", "en")
    page = client.get("/console/faq-synonyms").get_data(as_text=True)
    assert "money back" in page and "Admins change the dictionary." in page
    assert 'data-method="DELETE"' not in page and 'data-api="/api/faq/synonyms" data-method="POST"' not in page
