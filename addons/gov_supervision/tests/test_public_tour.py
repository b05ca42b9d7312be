from odoo.tests import HttpCase, tagged

from .common_public import GovPublicCase

LETTERS_URL = "/odoo/action-gov_supervision.action_gov_public_letter"
# also in static/tests/tours/public_tour.js and public_page_tour.js
LETTER = "反映金厂镇道路积水问题"
DISCLOSED = "关于加快老旧小区改造的建议"
DISCLOSED_TEXT = "已纳入2027年改造计划"


@tagged("post_install", "-at_install")
class TestPublicTour(GovPublicCase, HttpCase):
    """In a real browser, in Chinese, at desktop size: the office registers a letter and sends it to a
    leader, the leader instructs it and the item is created (R17.1); the public page, without login,
    finds a disclosed reply (R14.1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_public()
        # the public page reads in the district's language (the organisation's tests set English)
        cls.env["ir.config_parameter"].sudo().set_param("gov_rules.district_lang", "zh_CN")
        cls._read_in_chinese(["gov_rules", "gov_supervision"], cls.office | cls.deputy_a)
        # a name no other unit (of the demo data) has: the tour chooses the unit by it
        cls.dept_drc.name = "区发展和改革局"

    def _tour(self, url, tour, login):
        self.start_tour(url, tour, login=login)
        self.env.invalidate_all()

    def test_letter_registered_and_instructed_R17_1(self):
        self._tour(LETTERS_URL, "gov_public_letter_register_tour", "t_office_dir")
        letter = self.env["gov.public.letter"].search([("name", "=", LETTER)])
        self.assertEqual(len(letter), 1, "the tour should have registered the letter")
        self.assertRecordValues(letter, [{"state": "reading", "leader_id": self.deputy_a.id,
                                          "sender_name": "李建国"}])
        self._tour(LETTERS_URL, "gov_public_letter_instruct_tour", "t_dep_a")
        self.assertEqual(letter.state, "instructed")
        self.assertRecordValues(letter.item_id, [{"source": "letter", "lead_department_id": self.dept_drc.id,
                                                  "leader_id": self.deputy_a.id, "state": "open"}])

    def test_public_page_finds_a_disclosed_reply_R14_1(self):
        suggestion = self.new_suggestion(name=DISCLOSED)
        suggestion.with_user(self.office).action_assign()
        self.reply_approved(suggestion, f"<p>{DISCLOSED_TEXT}</p>")
        suggestion.with_user(self.office).action_disclose()
        other = self.new_suggestion(name="关于发展社区养老服务的提案", number="第105号", kind="cppcc")
        other.with_user(self.office).action_assign()
        self.reply_approved(other, "<p>已在三个街道试点。</p>")
        other.with_user(self.office).action_disclose()
        self.start_tour("/gov/replies", "gov_public_replies_tour", login=None)


@tagged("post_install", "-at_install")
class TestPublicTourPhone(TestPublicTour):
    """The same on a phone screen, with touch events."""

    browser_size = "375x667"
    touch_enabled = True
    allow_inherited_tests_method = True
