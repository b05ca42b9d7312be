from collections import Counter, defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.holiday_notice import parse_notice


class GovCalendarImport(models.TransientModel):
    """Paste the State Council's holiday notice, check what was read, then save the year.

    A notice may reach into the neighbouring year (the 2019 notice gives 元旦 as 30 December 2018 to
    1 January 2019 and works Saturday 29 December 2018): those days go into that year's schedule,
    replacing the same dates, when the year exists; otherwise the check step lists them as not
    saved and the rest is saved.
    """

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
    outside_note = fields.Text(compute="_compute_outside_note", string="Days of Other Years")

    @api.depends("line_ids.kind", "year", "calendar_id")
    def _compute_counts(self):
        for wizard in self:
            kinds = wizard.line_ids.mapped("kind")
            wizard.holiday_count = kinds.count("holiday")
            wizard.workday_count = kinds.count("workday")
            wizard.replaces_existing = wizard.year in wizard.calendar_id.year_ids.mapped("year")

    @api.depends("line_ids.date", "year", "calendar_id")
    def _compute_outside_note(self):
        """Say where the days of a neighbouring year go: its schedule if it exists, else nowhere."""
        for wizard in self:
            known = set(wizard.calendar_id.year_ids.mapped("year"))
            per_year = Counter(line.date.year for line in wizard.line_ids if line.date.year != wizard.year)
            notes = []
            for year, count in sorted(per_year.items()):
                if year in known:
                    notes.append(self.env._(
                        "%(count)s day(s) fall in %(year)s: they are saved in the %(year)s schedule, replacing "
                        "any entry of the same date.", count=count, year=year))
                else:
                    notes.append(self.env._(
                        "%(count)s day(s) fall in %(year)s, which has no schedule: they are not saved. Enter them "
                        "by hand once the year %(year)s exists.", count=count, year=year))
            wizard.outside_note = "\n".join(notes) or False

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
        # a holiday may start in the previous year (元旦 from 30 December): neighbouring years are
        # accepted and saved in their own schedule; anything further away is a mistake in the text
        stray = [d.day for d in result.days if abs(d.day.year - result.year) > 1]
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
        by_year = defaultdict(list)
        for notice_day in result.days:
            by_year[notice_day.day.year].append(notice_day)
        year_record = self._save_year(result.year, by_year.pop(result.year, []))
        unsaved = []
        for year, days in sorted(by_year.items()):
            neighbour = self.calendar_id.year_ids.filtered(lambda y, year=year: y.year == year)
            if neighbour:
                self._save_into_neighbour(neighbour, days, result.year)
            else:
                unsaved += days
        if unsaved:
            year_record.message_post(body=self.env._(
                "Not saved, because their year has no schedule: %s. Enter them by hand in that year.",
                ", ".join(str(d.day) for d in unsaved)))
        return {
            "type": "ir.actions.act_window",
            "res_model": "gov.calendar.year",
            "res_id": year_record.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _day_command(self, notice_day):
        return fields.Command.create({"date": notice_day.day, "kind": notice_day.kind,
                                      "name": notice_day.name or False})

    def _save_year(self, year, days):
        """Replace the schedule of the notice's own year with ``days`` (or create the year)."""
        day_commands = [self._day_command(d) for d in days]
        year_record = self.calendar_id.year_ids.filtered(lambda y: y.year == year)
        vals = {"source": "notice", "notice_text": self.notice_text,
                "notice_reference": self.notice_reference or year_record.notice_reference}
        if year_record:
            year_record.write({**vals, "day_ids": [fields.Command.clear(), *day_commands]})
            year_record.message_post(body=self.env._("Schedule replaced from the imported notice."))
        else:
            year_record = self.env["gov.calendar.year"].create(
                {**vals, "calendar_id": self.calendar_id.id, "year": year, "day_ids": day_commands})
        return year_record

    def _save_into_neighbour(self, neighbour, days, notice_year):
        """Add the days that fall in a neighbouring year to its schedule, replacing the same dates."""
        dates = {d.day for d in days}
        replaced = neighbour.day_ids.filtered(lambda day: day.date in dates)
        neighbour.write({"day_ids": [fields.Command.unlink(day.id) for day in replaced]
                                    + [self._day_command(d) for d in days]})
        neighbour.message_post(body=self.env._(
            "%(dates)s saved from the notice on the %(year)s holidays.",
            dates=", ".join(str(d.day) for d in days), year=notice_year))

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import Holiday Notice"),
        }
