"""The data the rules depend on is trustworthy: copies keep their links, bad entries are refused when
they are entered, every date is the district's date, and the public API answers bad input with a clear
error, never a traceback."""
from datetime import date

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common_org import GovOrgCase

# the setting an administrator changes (Settings › Technical › System Parameters)
TZ_PARAMETER = "gov_rules.district_tz"


class GovDataCase(GovOrgCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gov_admin = new_test_user(cls.env, "t_trust_admin", name="区政府系统管理员 林", tz="Asia/Shanghai",
                                      groups="base.group_user,gov_rules.group_gov_user,gov_rules.group_gov_admin")

    def as_admin(self, model):
        return self.env[model].with_user(self.gov_admin)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestRuleSetCopies(GovDataCase):
    """New Version and Copy for a Unit keep each time limit on its own ladder (R42.1, R44.1)."""

    def _add_ladder_and_policy(self):
        # an added ladder sorts first by name, an added policy first by sequence: both are created last
        ladder = self.as_admin("gov.escalation.ladder").create({
            "name": "0 Added: remind the day before", "rule_set_id": self.rule_set.id,
            "step_ids": [Command.create({"offset_days": -1, "summary": "Added ladder: due tomorrow"})]})
        self.as_admin("gov.deadline.policy").create({
            "name": "Added limit", "code": "t_added", "sequence": 1, "working_days": 3,
            "rule_set_id": self.rule_set.id, "ladder_id": ladder.id})
        return ladder

    def _assert_same_links(self, original, copy):
        self.assertEqual(sorted(copy.policy_ids.mapped("code")), sorted(original.policy_ids.mapped("code")))
        for policy in original.policy_ids:
            copied = copy._policy(policy.code)
            self.assertEqual(copied.ladder_id.rule_set_id, copy if policy.ladder_id else self.env["gov.rule.set"],
                             f"{policy.code} uses a ladder of its own rule set")
            self.assertEqual(copied.ladder_id.step_ids.mapped(lambda s: (s.offset_days, s.terminal_action)),
                             policy.ladder_id.step_ids.mapped(lambda s: (s.offset_days, s.terminal_action)),
                             f"{policy.code} keeps the ladder it had")
        meeting = copy._policy("issue_after_meeting")
        self.assertNotIn("consent", meeting.ladder_id.step_ids.mapped("terminal_action"),
                         "issuing after a meeting never ends in silence as consent")
        for step in copy.with_context(active_test=False).matrix_row_ids.step_ids.filtered("deadline_policy_id"):
            self.assertEqual(step.deadline_policy_id.rule_set_id, copy)

    def test_new_version_pairs_ladders_and_policies_by_identity_R44_1(self):
        """R44.1: a new version keeps every time limit on the copy of its own ladder."""
        ladder = self._add_ladder_and_policy()
        step = self.env.ref("gov_rules.matrix_government").step_ids[:1]
        step.with_user(self.gov_admin).deadline_policy_id = self.rule_set._policy("t_added")
        copy = self.env["gov.rule.set"].browse(self.rule_set.with_user(self.gov_admin).action_new_version()["res_id"])
        self._assert_same_links(self.rule_set, copy)
        self.assertEqual(copy._policy("t_added").ladder_id.name, ladder.name)
        copied_step = copy.matrix_row_ids.filtered(lambda r: r.name == step.row_id.name).step_ids.filtered(
            lambda s: s.name == step.name)
        self.assertEqual(copied_step.deadline_policy_id, copy._policy("t_added"))

    def test_copy_for_unit_pairs_ladders_and_policies_by_identity_R42_1(self):
        """R42.1: a unit's copy keeps every time limit on the copy of its own ladder."""
        self._add_ladder_and_policy()
        action = self.rule_set.with_user(self.gov_admin).action_copy_for_unit(self.dept_finance)
        copy = self.env["gov.rule.set"].browse(action["res_id"])
        self.assertEqual(copy.department_id, self.dept_finance)
        self._assert_same_links(self.rule_set, copy)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestWhoActsData(GovDataCase):
    """A/B pairs, absences and entrustments stay consistent (R5.2, R5.4, R40.1)."""

    def _absence(self, user, start="2026-03-02", end="2026-03-06", **values):
        return self.env["gov.absence"].with_user(self.office_director).create(
            {"user_id": user.id, "date_from": start, "date_to": end, "kind": "trip", **values})

    def _deputy(self, login, name, **values):
        user = new_test_user(self.env, login, groups="gov_rules.group_gov_user,gov_rules.group_gov_leader", name=name)
        position = self.as_admin("gov.position").create({"name": name, "role": "deputy", "user_id": user.id,
                                                         **values})
        return user, position

    def test_ab_partners_stay_symmetric_when_a_partner_changes_R5_4(self):
        """R5.4: pairing A with C unpairs B; nobody is left pointing at a partner who points elsewhere."""
        _user_c, pos_c = self._deputy("t_dep_c", "副区长（城建）", ab_partner_id=self.pos_dep_a.id)
        self.assertEqual(self.pos_dep_a.ab_partner_id, pos_c)
        self.assertFalse(self.pos_dep_b.ab_partner_id, "B's partner A is paired with C now")
        self.pos_dep_b.with_user(self.gov_admin).ab_partner_id = self.pos_dep_a
        self.assertEqual(self.pos_dep_a.ab_partner_id, self.pos_dep_b)
        self.assertFalse(pos_c.ab_partner_id, "C's partner A is paired with B again")
        with self.refused(ValidationError, "both"):
            (self.pos_dep_b | pos_c).with_user(self.gov_admin).write({"ab_partner_id": self.pos_exec.id})
        self.assertEqual(self.pos_dep_a.ab_partner_id, self.pos_dep_b, "nothing saved")

    def test_repairing_while_both_are_away_is_refused_R5_4(self):
        """R5.4: A (partner B) and C (partner D) are away; pairing A with C would make them act for each
        other. The cycle check runs on the pairing as it does on absences."""
        user_c, pos_c = self._deputy("t_dep_c", "副区长（城建）")
        _user_d, pos_d = self._deputy("t_dep_d", "副区长（农业）", ab_partner_id=pos_c.id)
        self._absence(self.deputy_a)
        self._absence(user_c, start="2026-03-04", end="2026-03-10")
        with self.refused(ValidationError, "cycle"):
            self.pos_dep_a.with_user(self.gov_admin).ab_partner_id = pos_c
        self.assertEqual((self.pos_dep_a.ab_partner_id, pos_c.ab_partner_id), (self.pos_dep_b, pos_d),
                         "nothing saved")
        # after both absences, the same pairing is fine
        with freeze_time("2026-03-11"):
            self.pos_dep_a.with_user(self.gov_admin).ab_partner_id = pos_c
        self.assertEqual(pos_c.ab_partner_id, self.pos_dep_a)

    def test_holder_of_a_partner_position_changing_is_checked_for_cycles_R5_4(self):
        """R5.4: A is away (B acts); B's position handed to someone away whose stand-in is A closes a loop."""
        user_c = new_test_user(self.env, "t_dep_c", groups="gov_rules.group_gov_user", name="副区长（城建） 孔")
        self._absence(self.deputy_a)
        self._absence(user_c, substitute_id=self.deputy_a.id)
        with self.refused(ValidationError, "cycle"):
            self.pos_dep_b.with_user(self.gov_admin).user_id = user_c
        self.assertEqual(self.pos_dep_b.user_id, self.deputy_b, "nothing saved")

    def test_deputy_principal_named_while_both_are_away_is_refused_R5_4(self):
        """R5.4: a unit's first deputy principal stands in for its principal; naming as deputy someone
        away whose substitute is the (also away) principal would close a loop."""
        deputy = new_test_user(self.env, "t_drc_deputy", groups="gov_rules.group_gov_user", name="发改局副局长 曹")
        self._absence(self.principal)
        self._absence(deputy, substitute_id=self.principal.id)
        hr_admin = new_test_user(self.env, "t_trust_hr_admin", name="人事与政务管理员 严",
                                 groups="hr.group_hr_user,gov_rules.group_gov_user,gov_rules.group_gov_admin")
        with self.refused(ValidationError, "cycle"):
            self.dept_drc.with_user(hr_admin).gov_deputy_ids = deputy
        self.assertFalse(self.dept_drc.gov_deputy_ids, "nothing saved")

    def test_substitute_is_an_active_internal_user_R40_1(self):
        """R40.1: only an active colleague can act for someone away."""
        portal = new_test_user(self.env, "t_portal", groups="base.group_portal", name="门户用户")
        archived = new_test_user(self.env, "t_archived", groups="gov_rules.group_gov_user", name="已离任 刘")
        archived.active = False
        system = self.env.ref("base.user_root")
        for substitute in (portal, archived, system):
            with self.subTest(substitute=substitute.login), \
                    self.refused(ValidationError, "active colleague"):
                self._absence(self.deputy_a, substitute_id=substitute.id)
        self.assertFalse(self.env["gov.absence"].search([("user_id", "=", self.deputy_a.id)]), "nothing saved")
        absence = self._absence(self.deputy_a, substitute_id=self.exec_deputy.id)
        with self.refused(ValidationError, "active colleague"):
            absence.with_user(self.office_director).substitute_id = portal
        self.assertEqual(absence.substitute_id, self.exec_deputy)

    def test_a_document_is_entrusted_to_one_deputy_at_a_time_R5_2(self):
        """R5.2: the same document entrusted to two deputies over the same days is refused."""
        document = self.new_document()
        Entrustment = self.env["gov.entrustment"].with_user(self.head)
        task = [Command.create({"res_model": document._name, "res_id": document.id})]
        Entrustment.create({"name": "专项：供暖", "item_ids": task,
                            "position_id": self.pos_dep_a.id, "date_from": "2026-03-02", "date_to": "2026-03-06"})
        with self.refused(ValidationError, "already entrusted"):
            Entrustment.create({"name": "专项：供暖（二）", "item_ids": task,
                                "position_id": self.pos_dep_b.id, "date_from": "2026-03-05"})
        self.assertEqual(self.env["gov.entrustment.item"].search_count([("res_model", "=", "gov.document"),
                                                                       ("res_id", "=", document.id)]), 1)
        # the days after are free
        Entrustment.create({"name": "专项：供暖（二）", "item_ids": task,
                            "position_id": self.pos_dep_b.id, "date_from": "2026-03-09"})
        # an area entrusted whole to two deputies at once is ambiguous as well
        Entrustment.create({"name": "代管社会事业", "area_id": self.area_society.id, "position_id": self.pos_dep_a.id,
                            "date_from": "2026-03-02", "date_to": "2026-03-31"})
        with self.refused(ValidationError, "already entrusted"):
            Entrustment.create({"name": "代管社会事业（二）", "area_id": self.area_society.id,
                                "position_id": self.pos_exec.id, "date_from": "2026-03-20"})


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestConfigurationEntries(GovDataCase):
    """Entries that would only fail later are refused when they are entered (R27.6, R28.2)."""

    def test_route_step_cannot_use_the_consultation_limit_R27_6(self):
        """R27.6: silence means consent in a consultation only; a sign-off step never ends in consent."""
        step = self.env.ref("gov_rules.matrix_government").step_ids[:1].with_user(self.gov_admin)
        with self.refused(ValidationError, "R27.6"):
            step.deadline_policy_id = self.rule_set._policy("consultation")
        self.assertFalse(step.deadline_policy_id)

    def test_matrix_row_targets_an_item_model_and_its_own_user_fields_R28_2(self):
        """R28.2: a row's route applies to items that go through sign-off, with user fields of that model."""
        Row = self.as_admin("gov.signoff.matrix.row")
        area_model = self.env["ir.model"]._get("gov.area")
        step = {"name": "区长", "role": "head"}
        with self.refused(ValidationError, "sign-off"):
            Row.create({"name": "分管领域", "rule_set_id": self.rule_set.id, "model_id": area_model.id,
                        "step_ids": [Command.create(step)]})
        row = self.env.ref("gov_rules.matrix_government").with_user(self.gov_admin)
        with self.refused(ValidationError, "sign-off"):
            row.model_id = area_model
        self.assertEqual(row.model, "gov.document")
        foreign = self.env["ir.model.fields"]._get("gov.position", "user_id")
        with self.refused(ValidationError, "user field"):
            row.write({"step_ids": [Command.create({"name": "岗位人员", "role": "user_field",
                                                    "user_field_id": foreign.id})]})
        not_a_user = self.env["ir.model.fields"]._get("gov.document", "area_id")
        with self.refused(ValidationError, "user field"):
            row.step_ids[:1].write({"role": "user_field", "user_field_id": not_a_user.id})
        self.assertNotIn("user_field", row.step_ids.mapped("role"), "nothing saved")

    def test_authority_prefix_is_checked_when_entered(self):
        """A number prefix that the numbering cannot print is refused when entered, not at issue."""
        Authority = self.as_admin("gov.issuing.authority")
        with self.refused(ValidationError, "%"):
            Authority.create({"name": "区发改局", "kind": "department", "prefix": "东发改%(发"})
        self.assertFalse(self.env["gov.issuing.authority"].search([("name", "=", "区发改局")]), "nothing saved")
        with self.refused(ValidationError, "%"):
            self.authority_office.with_user(self.gov_admin).prefix = "东政办%发"
        self.assertEqual(self.authority_office.prefix, "东政办发")

    def test_document_does_not_consult_its_own_unit_R27_5(self):
        """R27.5: opinions are asked of other units; the drafting unit is not one of them."""
        with self.refused(ValidationError, "own unit"):
            self.new_document(consult_department_ids=[Command.set((self.dept_drc | self.dept_finance).ids)])
        document = self.new_document(consult_department_ids=[Command.set(self.dept_finance.ids)])
        with self.refused(ValidationError, "own unit"):
            document.with_user(self.clerk).consult_department_ids = [Command.link(self.dept_drc.id)]
        self.assertEqual(document.consult_department_ids, self.dept_finance)

    def test_blank_titles_are_refused(self):
        """A title of spaces only is no title."""
        with self.refused(ValidationError, "blank"):
            self.new_document(name="  \u3000 ")
        document = self.new_document()
        with self.refused(ValidationError, "blank"):
            document.with_user(self.clerk).name = "   "
        self.assertEqual(document.name, "关于做好2026年冬季供暖工作的通知")
        with self.refused(ValidationError, "blank"):
            self.env["gov.entrustment"].with_user(self.head).create({"name": " ", "area_id": self.area_society.id,
                                                                     "position_id": self.pos_dep_a.id})
        with self.refused(ValidationError, "blank"):
            self.rule_set._policy("consultation").with_user(self.gov_admin).name = "  "


@tagged("post_install", "-at_install")
class TestDistrictDate(GovDataCase):
    """Every date the rules compute is the district's date (Beijing time by default), whatever the time
    zone of the user or the scheduler (R27.6, R28.3, R40.1)."""

    # 21:00 UTC on 13 October: 23:00 in Brussels, already 05:00 on 14 October in Beijing
    LATE_IN_BRUSSELS = "2026-10-13 21:00:00"

    def _consultation_due_13_october(self):
        with freeze_time("2026-09-28 04:00:00"):
            document = self.new_document(consult_department_ids=[Command.set(self.dept_finance.ids)])
            document.with_user(self.clerk).action_submit()
        self.assertEqual(document.consult_task_ids.deadline, date(2026, 10, 13))
        return document

    def _default_absence_day(self, tz):
        """The day a new absence starts by default, for a user in ``tz``."""
        return fields.Date.to_date(self.env["gov.absence"].with_context(tz=tz).default_get(
            ["date_from"])["date_from"])

    def test_escalation_counts_today_in_beijing_R27_6(self):
        """R27.6: the consent due after 13 October is recorded at 05:00 on 14 October in Beijing, even by a
        scheduler that runs in Europe/Brussels, where it is still the 13th."""
        document = self._consultation_due_13_october()
        with freeze_time(self.LATE_IN_BRUSSELS):
            self.env["gov.escalation.ladder"].with_context(tz="Europe/Brussels")._cron_escalate()
        self.env.invalidate_all()
        self.assertEqual(document.consult_task_ids.state, "consented")
        self.assertEqual(document.state, "signoff")

    def test_the_district_time_zone_is_a_setting(self):
        """An administrator sets the district's time zone: set to Brussels, it is still the 13th there."""
        document = self._consultation_due_13_october()
        self.env["ir.config_parameter"].sudo().set_param(TZ_PARAMETER, "Europe/Brussels")
        with freeze_time(self.LATE_IN_BRUSSELS):
            self.assertEqual(self._default_absence_day("Asia/Shanghai"), date(2026, 10, 13))
            self.env["gov.escalation.ladder"]._cron_escalate()
        self.env.invalidate_all()
        self.assertEqual(document.consult_task_ids.state, "pending")
        self.env["ir.config_parameter"].sudo().set_param(TZ_PARAMETER, "Not/AZone")
        with freeze_time(self.LATE_IN_BRUSSELS):
            self.assertEqual(self._default_absence_day("Europe/Brussels"), date(2026, 10, 14),
                             "an unknown zone falls back to Beijing")

    def test_a_user_in_brussels_gets_the_beijing_date_R28_3_R40_1(self):
        """R28.3, R40.1: a clerk whose browser is in Brussels submits at 21:00 on 1 March there, 04:00 on
        2 March in Beijing: the approval clock starts on 2 March, and so does a new absence by default."""
        self.clerk.tz = "Europe/Brussels"
        self.office_director.tz = "Europe/Brussels"
        with freeze_time("2026-03-01 20:00:00"):
            document = self.new_document()
            document.with_user(self.clerk).action_submit()
            absence = self.env["gov.absence"].with_user(self.office_director).create({"user_id": self.deputy_a.id})
            self.gov_admin.tz = "Europe/Brussels"
            version = self.rule_set.with_user(self.gov_admin).action_new_version()
        self.assertEqual(document.deadline_start, date(2026, 3, 2))
        self.assertEqual(document.deadline, date(2026, 3, 20))
        self.assertEqual(self.pending(document).deadline_start, date(2026, 3, 2))
        self.assertEqual((absence.date_from, absence.date_to), (date(2026, 3, 2), date(2026, 3, 2)))
        self.assertEqual(self.env["gov.rule.set"].browse(version["res_id"]).date_effective, date(2026, 3, 3))


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestNeededByEveryUrgency(GovDataCase):
    """R28.1: the needed-by date is checked for every urgency."""

    def _urgent(self, urgency, needed_by):
        return self.new_document(urgency=urgency, urgency_reason="防汛紧急部署", needed_by=needed_by)

    def test_needed_by_a_past_day_is_refused_for_every_urgency_R28_1(self):
        """R28.1: a document needed by a day already past cannot be submitted, whatever its urgency."""
        for urgency in ("normal", "urgent", "extra_urgent", "extra_urgent_important"):
            document = self._urgent(urgency, "2026-02-27")
            with self.subTest(urgency=urgency), self.refused(UserError, "already past"):
                document.with_user(self.clerk).action_submit()
            self.assertEqual(document.state, "draft")
        today = self._urgent("extra_urgent", "2026-03-02")
        today.with_user(self.clerk).action_submit()
        self.assertEqual(today.state, "signoff", "an extra-urgent document may be needed today")

    def test_lead_time_applies_to_extra_urgent_as_configured_R28_1(self):
        """R28.1: a lead time the rule set gives extra-urgent documents applies to them."""
        self.as_admin("gov.deadline.policy").create({
            "name": "特急事项提前量", "code": "lead_extra_urgent", "working_days": 2, "rule_set_id": self.rule_set.id,
            "rule_ref": "R28.1"})
        document = self._urgent("extra_urgent", "2026-03-03")
        with self.refused(UserError, "2026-03-04"):
            document.with_user(self.clerk).action_submit()
        document.with_user(self.clerk).needed_by = "2026-03-04"
        document.with_user(self.clerk).action_submit()
        self.assertEqual(document.state, "signoff")
        important = self._urgent("extra_urgent_important", "2026-03-03")
        important.with_user(self.clerk).action_submit()
        self.assertEqual(important.state, "signoff", "no lead time configured for 特急重要: today's date is enough")


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestPublicApiAnswers(GovDataCase):
    """The public methods answer bad input with a clear UserError or ValidationError."""

    def test_working_days_at_the_ends_of_the_date_range(self):
        calendar = self.env["gov.calendar"]
        for start, days in ((date.max, 1), ("9999-12-31", 3), (date(1, 1, 1), -1), ("0001-01-03", -10)):
            with self.subTest(start=start, days=days), self.refused(UserError, "0001-01-01"):
                calendar.add_working_days(start, days)
        self.assertEqual(calendar.add_working_days("9999-12-30", 1), "9999-12-31")

    def test_calendar_day_that_does_not_exist(self):
        year = self.env.ref("gov_rules.calendar_cn_2026")
        Day = self.as_admin("gov.calendar.day")
        with self.refused(ValidationError, "2026-02-30"):
            Day.create({"year_id": year.id, "date": "2026-02-30", "kind": "holiday"})
        day = year.day_ids[:1].with_user(self.gov_admin)
        with self.refused(ValidationError, "2026-02-30"):
            day.write({"date": "2026-02-30"})
        for method, args in (("add_working_days", ("2026-02-30", 1)), ("is_working_day", ("2026-02-30",)),
                             ("count_working_days", ("2026-02-01", "2026-02-30"))):
            with self.subTest(method=method), self.refused(UserError, "2026-02-30"):
                getattr(self.env["gov.calendar"], method)(*args)

    def test_copy_for_unit_takes_a_unit_or_its_id_R42_1(self):
        """R42.1: the unit may be given as a record or by its id; an id that is no unit is a clear error."""
        rule_set = self.rule_set.with_user(self.gov_admin)
        copy = self.env["gov.rule.set"].browse(rule_set.action_copy_for_unit(self.dept_finance.id)["res_id"])
        self.assertEqual(copy.department_id, self.dept_finance)
        for bad in (987654321, "区财政局", [self.dept_finance.id], self.area_economy):
            with self.subTest(unit=bad), self.refused(UserError, "unit"):
                rule_set.action_copy_for_unit(bad)

    def test_delegate_to_a_user_that_is_no_user(self):
        document = self.new_document(user=self.office_director)
        for bad in (987654321, "t_office_dep", [self.office_deputy.id], True, self.dept_drc):
            with self.subTest(user=bad), self.refused(UserError, "active internal user"):
                document.with_user(self.office_director).action_signoff_delegate(bad)

    def test_unit_that_does_not_exist(self):
        for user in (self.clerk, self.office_director):
            with self.subTest(user=user.login), self.refused(ValidationError, "987654321"):
                self.new_document(user=user, department_id=987654321)
