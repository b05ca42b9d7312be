import threading
import uuid
from datetime import timedelta

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api, fields
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import UserError
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, new_test_user, tagged

# as Odoo's RPC and HTTP layer does, a transaction that fails on a concurrent update is run again
RETRIES = 3


@tagged("post_install", "-at_install")
class TestTopicTakenTwiceAtOnce(TransactionCase):
    """Two office users add the same topic to two meetings at the same moment, each in his own
    transaction on his own connection: only one wins, the other gets the clear refusal (R22.2)."""

    # the commits below are on connections of their own, never the test's: the other transaction must see them

    def setUp(self):
        super().setUp()
        self.connection = db_connect(self.env.cr.dbname)
        # what both transactions see must be committed: built on a connection of its own, removed after
        with self.connection.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "no_reset_password": True})
            suffix = uuid.uuid4().hex[:8]
            groups = "gov_rules.group_gov_user,gov_rules.group_gov_office"
            self.users = [new_test_user(env, f"race_office_{n}_{suffix}", groups=groups, name=f"办公室秘书{n}")
                          for n in (1, 2)]
            meeting_type = env["gov.meeting.type"].create({
                "name": "并发测试会议", "code": f"race_{suffix}", "kind": "executive", "chair_role": "head"})
            self.topic = env["gov.meeting.topic"].sudo().create({
                "name": "并发测试议题", "meeting_type_id": meeting_type.id, "state": "pool"})
            start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=30)
            self.meetings = env["gov.meeting"].create([
                {"name": f"并发测试会议 {n}", "type_id": meeting_type.id, "start": start,
                 "stop": start + timedelta(hours=1)} for n in (1, 2)])
            self.ids = {"users": [user.id for user in self.users], "type": meeting_type.id,
                        "topic": self.topic.id, "meetings": self.meetings.ids,
                        "events": self.meetings.calendar_event_id.ids}
            cr.commit()  # pylint: disable=invalid-commit

    def tearDown(self):
        with self.connection.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {MODULE_UNINSTALL_FLAG: True, "active_test": False})
            ids = self.ids
            env["calendar.event"].browse(ids["events"]).unlink()
            env["gov.meeting"].browse(ids["meetings"]).unlink()
            env["gov.meeting.topic"].browse(ids["topic"]).unlink()
            env["gov.meeting.type"].browse(ids["type"]).unlink()
            users = env["res.users"].browse(ids["users"])
            partners = users.partner_id
            users.unlink()
            partners.unlink()
            cr.commit()  # pylint: disable=invalid-commit
        super().tearDown()

    def _take(self, envs, meeting_id, barrier, results):
        """Add the topic in ``envs[0]``'s transaction; on a serialization failure again in the next one.
        The environments are made by the main thread: the registry is not looked up from a thread."""
        uid = envs[0].uid
        for attempt, env in enumerate(envs):
            cr = env.cr
            try:
                # each transaction reads the topic in the pool before either adds it...
                env["gov.meeting.topic"].browse(self.ids["topic"]).read(["state"])
                if attempt == 0:
                    barrier.wait(timeout=20)
                # ...then both add it at once
                env["gov.meeting.agenda.line"].create({"meeting_id": meeting_id, "topic_id": self.ids["topic"]})
                env.flush_all()
                cr.commit()  # pylint: disable=invalid-commit
                results[uid] = "added"
                return
            except SerializationFailure:
                cr.rollback()
                results[f"retried {uid}"] = results.get(f"retried {uid}", 0) + 1
            except UserError as error:
                cr.rollback()
                results[uid] = str(error)
                return
            except Exception as error:  # noqa: BLE001 - reported by the test
                cr.rollback()
                results[uid] = f"unexpected: {error!r}"
                return

    def test_two_offices_add_the_same_topic_at_once_R22_2(self):
        """R22.2: a topic is on one meeting at a time, even when two offices take it at the same moment."""
        barrier = threading.Barrier(2)
        results = {}
        cursors = []
        envs = {}
        for uid in self.ids["users"]:
            cursors += [self.connection.cursor() for _attempt in range(RETRIES)]
            envs[uid] = [api.Environment(cr, uid, {}) for cr in cursors[-RETRIES:]]
        try:
            threads = [threading.Thread(target=self._take, args=(envs[uid], meeting_id, barrier, results))
                       for uid, meeting_id in zip(self.ids["users"], self.ids["meetings"], strict=False)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        finally:
            for cr in cursors:
                cr.rollback()
                cr.close()
        outcomes = [results.get(uid) for uid in self.ids["users"]]
        self.assertEqual(outcomes.count("added"), 1, f"exactly one wins: {results}")
        loser = next(outcome for outcome in outcomes if outcome != "added")
        self.assertRegex(loser or "", r"already on the agenda.*R22\.2", results)
        self.assertTrue([key for key in results if str(key).startswith("retried")],
                        f"the two transactions overlapped: the second failed on the first's update and ran again "
                        f"({results})")
        with self.connection.cursor() as cr:
            cr.execute("SELECT meeting_id FROM gov_meeting_agenda_line WHERE topic_id = %s", [self.ids["topic"]])
            lines = cr.fetchall()
            cr.execute("SELECT state, meeting_id FROM gov_meeting_topic WHERE id = %s", [self.ids["topic"]])
            state, meeting_id = cr.fetchone()
        self.assertEqual(len(lines), 1, "one agenda has the topic")
        self.assertEqual((state, meeting_id), ("scheduled", lines[0][0]))
