from lxml import etree

from odoo.tests import freeze_time, tagged

from .common_org import GovOrgCase

DECISIONS = ("approve", "return", "reject", "delegate", "agree", "object", "withdraw")


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")  # a Monday
class TestSignoffPanel(GovOrgCase):
    """The sign-off screen is one piece: the form of any model that goes through sign-off gets the decision
    buttons, the opinions and the route with its decisions, with no XML of its own (R29.1, R35.1)."""

    def _form(self, model="gov.document", lang=None):
        Model = self.env[model].with_context(lang=lang) if lang else self.env[model]
        return etree.fromstring(Model.get_view(view_type="form")["arch"])

    @staticmethod
    def _decision_buttons(arch):
        action_id = arch.xpath("//button[@type='action' and contains(@context, 'default_decision')]")
        return {button.get("context").split("'default_decision': '")[1].split("'")[0]: button
                for button in action_id}

    def test_document_form_gets_the_screen_R35_1(self):
        """R35.1: the route and the decisions come from the engine, not from the document's own view."""
        own = self.env.ref("gov_rules.view_gov_document_form").arch
        self.assertNotIn("signoff_log_ids", own, "the document's own view no longer copies the screen")
        arch = self._form()
        buttons = self._decision_buttons(arch)
        self.assertEqual(set(buttons), set(DECISIONS))
        action = self.env.ref("gov_rules.action_gov_signoff_decision")
        for decision, button in buttons.items():
            self.assertEqual(button.get("name"), str(action.id))
            self.assertIn("'default_res_model': 'gov.document'", button.get("context"), decision)
            self.assertEqual(button.getparent().tag, "header")
            # the buttons follow the engine's fields, never the document's own state
            self.assertNotIn("state ==", button.get("invisible").replace("signoff_state", ""), decision)
        self.assertEqual(len(arch.xpath("//header")), 1)
        self.assertEqual(len(arch.xpath("//field[@name='signoff_log_ids']")), 1)
        # into the document's own pages: the opinions with the units consulted, the route with the signer
        consultation = arch.xpath("//page[@name='consultation']")
        self.assertEqual(len(consultation), 1)
        self.assertTrue(consultation[0].xpath(".//field[@name='consult_department_ids']"))
        self.assertTrue(consultation[0].xpath(".//field[@name='consult_task_ids']"))
        # the checklist: one page, before the engine's own pages of the document
        self.assertNotIn("checklist_ids", own)
        self.assertEqual([page.get("name") for page in arch.xpath("//notebook/page")],
                         ["body", "checklist", "consultation", "signoff"])
        self.assertEqual(len(arch.xpath("//field[@name='checklist_ids']")), 1)
        signoff = arch.xpath("//page[@name='signoff']")
        self.assertEqual(len(signoff), 1)
        for name in ("signoff_state", "signoff_task_ids", "signoff_log_ids", "signer_display"):
            self.assertTrue(signoff[0].xpath(f".//field[@name='{name}']"), name)

    def test_a_bare_form_gets_header_and_pages(self):
        """A model's form with no header nor notebook of its own gets them, with its own model in the buttons."""
        arch = etree.fromstring("<form><sheet><group><field name='rule_set_id'/></group></sheet></form>")
        self.env["gov.document"]._gov_signoff_add_panel(arch)
        self.assertEqual(arch[0].tag, "header")
        self.assertEqual(set(self._decision_buttons(arch)), set(DECISIONS))
        self.assertEqual([page.get("name") for page in arch.xpath("/form/sheet/notebook/page")],
                         ["checklist", "consultation", "signoff"])
        checklist = arch.xpath("//field[@name='checklist_ids']")[0]
        self.assertIn("'default_res_model': 'gov.document'", checklist.get("context"))
        # a form that shows the decision log itself keeps its own screen
        own = etree.fromstring("<form><field name='signoff_log_ids'/></form>")
        self.env["gov.document"]._gov_signoff_add_panel(own)
        self.assertEqual(len(own), 1)

    def test_chinese_form_shows_the_screen_in_chinese_R35_1(self):
        """The injected screen reads in the reader's language: zh_CN gets Chinese buttons and pages."""
        self.env["res.lang"]._activate_lang("zh_CN")
        arch = self._form(lang="zh_CN")
        buttons = self._decision_buttons(arch)
        self.assertEqual(buttons["approve"].get("string"), "同意")
        self.assertEqual(buttons["return"].get("string"), "退回修改")
        self.assertEqual(buttons["reject"].get("string"), "否决")
        self.assertEqual(buttons["withdraw"].get("string"), "撤回")
        self.assertEqual(buttons["agree"].get("string"), "无异议")
        self.assertEqual(arch.xpath("//page[@name='signoff']")[0].get("string"), "签批")
        self.assertEqual(arch.xpath("//page[@name='checklist']")[0].get("string"), "核查清单")
        self.assertIn("审批记录", [node.get("string") for node in arch.xpath("//separator")])
        english = self._decision_buttons(self._form(lang="en_US"))
        self.assertEqual(english["approve"].get("string"), "Approve", "each language has its own form")

    def test_buttons_follow_the_step_waiting_for_me_R29_1(self):
        """R29.1: the buttons show to whom a step waits for, as the kind of that step."""
        document = self.new_document()
        self.assertFalse(document.signoff_my_kind)
        document.action_submit()
        approver = self.pending(document).user_ids[:1]
        self.assertEqual(document.with_user(approver).signoff_my_kind, "signoff")
        self.assertTrue(document.with_user(approver).signoff_can_act)
        self.assertFalse(document.with_user(self.finance_clerk).signoff_my_kind)
        self.assertTrue(document.with_user(self.clerk).signoff_can_withdraw, "the submitter withdraws")
        self.assertFalse(document.with_user(self.finance_clerk).signoff_can_withdraw, "another unit's clerk")
        consulted = self.new_document(consult_department_ids=[self.dept_finance.id])
        consulted.action_submit()
        self.assertEqual(consulted.with_user(self.finance_principal).signoff_my_kind, "consult")
        self.assertTrue(consulted.with_user(self.clerk).signoff_can_withdraw, "withdrawn from consultation too")
        self.assertEqual(consulted.with_user(self.clerk).consult_task_ids.department_id, self.dept_finance)
