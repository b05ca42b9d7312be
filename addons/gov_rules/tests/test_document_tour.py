from odoo.tests import HttpCase, tagged

from .common_org import GovOrganisation

DOCUMENTS_URL = "/odoo/action-gov_rules.action_gov_document"
MY_TODO_URL = "/odoo/action-gov_rules.action_gov_signoff_task_mine"
# the titles typed by gov_document_draft_tour and gov_document_request_draft_tour
# (static/tests/tours/gov_document_tours.js)
TITLE = "关于做好冬季供暖保障工作的通知"
REQUEST_TITLE = "关于拨付防汛物资采购资金的请示"


@tagged("post_install", "-at_install")
class TestDocumentTour(GovOrganisation, HttpCase):
    """An outgoing document from draft to number in the web client, at desktop size (R27.5, R27.6,
    R28.2, R29.2, R5.3): a clerk drafts, the consulted finance bureau keeps silent and consents at
    its deadline, the office and the deputy in charge approve, the head is away so the executive
    deputy signs for him (代), and the office issues the numbered document."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_organisation()
        # the tour chooses the area and the consulted unit by name: the demo organisation's
        # namesakes must not be proposed next to the test organisation's
        for record in (cls.area_economy, cls.dept_finance):
            for namesake in record.search([("name", "=", record.name), ("id", "!=", record.id)]):
                namesake.name = f"{namesake.name}（演示）"

    def _tour(self, url, tour, login):
        self.start_tour(url, tour, login=login)
        # the browser worked through other environments: forget what this one had read
        self.env.invalidate_all()

    def _log_actions(self, document):
        return document.sudo().signoff_log_ids.sorted("id").mapped("action")

    def test_document_flow(self):
        # 1. the clerk drafts and submits: the finance bureau is consulted first (R27.5)
        self._tour(DOCUMENTS_URL, "gov_document_draft_tour", "t_clerk")
        document = self.env["gov.document"].search([("name", "=", TITLE)])
        self.assertEqual(len(document), 1, "the tour should have saved one document")
        self.assertRecordValues(document, [{
            "state": "consultation", "type_id": self.type_notice.id, "kind": "notice",
            "authority_id": self.authority_government.id, "department_id": self.dept_drc.id,
            "area_id": self.area_economy.id, "drafter_id": self.clerk.id, "requester_id": self.clerk.id,
        }])
        self.assertEqual(document.consult_department_ids, self.dept_finance)
        consultation = document.consult_task_ids
        self.assertEqual(len(consultation), 1)
        self.assertEqual(consultation.state, "pending")
        self.assertEqual(consultation.user_ids, self.finance_principal)
        self.assertTrue(consultation.deadline)

        # 2. the bureau keeps silent: the day after its deadline the cron records consent (R27.6)
        calendar = self.rule_set.calendar_id
        self.env["gov.escalation.ladder"]._cron_escalate(today=calendar.add_working_days(consultation.deadline, -1))
        self.env.invalidate_all()
        self.assertEqual(consultation.state, "pending", "the unit may still answer until its deadline")
        self.env["gov.escalation.ladder"]._cron_escalate(today=calendar.add_working_days(consultation.deadline, 1))
        self.env.invalidate_all()
        self.assertEqual(consultation.state, "consented")
        consent = document.sudo().signoff_log_ids.filtered(lambda log: log.action == "consent")
        self.assertEqual(len(consent), 1)
        self.assertEqual(consent.task_id, consultation)
        self.assertEqual(document.state, "signoff", "the document goes on to sign-off")
        self.assertEqual(document.signoff_row_id, self.env.ref("gov_rules.matrix_government"))
        self.assertEqual(self.pending(document).user_ids, self.office_deputy)

        # 3. the office's deputy director reviews from "My To-Do"
        self._tour(MY_TODO_URL, "gov_document_office_review_tour", "t_office_dep")
        self.assertEqual(self.pending(document).user_ids, self.deputy_a)

        # 4. the deputy in charge of the area approves (R28.2)
        self._tour(MY_TODO_URL, "gov_document_deputy_approval_tour", "t_dep_a")
        signature = self.pending(document)
        self.assertTrue(signature.is_signature)
        self.assertEqual(signature.user_ids, self.head)

        # 5. the head is away today: the executive deputy acts for him (R5.3)
        self.env["gov.absence"].create({"user_id": self.head.id, "kind": "trip", "date_from": self.today(),
                                        "date_to": self.today()})
        self.env.invalidate_all()
        self.assertEqual(signature.holder_id, self.head)
        self.assertEqual(signature.user_ids, self.exec_deputy)

        # 6. the executive deputy signs with 代
        self._tour(MY_TODO_URL, "gov_document_acting_signature_tour", "t_exec")
        self.assertRecordValues(document, [{"state": "approved", "signer_id": self.exec_deputy.id,
                                            "signed_for_id": self.head.id}])
        self.assertIn("代", document.signer_display)

        # 7. the office issues it with the next number of the government's yearly sequence
        self._tour(f"{DOCUMENTS_URL}/{document.id}", "gov_document_issue_tour", "t_office_dep")

        # 8. everything is on record
        self.assertEqual(document.state, "issued")
        self.assertEqual(document.issue_date, self.today(), "issued on the district's date")
        self.assertRegex(document.number, r"^东政发〔\d{4}〕\d+号$")
        self.assertIn(f"〔{document.issue_date.year}〕", document.number)
        self.assertRecordValues(document, [{"signer_id": self.exec_deputy.id, "signed_for_id": self.head.id}])
        self.assertEqual(self._log_actions(document),
                         ["submit", "consent", "approve", "approve", "reroute", "approve", "issue"])
        approvals = document.sudo().signoff_log_ids.filtered(lambda log: log.action == "approve").sorted("id")
        self.assertEqual(approvals.user_id.ids, (self.office_deputy | self.deputy_a | self.exec_deputy).ids)
        self.assertEqual(approvals.mapped("opinion"), ["拟同意，呈张副区长审阅", "同意，请王区长签发", "签发"])
        self.assertEqual(approvals[-1].acting_for_id, self.head)
        self.assertFalse((approvals[0] | approvals[1]).acting_for_id)

    def test_request_flow(self):
        """A request for instructions (请示) drafted in the web form can be submitted (R27.3, R27.4): the
        type's form fields show as soon as the type is chosen, the checklist lines made then keep their
        link to the type's lines, the clerk documents the collective discussion, the office confirms
        "one request, one matter", and the clerk's submission finds nothing missing."""
        type_request = self.env.ref("gov_rules.document_type_request")
        self._tour(DOCUMENTS_URL, "gov_document_request_draft_tour", "t_clerk")
        document = self.env["gov.document"].search([("name", "=", REQUEST_TITLE)])
        self.assertEqual(len(document), 1, "the tour should have saved one document")
        self.assertEqual(document.type_id, type_request)
        self.assertEqual(document.checklist_ids.template_id, type_request.checklist_template_ids,
                         "each line keeps the type's line it answers")
        self.assertEqual(document.checklist_ids.filtered(lambda item: item.state == "done").template_id.rule_ref,
                         "R27.3")
        amount = {prop["name"]: prop.get("value") for prop in document.read(["properties"])[0]["properties"]}
        self.assertEqual(amount.get("amount"), 120)

        self._tour(f"{DOCUMENTS_URL}/{document.id}", "gov_document_request_confirm_tour", "t_office_dep")
        self.assertEqual(set(document.checklist_ids.mapped("state")), {"done"})

        self._tour(f"{DOCUMENTS_URL}/{document.id}", "gov_document_request_submit_tour", "t_clerk")
        self.assertEqual(document.state, "signoff")
        self.assertEqual(document.requester_id, self.clerk)


@tagged("post_install", "-at_install")
class TestDocumentTourPhone(TestDocumentTour):
    """The same flow on a phone screen, with touch events."""

    browser_size = "375x667"
    touch_enabled = True
    # Odoo's test loader only collects the methods a class defines itself, unless told otherwise
    allow_inherited_tests_method = True
