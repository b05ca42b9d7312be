import logging
from datetime import date

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL

from ..lib.district_time import district_today

_logger = logging.getLogger(__name__)


class GovDeadlineMixin(models.AbstractModel):
    """A deadline in working days from a policy, and the escalation ladder that follows it.

    Inheriting models set ``deadline_start`` and ``deadline_policy_id``; ``deadline`` is stored
    and indexed for lists, automations (base_automation) and the escalation cron. While the
    deadline lies in a year without a holiday schedule it is provisional and is recomputed when
    that year is entered. ``deadline_open`` is False once the item no longer waits.
    """

    _name = "gov.deadline.mixin"
    _description = "Working-Day Deadline"

    deadline_policy_id = fields.Many2one("gov.deadline.policy", string="Time Limit", index=True)
    deadline_start = fields.Date(string="Counting From")
    # computed before the row is inserted (precompute): no update right after each creation
    deadline = fields.Date(compute="_compute_deadline", store=True, index=True, readonly=False, precompute=True)
    deadline_provisional = fields.Boolean(compute="_compute_deadline", store=True, index=True, precompute=True,
                                          help="The deadline falls in a year without a holiday schedule yet.")
    deadline_open = fields.Boolean(default=False, index=True, copy=False,
                                   help="The item is waiting: reminders and escalation apply.")
    escalation_offset_done = fields.Integer(default=-1000, copy=False, index=True,
                                            help="Working-day offset of the last escalation step done.")

    # not on the policy's working days: an item keeps the limit it started with (R44.1)
    @api.depends("deadline_start", "deadline_policy_id")
    def _compute_deadline(self):
        for record in self:
            if record.deadline_start and record.deadline_policy_id:
                record.deadline, record.deadline_provisional = record.deadline_policy_id._deadline_from(
                    record.deadline_start)
            else:
                record.deadline_provisional = False

    @api.model
    def _deadline_models(self):
        return [name for name, model in self.env.registry.items()
                if not model._abstract and issubclass(model, self.env.registry[self._name])
                and model._auto]

    @api.model
    def _recompute_provisional_deadlines(self, years=None):
        """The working days of ``years`` changed: the deadlines counted across them may move.

        A year counts as configured as soon as its record exists, even before any day is entered,
        so its deadlines stop being provisional at once; the days entered afterwards (by hand or
        by the notice import) must still move them. Hence every open item, and every provisional
        one, whose period ``deadline_start``..``deadline`` touches one of ``years`` is recomputed,
        in one search per model. Without ``years``, every provisional deadline is recomputed.
        """
        if years is None:
            domain = Domain("deadline_provisional", "=", True)
        elif not years:
            return
        else:
            touches = Domain.OR(Domain("deadline_start", "<=", date(year, 12, 31))
                                & Domain("deadline", ">=", date(year, 1, 1)) for year in sorted(years))
            domain = touches & (Domain("deadline_open", "=", True) | Domain("deadline_provisional", "=", True))
        for model_name in self._deadline_models():
            # sudo: a calendar change moves every deadline it touches, whoever may read the item
            records = self.env[model_name].sudo().search(domain)
            if records:
                self.env.add_to_compute(records._fields["deadline"], records)
                self.env.add_to_compute(records._fields["deadline_provisional"], records)
                records.flush_recordset(["deadline", "deadline_provisional"])

    def _gov_escalation_claim(self):
        """The items of this batch that this run of the escalation takes: their rows stay locked until
        it commits, so that a second run at the same moment (another server, a copy of the scheduled
        action, a run from a shell) leaves them alone instead of taking the same step again.

        An item another run holds is skipped (``SKIP LOCKED``), and so is one that changed since this
        run's snapshot was taken (REPEATABLE READ refuses to lock it): the step was just taken on it,
        or a decision moved it; the next run sees it as it is now.
        """
        if not self:
            return self
        try:
            with self.env.cr.savepoint(flush=False):
                return self._gov_escalation_lock()
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as error:
            # one of them changed meanwhile: find which, one query per item (only after such a clash)
            _logger.info("Escalation: one of %s %s changed since the run began: %s", len(self), self._name, error)
        claimed = self.browse()
        for record in self:
            try:
                with self.env.cr.savepoint(flush=False):
                    claimed |= record._gov_escalation_lock()
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                _logger.info("Escalation: %s %s is left to the next run", self._name, record.id)
        return claimed

    def _gov_escalation_lock(self):
        """Lock these items' rows for this run, skipping those another run holds; raises a serialization
        error when one changed since this run's snapshot (the caller holds a savepoint)."""
        if not self:
            return self
        self.env.cr.execute(SQL("SELECT id FROM %s WHERE id IN %s ORDER BY id FOR NO KEY UPDATE SKIP LOCKED",
                                SQL.identifier(self._table), tuple(self.ids)), log_exceptions=False)
        return self.browse(row[0] for row in self.env.cr.fetchall())

    @api.model
    def _gov_add_followers(self, followers):
        """Whoever gets an activity follows the item, as mail does it (mail's own subscription is skipped
        for these activities, context key gov_followers_added): ``followers`` = {model: {res_id: partner ids}},
        the partners of active internal users, with the model's default subtypes (mail's default for
        internal users). One statement per model inserts the followers not following yet and their
        subtypes, instead of a search and two inserts through mail.followers."""
        for model_name, by_record in followers.items():
            pairs = [(res_id, partner_id) for res_id, partner_ids in by_record.items() for partner_id in partner_ids]
            if not pairs:
                continue
            subtypes = self.env["mail.message.subtype"].sudo().default_subtypes(model_name)[0]
            self.env["mail.followers"].flush_model()
            self.env.cr.execute(SQL("""
                WITH new AS (
                    INSERT INTO mail_followers (res_model, res_id, partner_id)
                    SELECT %s, res_id, partner_id FROM unnest(%s::int[], %s::int[]) AS pair(res_id, partner_id)
                    ON CONFLICT DO NOTHING
                    RETURNING id)
                INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id, mail_message_subtype_id)
                SELECT new.id, subtype_id FROM new, unnest(%s::int[]) AS subtype(subtype_id)
                ON CONFLICT DO NOTHING""", model_name, [pair[0] for pair in pairs], [pair[1] for pair in pairs],
                subtypes.ids))
            # the followers were added under the ORM: read them again
            self.env["mail.followers"].invalidate_model()
            model = self.env[model_name]
            model.browse(list(by_record)).invalidate_recordset(
                [name for name in ("message_follower_ids", "message_partner_ids", "message_is_follower")
                 if name in model._fields])

    def _gov_reset_escalation(self):
        self.write({"escalation_offset_done": -1000})

    # ------------------------------------------------------------------
    # Hooks for the escalation ladder
    # ------------------------------------------------------------------
    def _gov_escalation_owners(self):
        """{record: users} who own each item (reminded before, notified at the deadline)."""
        return {record: self.env["res.users"] for record in self}

    def _gov_escalation_leaders(self):
        """{record: users}: the leader in charge of each item, told when it is escalated."""
        return {record: self.env["res.users"] for record in self}

    def _gov_escalation_document(self):
        """{record: business record} that carries activities and messages for each item."""
        return {record: record for record in self}

    def _gov_escalation_office(self):
        """The office's users (not the administrators): they urge and supervise (R28.3)."""
        return self.env.ref("gov_rules.group_gov_office").all_user_ids.filtered(
            lambda user: not user.has_group("gov_rules.group_gov_admin"))

    def _gov_escalation_told(self, step):
        """{record: users} named by the step's role (the head, the executive deputy, a group …), resolved for
        the whole batch as a route step resolves it, and who acts for each of them today (R5.3, R5.4):
        one resolution per position, area and unit and one search of the day's absences per batch."""
        today = district_today(self)
        role = step.notify_role
        documents = self._gov_escalation_document()
        holders = {}
        for model_name in {document._name for document in documents.values() if document}:
            records = self.env[model_name].browse(
                {document.id for document in documents.values() if document and document._name == model_name})
            holders.update(self.env["gov.position"]._role_holders(
                role, records, today, group=step.notify_group_id, user=step.notify_user_id))
        if role == "group":
            return {record: holders.get(documents[record], self.env["res.users"]) for record in self}
        who_acts = self.env["gov.absence"]._who_acts(today)
        return {record: who_acts(holders.get(documents[record], self.env["res.users"])[:1]) for record in self}

    def _gov_escalation_notify(self, step):
        """Activities for the owner / office / leader / the role the step names, created in one batch.

        A rung gives each person one activity per item, whichever deadlines (the item's own and its
        step's) reached it: an activity of the step still open on the item, found by its type and the
        step, is not repeated. Each summary is in its reader's language. The activities' stored
        document name and time zone are given with them, so that creating them costs no update afterwards.
        """
        empty = self.env["res.users"]
        office = self._gov_escalation_office() if step.notify_office else empty
        owners = self._gov_escalation_owners() if step.notify_owner else {}
        leaders = self._gov_escalation_leaders() if step.notify_leader else {}
        told = self._gov_escalation_told(step) if step.notify_role else {}
        documents = self._gov_escalation_document()
        activity_type_id = self.env["ir.model.data"]._xmlid_to_res_id("gov_rules.mail_activity_type_gov_deadline")
        today = district_today(self)
        # {(model, item, user): (record, document, user)}: each person once per item, the first record wins
        wanted = {}
        for record in self:
            document = documents[record]
            if not document or "activity_ids" not in document._fields:
                continue
            users = owners.get(record, empty) | leaders.get(record, empty) | office | told.get(record, empty)
            for user in users:
                wanted.setdefault((document._name, document.id, user.id), (record, document, user))
        if not wanted:
            return
        given = self._gov_escalation_given(step, activity_type_id, wanted)
        summaries = {}
        model_ids = {}
        names = {}
        vals_list = []
        for key, (record, document, user) in wanted.items():
            if key in given:
                continue
            model_id = model_ids.setdefault(document._name, self.env["ir.model"]._get_id(document._name))
            if document not in names:
                # sudo: the activity's document name is read by the system (compute_sudo on mail.activity)
                names[document] = document.sudo().display_name
            lang = user.lang or self.env.lang
            if lang not in summaries:
                summaries[lang] = step.with_context(lang=lang).summary
            vals_list.append({
                "res_model_id": model_id, "res_id": document.id, "res_name": names[document], "user_id": user.id,
                "user_tz": user.tz, "activity_type_id": activity_type_id, "summary": summaries[lang],
                "gov_escalation_step_id": step.id, "date_deadline": record.deadline or today,
            })
        if vals_list:
            # sudo: the scheduler acts (rules: the office reminds and escalates, R28.3), whoever may read the item;
            # the followers were added by _gov_escalation_given
            self.env["mail.activity"].sudo().with_context(
                mail_activity_quick_update=True, gov_followers_added=True).create(vals_list)

    def _gov_escalation_given(self, step, activity_type_id, wanted):
        """The (model, item, user) of ``wanted`` who already have an open activity of ``step`` on the item
        (found by its type and the step); the others follow the item from now on, as mail makes whoever
        gets an activity follow it. One statement per model finds the first and subscribes the others
        (the partners of active users, with the model's default subtypes, as for internal users)."""
        users = self.env["res.users"].union(*(user for _record, _document, user in wanted.values()))
        active_partners = set(users.partner_id.filtered("active").ids)  # read for all the users at once
        by_model = {}
        for (model_name, res_id, user_id), (_record, _document, user) in wanted.items():
            partner_id = user.partner_id.id
            by_model.setdefault(model_name, []).append(
                (res_id, user_id, partner_id if partner_id in active_partners else None))
        self.env["mail.activity"].flush_model()
        self.env["mail.followers"].flush_model()
        given = set()
        for model_name, rows in by_model.items():
            subtypes = self.env["mail.message.subtype"].sudo().default_subtypes(model_name)[0]
            self.env.cr.execute(SQL("""
                WITH pair AS (
                    SELECT * FROM unnest(%s::int[], %s::int[], %s::int[]) AS pair(res_id, user_id, partner_id)),
                given AS (
                    SELECT activity.res_id, activity.user_id FROM mail_activity activity
                    WHERE activity.res_model = %s AND activity.res_id IN (SELECT res_id FROM pair)
                      AND activity.gov_escalation_step_id = %s AND activity.activity_type_id = %s
                      AND activity.active),
                follower AS (
                    INSERT INTO mail_followers (res_model, res_id, partner_id)
                    SELECT DISTINCT %s, pair.res_id, pair.partner_id FROM pair
                    WHERE pair.partner_id IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM given WHERE given.res_id = pair.res_id AND given.user_id = pair.user_id)
                    ON CONFLICT DO NOTHING
                    RETURNING id),
                subtype AS (
                    INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id, mail_message_subtype_id)
                    SELECT follower.id, subtype_id FROM follower, unnest(%s::int[]) AS subtype_id
                    ON CONFLICT DO NOTHING)
                SELECT res_id, user_id FROM given""",
                [row[0] for row in rows], [row[1] for row in rows], [row[2] for row in rows], model_name, step.id,
                activity_type_id, model_name, subtypes.ids))
            given.update((model_name, res_id, user_id) for res_id, user_id in self.env.cr.fetchall())
            # the followers were added under the ORM: read them again
            self.env["mail.followers"].invalidate_model()
            model = self.env[model_name]
            model.browse({row[0] for row in rows}).invalidate_recordset(
                [name for name in ("message_follower_ids", "message_partner_ids", "message_is_follower")
                 if name in model._fields])
        return given

    def _gov_escalation_terminal(self, step):
        """The step's terminal action (consent, close, return) on these items. Models implement the
        actions that apply to their items; here none does, and the office is told rather than the
        action being dropped silently."""
        label = dict(step._fields["terminal_action"]._description_selection(self.env))[step.terminal_action]
        for record in self:
            record._gov_escalation_warn(self.env._(
                "The automatic step “%(step)s” (%(action)s) does not apply to this item; the office handles it "
                "by hand.", step=step.summary, action=label))

    def _gov_escalation_warn(self, body):
        """A note on the item's business record for the office: what the scheduler could not do."""
        self.ensure_one()
        document = self._gov_escalation_document()[self]
        if document and "message_ids" in document._fields:
            # sudo: the scheduler leaves the note, whoever may read the item
            document.sudo().message_post(body=body, subtype_xmlid="mail.mt_note",
                                         partner_ids=self._gov_escalation_office().partner_id.ids)

    @api.model
    def _gov_escalation_check_policies(self, policies):
        """Raise a ValidationError if the ladder of one of ``policies`` takes a terminal action that
        this model's items cannot take (called when time limits or ladders change)."""
