import base64
import re

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common_org import GovOrgCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02 04:00:00")  # a Monday, noon in Beijing
class TestTrustSecurity(GovOrgCase):
    """Who may see and change what: each case is one a real user of the group could do over the web
    client or XML-RPC (R18.1, R27.4, R35.1, R40.1, R44.1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gov_admin = new_test_user(cls.env, "t_gov_admin", groups="gov_rules.group_gov_admin",
                                      name="系统管理员 林森")
        cls.signoff_todo = cls.env.ref("gov_rules.mail_activity_type_gov_signoff")

    def _at_leader(self):
        """A document of the economy area, reviewed by the office, waiting for its leader (deputy A)."""
        document = self.new_document()
        document.with_user(self.clerk).action_submit()
        document.with_user(self.office_deputy).action_signoff_approve("拟同意，呈张副区长审阅")
        self.assertEqual(self.pending(document).user_ids, self.deputy_a)
        return document

    def _attach(self, document, user, name="供暖经费测算表.txt"):
        return self.env["ir.attachment"].with_user(user).create({
            "name": name, "res_model": "gov.document", "res_id": document.id,
            "datas": base64.b64encode("测算".encode())})

    # ------------------------------------------------------------------
    # 1. absences: who is away and who stands in (R40.1)
    # ------------------------------------------------------------------
    def test_a_leader_cannot_move_a_colleagues_steps_to_himself_R40_1(self):
        """R40.1: deputy B records his own trip, then rewrites it as deputy A's absence with himself
        acting: refused, so A's waiting step stays with A and B never approves "for" A. B still changes
        his own absence; the office records anyone's."""
        document = self._at_leader()
        absence = self.env["gov.absence"].with_user(self.deputy_b).create(
            {"user_id": self.deputy_b.id, "date_from": "2026-03-02", "date_to": "2026-03-03", "kind": "trip"})
        for vals in ({"user_id": self.deputy_a.id, "substitute_id": self.deputy_b.id},
                     {"user_id": self.deputy_a.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                absence.with_user(self.deputy_b).write(vals)
        self.assertEqual(absence.user_id, self.deputy_b)
        self.assertEqual(self.pending(document).user_ids, self.deputy_a, "the step stays with deputy A")
        with self.refused(UserError, "not waiting for you"):
            document.with_user(self.deputy_b).action_signoff_approve("代为同意")
        # his own absence stays his to change
        absence.with_user(self.deputy_b).write({"substitute_id": self.exec_deputy.id, "date_to": "2026-03-04"})
        self.assertEqual(absence.effective_substitute_id, self.exec_deputy)
        # the office records and corrects anyone's
        absence.with_user(self.office_director).write({"user_id": self.head.id})
        self.assertEqual(absence.user_id, self.head)

    def test_only_government_users_stand_in_R40_1(self):
        """R40.1: whoever is named to act for the absent is an active user of the government, whoever
        records the absence and whenever it is changed."""
        employee = new_test_user(self.env, "t_employee", groups="base.group_user", name="普通职工 林一")
        absence = self.env["gov.absence"].with_user(self.deputy_b).create(
            {"user_id": self.deputy_b.id, "date_from": "2026-03-09", "date_to": "2026-03-10"})
        with self.refused(ValidationError, "active user of the government"):
            absence.with_user(self.deputy_b).write({"substitute_id": employee.id})
        self.assertFalse(absence.substitute_id)

    # ------------------------------------------------------------------
    # 2. a document under way is locked in the access rules, with its files, chatter and to-dos (R35.1)
    # ------------------------------------------------------------------
    def test_the_drafting_unit_cannot_touch_a_submitted_document_R35_1(self):
        """R35.1: once submitted, the drafting unit neither adds, changes nor removes the document's
        files, rewrites or deletes a leader's recorded opinion, nor drops the approver's to-do; nor does
        it post on the document. While it was a draft it could."""
        document = self.new_document()
        draft_file = self._attach(document, self.clerk)  # allowed on the draft
        document.with_user(self.clerk).action_submit()
        # found as the system (the unit no longer even sees the reviewer's to-do), then tried as the unit
        review = document.sudo().activity_ids.filtered(lambda act: act.activity_type_id == self.signoff_todo)
        self.assertEqual(review.user_id, self.office_deputy)
        with self.assertRaises(AccessError):  # the to-do of the office's review, made when the clerk submitted
            review.with_user(self.clerk).unlink()
        document.with_user(self.office_deputy).action_signoff_approve("拟同意，呈张副区长审阅")
        # the decision as logged in the chatter, once, with the opinion (closing the to-do posts nothing more)
        opinion = document.message_ids.filtered(lambda message: "拟同意，呈张副区长审阅" in (message.body or ""))
        self.assertEqual(len(opinion), 1)
        done = self.env["mail.activity"].with_context(active_test=False).search([
            ("res_model", "=", document._name), ("res_id", "=", document.id), ("user_id", "=", self.office_deputy.id),
            ("activity_type_id", "=", self.signoff_todo.id)])
        self.assertEqual((done.active, done.feedback), (False, "拟同意，呈张副区长审阅"),
                         "the reviewer's to-do is done and keeps the opinion")
        todo = document.sudo().activity_ids.filtered(lambda act: act.activity_type_id == self.signoff_todo)
        self.assertEqual(todo.user_id, self.deputy_a)

        for user in (self.clerk, self.principal):  # the drafter and a colleague of the drafting unit
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    document.with_user(user).check_access("write")
                with self.assertRaises(AccessError):
                    self._attach(document, user, name="事后补充的附件.txt")
                with self.assertRaises(AccessError):
                    draft_file.with_user(user).write({"name": "改名的附件.txt"})
                with self.assertRaises(AccessError):
                    draft_file.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    opinion.with_user(user).write({"body": "不同意"})
                with self.assertRaises(AccessError):
                    opinion.with_user(user).unlink()
                with self.assertRaises(AccessError):
                    todo.with_user(user).unlink()
                # posting from the chatter needs write access (gov.document._mail_post_access)
                self.assertFalse(self.env["gov.document"].with_user(user)._get_thread_with_access(
                    document.id, mode=document._mail_post_access))
        self.assertTrue(draft_file.exists())
        self.assertTrue(todo.exists())
        self.assertEqual(len(opinion.exists()), 1)
        self.assertTrue(all("拟同意，呈张副区长审阅" in message.body for message in opinion))

        # signed and issued alike
        for user, opinion_text in ((self.deputy_a, "同意"), (self.head, "签发")):
            document.with_user(user).action_signoff_approve(opinion_text)
        self.assertEqual(document.state, "approved")
        with self.assertRaises(AccessError):
            self._attach(document, self.clerk, name="签发后的附件.txt")
        document.with_user(self.office_director).action_issue()
        with self.assertRaises(AccessError):
            draft_file.with_user(self.clerk).unlink()
        # the approver still decides and the drafter still reads everything
        self.assertTrue(document.with_user(self.clerk).read(["name", "attachment_ids"]))

    def test_the_approver_still_changes_the_fields_his_step_allows(self):
        """The lock does not stop the approver of a pending step from changing the fields the route lets
        him change: an office reviewer, and the principal of a unit who signs in its name."""
        recipients = self.env["ir.model.fields"]._get("gov.document", "main_recipients")
        self.env.ref("gov_rules.matrix_government").step_ids.sorted("sequence")[:1].editable_field_ids = recipients
        document = self.new_document()
        document.with_user(self.clerk).action_submit()
        document.with_user(self.office_deputy).write({"main_recipients": "各乡镇人民政府"})
        self.assertEqual(document.main_recipients, "各乡镇人民政府")

        self.env.ref("gov_rules.matrix_department").step_ids.editable_field_ids = recipients
        authority = self.env["gov.issuing.authority"].create({"name": "区发改局", "kind": "department",
                                                               "prefix": "东发改发"})
        own = self.new_document(name="区发改局关于开展价格监测工作的通知", authority_id=authority.id)
        own.with_user(self.clerk).action_submit()
        self.assertEqual(self.pending(own).user_ids, self.principal)
        own.with_user(self.principal).write({"main_recipients": "各乡镇发改办"})
        self.assertEqual(own.main_recipients, "各乡镇发改办")
        with self.assertRaises(UserError):
            own.with_user(self.clerk).write({"main_recipients": "全区各单位"})

    # ------------------------------------------------------------------
    # 3. what only the office decides, and who did a checklist line when (R27.4)
    # ------------------------------------------------------------------
    def test_only_the_office_decides_one_matter_per_request_R27_4(self):
        """R27.4: the clerk can neither skip nor undo the office's check of one matter per request, nor
        tick the office's box on the request itself."""
        request = self.new_document(type_id=self.env.ref("gov_rules.document_type_request").id,
                                    name="关于申请拨付供暖补贴资金的请示")
        check = request.checklist_ids.filtered(lambda item: item.kind == "confirmation")
        with self.refused(ValidationError, "R27.4"):
            check.with_user(self.clerk).write({"state": "skipped", "skip_reason": "一文一事，无需核对"})
        self.assertEqual(check.state, "todo")
        with self.refused(UserError, "R27.4"):
            request.with_user(self.clerk).write({"one_matter_confirmed": True})
        with self.refused(UserError, "R27.4"):
            self.new_document(type_id=request.type_id.id, one_matter_confirmed=True)
        self.assertFalse(request.one_matter_confirmed)

        check.with_user(self.office_deputy).write({"state": "done", "note": "已核：一文一事"})
        request.with_user(self.office_deputy).write({"one_matter_confirmed": True})
        with self.refused(ValidationError, "R27.4"):
            check.with_user(self.clerk).write({"state": "todo"})
        self.assertEqual((check.state, check.done_by_id), ("done", self.office_deputy))

    def test_who_did_a_checklist_line_and_when_is_the_systems(self):
        """Who recorded a line and when are set by the system when the line is decided, never typed in."""
        document = self.new_document(type_id=self.env.ref("gov_rules.document_type_normative").id)
        line = document.checklist_ids.filtered(lambda item: not item.reviewer_role and item.kind != "confirmation")[:1]
        for vals in ({"done_by_id": self.head.id}, {"done_on": "2026-01-05 08:00:00"},
                     {"state": "done", "note": "见附件", "done_by_id": self.head.id}):
            with self.subTest(vals=vals), self.refused(UserError, "set by the system"):
                line.with_user(self.clerk).write(vals)
        with self.refused(UserError, "set by the system"):
            self.env["gov.checklist.item"].with_user(self.clerk).create({
                "res_model": document._name, "res_id": document.id, "name": "附件：往年供暖情况", "kind": "attachment",
                "note": "见附件",
                "state": "done", "done_by_id": self.head.id})
        line.with_user(self.clerk).write({"state": "done", "note": "见附件"})
        self.assertEqual(line.done_by_id, self.clerk)
        self.assertTrue(line.done_on)
        line.with_user(self.clerk).write({"state": "todo"})
        self.assertFalse(line.done_by_id or line.done_on, "undone: nobody did it")

    # ------------------------------------------------------------------
    # 4. who drafted (R18.1)
    # ------------------------------------------------------------------
    def test_the_drafter_is_whoever_created_the_draft_R18_1(self):
        """R18.1: the clerk cannot name the leader as drafter (the leader's own review would go to
        someone else); nobody changes the drafter afterwards; a copy is drafted by whoever copies."""
        with self.refused(UserError, "drafter"):
            self.new_document(drafter_id=self.deputy_a.id)
        document = self.new_document()
        for user in (self.clerk, self.office_director):
            with self.subTest(user=user.login), self.refused(UserError, "drafter"):
                document.with_user(user).write({"drafter_id": self.deputy_a.id})
        self.assertEqual(document.drafter_id, self.clerk)
        copy = document.with_user(self.principal).copy()
        self.assertEqual(copy.drafter_id, self.principal)
        document.with_user(self.clerk).action_submit()
        self.assertEqual(self.pending(document).user_ids, self.office_deputy)

    # ------------------------------------------------------------------
    # 5. the escalation log follows the items (R35.1)
    # ------------------------------------------------------------------
    def test_escalation_log_is_read_by_those_who_read_the_item_R35_1(self):
        """R35.1: what the scheduler did on an item, and where it failed, is read by whoever may read
        the item (its unit, also for its steps), the office and the leaders;
        not by a clerk of another unit."""
        document = self.new_document()
        document.with_user(self.clerk).action_submit()
        step = self.pending(document)
        Log = self.env["gov.escalation.log"]
        entries = Log.create([
            {"res_model": "gov.document", "res_id": document.id, "summary": "逾期：办公室催办",
             "error": "KeyError: 'area'"},
            {"res_model": "gov.signoff.task", "res_id": step.id, "summary": "到期提醒"}])
        # the drafter reads the document and submitted the step; the office and the leaders read all
        for user in (self.clerk, self.office_deputy, self.deputy_b):
            with self.subTest(user=user.login):
                self.assertEqual(Log.with_user(user).search([("id", "in", entries.ids)]), entries)
        # a colleague of the unit reads the document, and so its steps and what was done on them
        self.assertEqual(Log.with_user(self.principal).search([("id", "in", entries.ids)]), entries)
        self.assertEqual(Log.with_user(self.finance_clerk).search([("id", "in", entries.ids)]), Log)
        with self.assertRaises(AccessError):
            entries.with_user(self.finance_clerk).read(["summary", "error"])
        # an issued public document is read by all, and so are its steps and its log
        document.sudo().write({"state": "issued"})
        self.assertEqual(Log.with_user(self.finance_clerk).search([("id", "in", entries.ids)]), entries)

    # ------------------------------------------------------------------
    # 6. what history points to is archived, never deleted (R35.1, R44.1)
    # ------------------------------------------------------------------
    def _only_open(self, documents):
        """Only these documents and their steps wait, whatever else the database holds (demo data)."""
        self.env["gov.document"].search([("deadline_open", "=", True), ("id", "not in", documents.ids)]).sudo().write(
            {"deadline_open": False})
        self.env["gov.signoff.task"].search([("deadline_open", "=", True)]).sudo().write({"deadline_open": False})

    def test_a_step_taken_is_archived_not_deleted_R35_1(self):
        """R35.1: the administrator cannot delete an escalation step the log names (nor its ladder): he
        archives it, the log keeps it, and the scheduler no longer takes it."""
        ladder = self.env["gov.escalation.ladder"].with_user(self.gov_admin).create({
            "name": "加急：提醒与催办", "rule_set_id": self.rule_set.id,
            "step_ids": [Command.create({"offset_days": 0, "summary": "今日到期"}),
                         Command.create({"offset_days": 1, "summary": "逾期一日：办公室催办", "notify_office": True})]})
        due, overdue = ladder.step_ids.sorted("offset_days")
        self.env.ref("gov_rules.policy_approve_urgent").with_user(self.gov_admin).ladder_id = ladder
        document = self.new_document(urgency="urgent")
        document.with_user(self.clerk).action_submit()  # deadline 2026-03-11
        self._only_open(document)
        with freeze_time("2026-03-11 04:00:00"):
            self.env["gov.escalation.ladder"]._cron_escalate()
        log = self.env["gov.escalation.log"].search([("res_model", "=", "gov.document"), ("res_id", "=", document.id)])
        self.assertEqual(log.step_id, due)

        with self.refused(UserError, "archive"):
            due.with_user(self.gov_admin).unlink()
        policy = self.env.ref("gov_rules.policy_approve_urgent").with_user(self.gov_admin)
        policy.ladder_id = False
        with self.refused(UserError, "archive"):  # its steps would go with it
            ladder.with_user(self.gov_admin).unlink()
        policy.ladder_id = ladder
        self.assertEqual(log.step_id, due, "the log still names its step")

        overdue.with_user(self.gov_admin).active = False
        with self.refused(ValidationError, "has no step"):  # a ladder in use keeps a step
            due.with_user(self.gov_admin).active = False
        # an archived step leaves its day free for a new one
        replacement = self.env["gov.escalation.step"].with_user(self.gov_admin).create(
            {"ladder_id": ladder.id, "offset_days": 1, "summary": "逾期一日：分管领导督办", "notify_leader": True})
        with freeze_time("2026-03-12 04:00:00"):
            self.env["gov.escalation.ladder"]._cron_escalate()
        self.assertFalse(self.env["gov.escalation.log"].search([("step_id", "=", overdue.id)]),
                         "an archived step is no longer taken")
        self.assertTrue(self.env["gov.escalation.log"].search([("step_id", "=", replacement.id),
                                                               ("res_id", "=", document.id)]))
        self.assertEqual(log.step_id, due)

    def test_a_rule_set_items_started_under_is_archived_not_deleted_R44_1(self):
        """R44.1: items keep the rules they started under, so their rule set is never deleted; archived,
        it is no longer chosen for new items while those under way keep it."""
        document = self.new_document()
        document.with_user(self.clerk).action_submit()
        with self.refused(UserError, "archive"):
            self.rule_set.with_user(self.gov_admin).unlink()
        self.assertEqual(document.rule_set_id, self.rule_set)

        # the system administrator copies (the routes' editable fields are technical records)
        version = self.rule_set.with_user(self.env.ref("base.user_admin")).copy({"date_effective": "2026-03-01"})
        newer = self.new_document(name="关于春耕备耕的通知")
        self.assertEqual(newer.rule_set_id, version)
        version.with_user(self.gov_admin).active = False
        self.assertEqual(self.new_document(name="关于防汛备汛的通知").rule_set_id, self.rule_set,
                         "an archived rule set is not chosen for new items")
        self.assertEqual(newer.rule_set_id, version, "an item keeps the rules it started under")
        newer.with_user(self.clerk).action_submit()
        self.assertEqual(newer.state, "signoff")
        # the next version takes the next number, archived versions included
        self.assertEqual(self.rule_set.with_user(self.env.ref("base.user_admin")).copy().version, version.version + 1)

    # ------------------------------------------------------------------
    # 7. the checklist is the type's, over RPC too (R27.4, R11.4)
    # ------------------------------------------------------------------
    def _lines_of(self, doc_type, overrides):
        """The type's lines as a client could send them, each ticked off with a note, except as overridden
        per template."""
        return [Command.create({"template_id": template.id, "name": template.name, "kind": template.kind,
                                "state": "done", "note": "见附件", **overrides.get(template.id, {})})
                for template in doc_type.checklist_template_ids]

    def test_a_clerk_cannot_forge_the_checklist_over_rpc_R27_4_R11_4(self):
        """R27.4, R11.4: a clerk who sends the checklist lines himself when creating a document cannot
        turn the office's check into a line of his own to tick (R27.4), nor make the legal review optional
        (R11.4), nor add a line the office confirms: the lines of a type are what the type says, and the
        document does not go to sign-off with either check undone."""
        request_type = self.env.ref("gov_rules.document_type_request")
        office_check = self.env.ref("gov_rules.document_type_request_checklist_1")
        with self.refused(ValidationError, "R27.4"):
            request = self.new_document(
                type_id=request_type.id, name="关于申请拨付供暖补贴资金的请示",
                checklist_ids=self._lines_of(request_type, {office_check.id: {"kind": "procedure", "required": True}}))
            request.with_user(self.clerk).action_submit()

        normative = self.env.ref("gov_rules.document_type_normative")
        review = self.env.ref("gov_rules.document_type_normative_checklist_4")
        document = self.new_document(type_id=normative.id, name="关于规范供暖收费的规定",
                                     checklist_ids=self._lines_of(normative, {review.id: {
                                         "required": False, "state": "todo", "note": False}}))
        line = document.checklist_ids.filtered(lambda item: item.template_id == review)
        self.assertTrue(line.required, "the legal review is required as its type says")
        with self.refused(UserError, re.escape(line.name)):
            document.with_user(self.clerk).action_submit()
        self.assertEqual(document.state, "draft")

        with self.refused(UserError, "R27.4"):
            self.env["gov.checklist.item"].with_user(self.clerk).create({
                "res_model": document._name, "res_id": document.id, "name": "办公室已核", "kind": "confirmation"})

    # ------------------------------------------------------------------
    # 8. a step goes only to whoever can act on it (R40.1)
    # ------------------------------------------------------------------
    def test_a_step_is_delegated_only_to_a_government_user(self):
        """A step delegated to an internal user outside the government's groups would wait forever, as he
        cannot even open the item: refused, and the decision form does not offer him."""
        self.env["gov.signoff.matrix.row"].create({
            "name": "可转交", "rule_set_id": self.rule_set.id, "priority": 1,
            "model_id": self.env["ir.model"]._get_id("gov.document"), "domain": "[('name', 'like', '转交')]",
            "step_ids": [Command.create({"sequence": 1, "name": "主任审核", "role": "office_director",
                                         "allow_delegate": True, "is_signature": True})]})
        document = self.new_document(name="关于可转交事项的通知")
        document.with_user(self.clerk).action_submit()
        employee = new_test_user(self.env, "t_employee", groups="base.group_user", name="普通职工 林一")
        with self.refused(UserError, "not a user of the government"):
            document.with_user(self.office_director).action_signoff_delegate(employee)
        self.assertEqual(self.pending(document).user_ids, self.office_director)
        wizard = self.env["gov.signoff.decision"].with_user(self.office_director)
        # whom the decision form offers: the domain the client gets
        domain = wizard.fields_get(["delegate_to_id"])["delegate_to_id"]["domain"]
        offered = self.env["res.users"].with_user(self.office_director).search(domain)
        self.assertIn(self.office_deputy, offered)
        self.assertNotIn(employee, offered)

    # ------------------------------------------------------------------
    # 9. reminders end with the consultation (R28.3)
    # ------------------------------------------------------------------
    def test_withdraw_or_cancel_during_consultation_closes_the_reminders_R28_3(self):
        """R28.3: the deadline reminders of a consultation lose their point when the document is withdrawn
        or cancelled while the units are asked: nobody is left with a reminder of a closed request."""
        deadline_type = self.env.ref("gov_rules.mail_activity_type_gov_deadline")
        for how in ("withdraw", "cancel"):
            with self.subTest(how=how):
                document = self.new_document(name=f"关于供暖经费的通知（{how}）",
                                             consult_department_ids=[self.dept_finance.id])
                document.with_user(self.clerk).action_submit()
                self.assertEqual(document.state, "consultation")
                with freeze_time("2026-03-10 04:00:00"):  # the day before the consultation's deadline
                    self.env["gov.escalation.ladder"]._cron_escalate()
                self.env.invalidate_all()

                def reminders(document=document):
                    return document.sudo().activity_ids.filtered(lambda act: act.activity_type_id == deadline_type)
                self.assertTrue(reminders(), "the units were reminded")
                if how == "withdraw":
                    document.with_user(self.clerk).action_signoff_withdraw("补充测算依据")
                    self.assertEqual(document.state, "draft")
                else:
                    document.with_user(self.office_director).action_cancel("不再发文")
                    self.assertEqual(document.state, "cancelled")
                self.assertFalse(reminders(), "no reminder of a closed request is left")

@tagged("post_install", "-at_install")
@freeze_time("2026-03-02 04:00:00")  # a Monday, noon in Beijing
class TestDocumentFiles(GovOrgCase):
    """A document's files, and its checklist's evidence files, follow the document: read by its readers,
    locked with it once it leaves the draft, for everyone (R35.1)."""

    def _upload(self, user, res_model, res_id=0, name="供暖经费测算表.txt"):
        """As the web client's file widget uploads: for a record not saved yet, res_id is 0."""
        return self.env["ir.attachment"].with_user(user).create({
            "name": name, "res_model": res_model, "res_id": res_id, "datas": base64.b64encode("测算".encode())})

    def _issued(self, document):
        document.with_user(self.clerk).action_submit()
        for user, opinion in ((self.office_deputy, "拟同意"), (self.deputy_a, "同意"), (self.head, "签发")):
            document.with_user(user).action_signoff_approve(opinion)
        document.with_user(self.office_director).action_issue()
        self.assertEqual(document.state, "issued")

    def test_files_uploaded_before_the_first_save_follow_the_document_R35_1(self):
        """R35.1: a file uploaded on the new document's form (and evidence uploaded on a new checklist
        line) belongs to the document once saved: the office and the leader open it, and once the
        document is submitted its drafter can no longer change or delete it."""
        upload = self._upload(self.clerk, "gov.document")
        document = self.new_document(attachment_ids=[Command.set(upload.ids)])
        self.assertEqual(upload.res_id, document.id)
        evidence = self._upload(self.clerk, "gov.checklist.item", name="征求意见记录.txt")
        document.with_user(self.clerk).write({"checklist_ids": [Command.create({
            "name": "附件：征求意见情况", "kind": "attachment", "required": False,
            "attachment_ids": [Command.set(evidence.ids)]})]})
        line = document.checklist_ids.filtered(lambda item: evidence in item.attachment_ids)
        self.assertEqual((evidence.res_model, evidence.res_id), ("gov.checklist.item", line.id))
        document.with_user(self.clerk).action_submit()

        for user in (self.office_deputy, self.deputy_a):
            with self.subTest(user=user.login):
                self.assertEqual(len((upload | evidence).with_user(user).read(["name"])), 2)
        for attachment in (upload, evidence):
            with self.subTest(attachment=attachment.name):
                with self.assertRaises(AccessError):
                    attachment.with_user(self.clerk).write({"datas": base64.b64encode(b"changed")})
                with self.assertRaises(AccessError):
                    attachment.with_user(self.clerk).unlink()
        self.assertTrue((upload | evidence).exists())

    def test_nobody_changes_the_files_of_an_issued_document_R35_1(self):
        """R35.1: the drafting unit changes and removes its draft's files; once the document is issued,
        neither a leader nor the office changes, removes or adds its files (nor a leader the evidence of
        its checklist), though the record rules let them write the document."""
        document = self.new_document()
        kept = self._upload(self.clerk, "gov.document", document.id)
        dropped = self._upload(self.principal, "gov.document", document.id, name="旧稿.txt")
        kept.with_user(self.principal).write({"datas": base64.b64encode("测算（修订）".encode())})
        dropped.with_user(self.clerk).unlink()
        document.with_user(self.clerk).write({"checklist_ids": [Command.create({
            "name": "附件：征求意见情况", "kind": "attachment", "required": False})]})
        line = document.checklist_ids[-1:]
        evidence = self._upload(self.clerk, "gov.checklist.item", line.id, name="征求意见记录.txt")
        self._issued(document)

        for user in (self.deputy_a, self.head, self.office_director):
            with self.subTest(user=user.login):
                with self.refused(UserError, "no longer a draft"):
                    kept.with_user(user).write({"datas": base64.b64encode(b"replaced")})
                with self.refused(UserError, "no longer a draft"):
                    kept.with_user(user).unlink()
                with self.refused(UserError, "no longer a draft"):
                    self._upload(user, "gov.document", document.id, name="签发后的附件.txt")
        with self.refused(UserError, "no longer a draft"):
            evidence.with_user(self.deputy_a).unlink()
        self.assertEqual(base64.b64decode(kept.datas).decode(), "测算（修订）")
        self.assertTrue(evidence.exists())
