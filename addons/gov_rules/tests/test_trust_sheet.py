import io
import json
import unicodedata
from urllib.parse import quote, urlparse

from pypdf import PdfReader

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common_org import GovOrganisation

SHEET = "gov_rules.report_gov_document_sheet"
AUDIT_TITLE = "关于区住建局城市更新专项资金使用情况的审计报告"
OFFICE_OPINION = "已审核，呈区长审阅。"
ATTACHMENT = "审计发现问题清单.txt"
ATTACHMENT_TEXT = "住建局城市更新专项资金审计发现问题清单"
# the PDF is really made in tests only when the context asks for it (ir.actions.report)
FORCE_PDF = "?context=" + quote(json.dumps({"force_report_rendering": True}))
# the PDF's text maps some characters to the radicals drawn with the same glyph (⽂ for 文, ⻓ for 长):
# NFKC folds the Kangxi radicals (and full-width punctuation), the table the supplement's
SUPPLEMENT_RADICALS = str.maketrans({"⻓": "长", "⺠": "民", "⻔": "门", "⻋": "车", "⻅": "见", "⻩": "黄"})


def pdf_folded(text):
    return "".join(unicodedata.normalize("NFKC", text).translate(SUPPLEMENT_RADICALS).split())


class UrlReader:
    """For an HttpCase: a URL (/report/..., /web/content/...) read by a test user, as his browser would."""

    def fetch(self, login, url):
        self.authenticate(login, login)
        response = self.url_open(url, allow_redirects=False)
        # a reader whose language is not the database's first one is sent to the same page under his
        # language's prefix (/en/report/...): follow that, never a redirect to the login page
        location = urlparse(response.headers.get("Location", ""))
        if response.is_redirect and location.path.endswith(urlparse(url).path) and location.path != urlparse(url).path:
            response = self.url_open(response.headers["Location"], allow_redirects=False)
        return response


class GovSheetCase(UrlReader, GovOrganisation, HttpCase):
    """The audit bureau's report, not for publication (不予公开), drafted by its clerk and reviewed by
    the office, with an attachment: the test organisation's users print it over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_organisation()
        cls.audit_clerk = new_test_user(cls.env, "t_audit_clerk", groups="gov_rules.group_gov_user",
                                        name="审计局科员 林静")
        cls.env["hr.employee"].create({"name": cls.audit_clerk.name, "user_id": cls.audit_clerk.id,
                                       "department_id": cls.dept_audit.id})
        Document = cls.env["gov.document"].with_user(cls.audit_clerk)
        cls.audit_report = Document.create({
            "name": AUDIT_TITLE, "type_id": cls.env.ref("gov_rules.document_type_report").id,
            "authority_id": cls.authority_government.id, "department_id": cls.dept_audit.id,
            "confidentiality": "internal", "main_recipients": "区人民政府", "copy_recipients": "区住建局",
            "body": "<p>经审计，区住建局城市更新专项资金存在拨付滞后问题。</p>",
        })
        cls.attachment = cls.env["ir.attachment"].with_user(cls.audit_clerk).create({
            "name": ATTACHMENT, "raw": ATTACHMENT_TEXT.encode(), "res_model": "gov.document",
            "res_id": cls.audit_report.id, "mimetype": "text/plain",
        })
        cls.audit_report.attachment_ids = [Command.link(cls.attachment.id)]
        cls.audit_report.checklist_ids.with_user(cls.office_deputy).write({"state": "done"})
        cls.audit_report.with_user(cls.audit_clerk).action_submit()
        cls.audit_report.with_user(cls.office_deputy).action_signoff_approve(OFFICE_OPINION)
        # wkhtmltopdf loads the report's stylesheets and scripts while the report's request holds the
        # test's read-only cursor, under which a nested request cannot build them: build them now
        QWeb = cls.env["ir.qweb"]
        QWeb._get_asset_bundle("web.report_assets_common", js=False, autoprefix=True).css()
        QWeb._get_asset_bundle("web.report_assets_pdf", js=False, autoprefix=True).css()
        QWeb._get_asset_bundle("web.report_assets_pdf", css=False).js()


    def sheet_url(self, converter):
        url = f"/report/{converter}/{SHEET}/{self.audit_report.id}"
        return url + FORCE_PDF if converter == "pdf" else url


@tagged("post_install", "-at_install")
class TestSheetAccess(GovSheetCase):
    """A sheet never shows more than its reader may read."""

    @mute_logger("odoo.http", "odoo.addons.web.controllers.report")
    def test_clerk_of_another_unit_gets_no_sheet(self):
        """A clerk of another unit prints nothing of the audit bureau's report (not for
        publication) — not its title, route or opinions — as html or as pdf."""
        self.assertFalse(self.env["gov.document"].with_user(self.clerk).search([("id", "=", self.audit_report.id)]))
        for converter in ("html", "pdf"):
            with self.subTest(converter=converter):
                response = self.fetch("t_clerk", self.sheet_url(converter))
                self.assertEqual(response.status_code, 403)
                self.assertNotIn(AUDIT_TITLE, response.text)
                self.assertNotIn(OFFICE_OPINION, response.text)
                self.assertFalse(response.content.startswith(b"%PDF"))

    @mute_logger("odoo.http")
    def test_clerk_of_another_unit_opens_no_attachment(self):
        """Nor does he open the report's attachment by its address."""
        response = self.fetch("t_clerk", f"/web/content/{self.attachment.id}?download=true")
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(ATTACHMENT_TEXT, response.text)
        response = self.fetch("t_audit_clerk", f"/web/content/{self.attachment.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content.decode(), ATTACHMENT_TEXT)

    def test_readers_of_the_document_get_the_whole_sheet(self):
        """The drafting unit's clerk, the office and the leader read the document: each prints its
        sheet with the route and the opinions, as html and as pdf."""
        self.assertEqual(self.pending(self.audit_report).user_ids, self.head, "the audit report waits for the head")
        for login in ("t_audit_clerk", "t_office_dep", "t_head"):
            with self.subTest(login=login):
                response = self.fetch(login, self.sheet_url("html"))
                self.assertEqual(response.status_code, 200)
                for text in (AUDIT_TITLE, OFFICE_OPINION, self.office_deputy.name, ATTACHMENT):
                    self.assertIn(text, response.text)
                response = self.fetch(login, self.sheet_url("pdf"))
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.content.startswith(b"%PDF"))


@tagged("post_install", "-at_install")
class TestSheetPdf(GovSheetCase):
    """The sign-off sheet is a real PDF laid out like a 发文稿纸."""

    def test_sheet_is_a_pdf_with_the_title_in_chinese(self):
        response = self.fetch("t_office_dep", self.sheet_url("pdf"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        # the Chinese glyphs are real text, not boxes: the title and the opinion read back from the PDF
        for expected in (AUDIT_TITLE, OFFICE_OPINION, "区人民政府", "审计局科员 林静"):
            self.assertIn(pdf_folded(expected), pdf_folded(text))

    def test_several_sheets_print_as_one_pdf(self):
        """Documents selected together in the list print as one PDF, one sheet after the other (Debian's
        wkhtmltopdf puts one document per run)."""
        heating = self.new_document()
        response = self.fetch("t_office_dep", f"/report/pdf/{SHEET}/{self.audit_report.id},{heating.id}{FORCE_PDF}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
        pages = PdfReader(io.BytesIO(response.content)).pages
        self.assertEqual(len(pages), 2)
        self.assertIn(pdf_folded(AUDIT_TITLE), pdf_folded(pages[0].extract_text()))
        self.assertIn(pdf_folded(heating.name), pdf_folded(pages[1].extract_text()))

    def test_sheet_has_the_blocks_of_a_fawen_gaozhi(self):
        """签发, 会签, 核稿 and 拟稿 blocks, the title, the recipients (主送, 抄送), the attachments and the
        body, under the name and logo of the government."""
        # the labels as written in the template, whatever the user's language
        english = "?context=" + quote(json.dumps({"lang": "en_US"}))
        response = self.fetch("t_office_dep", self.sheet_url("html") + english)
        self.assertEqual(response.status_code, 200)
        html = response.text
        for block, label in (("o_gov_sheet_signature", "Signature"), ("o_gov_sheet_countersign", "Countersignature"),
                             ("o_gov_sheet_review", "Draft Review"), ("o_gov_sheet_drafting", "Drafting"),
                             ("o_gov_sheet_main_recipients", "Main Recipients"),
                             ("o_gov_sheet_copy_recipients", "Copy To"),
                             ("o_gov_sheet_attachments", "Attachments"), ("o_gov_sheet_body", "Body")):
            with self.subTest(block=block):
                self.assertRegex(html, rf'class="[^"]*\b{block}\b[^"]*">\s*<(th|h2)>{label}</')
        # the blocks in the order of the printed form
        positions = [html.index(block) for block in ("o_gov_sheet_title", "o_gov_sheet_signature",
                                                      "o_gov_sheet_countersign", "o_gov_sheet_review",
                                                      "o_gov_sheet_drafting", "o_gov_sheet_doc_title",
                                                      "o_gov_sheet_main_recipients", "o_gov_sheet_body")]
        self.assertEqual(positions, sorted(positions))
        company = self.env.company
        for text in (company.name, AUDIT_TITLE, "区人民政府", "区住建局", ATTACHMENT, OFFICE_OPINION,
                     "经审计，区住建局城市更新专项资金存在拨付滞后问题。", self.audit_clerk.name, self.dept_audit.name):
            self.assertIn(text, html)
        self.assertEqual(bool(company.logo), 'class="o_gov_sheet_logo"' in html)

    def test_demo_company_is_the_district_government(self):
        """The demo company is 东昌区人民政府 in 通化市东昌区, with a logo, and its sheets say so."""
        company = self.env.ref("base.main_company")
        self.assertRecordValues(company, [{"name": "东昌区人民政府", "city": "通化市",
                                           "state_id": self.env.ref("base.state_cn_JL").id,
                                           "country_id": self.env.ref("base.cn").id}])
        self.assertIn("东昌区", company.street)
        self.assertTrue(company.logo)
        html = self.fetch("t_office_dep", self.sheet_url("html")).text
        self.assertIn("东昌区人民政府", html)
        self.assertNotIn("YourCompany", html)
        self.assertIn('class="o_gov_sheet_logo"', html)

    def test_without_wkhtmltopdf_the_notice_is_plain_text(self):
        """A server that cannot make PDFs shows the sheet in the browser with a plain notice, never
        raw HTML."""
        Report = type(self.env["ir.actions.report"])
        self.patch(Report, "get_wkhtmltopdf_state", lambda report: "install")
        self.start_tour(f"/odoo/action-gov_rules.action_gov_document/{self.audit_report.id}",
                        "gov_sheet_pdf_fallback_tour", login="t_office_dep")


@tagged("post_install", "-at_install")
class TestLanding(GovOrganisation, HttpCase):
    """Every user of the suite lands on 政务 › My To-Do; staff see no administrators' menus."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_organisation()

    def load_menus(self, login):
        self.authenticate(login, login)
        menus = self.url_open("/web/webclient/load_menus").json()
        return menus, [menus[str(menu_id)] for menu_id in menus["root"]["children"]]

    def test_every_user_lands_on_my_todo(self):
        """Users name no home action, so the web client opens the first app they see: 政务, whose
        first menu is My To-Do."""
        todo = self.env.ref("gov_rules.action_gov_signoff_task_mine")
        for login in ("t_clerk", "t_office_dep", "t_head", "admin"):
            with self.subTest(login=login):
                user = self.env["res.users"].search([("login", "=", login)])
                self.assertFalse(user.action_id)
                _menus, apps = self.load_menus(login)
                self.assertEqual(apps[0]["xmlid"], "gov_rules.menu_gov_root")
                self.assertEqual(apps[0]["actionID"], todo.id)

    def test_department_user_lands_on_my_todo_in_the_browser(self):
        self.start_tour("/odoo", "gov_landing_tour", login="t_clerk")

    def test_department_user_sees_no_administrators_menu(self):
        """A department user (政务 user only) sees neither the app store nor the settings; an
        administrator still does."""
        admin_menus = {"base.menu_management", "base.menu_administration"}
        for login, expected in (("t_clerk", set()), ("t_office_dep", set()), ("t_head", set()),
                                ("admin", admin_menus)):
            with self.subTest(login=login):
                menus, _apps = self.load_menus(login)
                xmlids = {menu["xmlid"] for key, menu in menus.items() if key != "root"}
                self.assertEqual(xmlids & admin_menus, expected)
