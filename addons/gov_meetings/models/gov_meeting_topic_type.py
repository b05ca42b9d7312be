from odoo import fields, models


class GovMeetingTopicType(models.Model):
    """A kind of topic (议题): its form fields and checklist, e.g. a major administrative decision
    (重大行政决策) with the R11.1 checklist and, when it affects the public, a hearing (R11.2)."""

    _name = "gov.meeting.topic.type"
    _description = "Topic Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    major_decision = fields.Boolean(string="Major Administrative Decision", help="R11.1")
    properties_definition = fields.PropertiesDefinition(string="Form Fields")
    checklist_template_ids = fields.One2many("gov.checklist.template", "topic_type_id", string="Checklist", copy=True)

    _code_unique = models.Constraint("unique(code)", "Another topic type has this code.")
