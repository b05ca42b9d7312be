from lxml import etree

from odoo import Command
from odoo.addons.gov_rules.tests.common_org import GovOrgCase
from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")  # a Monday
class TestPiecesOnAnotherModel(GovOrgCase):
    """The engine's per-item pieces on a model that only opts in (test.gov.item): its checklist (R11.1,
    R27.4, R27.7), the tasks the head entrusts (R5.2) and the sign-off screen on its form (R35.1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["gov.signoff.matrix.row"].create({
            "name": "Test items: the leader in charge, then the head", "rule_set_id": cls.rule_set.id,
            "model_id": cls.env["ir.model"]._get_id("test.gov.item"), "priority": 1, "domain": "[]",
            "step_ids": [Command.create({"sequence": 1, "name": "Leader in charge", "role": "area_leader"}),
                         Command.create({"sequence": 2, "name": "Head", "role": "head", "is_signature": True})],
        })

    def new_item(self, user=None, **values):
        return self.env["test.gov.item"].with_user(user or self.clerk).create({
            "name": "Winter heating subsidy", "area_id": self.area_economy.id, "department_id": self.dept_drc.id,
            **values})

    def test_the_checklist_of_another_model_R27_7(self):
        """R27.7: lines added through the item's checklist are its own; it is not submitted while a required
        line is neither done nor skipped; once submitted its checklist is closed."""
        item = self.new_item(checklist_ids=[Command.create({"name": "附件：资金测算表", "kind": "attachment"})])
        line = item.checklist_ids
        self.assertEqual((line.res_model, line.res_id), ("test.gov.item", item.id))
        self.assertNotIn(line, self.env["gov.document"].sudo().browse(item.id).checklist_ids,
                         "a document with the same id does not get the line")
        with self.refused(UserError, "neither done nor skipped"):
            item.action_signoff_submit()
        self.assertEqual(item.state, "draft")
        line.with_user(self.clerk).write({"state": "done", "note": "见附件"})
        item.action_signoff_submit()
        self.assertEqual(item.state, "review")
        with self.refused(UserError, "submitted item"):
            line.with_user(self.clerk).write({"note": "补充"})
        with self.refused(UserError, "submitted item"):
            self.env["gov.checklist.item"].with_user(self.clerk).create(
                {"res_model": "test.gov.item", "res_id": item.id, "name": "事后补充", "kind": "procedure"})
        # the form of the model (no view of its own) has the checklist page: a line added there is the item's
        with Form(self.env["test.gov.item"].with_user(self.clerk)) as form:
            form.name = "Spring planting"
            with form.checklist_ids.new() as new_line:
                new_line.name = "附件：春耕资金测算表"
                new_line.kind = "attachment"
            self.assertEqual(len(form.checklist_ids), 1)
        self.assertEqual((form.record.checklist_ids.res_model, form.record.checklist_ids.name),
                         ("test.gov.item", "附件：春耕资金测算表"))
        # the lines go with the item
        draft = self.new_item(checklist_ids=[Command.create({"name": "说明", "kind": "procedure"})])
        lines = draft.checklist_ids
        draft.unlink()
        self.assertFalse(lines.exists())

    def test_the_office_check_holds_the_signature_on_another_model_R27_4(self):
        """R27.4: a line the office confirms is not needed to submit, but nobody signs while it is open."""
        office_check = self.env["gov.checklist.template"].create({
            "type_id": self.type_notice.id, "name": "一文一事（办公室核）", "kind": "confirmation",
            "rule_ref": "R27.4"})
        item = self.new_item()
        # the system adds the type's line, as a type of this model would
        line = self.env["gov.checklist.item"].create({
            **item._gov_checklist_line_vals(office_check), "res_model": item._name, "res_id": item.id})
        self.assertEqual(item.checklist_ids, line)
        item.action_signoff_submit()
        item.with_user(self.deputy_a).action_signoff_approve("同意")
        with self.refused(UserError, "office first confirms"):
            item.with_user(self.head).action_signoff_approve("同意")
        with self.refused(UserError, "submitted item"):
            line.with_user(self.clerk).write({"state": "done"})
        line.with_user(self.office_deputy).write({"state": "done"})
        item.with_user(self.head).action_signoff_approve("同意")
        self.assertEqual(item.state, "done")

    def test_the_head_entrusts_an_item_of_another_model_R5_2(self):
        """R5.2: an entrustment names an item of this model; its leader's step goes to the entrusted deputy,
        the other items of the area stay with their leader, and escalation names the deputy too."""
        item = self.new_item()
        other = self.new_item(name="Spring planting")
        (item | other).action_signoff_submit()
        self.env["gov.entrustment"].with_user(self.head).create({
            "name": "牵头办理冬季供暖补贴", "position_id": self.pos_dep_b.id,
            "item_ids": [Command.create({"item_ref": f"test.gov.item,{item.id}"})]})
        self.assertEqual(self.pending(item).user_ids, self.deputy_b, "re-routed at once")
        self.assertEqual(self.pending(other).user_ids, self.deputy_a, "a task is not the whole area")
        leaders = (item | other)._gov_escalation_leaders()
        self.assertEqual((leaders[item], leaders[other]), (self.deputy_b, self.deputy_a))
        item.with_user(self.deputy_b).action_signoff_approve("同意")
        self.assertEqual(self.pending(item).user_ids, self.deputy_b, "the head's step too")

    def test_the_form_of_another_model_gets_the_screen_R35_1(self):
        """R35.1: the model has no view of its own; its form still has the decision buttons for its own
        model, the opinions and the route with its decisions, in the reader's language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        for lang, approve, signoff in (("en_US", "Approve", "Sign-off"), ("zh_CN", "同意", "签批")):
            arch = etree.fromstring(self.env["test.gov.item"].with_context(lang=lang).get_view(
                view_type="form")["arch"])
            buttons = arch.xpath("//header/button[contains(@context, \"'default_res_model': 'test.gov.item'\")]")
            self.assertEqual(len(buttons), 7, lang)
            self.assertEqual(buttons[0].get("string"), approve)
            self.assertEqual(len(arch.xpath("//field[@name='signoff_log_ids']")), 1, "the log once, on its page")
            pages = arch.xpath("//notebook/page")
            self.assertEqual([page.get("name") for page in pages], ["checklist", "consultation", "signoff"])
            self.assertEqual(pages[2].get("string"), signoff)
            self.assertEqual(len(arch.xpath("//field[@name='checklist_ids']")), 1, "the checklist once, on its page")
        # the buttons show as the item waits for the reader
        item = self.new_item()
        item.action_signoff_submit()
        self.assertEqual(item.with_user(self.deputy_a).signoff_my_kind, "signoff")
        self.assertFalse(item.with_user(self.deputy_b).signoff_my_kind)
        self.assertTrue(item.with_user(self.clerk).signoff_can_withdraw)
        self.assertFalse(item.with_user(self.deputy_b).signoff_can_withdraw)
