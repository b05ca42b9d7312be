from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common_public import GovPublicCase


@tagged("post_install", "-at_install")
class TestSuggestions(GovPublicCase, TransactionCase):
    """Deputies' suggestions and CPPCC proposals (R14.1): assigned with a time limit, replied through the
    leader in charge's review, the proposer's satisfaction, a second round, public disclosure."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_public()

    def test_assigned_replied_satisfied_and_disclosed_R14_1(self):
        suggestion = self.new_suggestion()
        self.assertEqual(suggestion.time_limit_id, self.policy_reply, "the rule set's time limit by default")
        self.assertEqual(suggestion.state, "draft")
        suggestion.with_user(self.office).action_assign()
        self.assertEqual(suggestion.state, "handling")
        calendar = self.rule_set.calendar_id
        self.assertEqual(suggestion.deadline, calendar.add_working_days(suggestion.assigned_on, 60),
                         "three months counted as the policy's working days")
        self.assertTrue(suggestion.deadline_open)
        self.assertEqual(suggestion.activity_ids.user_id, self.principal, "the responsible person is asked")
        reply = self.reply_approved(suggestion)
        self.assertRecordValues(reply, [{"round": 1, "satisfaction": False, "disclosed": False}])
        self.assertIn("年度改造计划", reply.text)
        self.assertFalse(suggestion.deadline_open, "replied: the time limit no longer runs")
        suggestion.with_user(self.office).action_satisfied()
        self.assertRecordValues(suggestion, [{"state": "done", "satisfaction": "satisfied"}])
        suggestion.with_user(self.office).action_disclose()
        self.assertTrue(reply.disclosed)
        self.assertTrue(suggestion.disclosed)

    def test_not_satisfied_goes_to_a_second_round_R14_1(self):
        suggestion = self.new_suggestion(kind="cppcc", number="第103号")
        suggestion.with_user(self.office).action_assign()
        first = self.reply_approved(suggestion)
        suggestion.with_user(self.office).action_not_satisfied()
        self.assertRecordValues(suggestion, [{"state": "handling", "round": 2, "signoff_state": "draft",
                                              "reply": False, "satisfaction": "unsatisfied"}])
        self.assertEqual(first.satisfaction, "unsatisfied", "the first round's reply is kept with its grade")
        self.assertTrue(suggestion.deadline_open, "the second round has its own time limit")
        second = self.reply_approved(suggestion, "<p>补充答复：年内开工。</p>")
        self.assertEqual(suggestion.reply_ids.sorted("round").mapped("round"), [1, 2])
        self.assertIn("年内开工", second.text)
        suggestion.with_user(self.office).action_basically_satisfied()
        self.assertRecordValues(suggestion, [{"state": "done", "satisfaction": "basic"}])

    def test_satisfaction_before_the_reply_is_refused_R14_1(self):
        suggestion = self.new_suggestion()
        with self.refused(UserError, "No reply to .* has been given yet"):
            suggestion.with_user(self.office).action_satisfied()
        suggestion.with_user(self.office).action_assign()
        with self.refused(UserError, "No reply to .* has been given yet"):
            suggestion.with_user(self.office).action_not_satisfied()
        suggestion.with_user(self.clerk).write({"reply": "<p>草稿</p>"})
        suggestion.with_user(self.clerk).action_signoff_submit()
        with self.refused(UserError, "No reply to .* has been given yet"):
            suggestion.with_user(self.office).action_basically_satisfied()  # under review: not given yet
        self.assertRecordValues(suggestion, [{"state": "review", "round": 1, "satisfaction": False}])
        self.assertFalse(suggestion.reply_ids)

    def test_a_deadline_before_the_start_is_refused_R14_1(self):
        with self.refused(ValidationError, "cannot be due .* before it is assigned"):
            self.new_suggestion(assigned_on=self.today(), due_date=self.today() - timedelta(days=1))
        self.assertFalse(self.env["gov.suggestion"].search([("number", "=", "第112号")]))
        suggestion = self.new_suggestion(due_date=self.today() + timedelta(days=30))
        suggestion.with_user(self.office).action_assign()
        self.assertEqual(suggestion.deadline, self.today() + timedelta(days=30), "a date set by hand wins")

    def test_the_lead_unit_cannot_be_a_co_unit(self):
        with self.refused(ValidationError, "cannot also be a co-unit"):
            self.new_suggestion(co_department_ids=[(6, 0, self.dept_drc.ids)])

    def test_units_see_only_the_suggestions_assigned_to_them_R14_1(self):
        suggestion = self.new_suggestion()
        with self.assertRaises(AccessError):
            suggestion.with_user(self.clerk).read(["name"])  # registered, not assigned yet
        suggestion.with_user(self.office).action_assign()
        self.assertTrue(suggestion.with_user(self.clerk).read(["name"]))
        self.assertTrue(suggestion.with_user(self.finance_clerk).read(["name"]), "a co-unit sees it")
        with self.assertRaises(AccessError):
            suggestion.with_user(self.audit_principal).read(["name"])  # another unit's staff
        self.assertFalse(self.env["gov.suggestion"].with_user(self.audit_principal).search([]))

    def test_units_write_the_reply_only(self):
        suggestion = self.new_suggestion()
        suggestion.with_user(self.office).action_assign()
        with self.refused(UserError, "Only the office"):
            suggestion.with_user(self.clerk).write({"proposer": "别人"})
        with self.refused(UserError, "Only the office"):
            suggestion.with_user(self.clerk).action_satisfied()
        with self.refused(UserError, "Only the office"):
            self.env["gov.suggestion"].with_user(self.clerk).create({
                "name": "x", "session": "s", "number": "1", "proposer": "p", "content": "<p>c</p>"})
        with self.refused(UserError, "Write the reply"):
            suggestion.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(suggestion.proposer, "王代表")

    def test_a_suggestion_followed_as_a_supervision_item_R14_1(self):
        suggestion = self.new_suggestion()
        suggestion.with_user(self.office).action_assign()
        suggestion.with_user(self.office).action_create_item()
        item = suggestion.item_id
        self.assertRecordValues(item, [{"source": "suggestion", "suggestion_id": suggestion.id,
                                        "lead_department_id": self.dept_drc.id}])
        self.assertEqual(item.part_ids.department_id, self.dept_drc | self.dept_finance)
        with self.refused(UserError, "already followed"):
            suggestion.with_user(self.office).action_create_item()
        # from the suggestion to its item and back
        self.assertEqual(suggestion.with_user(self.office).action_open_item()["res_id"], item.id)
        back = item.with_user(self.office).action_open_source()
        self.assertEqual((back["res_model"], back["res_id"]), ("gov.suggestion", suggestion.id))
        item.sudo().write({"state": "closed", "result": "<p>改造完成。</p>"})
        self.assertEqual(suggestion.item_state, "closed")
        self.assertIn("改造完成", suggestion.item_result)
