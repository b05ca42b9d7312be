from odoo.tests import HttpCase, tagged

from .common_attendance import GovAttendanceOrganisation


@tagged("post_install", "-at_install")
class TestPaperRoute(GovAttendanceOrganisation, HttpCase):
    """The papers are served through /gov_meetings/paper/<meeting>/<attachment> over real HTTP (R22.3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_attendance()

    def row(self, user, paper):
        self.env.invalidate_all()
        return self.env["gov.meeting.paper.read"].search([("user_id", "=", user.id), ("attachment_id", "=", paper.id)])

    def test_participant_opens_a_paper_and_its_reading_is_recorded_R22_3(self):
        self.send_papers()
        self.authenticate("t_dep_a", "t_dep_a")
        for paper in (self.paper_a1, self.paper_a2):
            response = self.url_open(f"/gov_meetings/paper/{self.meeting.id}/{paper.id}")
            self.assertEqual(response.status_code, 200)
            self.assertIn("会议材料", response.content.decode())
            self.assertTrue(self.row(self.deputy_a, paper).read_on)
        self.assertFalse(self.attendee(self.deputy_a).papers_read_on, "one paper is still unread")
        self.url_open(f"/gov_meetings/paper/{self.meeting.id}/{self.paper_b.id}")
        self.env.invalidate_all()
        self.assertTrue(self.attendee(self.deputy_a).papers_read_on)

    def test_someone_else_may_not_read_the_papers_R22_3(self):
        """Another unit's clerk is refused the paper, by the route and by /web/content; a participant is
        refused a paper that is not of his meeting; nothing is recorded."""
        self.send_papers()
        self.authenticate("t_clerk", "t_clerk")
        response = self.url_open(f"/gov_meetings/paper/{self.meeting.id}/{self.paper_b.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("会议材料", response.content.decode(errors="replace"))
        response = self.url_open(f"/web/content/{self.paper_b.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("会议材料", response.content.decode(errors="replace"))
        self.assertFalse(self.env["gov.meeting.paper.read"].search([("user_id", "=", self.clerk.id)]))
        # a participant asks for another meeting's paper through his own meeting
        other = self._paper(self.topic_a, "另一份材料.txt")
        self.authenticate("t_dep_b", "t_dep_b")
        self.assertEqual(self.url_open(f"/gov_meetings/paper/{self.meeting.id}/{other.id}").status_code, 404)
        self.assertFalse(self.row(self.deputy_b, self.paper_b).read_on, "nothing recorded for him")
