from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common_org import GovOrgCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")  # a Monday
class TestItemsOfAnyModel(GovOrgCase):
    """The engine's per-item pieces are keyed by model: checklist lines (R11.1, R27.7) and the items of an
    entrusted task (R5.2) name their item by model and id, so any model that goes through sign-off has them."""

    def _at_leader(self, **values):
        """A document of the economy area waiting for its leader in charge (deputy A)."""
        document = self.new_document(**values)
        document.with_user(self.clerk).action_submit()
        document.with_user(self.office_deputy).action_signoff_approve()
        return document

    def test_checklist_lines_are_keyed_by_model_R27_7(self):
        """R27.7: the lines of the form are the item's, by model and id; only sign-off items have lines."""
        normative = self.env.ref("gov_rules.document_type_normative")
        document = self.new_document(type_id=normative.id)
        self.assertEqual(len(document.checklist_ids), len(normative.checklist_template_ids))
        self.assertEqual(set(document.checklist_ids.mapped("res_model")), {"gov.document"})
        self.assertEqual(set(document.checklist_ids.mapped("res_id")), {document.id})
        with self.refused(UserError, "goes through sign-off"):
            self.env["gov.checklist.item"].with_user(self.clerk).create(
                {"res_model": "res.partner", "res_id": self.clerk.partner_id.id, "name": "附件"})
        # lines added through the form's list are the document's (the framework sets only their id)
        with Form(document.with_user(self.clerk)) as form:
            with form.checklist_ids.new() as line:
                line.name = "附件：征求意见汇总表"
                line.kind = "attachment"
        added = document.checklist_ids.filtered(lambda item: item.name == "附件：征求意见汇总表")
        self.assertEqual((added.res_model, added.res_id), ("gov.document", document.id))
        # the lines go with their item
        lines = document.checklist_ids
        document.with_user(self.clerk).unlink()
        self.assertFalse(lines.exists())

    def test_checklist_lines_follow_their_item_R27_7(self):
        """R27.7: whoever reads the item reads its lines; whoever may change it fills them in while it is a
        draft; another unit's clerk neither reads nor changes them."""
        request = self.new_document(type_id=self.env.ref("gov_rules.document_type_request").id)
        Item = self.env["gov.checklist.item"]
        lines = request.sudo().checklist_ids
        self.assertEqual(Item.with_user(self.clerk).search([("id", "in", lines.ids)]), lines)
        self.assertFalse(Item.with_user(self.finance_clerk).search([("id", "in", lines.ids)]),
                         "another unit's clerk reads no line of a draft he may not read")
        attachment = lines.filtered(lambda item: item.kind == "attachment")
        self.assertTrue(attachment.with_user(self.clerk).item_writable)
        self.assertFalse(attachment.with_user(self.finance_clerk).item_writable)
        with self.assertRaises(AccessError):
            attachment.with_user(self.finance_clerk).write({"state": "done", "note": "见附件"})
        attachment.with_user(self.clerk).write({"state": "done", "note": "见附件"})
        self.assertTrue(attachment.item_open)
        request.with_user(self.clerk).action_submit()
        attachment.invalidate_recordset(["item_open"])
        self.assertFalse(attachment.item_open, "submitted: the checklist is closed")
        with self.refused(UserError, "submitted item"):
            attachment.with_user(self.clerk).write({"note": "补充说明"})

    def test_submission_and_the_office_check_come_from_the_engine_R27_4(self):
        """R27.4, R27.7: the checks live in the sign-off engine: the item's submission needs its lines, and
        the office does not approve while its own check is open."""
        request = self.new_document(type_id=self.env.ref("gov_rules.document_type_request").id)
        with self.refused(UserError, "neither done nor skipped"):
            request._gov_checklist_check_submit()
        request.checklist_ids.filtered(lambda item: item.kind == "attachment").with_user(self.clerk).write(
            {"state": "done", "note": "会议纪要"})
        request._gov_checklist_check_submit()
        request.with_user(self.clerk).action_submit()
        self.assertEqual(request.state, "signoff")
        with self.refused(UserError, "office first confirms"):
            request.with_user(self.office_deputy).action_signoff_approve()
        request.checklist_ids.filtered(lambda item: item.kind == "confirmation").with_user(
            self.office_deputy).write({"state": "done"})
        request.with_user(self.office_deputy).action_signoff_approve()
        self.assertEqual(request.sudo().signoff_log_ids.sorted()[:1].action, "approve")

    def test_entrusted_items_are_keyed_by_model_R5_2(self):
        """R5.2: an entrustment names items by model and id; they are found for a batch in one search, and
        only items that go through sign-off can be named."""
        documents = self.new_document() | self.new_document(name="关于春耕备耕的通知")
        entrustment = self.env["gov.entrustment"].with_user(self.head).create({
            "name": "牵头办理冬季供暖工作", "position_id": self.pos_dep_b.id,
            "item_ids": [Command.create({"item_ref": f"gov.document,{documents[0].id}"})]})
        self.assertEqual((entrustment.item_ids.res_model, entrustment.item_ids.res_id),
                         ("gov.document", documents[0].id))
        self.assertEqual(entrustment.item_ids.display_name, documents[0].name)
        Entrustment = self.env["gov.entrustment"]
        counts = []
        for batch in (documents[:1], documents):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            found = Entrustment._entrusted_positions(batch, self.today())
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(found, {documents[0]: self.pos_dep_b})
        self.assertEqual(counts[0], counts[1], f"one search for any number of items: {counts}")
        self.assertEqual(Entrustment._entrusted_positions(self.env["gov.signoff.task"].browse(documents[0].id),
                                                          self.today()), {},
                         "the same id in another model is another item")
        with self.refused(ValidationError, "go through sign-off"):
            entrustment.with_user(self.head).write({"item_ids": [Command.create(
                {"res_model": "res.partner", "res_id": self.head.partner_id.id})]})
        with self.refused(ValidationError, "go through sign-off"):
            entrustment.with_user(self.head).write({"item_ids": [Command.create(
                {"res_model": "gov.document", "res_id": max(documents.ids) + 1000})]})
        with self.assertRaises(AccessError):
            entrustment.with_user(self.deputy_a).write({"item_ids": [Command.create(
                {"res_model": "gov.document", "res_id": documents[1].id})]})

    def test_an_entrusted_task_counts_for_escalation_R5_2(self):
        """R5.2, R28.3: the deputy entrusted with an item is its leader when it is escalated, as he takes
        its steps; the head's rung names him for that item too."""
        document = self._at_leader()
        other = self._at_leader(name="关于春耕备耕的通知")
        self.env["gov.entrustment"].with_user(self.head).create({
            "name": "牵头办理冬季供暖工作", "position_id": self.pos_dep_b.id,
            "item_ids": [Command.create({"res_model": document._name, "res_id": document.id})]})
        leaders = (document | other)._gov_escalation_leaders()
        self.assertEqual(leaders[document], self.deputy_b, "the entrusted deputy")
        self.assertEqual(leaders[other], self.deputy_a, "the area's leader for the rest")
        tasks = self.env["gov.signoff.task"].search([("res_model", "=", "gov.document"),
                                                     ("res_id", "in", (document | other).ids),
                                                     ("state", "=", "pending")])
        by_item = {task.res_id: user for task, user in tasks._gov_escalation_leaders().items()}
        self.assertEqual(by_item, {document.id: self.deputy_b, other.id: self.deputy_a})
        rung = self.env["gov.escalation.step"].search([], limit=1)
        rung.sudo().write({"notify_role": "head"})
        told = (document | other)._gov_escalation_told(rung)
        self.assertEqual((told[document], told[other]), (self.deputy_b, self.head))
