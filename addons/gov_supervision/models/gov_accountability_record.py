from odoo import api, fields, models
from odoo.exceptions import UserError


class GovAccountabilityRecord(models.Model):
    """The accountability record of a major decision (终身责任追究, R35.1): who proposed it, who reviewed it
    and who decided it, taken from the engine's decision log of the item (a supervision item, an
    inspection, a document, an agenda topic …). Permanent: nobody, the administrator included, changes or
    deletes it."""

    _name = "gov.accountability.record"
    _description = "Accountability Record"
    _order = "decided_on desc, id desc"

    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", required=True, readonly=True,
                                      index=True)
    res_name = fields.Char(string="Decision", readonly=True)
    proposed_by_id = fields.Many2one("res.users", string="Proposed by", readonly=True, index=True,
                                     ondelete="restrict")
    reviewer_ids = fields.Many2many("res.users", "gov_accountability_record_reviewer_rel", "record_id", "user_id",
                                    string="Reviewed by", readonly=True)
    decided_by_id = fields.Many2one("res.users", string="Decided by", readonly=True, index=True,
                                    ondelete="restrict")
    decided_on = fields.Datetime(readonly=True, index=True)
    log_ids = fields.Many2many("gov.signoff.log", "gov_accountability_record_log_rel", "record_id", "log_id",
                               string="Decision Log", readonly=True)
    summary = fields.Text(readonly=True)

    _record_uniq = models.Constraint("UNIQUE(res_model, res_id, decided_on)",
                                     "This decision already has its accountability record.")

    @api.model
    def _gov_record_for(self, records):
        """Record who proposed, reviewed and decided each of ``records`` from its decision log: the last
        submission, the approvals that followed it, the last of them being the decision (R35.1)."""
        # sudo: the log is read by the system for the record, whoever asks for it
        logs = self.env["gov.signoff.log"].sudo().search(
            [("res_model", "=", records._name), ("res_id", "in", records.ids)], order="date, id")
        created = self.browse()
        for record in records:
            entries = logs.filtered(lambda log, r=record: log.res_id == r.id)
            submissions = entries.filtered(lambda log: log.action == "submit")
            if not submissions:
                raise UserError(self.env._("“%s” was never submitted: there is no decision to record.",
                                           record.display_name))
            last = submissions[-1]
            after = entries.filtered(lambda log, last=last: (log.date, log.id) >= (last.date, last.id))
            approvals = after.filtered(lambda log: log.action in ("approve", "consent"))
            if not approvals or record.signoff_state != "approved":
                raise UserError(self.env._("“%s” is not decided yet: its accountability record is kept once it is "
                                           "approved.", record.display_name))
            decision = approvals[-1]
            # sudo: the record is written by the system only, never by users directly (R35.1)
            created |= self.sudo().create({
                "res_model": record._name, "res_id": record.id, "res_name": record.display_name,
                "proposed_by_id": last.user_id.id,
                "reviewer_ids": [fields.Command.set((approvals - decision).user_id.ids)],
                "decided_by_id": decision.user_id.id, "decided_on": decision.date,
                "log_ids": [fields.Command.set(after.ids)],
                "summary": "\n".join(f"{log.date} · {log.step_name or ''} · {log.user_id.name}"
                                     f"{' — ' + log.opinion if log.opinion else ''}" for log in after),
            })
        return created.with_env(self.env)

    @api.model
    def action_record_for(self, model, ids):
        """The office keeps the accountability record of major decisions (the Action menu of their forms)."""
        if not self.env.user.has_group("gov_rules.group_gov_office") and not self.env.user.gov_supervision_officer:
            raise UserError(self.env._("Only the office or the supervision office keeps accountability records."))
        records = self.env[model].browse(ids)
        records.check_access("read")
        created = self._gov_record_for(records)
        return {"type": "ir.actions.act_window", "name": self.env._("Accountability Records"),
                "res_model": self._name, "view_mode": "list,form", "domain": [("id", "in", created.ids)]}

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("Accountability records are permanent: they cannot be changed (R35.1)."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Accountability records are permanent: they cannot be deleted (R35.1)."))

    def action_open_record(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self.res_model, "res_id": self.res_id,
                "view_mode": "form"}
