from odoo import fields, models

DOCUMENT_KINDS = [
    ("resolution", "Resolution (决议)"),
    ("decision", "Decision (决定)"),
    ("order", "Order (命令/令)"),
    ("communique", "Communiqué (公报)"),
    ("announcement", "Announcement (公告)"),
    ("public_notice", "Public notice (通告)"),
    ("opinion", "Opinion (意见)"),
    ("notice", "Notice (通知)"),
    ("circular", "Circular (通报)"),
    ("report", "Report (报告)"),
    ("request", "Request for instructions (请示)"),
    ("reply", "Reply (批复)"),
    ("motion", "Motion (议案)"),
    ("letter", "Letter (函)"),
    ("minutes", "Minutes (纪要)"),
]


class GovDocumentType(models.Model):
    """A no-code form: extra fields an administrator adds in the web client, the attachments a
    document of this type must carry and the procedure it must go through (R11.1, R27.7)."""

    _name = "gov.document.type"
    _description = "Document Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(DOCUMENT_KINDS, required=True, default="notice")
    properties_definition = fields.PropertiesDefinition(string="Form Fields")
    checklist_template_ids = fields.One2many("gov.checklist.template", "type_id", string="Checklist", copy=True)
    note = fields.Html(string="Guidance")

    def action_edit_form_fields(self):
        """Open the form fields of this type in the properties editor."""
        return self.env["gov.document.type.fields"]._gov_open_for(self)

