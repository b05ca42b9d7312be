import threading
from datetime import timedelta

from odoo import api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

from odoo.addons.gov_rules.lib.district_time import district_today


@tagged("post_install", "-at_install")
class TestSupervisionRace(BaseCase):
    """Two members of the supervision office decide on the same result at the same moment, one accepting
    (办结) and one sending it back (退回重办), in real parallel transactions committed to the database:
    exactly one decision is taken; the other is told the item no longer waits for him. The data is made
    and removed in transactions of their own (on the demo organisation)."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.officers = (env.ref("gov_supervision.demo_user_sup_officer")
                             | env.ref("gov_supervision.demo_user_sup_officer2")).ids
            clerk = env.ref("gov_rules.demo_user_drc_clerk")
            item = env["gov.supervision.item"].create({
                "name": "并发审核测试事项", "lead_department_id": env.ref("gov_rules.demo_dept_drc").id,
                "responsible_id": clerk.id, "area_id": env.ref("gov_rules.demo_area_economy").id,
                "deadline": district_today(env) + timedelta(days=30)})
            item.action_open()
            item.with_user(clerk).write({"result": "<p>已完成</p>"})
            item.with_user(clerk).action_submit_closure()
            self.item_id = item.id
        self.addCleanup(self._remove_item)

    def _remove_item(self):
        with self.registry.cursor() as cr:
            # the decision log and steps are append-only for users: the test removes what it made by SQL
            for table, column in (("gov_signoff_log", "res_id"), ("gov_signoff_task", "res_id"),
                                  ("mail_activity", "res_id"), ("mail_message", "res_id"),
                                  ("mail_followers", "res_id")):
                cr.execute(f"DELETE FROM {table} WHERE res_model = 'gov.supervision.item' AND {column} = %s",  # noqa: S608
                           [self.item_id])
            cr.execute("DELETE FROM gov_supervision_item WHERE id = %s", [self.item_id])

    def test_accept_and_send_back_at_the_same_moment(self):
        barrier = threading.Barrier(2)
        outcomes = {}

        def decide(uid, decision):
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, uid, {})
                    first = [True]

                    def act():
                        item = env["gov.supervision.item"].browse(self.item_id)
                        item.fetch(["state"])
                        if first[0]:
                            # both read the item under review, then decide at once
                            first[0] = False
                            barrier.wait(timeout=10)
                        if decision == "approve":
                            item.action_signoff_approve("同意办结")
                        else:
                            item.action_signoff_return("请补充佐证材料")
                    # as Odoo's RPC layer does: a serialization failure is retried from the start
                    retrying(act, env)
                outcomes[decision] = "done"
            except threading.BrokenBarrierError:
                outcomes[decision] = "the other thread never came"
            except UserError as error:
                outcomes[decision] = str(error)

        threads = [threading.Thread(target=decide, args=(self.officers[0], "approve")),
                   threading.Thread(target=decide, args=(self.officers[1], "return"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        self.assertEqual(len(outcomes), 2, outcomes)
        self.assertEqual(sorted(outcomes.values()).count("done"), 1, f"exactly one decision: {outcomes}")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            item = env["gov.supervision.item"].browse(self.item_id)
            decisions = item.signoff_log_ids.filtered(lambda log: log.action in ("approve", "return"))
            self.assertEqual(len(decisions), 1, "one decision in the log")
            if decisions.action == "approve":
                self.assertEqual((item.state, item.return_count), ("closed", 0))
            else:
                self.assertEqual((item.state, item.return_count), ("open", 1))
