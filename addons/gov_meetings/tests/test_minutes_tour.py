import io
import json
from urllib.parse import quote

from pypdf import PdfReader

from odoo.addons.gov_rules.tests.test_trust_sheet import UrlReader, pdf_folded
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common_minutes import MinutesFixture

REPORT = "gov_meetings.report_gov_meeting_minutes"
FORCE_PDF = "?context=" + quote(json.dumps({"force_report_rendering": True}))
# also in static/tests/tours/minutes_tour.js
TOPIC = "城区集中供暖改造方案"


class MinutesHttpCase(UrlReader, MinutesFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_minutes()
        cls._read_in_chinese(["gov_rules", "gov_meetings"], cls.office_director | cls.head)
        (cls.office_director | cls.head).tz = "Asia/Shanghai"
        # the district writes its records in Chinese
        cls.env["ir.config_parameter"].sudo().set_param("gov_rules.district_lang", "zh_CN")
        cls.topic = cls.new_topic(cls.type_executive, TOPIC)
        cls.meeting = cls.new_meeting(cls.type_executive, cls.topic | cls.new_topic(cls.type_executive, "农贸市场搬迁"))


@tagged("post_install", "-at_install")
class TestMinutesPdf(MinutesHttpCase):
    """The minutes print as a PDF laid out like a 纪要, for those who may read them only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.minutes = cls.env["gov.meeting.minutes"].with_user(cls.office_director)._gov_draft_for(
            cls.meeting.with_user(cls.office_director))["res_id"]
        cls.minutes = cls.env["gov.meeting.minutes"].browse(cls.minutes)
        cls.minutes.decision_ids[0].with_user(cls.office_director).text = "<p>原则同意，由区发改局组织实施。</p>"
        cls.minutes.decision_ids[1].with_user(cls.office_director).outcome = "deferred"
        cls.minutes.with_user(cls.office_director).action_signoff_submit()
        cls.minutes.with_user(cls.head).action_signoff_approve()
        QWeb = cls.env["ir.qweb"]
        QWeb._get_asset_bundle("web.report_assets_common", js=False, autoprefix=True).css()
        QWeb._get_asset_bundle("web.report_assets_pdf", js=False, autoprefix=True).css()
        QWeb._get_asset_bundle("web.report_assets_pdf", css=False).js()

    def url(self, converter="pdf"):
        url = f"/report/{converter}/{REPORT}/{self.minutes.id}"
        return url + FORCE_PDF if converter == "pdf" else url

    def test_minutes_print_like_a_jiyao(self):
        response = self.fetch("t_office_dir", self.url())
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = pdf_folded("".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages))
        for expected in (f"{self.env.company.name}常务会议纪要", self.minutes.number, TOPIC,
                         "原则同意，由区发改局组织实施。", self.head.name, self.exec_deputy.name, self.deputy_b.name,
                         self.finance_principal.name,
                         "一、", "二、"):
            with self.subTest(expected=expected):
                self.assertIn(pdf_folded(expected), text)

    def test_html_blocks_in_order(self):
        html = self.fetch("t_office_dir", self.url("html")).text
        positions = [html.index(block) for block in ("o_gov_minutes_title", "o_gov_minutes_number",
                                                      "o_gov_minutes_chair", "o_gov_minutes_present",
                                                      "o_gov_minutes_leave", "o_gov_minutes_attending",
                                                      "o_gov_minutes_decisions")]
        self.assertEqual(positions, sorted(positions))

    @mute_logger("odoo.http", "odoo.addons.web.controllers.report")
    def test_another_units_clerk_gets_no_minutes(self):
        """Minutes are read by the meeting's participants, the office and the leaders only: another unit's
        clerk gets nothing of them over HTTP, as html or pdf; a participant (列席) gets them."""
        for converter in ("html", "pdf"):
            with self.subTest(converter=converter):
                response = self.fetch("t_other_clerk", self.url(converter))
                self.assertEqual(response.status_code, 403)
                self.assertNotIn(TOPIC, response.text)
                self.assertFalse(response.content.startswith(b"%PDF"))
        response = self.fetch("t_fin", self.url("html"))
        self.assertEqual(response.status_code, 200)
        self.assertIn(TOPIC, response.text)


@tagged("post_install", "-at_install")
class TestMinutesTour(MinutesHttpCase):
    """In Chinese at desktop size: the office drafts the minutes, the head signs them, a decision starts its
    7-working-day document (R22.3, R22.4)."""

    def _tour(self, url, tour, login):
        self.start_tour(url, tour, login=login)
        self.env.invalidate_all()

    def test_minutes_from_drafting_to_document_R22_3_R22_4(self):
        self._tour(f"/odoo/gov.meeting/{self.meeting.id}", "gov_minutes_draft_tour", "t_office_dir")
        minutes = self.meeting.minutes_ids
        self.assertEqual(minutes.state, "review")
        self.assertEqual(self.pending(minutes).user_ids, self.head)
        self._tour(f"/odoo/action-gov_meetings.action_gov_meeting_minutes/{minutes.id}", "gov_minutes_sign_tour",
                   "t_head")
        self.assertEqual(minutes.state, "signed")
        self.assertEqual(self.meeting.state, "closed")
        self._tour("/odoo/action-gov_meetings.action_gov_meeting_decision", "gov_minutes_document_tour",
                   "t_office_dir")
        decision = minutes.decision_ids.filtered(lambda d: d.topic_id == self.topic)
        self.assertTrue(decision.document_id)
        self.assertEqual(decision.document_id.deadline_policy_id.code, "issue_after_meeting")
        self.assertTrue(decision.document_id.passed_by_meeting_unchanged)


@tagged("post_install", "-at_install")
class TestMinutesTourPhone(TestMinutesTour):
    """The same on a phone screen, with touch events."""

    browser_size = "375x667"
    touch_enabled = True
    allow_inherited_tests_method = True
