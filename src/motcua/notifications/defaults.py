# SPDX-License-Identifier: AGPL-3.0-or-later
"""Default templates, seeded by migration 0002 and editable afterwards in the desk.

Per kind and language: (subject, body used by the inbox and e-mail, short SMS text). The
wording follows the notices of Decree 61/2018 Art 19–20 and the forms of Circular 01/2018
(Mẫu 02 supplement request, Mẫu 03 refusal, Mẫu 04 apology and new appointment).
"""

from __future__ import annotations

Texts = tuple[str, str, str]

DEFAULTS: dict[str, dict[str, Texts]] = {
    "submitted": {
        "vi": (
            "Đã nhận hồ sơ nộp trực tuyến {{ code }}",
            "Kính gửi {{ recipient_name }},\n\nHồ sơ “{{ procedure }}” của Ông/Bà đã được gửi "
            "đến {{ agency }}. Cán bộ tiếp nhận sẽ kiểm tra và thông báo kết quả tiếp nhận.\n\n"
            "Tra cứu: {{ lookup_url }}",
            "Ho so {{ code }} da duoc gui toi {{ agency }}, cho tiep nhan.",
        ),
        "en": (
            "Online dossier {{ code }} submitted",
            "Dear {{ recipient_name }},\n\nYour dossier “{{ procedure }}” has been sent to "
            "{{ agency }}. A reception officer will check it and tell you whether it is "
            "received.\n\nFollow it: {{ lookup_url }}",
            "Dossier {{ code }} sent to {{ agency }}, awaiting reception.",
        ),
    },
    "received": {
        "vi": (
            "Hồ sơ {{ code }} đã được tiếp nhận",
            "Kính gửi {{ recipient_name }},\n\n{{ agency }} đã tiếp nhận hồ sơ “{{ procedure }}”, "
            "mã hồ sơ {{ code }}. Ngày hẹn trả kết quả: {{ due_at }}.\n\nTra cứu: {{ lookup_url }}",
            "Ho so {{ code }} da tiep nhan. Hen tra ket qua: {{ due_at }}.",
        ),
        "en": (
            "Dossier {{ code }} received",
            "Dear {{ recipient_name }},\n\n{{ agency }} has received your dossier "
            "“{{ procedure }}”, code {{ code }}. Result appointment: {{ due_at }}.\n\n"
            "Follow it: {{ lookup_url }}",
            "Dossier {{ code }} received. Result due {{ due_at }}.",
        ),
    },
    "refused": {
        "vi": (
            "Hồ sơ {{ code }} bị từ chối tiếp nhận",
            "Kính gửi {{ recipient_name }},\n\n{{ agency }} từ chối tiếp nhận hồ sơ "
            "“{{ procedure }}”. Lý do: {{ reason }}.",
            "Ho so {{ code }} bi tu choi tiep nhan. Ly do: {{ reason|truncatechars:80 }}",
        ),
        "en": (
            "Dossier {{ code }} refused at receipt",
            "Dear {{ recipient_name }},\n\n{{ agency }} refused to receive your dossier "
            "“{{ procedure }}”. Reason: {{ reason }}.",
            "Dossier {{ code }} refused. Reason: {{ reason|truncatechars:80 }}",
        ),
    },
    "supplement_requested_at_receipt": {
        "vi": (
            "Hồ sơ {{ code }} cần bổ sung, hoàn thiện",
            "Kính gửi {{ recipient_name }},\n\nHồ sơ “{{ procedure }}” cần bổ sung, hoàn thiện "
            "trước khi được tiếp nhận: {{ reason }}.\n\nTra cứu: {{ lookup_url }}",
            "Ho so {{ code }} can bo sung: {{ reason|truncatechars:90 }}",
        ),
        "en": (
            "Dossier {{ code }}: please complete it",
            "Dear {{ recipient_name }},\n\nYour dossier “{{ procedure }}” must be completed "
            "before it can be received: {{ reason }}.\n\nFollow it: {{ lookup_url }}",
            "Dossier {{ code }} needs: {{ reason|truncatechars:90 }}",
        ),
    },
    "supplement_requested": {
        "vi": (
            "Hồ sơ {{ code }}: yêu cầu bổ sung trong quá trình giải quyết",
            "Kính gửi {{ recipient_name }},\n\n{{ agency }} đề nghị bổ sung hồ sơ "
            "“{{ procedure }}”: {{ reason }}. Thời hạn giải quyết tạm dừng cho đến khi nhận đủ "
            "hồ sơ bổ sung.\n\nTra cứu: {{ lookup_url }}",
            "Ho so {{ code }} can bo sung: {{ reason|truncatechars:90 }}",
        ),
        "en": (
            "Dossier {{ code }}: supplement requested",
            "Dear {{ recipient_name }},\n\n{{ agency }} asks you to supplement your dossier "
            "“{{ procedure }}”: {{ reason }}. The time limit is paused until the supplement "
            "arrives.\n\nFollow it: {{ lookup_url }}",
            "Dossier {{ code }} needs: {{ reason|truncatechars:90 }}",
        ),
    },
    "financial_requested": {
        "vi": (
            "Hồ sơ {{ code }}: thông báo nghĩa vụ tài chính",
            "Kính gửi {{ recipient_name }},\n\nĐể tiếp tục giải quyết hồ sơ “{{ procedure }}”, "
            "Ông/Bà cần thực hiện nghĩa vụ tài chính: {{ amount|default:'theo thông báo' }}.\n\n"
            "Tra cứu: {{ lookup_url }}",
            "Ho so {{ code }}: vui long nop nghia vu tai chinh {{ amount }}.",
        ),
        "en": (
            "Dossier {{ code }}: financial obligation due",
            "Dear {{ recipient_name }},\n\nTo continue with your dossier “{{ procedure }}”, "
            "please pay the financial obligation: {{ amount|default:'as notified' }}.\n\n"
            "Follow it: {{ lookup_url }}",
            "Dossier {{ code }}: please pay {{ amount }}.",
        ),
    },
    "extended": {
        "vi": (
            "Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {{ code }}",
            "Kính gửi {{ recipient_name }},\n\n{{ agency }} xin lỗi Ông/Bà vì hồ sơ "
            "“{{ procedure }}” chưa được giải quyết đúng hẹn ({{ old_due_at }}). Lý do: "
            "{{ reason }}.\n\nNgày hẹn trả kết quả mới: {{ due_at }}. Mong Ông/Bà thông cảm.",
            "Xin loi: ho so {{ code }} tre hen. Hen moi: {{ due_at }}.",
        ),
        "en": (
            "Apology and new appointment for dossier {{ code }}",
            "Dear {{ recipient_name }},\n\n{{ agency }} apologises that your dossier "
            "“{{ procedure }}” could not be settled by {{ old_due_at }}. Reason: {{ reason }}."
            "\n\nNew result appointment: {{ due_at }}. Thank you for your understanding.",
            "Sorry: dossier {{ code }} is late. New appointment: {{ due_at }}.",
        ),
    },
    "result_ready": {
        "vi": (
            "Hồ sơ {{ code }} đã có kết quả",
            "Kính gửi {{ recipient_name }},\n\nHồ sơ “{{ procedure }}” đã có kết quả. Mời Ông/Bà "
            "nhận kết quả theo hình thức đã đăng ký. {{ early_return_note }}\n\n"
            "Tra cứu: {{ lookup_url }}",
            "Ho so {{ code }} da co ket qua. Moi nhan ket qua.",
        ),
        "en": (
            "Result ready for dossier {{ code }}",
            "Dear {{ recipient_name }},\n\nThe result of your dossier “{{ procedure }}” is "
            "ready. Please collect it as you chose. {{ early_return_note }}\n\n"
            "Follow it: {{ lookup_url }}",
            "Dossier {{ code }}: result ready.",
        ),
    },
    "returned": {
        "vi": (
            "Đã trả kết quả hồ sơ {{ code }}",
            "Kính gửi {{ recipient_name }},\n\nKết quả hồ sơ “{{ procedure }}” đã được trả. "
            "{{ early_return_note }}\n\nCảm ơn Ông/Bà. Mời đánh giá mức độ hài lòng: "
            "{{ lookup_url }}",
            "Ho so {{ code }} da tra ket qua. Cam on Ong/Ba.",
        ),
        "en": (
            "Result of dossier {{ code }} returned",
            "Dear {{ recipient_name }},\n\nThe result of your dossier “{{ procedure }}” has "
            "been returned. {{ early_return_note }}\n\nThank you. Please rate the service: "
            "{{ lookup_url }}",
            "Dossier {{ code }}: result returned. Thank you.",
        ),
    },
    "stopped": {
        "vi": (
            "Dừng giải quyết hồ sơ {{ code }}",
            "Kính gửi {{ recipient_name }},\n\n{{ agency }} thông báo dừng giải quyết hồ sơ "
            "“{{ procedure }}”. {{ reason }}",
            "Ho so {{ code }} da dung giai quyet.",
        ),
        "en": (
            "Processing of dossier {{ code }} stopped",
            "Dear {{ recipient_name }},\n\n{{ agency }} has stopped processing your dossier "
            "“{{ procedure }}”. {{ reason }}",
            "Dossier {{ code }}: processing stopped.",
        ),
    },
    "cancelled": {
        "vi": (
            "Hồ sơ {{ code }} đã bị hủy",
            "Kính gửi {{ recipient_name }},\n\nHồ sơ “{{ procedure }}” đã bị hủy. "
            "Lý do: {{ reason }}.",
            "Ho so {{ code }} da bi huy.",
        ),
        "en": (
            "Dossier {{ code }} cancelled",
            "Dear {{ recipient_name }},\n\nYour dossier “{{ procedure }}” was cancelled. "
            "Reason: {{ reason }}.",
            "Dossier {{ code }} cancelled.",
        ),
    },
    "assigned": {
        "vi": (
            "Hồ sơ {{ code }} được giao cho đồng chí",
            "Hồ sơ {{ code }} (“{{ procedure }}”, {{ applicant_name }}) được giao cho đồng chí "
            "xử lý ở bước “{{ step }}”. Hạn hồ sơ: {{ due_at }}.",
            "Ho so {{ code }} duoc giao xu ly. Han: {{ due_at }}.",
        ),
        "en": (
            "Dossier {{ code }} assigned to you",
            "Dossier {{ code }} (“{{ procedure }}”, {{ applicant_name }}) is assigned to you "
            "for the step “{{ step }}”. Dossier due: {{ due_at }}.",
            "Dossier {{ code }} assigned to you. Due {{ due_at }}.",
        ),
    },
    "step_due_soon": {
        "vi": (
            "Sắp đến hạn: bước “{{ step }}” của hồ sơ {{ code }}",
            "Bước “{{ step }}” của hồ sơ {{ code }} (“{{ procedure }}”) sắp đến hạn: {{ due_at }}.",
            "Ho so {{ code }}: buoc xu ly sap den han {{ due_at }}.",
        ),
        "en": (
            "Due soon: step “{{ step }}” of dossier {{ code }}",
            "The step “{{ step }}” of dossier {{ code }} (“{{ procedure }}”) is due at "
            "{{ due_at }}.",
            "Dossier {{ code }}: step due {{ due_at }}.",
        ),
    },
    "step_overdue": {
        "vi": (
            "Quá hạn: bước “{{ step }}” của hồ sơ {{ code }}",
            "Bước “{{ step }}” của hồ sơ {{ code }} (“{{ procedure }}”) đã quá hạn từ "
            "{{ due_at }}.",
            "Ho so {{ code }}: buoc xu ly qua han tu {{ due_at }}.",
        ),
        "en": (
            "Overdue: step “{{ step }}” of dossier {{ code }}",
            "The step “{{ step }}” of dossier {{ code }} (“{{ procedure }}”) has been overdue "
            "since {{ due_at }}.",
            "Dossier {{ code }}: step overdue since {{ due_at }}.",
        ),
    },
    "dossier_due_soon": {
        "vi": (
            "Hồ sơ {{ code }} sắp đến hạn trả kết quả",
            "Hồ sơ {{ code }} (“{{ procedure }}”, {{ applicant_name }}) sắp đến hạn trả kết "
            "quả: {{ due_at }}.",
            "Ho so {{ code }} sap den han tra ket qua {{ due_at }}.",
        ),
        "en": (
            "Dossier {{ code }} due soon",
            "Dossier {{ code }} (“{{ procedure }}”, {{ applicant_name }}) is due at {{ due_at }}.",
            "Dossier {{ code }} due {{ due_at }}.",
        ),
    },
    "dossier_overdue": {
        "vi": (
            "Hồ sơ {{ code }} đã quá hạn",
            "Hồ sơ {{ code }} (“{{ procedure }}”, {{ applicant_name }}) đã quá hạn trả kết quả "
            "từ {{ due_at }}. Đề nghị chỉ đạo xử lý và xin lỗi người nộp hồ sơ.",
            "Ho so {{ code }} qua han tu {{ due_at }}.",
        ),
        "en": (
            "Dossier {{ code }} overdue",
            "Dossier {{ code }} (“{{ procedure }}”, {{ applicant_name }}) has been overdue since "
            "{{ due_at }}. Please see that it is settled and the applicant receives an apology.",
            "Dossier {{ code }} overdue since {{ due_at }}.",
        ),
    },
}


def default_rows() -> list[dict[str, str]]:
    """One row per kind × channel × language (inbox and e-mail share the long text)."""
    rows: list[dict[str, str]] = []
    for kind, languages in DEFAULTS.items():
        for language, (subject, body, sms) in languages.items():
            for channel, text in (("inbox", body), ("email", body), ("sms", sms)):
                rows.append(
                    {
                        "kind": kind,
                        "channel": channel,
                        "language": language,
                        "subject": subject,
                        "body": text,
                    }
                )
    return rows
