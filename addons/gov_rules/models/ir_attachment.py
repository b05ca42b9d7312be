from collections import defaultdict

from odoo import api, models
from odoo.exceptions import UserError

# the models whose files follow the lock of their item: documents, requests, and the checklist lines of any item
LOCKED_MODELS = ("gov.document", "gov.request", "gov.checklist.item")


class IrAttachment(models.Model):
    """The files of a document past its draft, and those of its checklist lines, stay as they were.

    Odoo checks only write access to the attached record when a file is added, changed or removed,
    without going through the record's write(): the record rules give the office and the leaders
    write access to documents in every state, so the lock of a submitted document is checked here.
    Files stay open to the approver whose pending step lets him change them, and a checklist line's
    to whoever may record that line now. The system (sudo) is never stopped.
    """

    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            targets = defaultdict(set)
            for vals in vals_list:
                if vals.get("res_model") in LOCKED_MODELS and vals.get("res_id"):
                    targets[vals["res_model"]].add(vals["res_id"])
            self._gov_check_files_open(targets)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            targets = self._gov_attached_records()
            # a file moved onto a locked record is added to it
            if "res_model" in vals or "res_id" in vals:
                for attachment in self.sudo():
                    model = vals.get("res_model", attachment.res_model)
                    res_id = vals.get("res_id", attachment.res_id)
                    if model in LOCKED_MODELS and res_id:
                        targets[model].add(res_id)
            self._gov_check_files_open(targets)
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self._gov_check_files_open(self._gov_attached_records())
        return super().unlink()

    @api.model
    def _gov_link_uploads(self, records):
        """Files uploaded for ``records`` before the form was first saved (the web client sends res_id 0)
        belong to the record whose ``attachment_ids`` hold them: linked to it, they follow its access and
        its lock (until then, Odoo lets only their creator open them)."""
        # sudo: the system attaches the record's own files (the user's own uploads only)
        uploads = records.sudo().attachment_ids.filtered(
            lambda att: att.res_model == records._name and not att.res_id
            and (self.env.su or att.create_uid.id == self.env.uid))
        for record in records.sudo():
            record_uploads = uploads & record.attachment_ids
            if record_uploads:
                record_uploads.write({"res_id": record.id})

    def _gov_attached_records(self):
        # sudo: which record a file belongs to decides the check, whoever may read the file
        targets = defaultdict(set)
        for attachment in self.sudo():
            if attachment.res_model in LOCKED_MODELS and attachment.res_id:
                targets[attachment.res_model].add(attachment.res_id)
        return targets

    @api.model
    def _gov_check_files_open(self, targets):
        """``targets`` = {model: ids}: refuse when one of the records is locked for the current user."""
        # without write access to the record, Odoo's own check refuses it (AccessError) in super()
        if not targets or any(self._inaccessible_comodel_records(targets, "write")):
            return
        # sudo: the state of the item decides, whether or not the user may read it (one search per model)
        Line, Document = self.env["gov.checklist.item"].sudo(), self.env["gov.document"].sudo()
        line_ids, document_ids = targets.get(Line._name), targets.get(Document._name)
        lines = Line.browse(line_ids).exists() if line_ids else Line
        locked_lines = lines.filtered(lambda line: not line.item_open)
        documents = Document.search([("id", "in", list(document_ids)),
                                     ("state", "!=", "draft")]) if document_ids else Document
        request_ids = targets.get("gov.request")
        if request_ids and self.env["gov.request"].sudo().search_count(
                [("id", "in", list(request_ids)), ("state", "not in", ("draft", "returned", "rejected"))], limit=1):
            raise UserError(self.env._(
                "The request is under approval or closed: its files can no longer be added, changed or removed."))
        if not (documents or locked_lines):
            return
        editable = {(record._name, record.id) for items in (documents, *locked_lines._items().values())
                    for record in items._gov_attachments_editable_by_me()}
        refused = documents.filtered(lambda document: (document._name, document.id) not in editable)
        # a line's evidence: also whoever may record the line now (the office, as its reviewer if it has one)
        other_lines = locked_lines.filtered(lambda line: (line.res_model, line.res_id) not in editable)
        if other_lines and self.env.user.has_group("gov_rules.group_gov_office"):
            other_lines -= other_lines.with_user(self.env.user).filtered("can_record")
        if refused or other_lines:
            # the item is not named: the user may not be allowed to read it
            raise UserError(self.env._(
                "The document is no longer a draft: its files and the evidence files of its checklist can no "
                "longer be added, changed or removed."))
