from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.holiday_notice import parse_notice


class GovCalendarImport(models.TransientModel):
    """Paste the State Council's holiday notice, check what was read, then save the year."""

    _name = "gov.calendar.import"
    _description = "Import a State Council Holiday Notice"

    calendar_id = fields.Many2one("gov.calendar", required=True,
                                  default=lambda self: self.env.ref("gov_rules.calendar_cn", raise_if_not_found=False))
    notice_text = fields.Text(required=True,
                              help="The notice as published: title, numbered items and all.")
    notice_reference = fields.Char(string="Notice Number", help="For example 国办发明电〔2025〕7号")
    year = fields.Integer(help="Needed only when the pasted text lacks the title with the year.")
    state = fields.Selection([("draft", "Paste"), ("review", "Check")], default="draft", required=True)
    line_ids = fields.One2many("gov.calendar.import.line", "wizard_id", string="Days Read", readonly=True)
    holiday_count = fields.Integer(compute="_compute_counts")
    workday_count = fields.Integer(compute="_compute_counts")
    replaces_existing = fields.Boolean(compute="_compute_counts")

    @api.depends("line_ids.kind", "year", "calendar_id")
    def _compute_counts(self):
        for wizard in self:
            kinds = wizard.line_ids.mapped("kind")
            wizard.holiday_count = kinds.count("holiday")
            wizard.workday_count = kinds.count("workday")
            wizard.replaces_existing = wizard.year in wizard.calendar_id.year_ids.mapped("year")

    def _parse(self):
        self.ensure_one()
        result = parse_notice(self.notice_text, self.year or None)
        if result.errors:
            lines = [self.env._("Line %(line)s: “%(text)s”: %(reason)s",
                                line=line, text=text, reason=self.env._(reason))
                     for line, text, reason in result.errors]
            raise UserError(self.env._("The notice could not be read; nothing was saved.\n%s", "\n".join(lines)))
        if not result.days:
            raise UserError(self.env._("No holidays or working days were found in the text; nothing was saved."))
        stray = [d.day for d in result.days if d.day.year != result.year]
        if stray:
            raise UserError(self.env._("%(day)s lies outside %(year)s; enter it in the schedule of its own year.",
                              day=stray[0], year=result.year))
        return result

    def action_parse(self):
        result = self._parse()
        self.write({
            "year": result.year,
            "state": "review",
            "line_ids": [fields.Command.clear()] + [
                fields.Command.create({"date": d.day, "kind": d.kind, "name": d.name, "line": d.line})
                for d in result.days],
        })
        return self._reopen()

    def action_back(self):
        self.state = "draft"
        return self._reopen()

    def action_confirm(self):
        result = self._parse()
        day_commands = [fields.Command.create({"date": d.day, "kind": d.kind, "name": d.name or False})
                        for d in result.days]
        year_record = self.calendar_id.year_ids.filtered(lambda y: y.year == result.year)
        vals = {"source": "notice", "notice_text": self.notice_text,
                "notice_reference": self.notice_reference or year_record.notice_reference}
        if year_record:
            year_record.write({**vals, "day_ids": [fields.Command.clear(), *day_commands]})
            year_record.message_post(body=self.env._("Schedule replaced from the imported notice."))
        else:
            year_record = self.env["gov.calendar.year"].create(
                {**vals, "calendar_id": self.calendar_id.id, "year": result.year, "day_ids": day_commands})
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.calendar.year",
            "res_id": year_record.id,
            "view_mode": "form",
            "target": "current",
        }

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import Holiday Notice"),
        }
