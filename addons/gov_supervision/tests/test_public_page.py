from odoo.tests import HttpCase, tagged

from .common_public import GovPublicCase

DISCLOSED = "关于加快老旧小区改造的建议"
DISCLOSED_TEXT = "已纳入2027年改造计划"
SECRET = "内部研究意见：暂缓实施"


@tagged("post_install", "-at_install")
class TestPublicPage(GovPublicCase, HttpCase):
    """The public page of disclosed replies (主动公开, R14.1): no login, searchable, paginated, and nothing
    undisclosed shows, nor can its files be opened."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_public()
        # the public page reads in the district's language (the organisation's tests set English)
        cls.env["ir.config_parameter"].sudo().set_param("gov_rules.district_lang", "zh_CN")
        cls._read_in_chinese(["gov_supervision"])

    def replied(self, name, number, text, kind="deputy", disclose=True, attachment=False):
        suggestion = self.new_suggestion(name=name, number=number, kind=kind)
        suggestion.with_user(self.office).action_assign()
        if attachment:
            file = self.env["ir.attachment"].with_user(self.clerk).create({
                "name": f"{number}.txt", "raw": text.encode(), "res_model": "gov.suggestion", "res_id": suggestion.id})
            suggestion.with_user(self.clerk).reply_attachment_ids = [(6, 0, file.ids)]
        reply = self.reply_approved(suggestion, f"<p>{text}</p>")
        if disclose:
            suggestion.with_user(self.office).action_disclose()
        return reply

    def test_only_disclosed_replies_are_public_R14_1(self):
        shown = self.replied(DISCLOSED, "第112号", DISCLOSED_TEXT, attachment=True)
        hidden = self.replied("关于增设公交线路的提案", "第107号", SECRET, kind="cppcc", disclose=False,
                              attachment=True)
        response = self.url_open("/gov/replies")
        self.assertEqual(response.status_code, 200)
        self.assertIn(DISCLOSED_TEXT, response.text)
        self.assertIn("建议提案答复公开", response.text, "the page reads in the district's language")
        self.assertIn("人大代表建议", response.text)
        self.assertNotIn(SECRET, response.text)
        self.assertNotIn("增设公交线路", response.text)
        # searched by any means, the undisclosed reply never shows
        for query in ("?q=公交", "?q=暂缓", "?kind=cppcc", "?session=人大", "?q=第107号"):
            self.assertNotIn(SECRET, self.url_open(f"/gov/replies{query}").text, query)
        # the disclosed reply's file is public; the other's is refused to the public user
        self.assertEqual(self.url_open(f"/web/content/{shown.attachment_ids.id}").status_code, 200)
        refused = self.url_open(f"/web/content/{hidden.attachment_ids.id}")
        self.assertIn(refused.status_code, (403, 404))
        self.assertNotIn(SECRET, refused.text)

    def test_search_by_keyword_kind_and_session_R14_1(self):
        self.replied(DISCLOSED, "第112号", DISCLOSED_TEXT)
        self.replied("关于发展社区养老服务的提案", "第105号", "已在三个街道试点。", kind="cppcc")
        page = self.url_open("/gov/replies?q=养老").text
        self.assertIn("三个街道试点", page)
        self.assertNotIn(DISCLOSED_TEXT, page)
        page = self.url_open("/gov/replies?kind=deputy").text
        self.assertIn(DISCLOSED_TEXT, page)
        self.assertNotIn("三个街道试点", page)
        page = self.url_open("/gov/replies?session=十八届人大五次").text
        self.assertIn(DISCLOSED_TEXT, page)
        page = self.url_open("/gov/replies?session=政协九届").text
        self.assertNotIn(DISCLOSED_TEXT, page)
        self.assertIn("o_gov_public_empty", page)

    def test_pages_of_ten_R14_1(self):
        replies = self.env["gov.suggestion.reply"]
        for number in range(12):
            replies |= self.replied(f"关于第{number}项民生工程的建议", f"第{200 + number}号", f"答复内容{number:02d}号")
        first = self.url_open("/gov/replies").text
        second = self.url_open("/gov/replies?page=2").text
        self.assertEqual(first.count("o_gov_public_reply_text"), 10)
        self.assertEqual(second.count("o_gov_public_reply_text"), 2)
        self.assertIn("page=2", first)
        shown = {f"答复内容{number:02d}号" for number in range(12) if f"答复内容{number:02d}号" in first + second}
        self.assertEqual(len(shown), 12, "every disclosed reply on one page or the other")
        self.assertEqual(self.url_open("/gov/replies?page=abc").status_code, 200)
