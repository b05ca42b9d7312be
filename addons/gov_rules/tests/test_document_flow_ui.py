import re
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged
from odoo.tools import format_date
from odoo.tools.safe_eval import safe_eval

from .common_org import GovOrgCase

MY_TODO = "gov_rules.action_gov_signoff_task_mine"


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")  # a Monday
class TestDocumentFlowUI(GovOrgCase):
    """What the document's form, "My To-Do" and the decision dialogs offer a user: only what he may
    do, and what he must know before he acts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_request = cls.env.ref("gov_rules.document_type_request")

    def _my_todo(self, user):
        action = self.env.ref(MY_TODO)
        domain = safe_eval(action.domain, {"uid": user.id})
        return self.env["gov.signoff.task"].with_user(user).search(domain)

    def _approve_all(self, document, *users):
        for user in users:
            document.with_user(user).action_signoff_approve()

    # ------------------------------------------------------------------
    # The form
    # ------------------------------------------------------------------
    def test_request_drafted_in_the_form_can_be_submitted_R27_4(self):
        """R27.3, R27.4: the checklist lines made when the type is chosen in the form keep their link to
        the type's lines, so that the lines done count at submission."""
        with Form(self.env["gov.document"].with_user(self.clerk)) as form:
            form.name = "关于拨付防汛物资采购资金的请示"
            form.type_id = self.type_request
            form.authority_id = self.authority_government
            form.area_id = self.area_economy
            self.assertEqual(len(form.checklist_ids), 2)
        document = form.record
        self.assertEqual(document.checklist_ids.template_id, self.type_request.checklist_template_ids)
        attachment_line = document.checklist_ids.filtered(lambda item: item.kind == "attachment")
        attachment_line.with_user(self.clerk).write({"state": "done", "note": "见局务会议纪要"})
        (document.checklist_ids - attachment_line).with_user(self.office_deputy).write({"state": "done"})
        document.with_user(self.clerk).action_submit()
        self.assertEqual(document.state, "signoff")

    def test_checklist_offers_only_what_the_user_records_R27_4(self):
        """R27.4: the office confirms "one request, one matter"; the drafter may not, and no one changes
        whether a line of the type is required."""
        document = self.new_document(type_id=self.type_request.id)
        confirmation = document.checklist_ids.filtered(lambda item: item.kind == "confirmation")
        attachment = document.checklist_ids - confirmation
        self.assertFalse(confirmation.with_user(self.clerk).can_record)
        self.assertTrue(attachment.with_user(self.clerk).can_record)
        self.assertTrue(confirmation.with_user(self.office_deputy).can_record)
        # what can_record says is what saving does
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                confirmation.with_user(self.clerk).write({"state": "done"})
        with Form(document.with_user(self.clerk)) as form:
            with form.checklist_ids.edit(0) as line:
                with self.assertRaises(AssertionError, msg="the Required box is locked"):
                    line.required = False

    def test_form_fields_of_the_type_appear_when_it_is_chosen(self):
        """The type's extra fields are on the form as soon as the type is chosen, before any save."""
        form = Form(self.env["gov.document"].with_user(self.clerk))
        form.type_id = self.type_request
        names = [prop["name"] for prop in form.properties]
        self.assertEqual(names, ["amount", "funding_source"])

    def test_locked_fields_are_read_only_on_the_form_R29_2(self):
        """R29.2: a document under sign-off is locked; its form does not offer changes that saving refuses."""
        document = self.new_document()
        document.action_submit()
        form = Form(document.with_user(self.office_deputy))
        for name in ("name", "body", "main_recipients", "confidentiality", "area_id"):
            with self.assertRaises(AssertionError, msg=f"{name} should be read-only under sign-off"):
                setattr(form, name, False)

    def test_approval_after_needed_by_is_announced_R28_3(self):
        """R28.1, R28.3: an extra-urgent document needed on Thursday, whose approval limit of 5 working days
        runs until next Monday, says so on the form before it is submitted; submitted knowingly, it goes on."""
        document = self.new_document(urgency="extra_urgent", urgency_reason="防汛应急", needed_by=date(2026, 3, 5))
        self.assertIn(format_date(document.env, date(2026, 3, 5)), document.needed_by_warning or "")
        self.assertIn(format_date(document.env, date(2026, 3, 9)), document.needed_by_warning, "the approval limit")
        document.needed_by = date(2026, 3, 9)
        self.assertFalse(document.needed_by_warning, "approved by Monday 9 March at the latest: in time")
        document.needed_by = date(2026, 3, 5)
        document.action_submit()
        self.assertEqual(document.state, "signoff")
        self.assertFalse(document.needed_by_warning, "once submitted, the warning has done its work")

    def test_buttons_mirror_what_the_actions_allow_R29_2(self):
        """R29.2: Cancel and Withdraw are offered to exactly those the actions let through."""
        document = self.new_document()
        self.assertTrue(document.with_user(self.clerk).can_cancel, "the drafter cancels his draft")
        self.assertFalse(document.with_user(self.deputy_a).can_cancel)
        self.assertFalse(document.with_user(self.clerk).can_withdraw, "a draft is not under way")
        document.action_submit()
        checks = {
            self.deputy_a: (False, False),      # a leader approves; he neither cancels nor withdraws
            self.clerk: (False, True),          # the submitter withdraws; only the office cancels now
            self.office_deputy: (True, True),   # the office does both
        }
        for user, (can_cancel, can_withdraw) in checks.items():
            record = document.with_user(user)
            self.assertEqual((record.can_cancel, record.can_withdraw), (can_cancel, can_withdraw), user.name)
            for allowed, action in ((can_cancel, record.action_cancel), (can_withdraw, record.action_signoff_withdraw)):
                with self.env.cr.savepoint() as savepoint:
                    if allowed:
                        action()
                    else:
                        with self.assertRaises(UserError):
                            action()
                    savepoint.rollback()
                self.env.invalidate_all()

    # ------------------------------------------------------------------
    # Who acts for whom (代), My To-Do
    # ------------------------------------------------------------------
    def test_acting_for_is_shown_before_the_decision_R5_3(self):
        """R5.3: the executive deputy sees, in My To-Do, on the route and in the decision dialog, that he
        signs for the head, and until when the head is away."""
        document = self.new_document()
        document.action_submit()
        self._approve_all(document, self.office_deputy, self.deputy_a)
        self.env["gov.absence"].create({"user_id": self.head.id, "kind": "trip", "date_from": date(2026, 3, 2),
                                        "date_to": date(2026, 3, 6)})
        todo = self._my_todo(self.exec_deputy)
        until = format_date(todo.env, date(2026, 3, 6))
        self.assertEqual(len(todo), 1)
        self.assertIn(self.head.name, todo.acting_note)
        self.assertIn(until, todo.acting_note)
        route = document.with_user(self.exec_deputy).signoff_task_ids.filtered(lambda task: task.state == "pending")
        self.assertIn(self.head.name, route.acting_note)
        wizard = self.env["gov.signoff.decision"].with_user(self.exec_deputy).create({
            "res_model": "gov.document", "res_id": document.id, "decision": "approve"})
        self.assertIn(self.head.name, wizard.acting_note)
        self.assertIn(until, wizard.acting_note)
        # the deputies' own steps named nobody
        approved = document.sudo().signoff_task_ids.filtered(lambda task: task.state == "approved")
        self.assertEqual(approved.mapped("acting_note"), [False, False])

    def test_my_todo_opens_the_item_with_urgency_and_working_days_left_R28_3(self):
        """R28.3: My To-Do opens the document itself and shows its urgency and the working days left."""
        document = self.new_document(urgency="urgent")
        document.action_submit()
        todo = self._my_todo(self.office_deputy)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.urgency, "urgent")
        self.assertEqual(todo.deadline, date(2026, 3, 11))
        self.assertEqual(todo.deadline_days_left, "7 working days left")
        action = todo.action_open_record()
        self.assertEqual((action["res_model"], action["res_id"]), ("gov.document", document.id))
        arch = self.env["gov.signoff.task"].get_views([(False, "list")])["views"]["list"]["arch"]
        self.assertIn('action="action_open_record"', arch, "a row of the list opens the item")
        with freeze_time("2026-03-12"):
            todo.invalidate_recordset(["deadline_days_left"])
            self.assertEqual(todo.deadline_days_left, "1 working days overdue")

    def test_returned_item_is_in_my_todo_until_submitted_again_R29_2(self):
        """R29.2: a document returned for changes waits in the drafter's To-Do; the "returned" banner and
        the to-do go once it is submitted again."""
        document = self.new_document()
        document.action_submit()
        self.assertFalse(self._my_todo(self.clerk))
        document.with_user(self.office_deputy).action_signoff_return("请补充资金来源")
        returned = self._my_todo(self.clerk)
        self.assertEqual(len(returned), 1)
        self.assertEqual(returned.state, "returned")
        self.assertEqual(returned.action_open_record()["res_id"], document.id)
        self.assertEqual(document.signoff_state, "returned")
        document.with_user(self.clerk).action_submit()
        self.assertFalse(self._my_todo(self.clerk))
        self.assertEqual(document.signoff_state, "pending")

    def test_resubmission_asks_again_only_whom_the_changed_text_concerns_R27_5(self):
        """R27.5, R27.6: after a return, units that answered on the same text are not asked again, the
        returned banner goes; once the text changes, they are asked again."""
        document = self.new_document(consult_department_ids=[self.dept_finance.id], body="<p>初稿</p>")
        document.action_submit()
        document.with_user(self.finance_principal).action_consult_answer(agree=True, opinion="同意")
        self.assertEqual(document.state, "signoff")
        document.with_user(self.office_deputy).action_signoff_return("请补充说明")
        self.assertEqual(document.signoff_state, "returned")
        # resubmitted unchanged: the finance bureau already agreed to this very text
        document.with_user(self.clerk).action_submit()
        self.assertEqual(document.state, "signoff")
        self.assertEqual(len(document.consult_task_ids), 1)
        document.with_user(self.office_deputy).action_signoff_return("仍需修改")
        # the text changes: the bureau is asked again, and the document no longer shows as returned
        document.with_user(self.clerk).body = "<p>修改稿</p>"
        document.with_user(self.clerk).action_submit()
        self.assertEqual(document.state, "consultation")
        self.assertEqual(document.consult_task_ids.filtered(lambda task: task.state == "pending").department_id,
                         self.dept_finance)
        self.assertNotEqual(document.signoff_state, "returned")

    def test_a_changed_form_field_is_asked_again_R27_5(self):
        """R27.5: the units consulted answered on the amount asked for too: once it changes after a
        return, they are asked again, as for a changed text."""
        self.type_notice.properties_definition = [{"name": "amount", "string": "金额（万元）", "type": "float"}]
        document = self.new_document(consult_department_ids=[self.dept_finance.id], properties={"amount": 120})
        document.action_submit()
        document.with_user(self.finance_principal).action_consult_answer(agree=True, opinion="同意安排120万元")
        document.with_user(self.office_deputy).action_signoff_return("请核实金额")
        document.with_user(self.clerk).properties = {"amount": 1200}
        document.with_user(self.clerk).action_submit()
        self.assertEqual(document.state, "consultation", "the finance bureau agreed to 120, not to 1,200")

    def test_a_consultation_withdrawn_and_sent_again_finishes_R27_5(self):
        """R27.5, R27.6: after the drafter withdraws a consultation and sends it again, the units' new
        answers move the document on: the requests closed by the withdrawal wait for nobody."""
        document = self.new_document(consult_department_ids=[self.dept_finance.id, self.dept_audit.id])
        document.action_submit()
        document.with_user(self.clerk).action_signoff_withdraw("补充附件")
        self.assertEqual(document.state, "draft")
        document.with_user(self.clerk).action_submit()
        document.with_user(self.finance_principal).action_consult_answer(agree=True, opinion="同意")
        document.with_user(self.audit_principal).action_consult_answer(agree=True, opinion="无意见")
        self.assertEqual(document.state, "signoff")

    # ------------------------------------------------------------------
    # Issue
    # ------------------------------------------------------------------
    def test_a_signed_document_waits_in_the_offices_todo_until_issued(self):
        """Once signed, the document is the office's to issue: its director gets one to-do for it, gone
        once it is issued."""
        document = self.new_document()
        document.action_submit()
        self._approve_all(document, self.office_deputy, self.deputy_a, self.head)
        issue_type = self.env.ref("gov_rules.mail_activity_type_gov_issue")
        todo = document.sudo().activity_ids.filtered(lambda act: act.activity_type_id == issue_type)
        self.assertEqual(todo.user_id, self.office_director)
        document.with_user(self.office_deputy).action_issue()
        self.assertFalse(document.sudo().activity_ids.filtered(lambda act: act.activity_type_id == issue_type))

    def test_issue_shows_the_number_first_without_taking_it(self):
        """The office sees the number before it issues; looking does not use the number up."""
        document = self.new_document()
        document.action_submit()
        self._approve_all(document, self.office_deputy, self.deputy_a, self.head)
        with self.assertRaises(UserError):
            document.with_user(self.clerk).action_issue_confirm()
        action = document.with_user(self.office_deputy).action_issue_confirm()
        wizard = self.env[action["res_model"]].with_user(self.office_deputy).browse(action["res_id"])
        announced = wizard.number
        self.assertRegex(announced, r"^东政发〔2026〕\d+号$")
        again = self.env["gov.document.issue"].with_user(self.office_deputy).create({"document_id": document.id})
        self.assertEqual(again.number, announced, "the preview takes no number")
        wizard.action_confirm()
        self.assertEqual(document.state, "issued")
        self.assertEqual(document.number, announced)

    # ------------------------------------------------------------------
    # What the pickers offer, what records are called
    # ------------------------------------------------------------------
    def _offered(self, model, field, user, **values):
        """What the picker of ``field`` offers ``user`` on a new record of ``model`` with ``values``."""
        record = self.env[model].with_user(user).new(values)
        domain = record.fields_get([field])[field]["domain"]
        if isinstance(domain, str):
            # the record's values the domain names, as the web client sends them (ids)
            names = set(re.findall(r"\b(\w+)\b", domain)) & set(record._fields)
            values = {name: record[name].ids if record._fields[name].type.endswith("2many")
                      else record[name].id if record._fields[name].type == "many2one" else record[name]
                      for name in names}
            domain = safe_eval(domain, {"uid": user.id, **values})
        comodel = record._fields[field].comodel_name
        return self.env[comodel].with_user(user).search(domain)

    def test_drafting_unit_picker_offers_only_the_units_saving_accepts(self):
        """A clerk is offered his own unit only, the office every unit: what saving accepts."""
        offered = self._offered("gov.document", "department_id", self.clerk)
        self.assertEqual(offered, self.dept_drc)
        offered = self._offered("gov.document", "department_id", self.office_deputy)
        self.assertEqual(offered, self.env["hr.department"].search([]))
        with self.refused(ValidationError, "区财政局"):
            self.new_document(department_id=self.dept_finance.id)

    def test_a_units_authority_issues_only_that_units_documents(self):
        """A unit's own issuing authority is neither offered to nor accepted for another unit's draft."""
        Authority = self.env["gov.issuing.authority"]
        audit = Authority.create({"name": "东昌区审计局", "kind": "department", "prefix": "东审测发",
                                  "department_id": self.dept_audit.id})
        drc = Authority.create({"name": "东昌区发展和改革局", "kind": "department", "prefix": "东发改发",
                                "department_id": self.dept_drc.id})
        offered = self._offered("gov.document", "authority_id", self.clerk, department_id=self.dept_drc)
        self.assertIn(drc, offered)
        self.assertIn(self.authority_government, offered)
        self.assertNotIn(audit, offered)
        with self.refused(ValidationError, "东昌区审计局.*区审计局.*区发改局"):
            self.new_document(name="关于审计整改的通知", authority_id=audit.id)
        self.assertFalse(self.env["gov.document"].search([("name", "=", "关于审计整改的通知")]), "nothing saved")
        document = self.new_document(authority_id=drc.id)
        with self.refused(ValidationError, "东昌区发展和改革局"):
            document.with_user(self.office_deputy).write({"department_id": self.dept_finance.id})
        self.assertEqual(document.department_id, self.dept_drc)

    def test_a_step_is_delegated_to_someone_else_only(self):
        """The delegation dialog does not offer the user himself, and delegating to oneself is refused."""
        self.env["gov.signoff.matrix.row"].create({
            "name": "可转交", "rule_set_id": self.rule_set.id, "priority": 1,
            "model_id": self.env["ir.model"]._get_id("gov.document"), "domain": "[('name', 'like', '转交')]",
            "step_ids": [(0, 0, {"sequence": 1, "name": "主任审核", "role": "office_director",
                                 "allow_delegate": True, "is_signature": True})]})
        document = self.new_document(name="关于可转交事项的通知")
        document.action_submit()
        offered = self._offered("gov.signoff.decision", "delegate_to_id", self.office_director,
                                res_model="gov.document", res_id=document.id, decision="delegate")
        self.assertIn(self.office_deputy, offered)
        self.assertNotIn(self.office_director, offered)
        wizard = self.env["gov.signoff.decision"].with_user(self.office_director).create({
            "res_model": "gov.document", "res_id": document.id, "decision": "delegate",
            "delegate_to_id": self.office_director.id})
        with self.refused(UserError, "someone else"):
            wizard.action_confirm()
        self.assertEqual(self.pending(document).user_ids, self.office_director)
        self.assertNotIn("delegate", document.sudo().signoff_log_ids.mapped("action"))

    def test_an_absence_is_called_by_the_person_the_kind_and_the_dates(self):
        """The calendar and the breadcrumb name an absence by whom, why and when, not by its id."""
        absence = self.env["gov.absence"].create({"user_id": self.head.id, "kind": "trip",
                                                  "date_from": date(2026, 3, 2), "date_to": date(2026, 3, 6)})
        seen = absence.with_user(self.office_deputy).with_context(lang=self.office_deputy.lang)
        name = seen.display_name
        self.assertIn(self.head.name, name)
        self.assertIn(dict(seen.fields_get(["kind"])["kind"]["selection"])["trip"], name)
        self.assertIn(format_date(seen.env, date(2026, 3, 6)), name)
