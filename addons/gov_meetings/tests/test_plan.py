from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.addons.gov_rules.tests.common_org import GovOrgCase
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

# a year of its own: the demo data holds next year's plan
YEAR = 2031


@tagged("post_install", "-at_install")
class TestMeetingPlan(GovOrgCase):
    """The annual plan of district-wide meetings (R26.1), its naming rule (R26.2) and limits (R26.3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dept_office = cls.env["hr.department"].create({
            "name": "区政府办公室", "gov_unit_kind": "office", "gov_principal_id": cls.office_director.id})
        for user in (cls.office_director, cls.office_deputy):
            cls.env["hr.employee"].create({"name": user.name, "user_id": user.id,
                                           "department_id": cls.dept_office.id})
        cls.cat_government = cls.env.ref("gov_meetings.meeting_category_government")
        cls.cat_government_name = cls.env.ref("gov_meetings.meeting_category_government_name")
        cls.cat_system = cls.env.ref("gov_meetings.meeting_category_system")
        cls.limit_government_name = cls.env.ref("gov_meetings.meeting_limit_government_name")
        # the comprehensive departments of this organisation, marked on the unit (R26.3)
        (cls.dept_drc | cls.dept_finance).gov_comprehensive = True
        cls.plan = cls.env["gov.meeting.plan"].with_user(cls.office_director).create({
            "year": YEAR, "department_id": cls.dept_office.id,
            "date_due": fields.Date.today() + timedelta(days=9)})

    def submission(self, department):
        return self.plan.submission_ids.filtered(lambda s: s.department_id == department)

    def add_line(self, user=None, department=None, **values):
        vals = {"plan_id": self.plan.id, "department_id": (department or self.dept_drc).id,
                "category_id": self.cat_government_name.id, "name": "全区发展改革工作会议", "month": 3, "days": 1,
                "participants": "各镇街、区直部门主要负责人", **values}
        return self.env["gov.meeting.plan.line"].with_user(user or self.clerk).create(vals)

    def reminders(self, submissions):
        return self.env["mail.activity"].search([
            ("res_model", "=", "gov.meeting.plan.submission"), ("res_id", "in", submissions.ids),
            ("activity_type_id", "=", self.env.ref("gov_meetings.mail_activity_type_gov_meeting_plan_list").id)])

    def approve_plan(self):
        self.plan.with_user(self.office_director).action_signoff_submit()
        self.plan.with_user(self.exec_deputy).action_signoff_approve()
        self.plan.with_user(self.head).action_signoff_approve()

    # ------------------------------------------------------------------
    # R26.1: collecting the units' lists, review and approval through the engine
    # ------------------------------------------------------------------
    def test_collection_asks_every_unit_once_and_clears_when_sent_R26_1(self):
        self.plan.with_user(self.office_director).action_open_collection()
        self.assertEqual(self.plan.state, "collecting")
        units = self.dept_drc | self.dept_finance | self.dept_audit | self.dept_office
        self.assertLessEqual(units, self.plan.submission_ids.department_id, "every unit is asked for its list")
        self.assertEqual(len(self.plan.submission_ids), len(self.plan.submission_ids.department_id))
        # one to-do per unit principal, due when the lists are
        drc, finance = self.submission(self.dept_drc), self.submission(self.dept_finance)
        self.assertEqual(self.reminders(drc).user_id, self.principal)
        self.assertEqual(self.reminders(finance).user_id, self.finance_principal)
        self.assertEqual(self.reminders(drc).date_deadline, self.plan.date_due)
        self.assertIn(str(YEAR), self.reminders(drc).summary)
        with self.refused(UserError, "already open"):
            self.plan.with_user(self.office_director).action_open_collection()
        self.assertEqual(len(self.reminders(drc)), 1)

        # the unit's clerk adds its meeting and sends the list: its to-do goes, the others stay
        line = self.add_line()
        self.assertEqual(line.submission_id, drc)
        self.assertEqual(line.logistics_department_id, self.dept_drc, "in the government's name: the unit")
        drc.with_user(self.clerk).action_send()
        self.assertEqual((drc.state, line.state), ("sent", "sent"))
        self.assertFalse(self.reminders(drc))
        self.assertTrue(self.reminders(finance))
        self.assertEqual(self.plan.sent_count, 1)
        self.assertEqual(self.plan.missing_count, len(self.plan.submission_ids) - 1)

        # the office submits; the executive deputy reviews, the head approves (R26.1)
        self.plan.with_user(self.office_director).action_signoff_submit()
        self.assertEqual(self.plan.state, "review")
        self.assertEqual(self.pending(self.plan).user_ids, self.exec_deputy)
        self.plan.with_user(self.exec_deputy).action_signoff_approve()
        self.assertEqual(self.pending(self.plan).user_ids, self.head)
        self.plan.with_user(self.head).action_signoff_approve()
        self.assertEqual((self.plan.state, line.state), ("approved", "approved"))
        self.assertFalse(self.reminders(finance), "a list never sent has nothing left to do once the plan is approved")

    def test_reminders_in_each_principals_language_R26_1(self):
        self._read_in_chinese(["gov_meetings"], self.finance_principal)
        self.plan.with_user(self.office_director).action_open_collection()
        self.assertEqual(self.reminders(self.submission(self.dept_finance)).summary, f"请报送本单位{YEAR}年度会议计划")
        self.assertEqual(self.reminders(self.submission(self.dept_drc)).summary,
                         f"Send your unit's meeting list for {YEAR}")

    def test_office_defines_the_logistics_of_government_meetings_R26_2(self):
        self.plan.with_user(self.office_director).action_open_collection()
        line = self.add_line(category_id=self.cat_government.id, name="东昌区安全生产工作会议")
        self.assertEqual(line.logistics_department_id, self.dept_office, "organised by the government: the office")

    def test_plan_goes_to_review_only_with_a_list_and_by_the_office_R26_1(self):
        with self.refused(UserError, "once the units' lists are collected"):
            self.plan.with_user(self.office_director).action_signoff_submit()
        with self.refused(UserError, "Only the government office"):
            self.plan.with_user(self.clerk).action_open_collection()
        self.plan.with_user(self.office_director).action_open_collection()
        with self.refused(UserError, "No unit has sent its list"):
            self.plan.with_user(self.office_director).action_signoff_submit()

    def test_deputy_cannot_approve_as_the_head_R26_1(self):
        self.plan.with_user(self.office_director).action_open_collection()
        self.add_line()
        self.submission(self.dept_drc).with_user(self.clerk).action_send()
        self.plan.with_user(self.office_director).action_signoff_submit()
        with self.refused(UserError, "not waiting for you"):
            self.plan.with_user(self.deputy_a).action_signoff_approve()
        self.plan.with_user(self.exec_deputy).action_signoff_approve()
        with self.refused(UserError, "not waiting for you"):
            self.plan.with_user(self.exec_deputy).action_signoff_approve()
        self.assertEqual(self.plan.state, "review")

    def test_other_units_clerk_cannot_change_a_units_list_R26_1(self):
        self.plan.with_user(self.office_director).action_open_collection()
        line = self.add_line()
        drc = self.submission(self.dept_drc)
        with self.assertRaises(AccessError):
            line.with_user(self.finance_clerk).write({"days": 2})
        with self.assertRaises(AccessError):
            self.add_line(user=self.finance_clerk)
        with self.refused(UserError, "Only 区发改局 or the office"):
            drc.with_user(self.finance_clerk).action_send()
        with self.assertRaises(AccessError):
            line.with_user(self.finance_clerk).unlink()
        # once sent, the unit itself no longer changes it; the office still corrects it
        drc.with_user(self.clerk).action_send()
        with self.refused(UserError, "under way"):
            line.with_user(self.clerk).write({"days": 2})
        line.with_user(self.office_director).write({"days": 2})
        self.assertEqual(line.days, 2)
        with self.refused(UserError, "already sent"):
            self.add_line(name="全区项目工作会议")

    def test_unit_and_its_list_share_one_check_of_who_changes_them_R26_1(self):
        """Who changes a unit's meetings and who sends its list: one implementation, the unit's staff and the
        office, for the planned meeting and for the unit's list."""
        self.plan.with_user(self.office_director).action_open_collection()
        line, drc = self.add_line(), self.submission(self.dept_drc)
        for method in ("_may_edit", "_compute_is_my_unit", "_search_is_my_unit"):
            self.assertIs(getattr(type(line), method), getattr(type(drc), method), method)
        for user, allowed in ((self.clerk, True), (self.office_director, True), (self.finance_clerk, False)):
            self.assertEqual(line.with_user(user)._may_edit(), allowed, user.name)
            self.assertEqual(drc.with_user(user)._may_edit(), allowed, user.name)
        Line, Submission = self.env["gov.meeting.plan.line"], self.env["gov.meeting.plan.submission"]
        self.assertEqual(Line.with_user(self.clerk).search([("plan_id", "=", self.plan.id),
                                                             ("is_my_unit", "=", True)]), line)
        self.assertEqual(Submission.with_user(self.clerk).search([("plan_id", "=", self.plan.id),
                                                                   ("is_my_unit", "=", True)]), drc)

    # ------------------------------------------------------------------
    # R26.2: naming
    # ------------------------------------------------------------------
    def test_name_against_the_naming_rule_is_refused_R26_2(self):
        self.plan.with_user(self.office_director).action_open_collection()
        with self.refused(ValidationError, "全区XXX会议"):
            self.add_line(name="发改局工作会议")
        with self.refused(ValidationError, "东昌区XXX会议"):
            self.add_line(category_id=self.cat_government.id, name="全区安全生产工作会议")
        with self.refused(ValidationError, "naming rule"):
            self.add_line(name="全区会议")  # no subject
        self.assertFalse(self.plan.line_ids, "nothing is saved")
        line = self.add_line()
        with self.refused(ValidationError, "全区XXX会议"):
            line.with_user(self.clerk).write({"name": "发改工作推进会"})
        # the rule is data: an administrator changes it
        self.cat_government_name.name_pattern = "全区XXX大会"
        self.add_line(name="全区经济发展大会", category_id=self.cat_government_name.id, month=5)
        with self.refused(ValidationError, "exactly once"):
            self.cat_government_name.name_pattern = "全区会议"

    # ------------------------------------------------------------------
    # Bad input: month, days
    # ------------------------------------------------------------------
    def test_month_out_of_range_and_days_not_positive_are_refused(self):
        self.plan.with_user(self.office_director).action_open_collection()
        for month in (0, 13, -1):
            with self.refused(ValidationError, "month is a number from 1 to 12"):
                self.add_line(month=month)
        for days in (0, -2):
            with self.refused(ValidationError, "lasts at least one day"):
                self.add_line(days=days)
        with self.refused(ValidationError, "between 2000 and 2100"):
            self.env["gov.meeting.plan"].with_user(self.office_director).create({"year": 27})
        self.assertFalse(self.plan.line_ids, "nothing is saved")

    # ------------------------------------------------------------------
    # R26.3: limits, unplanned meetings
    # ------------------------------------------------------------------
    def test_meeting_over_its_units_limit_names_the_earlier_one_R26_3(self):
        self.plan.with_user(self.office_director).action_open_collection()
        first = self.add_line(name="全区重点项目推进会议", month=2)
        self.add_line(name="全区发展改革工作会议", month=6)
        drc = self.submission(self.dept_drc)
        with self.refused(UserError, "“全区发展改革工作会议” is over the limit “Comprehensive departments: one meeting "
                                     "a year in the government's name”.*“全区重点项目推进会议” \\(month 2 of 2031\\)"):
            drc.with_user(self.clerk).action_send()
        self.assertEqual(drc.state, "draft", "nothing is saved")
        self.assertEqual(set(drc.line_ids.mapped("state")), {"draft"})
        # a department's system-wide meetings: one a year
        drc.line_ids.filtered(lambda line: line != first).with_user(self.clerk).write({
            "category_id": self.cat_system.id, "name": "全区发改系统工作会议"})
        self.add_line(category_id=self.cat_system.id, name="发改系统培训会议", month=9)
        with self.refused(UserError, "Departments: one system-wide meeting a year.*全区发改系统工作会议"):
            drc.with_user(self.clerk).action_send()
        # the limit is data, per unit kind: a township is not counted by the departments' limits
        jinchang = self.env["hr.department"].create({"name": "金厂镇", "gov_unit_kind": "township"})
        self.add_line(user=self.office_director, department=jinchang, category_id=self.cat_system.id,
                      name="镇村干部会议", month=1)
        self.add_line(user=self.office_director, department=jinchang, category_id=self.cat_system.id,
                      name="镇安全生产会议", month=2)
        self.submission(jinchang).with_user(self.office_director).action_send()
        self.assertEqual(self.submission(jinchang).state, "sent")
        # a unit not among the comprehensive departments is not counted by their limit
        self.add_line(user=self.audit_principal, department=self.dept_audit, name="全区审计工作会议")
        self.add_line(user=self.audit_principal, department=self.dept_audit, name="全区审计整改会议", month=8)
        self.submission(self.dept_audit).with_user(self.audit_principal).action_send()
        # and a limit of none forbids them
        self.env["gov.meeting.limit"].create({"name": "Townships: no meeting in the government's name",
                                              "category_id": self.cat_government_name.id, "unit_kind": "township",
                                              "max_per_year": 0})
        self.submission(jinchang).with_user(self.office_director).action_reopen()
        self.add_line(user=self.office_director, department=jinchang, name="全区乡村振兴现场会议")
        with self.refused(UserError, "allows none"):
            self.submission(jinchang).with_user(self.office_director).action_send()

    def test_shipped_limits_count_by_unit_kind_and_the_comprehensive_mark_R26_3(self):
        """R26.3 as shipped: a comprehensive department one meeting a year in the government's name, any
        department one system-wide meeting a year; no list of units to keep."""
        limit_system = self.env.ref("gov_meetings.meeting_limit_system")
        self.assertTrue(self.limit_government_name.comprehensive_only)
        self.assertFalse(self.limit_government_name.department_ids, "counted by the mark, not by a list")
        self.assertEqual(self.limit_government_name.unit_kind, "department")
        self.assertFalse(limit_system.comprehensive_only, "every department")
        self.assertEqual(limit_system.unit_kind, "department")
        self.plan.with_user(self.office_director).action_open_collection()
        audit = self.submission(self.dept_audit)
        # the audit bureau is not a comprehensive department: two meetings in the government's name pass
        self.add_line(user=self.audit_principal, department=self.dept_audit, name="全区审计工作会议", month=2)
        self.add_line(user=self.audit_principal, department=self.dept_audit, name="全区审计整改会议", month=8)
        audit.with_user(self.audit_principal).action_send()
        self.assertEqual(audit.state, "sent")
        # marked comprehensive, the same list is over the limit, which names the meeting that used it
        audit.with_user(self.office_director).action_reopen()
        self.dept_audit.gov_comprehensive = True
        with self.refused(UserError, "“全区审计整改会议” is over the limit “Comprehensive departments: one meeting a "
                                     "year in the government's name”.*“全区审计工作会议” \\(month 2 of 2031\\)"):
            audit.with_user(self.audit_principal).action_send()
        self.assertEqual(audit.state, "draft", "nothing is saved")
        # system-wide meetings: one a year for every department, comprehensive or not
        self.dept_audit.gov_comprehensive = False
        self.add_line(user=self.audit_principal, department=self.dept_audit, category_id=self.cat_system.id,
                      name="全区审计系统工作会议", month=3)
        self.add_line(user=self.audit_principal, department=self.dept_audit, category_id=self.cat_system.id,
                      name="审计系统培训会议", month=9)
        with self.refused(UserError, "“审计系统培训会议” is over the limit “Departments: one system-wide meeting a "
                                     "year”.*“全区审计系统工作会议”"):
            audit.with_user(self.audit_principal).action_send()
        # a township is not a department: neither limit counts it, even marked
        jinchang = self.env["hr.department"].create({"name": "金厂镇", "gov_unit_kind": "township",
                                                      "gov_comprehensive": True})
        for month, name in ((1, "全区乡村振兴现场会议"), (5, "全区人居环境整治会议")):
            self.add_line(user=self.office_director, department=jinchang, name=name, month=month)
        self.submission(jinchang).with_user(self.office_director).action_send()
        self.assertEqual(self.submission(jinchang).state, "sent")

    def test_unplanned_meeting_needs_the_leader_then_the_head_R26_3(self):
        self.plan.with_user(self.office_director).action_open_collection()
        planned = self.add_line(name="全区重点项目推进会议", month=2)
        self.submission(self.dept_drc).with_user(self.clerk).action_send()
        self.approve_plan()
        self.assertEqual(planned.state, "approved")

        # a meeting asked for after the plan: unplanned, through its own route
        line = self.add_line(category_id=self.cat_system.id, name="全区发改系统工作会议", month=7)
        self.assertTrue(line.unplanned)
        self.assertFalse(line.submission_id)
        with self.refused(UserError, "Say why"):
            line.with_user(self.clerk).action_signoff_submit()
        line.with_user(self.clerk).reason = "省发改委年中部署新任务"
        line.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(line.state, "pending")
        self.assertEqual(self.pending(line).user_ids, self.deputy_a, "first the leader in charge")
        with self.refused(UserError, "not waiting for you"):
            line.with_user(self.exec_deputy).action_signoff_approve()
        line.with_user(self.deputy_a).action_signoff_approve()
        self.assertEqual(self.pending(line).user_ids, self.head, "then the head")
        with self.refused(UserError, "not waiting for you"):
            line.with_user(self.deputy_a).action_signoff_approve()
        line.with_user(self.head).action_signoff_approve()
        self.assertEqual(line.state, "approved")

        # the limits count the planned meetings too: a second meeting in the government's name is refused
        extra = self.add_line(name="全区营商环境工作会议", month=9, reason="市里新要求")
        with self.refused(UserError, "over the limit.*全区重点项目推进会议"):
            extra.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(extra.state, "draft")
        # a planned meeting never goes alone: it goes with its list
        with self.refused(UserError, "is in its unit's list"):
            planned.with_user(self.office_director).action_signoff_submit()

    def test_meeting_held_carries_out_an_approved_meeting_of_its_plan_R26_3(self):
        """A meeting names the meeting of the year's plan it holds: a planned one, once the plan is approved,
        or an unplanned one once the leader in charge and then the head approved it (R26.3); once only."""
        special = self.env.ref("gov_meetings.meeting_type_special")
        Meeting = self.env["gov.meeting"].with_user(self.office_director)

        def meeting(line, name, day=10):
            return Meeting.create({"name": name, "type_id": special.id, "plan_line_id": line.id,
                                   "start": f"{YEAR}-03-{day} 01:00:00", "stop": f"{YEAR}-03-{day} 04:00:00"})

        self.plan.with_user(self.office_director).action_open_collection()
        planned = self.add_line(name="全区重点项目推进会议", month=3)
        self.submission(self.dept_drc).with_user(self.clerk).action_send()
        with self.refused(ValidationError, "cannot carry out “全区重点项目推进会议”, which is not approved.*R26.3"):
            meeting(planned, "全区重点项目推进会议")
        self.approve_plan()
        held = meeting(planned, "全区重点项目推进会议")
        self.assertEqual(planned.meeting_id, held, "the plan shows the meeting that holds it")
        self.assertEqual(planned.with_user(self.clerk).meeting_id, held, "also to the unit, which may not read it")
        self.assertFalse(held.plan_unplanned)
        # held once: a second meeting for it is refused by the database, with the constraint's own message
        with self.assertRaises(IntegrityError) as caught, mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            meeting(planned, "全区重点项目推进会议（第二场）", day=17)
            self.env.flush_all()
        self.assertEqual(Meeting._sql_error_to_message(caught.exception),
                         "This meeting of the plan is already held by another meeting.")
        # a meeting of another year does not carry it out
        with self.refused(ValidationError, "takes place in 2032: it cannot carry out “全区重点项目推进会议” of the "
                                           "2031 plan"):
            held.write({"start": "2032-03-10 01:00:00", "stop": "2032-03-10 04:00:00"})
        # cancelled, the meeting leaves it to the one that replaces it
        held.action_cancel()
        replacing = meeting(planned, "全区重点项目推进会议", day=24)
        self.assertEqual(planned.meeting_id, replacing)

        # an unplanned meeting is held only once the leader in charge and then the head approved it
        unplanned = self.add_line(category_id=self.cat_system.id, name="全区发改系统工作会议", month=3,
                                  reason="省发改委新部署")
        self.assertTrue(unplanned.unplanned)
        with self.refused(ValidationError, "not approved \\(Draft\\).*leader in charge and then the head.*R26.3"):
            meeting(unplanned, "全区发改系统工作会议")
        unplanned.with_user(self.clerk).action_signoff_submit()
        unplanned.with_user(self.deputy_a).action_signoff_approve()
        with self.refused(ValidationError, "not approved \\(Under Approval\\)"):
            meeting(unplanned, "全区发改系统工作会议")
        unplanned.with_user(self.head).action_signoff_approve()
        system = meeting(unplanned, "全区发改系统工作会议", day=12)
        self.assertTrue(system.plan_unplanned)
        self.assertEqual(unplanned.meeting_id, system)

    def test_units_and_leaders_do_not_do_the_offices_part_R26_1(self):
        """Submitting the plan for review, giving a unit its list back and cancelling a planned meeting are
        the office's: the unit's clerk, its principal and a deputy are refused, and not offered the buttons."""
        self.plan.with_user(self.office_director).action_open_collection()
        line = self.add_line()
        drc = self.submission(self.dept_drc)
        drc.with_user(self.clerk).action_send()
        for user in (self.clerk, self.principal, self.deputy_a):
            with self.refused(UserError, "Only the government office"):
                self.plan.with_user(user).action_signoff_submit()
        for user in (self.clerk, self.principal):
            self.assertFalse(drc.with_user(user).can_reopen)
            with self.refused(UserError, "Only the office gives a unit its list back"):
                drc.with_user(user).action_reopen()
            with self.refused(UserError, "Only the office cancels a planned meeting"):
                line.with_user(user).action_cancel()
        self.assertEqual(self.plan.state, "collecting")
        self.assertEqual(drc.state, "sent")
        self.assertNotEqual(line.state, "cancelled")

    def test_another_unit_does_not_ask_for_a_units_unplanned_meeting_R26_3(self):
        self.plan.with_user(self.office_director).action_open_collection()
        self.add_line()
        self.submission(self.dept_drc).with_user(self.clerk).action_send()
        self.approve_plan()
        line = self.add_line(category_id=self.cat_system.id, name="全区发改系统工作会议", month=7,
                             reason="省发改委年中部署新任务")
        self.assertTrue(line.unplanned)
        for user in (self.finance_clerk, self.deputy_b):
            with self.assertRaises(UserError):
                line.with_user(user).action_signoff_submit()
        self.assertEqual(line.state, "draft")
