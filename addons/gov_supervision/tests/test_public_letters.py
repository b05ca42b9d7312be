from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common_public import GovPublicCase


@tagged("post_install", "-at_install")
class TestPublicLetters(GovPublicCase, TransactionCase):
    """Letters from the public (群众来信, R17.1): registered by the office, read and instructed by a leader,
    the instruction becomes a supervision item, whose result the letter shows."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_public()

    def instruct(self, letter, user=None):
        letter = letter.with_user(user or self.deputy_a)
        letter.write({"instruction": "请区发改局牵头，区财政局配合，一个月内解决。",
                      "lead_department_id": self.dept_drc.id, "co_department_ids": [(6, 0, self.dept_finance.ids)]})
        letter.action_instruct()
        return letter

    def test_letter_instructed_becomes_a_supervision_item_R17_1(self):
        letter = self.new_letter()
        self.assertTrue(letter.number and letter.number != "/", "the register numbers the letter")
        self.assertEqual(letter.state, "registered")
        letter.with_user(self.office).action_send_to_leader()
        self.assertEqual(letter.state, "reading")
        self.assertEqual(letter.activity_ids.user_id, self.deputy_a, "the leader is asked to instruct it")
        self.instruct(letter)
        self.assertEqual(letter.state, "instructed")
        self.assertFalse(letter.activity_ids, "the leader's to-do is done")
        item = letter.item_id
        self.assertEqual(len(item), 1)
        self.assertRecordValues(item, [{"source": "letter", "letter_id": letter.id, "leader_id": self.deputy_a.id,
                                        "lead_department_id": self.dept_drc.id, "name": letter.name}])
        self.assertIn("一个月内解决", item.instruction)
        self.assertEqual(item.part_ids.mapped(lambda p: (p.department_id, p.is_lead)),
                         [(self.dept_drc, True), (self.dept_finance, False)])
        # the units assigned see the letter
        self.assertEqual(letter.with_user(self.clerk).read(["name"])[0]["name"], letter.name)
        self.assertTrue(letter.with_user(self.finance_clerk).read(["name"]))
        # the item closes: the letter shows its result
        item.sudo().write({"state": "closed", "result": "<p>已完成排水改造。</p>", "closed_on": self.today()})
        self.assertEqual(letter.state, "done")
        self.assertIn("已完成排水改造", letter.item_result)

    def test_instruction_without_a_date_starts_the_item_at_once_R17_1(self):
        """R17.1: a leader who sets no date still starts the item: its deadline is the rule set's time limit
        in working days, it is assigned to the lead unit and its co-units at once, and the lead unit's
        responsible person gets the to-do."""
        letter = self.new_letter()
        letter.with_user(self.office).action_send_to_leader()
        self.instruct(letter)
        item = letter.item_id
        policy = self.env.ref("gov_supervision.policy_supervision_ordinary")
        deadline = self.rule_set.calendar_id.add_working_days(self.today(), policy.working_days)
        self.assertRecordValues(item, [{"state": "open", "deadline_policy_id": policy.id, "deadline": deadline,
                                        "original_deadline": deadline, "open_date": self.today(),
                                        "responsible_id": self.principal.id}])
        self.assertTrue(item.deadline_open, "the deadline counts from now")
        self.assertEqual(item.part_ids.mapped(lambda p: (p.department_id, p.responsible_id, p.deadline)),
                         [(self.dept_drc, self.principal, deadline),
                          (self.dept_finance, self.finance_principal, deadline)])
        todo = item.sudo().activity_ids.filtered(lambda a: letter.display_name in (a.summary or ""))
        self.assertEqual((todo.user_id, todo.date_deadline), (self.principal, deadline))
        # the lead unit carries it out: its clerk writes the result on the item
        self.assertTrue(item.with_user(self.clerk).is_lead_user)
        # from the letter to its item and back
        self.assertEqual(letter.with_user(self.deputy_a).action_open_item()["res_id"], item.id)
        back = item.with_user(self.clerk).action_open_source()
        self.assertEqual((back["res_model"], back["res_id"]), ("gov.public.letter", letter.id))

    def test_instruction_with_a_date_keeps_the_leaders_date_R17_1(self):
        letter = self.new_letter(due_date=self.today() + timedelta(days=15))
        self.instruct(letter)
        self.assertRecordValues(letter.item_id, [{"state": "open", "deadline": letter.due_date,
                                                  "deadline_policy_id": False}])
        self.assertEqual(set(letter.item_id.part_ids.mapped("deadline")), {letter.due_date})

    def test_another_units_clerk_cannot_instruct_a_letter_R17_1(self):
        """R17.1: only a leader instructs: another unit's clerk, even one the letter concerns, is refused
        and nothing is assigned."""
        letter = self.new_letter()
        letter.with_user(self.office).action_send_to_leader()
        letter.with_user(self.office).write({"lead_department_id": self.dept_drc.id,
                                             "co_department_ids": [(6, 0, self.dept_finance.ids)],
                                             "instruction": "请区发改局牵头办理。"})
        self.assertTrue(letter.with_user(self.finance_clerk).read(["name"]), "the co-unit's clerk reads it")
        with self.assertRaises(AccessError):
            letter.with_user(self.finance_clerk).write({"instruction": "请财政局办理。"})
        with self.refused(UserError, "Only a leader"):
            letter.with_user(self.finance_clerk).action_instruct()
        self.assertEqual(letter.state, "reading")
        self.assertFalse(letter.item_ids)

    def test_a_clerk_cannot_instruct_a_letter_R17_1(self):
        letter = self.new_letter()
        letter.with_user(self.office).action_send_to_leader()
        with self.assertRaises(AccessError):
            self.instruct(letter, user=self.clerk)  # a clerk may not even write the instruction
        with self.refused(UserError, "Only a leader"):
            letter.with_user(self.clerk).action_instruct()
        with self.refused(UserError, "Only a leader"):
            letter.with_user(self.office).action_instruct()
        self.assertEqual(letter.state, "reading")
        self.assertFalse(self.env["gov.supervision.item"].search([("letter_id", "=", letter.id)]))

    def test_only_the_office_registers_and_other_units_do_not_read_R17_1(self):
        with self.refused(UserError, "Only the office registers letters"):
            self.env["gov.public.letter"].with_user(self.clerk).create({
                "name": "来信", "sender_name": "张三", "content": "<p>内容</p>"})
        letter = self.new_letter()
        with self.assertRaises(AccessError):
            letter.with_user(self.clerk).read(["name"])  # not assigned to his unit yet
        self.instruct(letter)
        with self.assertRaises(AccessError):
            letter.with_user(self.audit_principal).read(["name"])  # another unit's staff

    def test_instruction_needs_text_and_a_unit(self):
        letter = self.new_letter()
        with self.refused(UserError, "Write the instruction"):
            letter.with_user(self.deputy_a).action_instruct()
        letter.with_user(self.deputy_a).instruction = "请办理。"
        with self.refused(UserError, "Name the unit"):
            letter.with_user(self.deputy_a).action_instruct()
        with self.refused(ValidationError, "cannot also be a co-unit"):
            letter.with_user(self.deputy_a).write({
                "lead_department_id": self.dept_drc.id, "co_department_ids": [(6, 0, self.dept_drc.ids)]})
        with self.refused(ValidationError, "cannot be due .* before the letter was received"):
            letter.with_user(self.deputy_a).due_date = letter.received_on - timedelta(days=1)
        self.assertFalse(letter.item_ids)
        self.assertEqual(letter.state, "registered")

    def test_a_letter_is_instructed_once(self):
        letter = self.new_letter()
        self.instruct(letter)
        with self.refused(UserError, "already instructed"):
            letter.with_user(self.deputy_b).action_instruct()
        self.assertEqual(len(letter.item_ids), 1)
