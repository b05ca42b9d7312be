from odoo import api, fields, models
from odoo.addons.gov_rules.lib.checks import check_not_blank
from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

LETTER_STATES = [
    ("registered", "Registered"),
    ("reading", "With the Leader"),
    ("instructed", "Instructed"),
    ("done", "Result Given"),
]
# the time limit of an instruction that names no date: the rule set's ordinary supervision item (R17.1, R31.1)
ITEM_POLICY_CODE = "supervision_ordinary"


class GovPublicLetter(models.Model):
    """A letter from the public (群众来信, R17.1): the office registers it and sends it to a leader, who
    reads and instructs it (阅批); the instruction becomes a supervision item, whose result the letter shows
    once the item is closed."""

    _name = "gov.public.letter"
    _description = "Letter from the Public"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.supervision.source.mixin"]
    _order = "received_on desc, id desc"
    _gov_item_source = "letter"
    _gov_item_link_field = "letter_id"

    number = fields.Char(readonly=True, copy=False, index=True, default="/", tracking=True)
    name = fields.Char(string="Subject", required=True, tracking=True)
    sender_name = fields.Char(string="Sender", required=True, tracking=True)
    sender_contact = fields.Char(string="Sender's Address or Phone")
    received_on = fields.Date(required=True, index=True, default=lambda self: district_today(self), tracking=True)
    content = fields.Html(required=True)
    attachment_ids = fields.Many2many("ir.attachment", "gov_public_letter_attachment_rel", "letter_id",
                                      "attachment_id", string="Attachments")
    registered_by_id = fields.Many2one("res.users", readonly=True, copy=False, default=lambda self: self.env.user)
    leader_id = fields.Many2one(
        "res.users", string="Leader to Instruct", index=True, tracking=True,
        domain=lambda self: [("all_group_ids", "in", self.env.ref("gov_rules.group_gov_leader").ids)])
    sent_on = fields.Date(string="Sent to the Leader on", readonly=True, copy=False)
    # the leader's instruction (阅批)
    instruction = fields.Text(tracking=True)
    instructed_by_id = fields.Many2one("res.users", string="Instructed by", readonly=True, copy=False, index=True)
    instructed_on = fields.Date(readonly=True, copy=False, index=True)
    lead_department_id = fields.Many2one("hr.department", string="Lead Unit (牵头)", index=True, tracking=True)
    co_department_ids = fields.Many2many("hr.department", "gov_public_letter_co_department_rel", "letter_id",
                                         "department_id", string="Co-units (协办)")
    due_date = fields.Date(string="To Be Done by", tracking=True, help="The deadline the leader sets, if any.")
    item_ids = fields.One2many("gov.supervision.item", "letter_id", string="Supervision Items")
    item_id = fields.Many2one("gov.supervision.item", compute="_compute_item", store=True, index="btree_not_null",
                              string="Supervision Item")
    item_state = fields.Selection(related="item_id.state", string="Item State")
    item_result = fields.Html(related="item_id.result", string="Result")
    item_closed_on = fields.Date(related="item_id.closed_on", string="Closed on")
    state = fields.Selection(LETTER_STATES, compute="_compute_state", store=True, index=True, tracking=True,
                             group_expand=True, default="registered")
    can_instruct = fields.Boolean(compute="_compute_can_instruct")

    _number_uniq = models.Constraint("UNIQUE(number)", "Each letter has its own number.")

    @api.depends("sent_on", "instructed_on", "item_ids.state")
    def _compute_state(self):
        for letter in self:
            if letter.item_ids and all(item.state == "closed" for item in letter.item_ids):
                letter.state = "done"
            elif letter.instructed_on:
                letter.state = "instructed"
            elif letter.sent_on:
                letter.state = "reading"
            else:
                letter.state = "registered"

    @api.depends_context("uid")
    @api.depends("state", "leader_id")
    def _compute_can_instruct(self):
        for letter in self:
            letter.can_instruct = letter.state in ("registered", "reading") and letter._gov_may_instruct()

    def _gov_may_instruct(self):
        """A leader instructs a letter: the leader it was given to (or who stands in for him today); a letter
        given to no leader yet, any leader."""
        self.ensure_one()
        user = self.env.user
        if not user.has_group("gov_rules.group_gov_leader"):
            return False
        if not self.leader_id:
            return True
        acting = self.env["gov.absence"]._who_acts(district_today(self))
        return user in (self.leader_id, acting(self.leader_id))

    @api.constrains("name", "sender_name")
    def _check_not_blank(self):
        check_not_blank(self, "name", "sender_name")

    @api.constrains("due_date", "received_on")
    def _check_due_date(self):
        for letter in self:
            if letter.due_date and letter.due_date < letter.received_on:
                raise ValidationError(self.env._(
                    "The instruction on %(letter)s cannot be due (%(due)s) before the letter was received (%(start)s).",
                    letter=letter.display_name, due=format_date(self.env, letter.due_date),
                    start=format_date(self.env, letter.received_on)))

    @api.constrains("lead_department_id", "co_department_ids")
    def _check_co_units(self):
        for letter in self:
            if letter.lead_department_id and letter.lead_department_id in letter.co_department_ids:
                raise ValidationError(self.env._("%s leads the handling of this letter; it cannot also be a co-unit.",
                                                 letter.lead_department_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_office()
        for vals in vals_list:
            if vals.get("number", "/") == "/":
                # sudo: the register's sequence is configuration; the office numbers letters without reading it
                vals["number"] = self.env["ir.sequence"].sudo().next_by_code("gov.public.letter") or "/"
        return super().create(vals_list)

    def _check_office(self):
        if not self.env.su and not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office registers letters from the public."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_send_to_leader(self):
        """The office sends the letter to the leader who reads it: an activity asks him to instruct it."""
        self._check_office()
        for letter in self:
            if letter.state != "registered":
                raise UserError(self.env._("%s was already sent to a leader.", letter.display_name))
            if not letter.leader_id:
                raise UserError(self.env._("Choose the leader who reads and instructs %s.", letter.display_name))
            letter.sent_on = district_today(self)
            in_lang = letter.with_context(lang=letter.leader_id.lang or self.env.lang)
            in_lang.activity_schedule("mail.mail_activity_data_todo", user_id=letter.leader_id.id,
                                      summary=in_lang.env._("Read and instruct this letter (阅批)"))
        return True

    def action_instruct(self):
        """The leader's instruction (阅批, R17.1): it becomes a supervision item of the units named, assigned
        to them at once: by the date the leader sets, else within the rule set's time limit (working days)."""
        if not self.env.user.has_group("gov_rules.group_gov_leader"):
            raise UserError(self.env._("Only a leader reads and instructs letters from the public."))
        items = self.env["gov.supervision.item"]
        for letter in self:
            if letter.state not in ("registered", "reading"):
                raise UserError(self.env._("%s was already instructed.", letter.display_name))
            if not letter._gov_may_instruct():
                raise AccessError(self.env._("%(letter)s is given to %(leader)s: only he instructs it (R17.1).",
                                             letter=letter.display_name, leader=letter.leader_id.name))
            if not (letter.instruction or "").strip():
                raise UserError(self.env._("Write the instruction on %s before confirming it.", letter.display_name))
            if not letter.lead_department_id:
                raise UserError(self.env._("Name the unit that carries out the instruction on %s.",
                                           letter.display_name))
            letter.write({"instructed_by_id": self.env.user.id, "instructed_on": district_today(self),
                          "leader_id": letter.leader_id.id or self.env.user.id})
            item = items._create_from_source(letter)
            letter._gov_ask_lead_unit(item)
            items |= item
            letter.activity_feedback(["mail.mail_activity_data_todo"], user_id=self.env.user.id,
                                     feedback=self.env._("Instructed"))
        return True

    def _gov_ask_lead_unit(self, item):
        """The item is assigned: its responsible person in the lead unit is asked to carry it out by its
        deadline (a to-do, in his language)."""
        self.ensure_one()
        user = item.responsible_id
        if item.state != "open" or not user:
            return
        in_lang = item.with_context(lang=user.lang or self.env.lang)
        # sudo: the system asks the lead unit, whoever instructed the letter
        in_lang.sudo().activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=item.deadline, user_id=user.id,
            summary=in_lang.env._("Carry out the instruction on the letter %s", self.display_name))

    def _gov_item_deadline_values(self):
        """The leader's date, else the rule set's time limit in working days: the item starts at once."""
        if self.due_date:
            return {"deadline": self.due_date}
        policy = self.env["gov.rule.set"]._current(self.lead_department_id)._policy(ITEM_POLICY_CODE)
        return {"deadline_policy_id": policy.id}

    def _gov_item_co_responsible(self, unit):
        return unit.gov_principal_id

    def _gov_item_own_values(self):
        return {"instruction": self.instruction, "leader_id": self.instructed_by_id.id}

    def _compute_display_name(self):
        for letter in self:
            letter.display_name = f"[{letter.number}] {letter.name}" if letter.number not in (False, "/") \
                else letter.name
