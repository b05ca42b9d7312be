from contextlib import contextmanager

from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.tests import TransactionCase, new_test_user


class GovOrganisation:
    """A small Dongchang organisation with real users of each group (R4.1, R5.1, R5.4).

    A mixin for any test case class (TransactionCase, HttpCase): its ``setUpClass`` calls
    ``cls._setup_organisation()`` after ``super().setUpClass()``.
    """

    @classmethod
    def _read_in_chinese(cls, modules, users=None):
        """Chinese active, the addons' Chinese catalogues loaded, and these users reading in Chinese."""
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(modules, ["zh_CN"])
        if users:
            users.write({"lang": "zh_CN"})

    @classmethod
    def _setup_organisation(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False, mail_notrack=True,
                                       mail_create_nolog=True))
        user = "gov_rules.group_gov_user"
        leader = "gov_rules.group_gov_user,gov_rules.group_gov_leader"
        office = "gov_rules.group_gov_user,gov_rules.group_gov_office"
        cls.head = new_test_user(cls.env, "t_head", groups=leader, name="区长 王强")
        cls.exec_deputy = new_test_user(cls.env, "t_exec", groups=leader, name="常务副区长 李明")
        cls.deputy_a = new_test_user(cls.env, "t_dep_a", groups=leader, name="副区长 张华")
        cls.deputy_b = new_test_user(cls.env, "t_dep_b", groups=leader, name="副区长 赵敏")
        cls.office_director = new_test_user(cls.env, "t_office_dir", groups=office, name="办公室主任 周涛")
        cls.office_deputy = new_test_user(cls.env, "t_office_dep", groups=office, name="办公室副主任 吴刚")
        cls.legal = new_test_user(cls.env, "t_legal", groups=user, name="法律顾问 郑律")
        cls.clerk = new_test_user(cls.env, "t_clerk", groups=user, name="发改局科员 陈晨")
        cls.principal = new_test_user(cls.env, "t_principal", groups=user, name="发改局局长 孙立")
        cls.finance_principal = new_test_user(cls.env, "t_fin", groups=user, name="财政局局长 钱进")
        cls.finance_clerk = new_test_user(cls.env, "t_fin_clerk", groups=user, name="财政局科员 冯雪")
        cls.audit_principal = new_test_user(cls.env, "t_audit", groups=user, name="审计局局长 何平")
        # the engine's tests read what the system writes in English, for each person and for everyone
        # (chatter, logs), whatever the database's language; test_trust_language checks Chinese
        cls.env["res.lang"]._activate_lang("en_US")
        cls.env["ir.config_parameter"].sudo().set_param("gov_rules.district_lang", "en_US")
        (cls.head | cls.exec_deputy | cls.deputy_a | cls.deputy_b | cls.office_director | cls.office_deputy
         | cls.legal | cls.clerk | cls.principal | cls.finance_principal | cls.finance_clerk
         | cls.audit_principal).write({"lang": "en_US"})

        # the tests' own organisation, whatever the database holds (demo data has another one)
        cls.env["gov.absence"].search([]).unlink()
        cls.env["gov.entrustment"].search([]).unlink()
        cls.env["gov.position"].search([]).active = False
        Position = cls.env["gov.position"]
        cls.pos_head = Position.create({"name": "区长", "role": "head", "user_id": cls.head.id})
        cls.pos_exec = Position.create({"name": "常务副区长", "role": "executive_deputy",
                                        "user_id": cls.exec_deputy.id})
        cls.pos_dep_a = Position.create({"name": "副区长（经济）", "role": "deputy", "user_id": cls.deputy_a.id})
        cls.pos_dep_b = Position.create({"name": "副区长（社会）", "role": "deputy", "user_id": cls.deputy_b.id,
                                         "ab_partner_id": cls.pos_dep_a.id})
        cls.pos_office_dir = Position.create({"name": "办公室主任", "role": "office_director",
                                              "user_id": cls.office_director.id})
        cls.pos_office_dep = Position.create({"name": "办公室副主任", "role": "office_deputy_director",
                                              "user_id": cls.office_deputy.id})
        Position.create({"name": "法律顾问", "role": "legal_adviser", "user_id": cls.legal.id})

        Area = cls.env["gov.area"]
        cls.area_economy = Area.create({"name": "经济发展", "code": "t_economy", "leader_position_id": cls.pos_dep_a.id,
                                        "office_position_id": cls.pos_office_dep.id})
        cls.area_society = Area.create({"name": "社会事业", "code": "t_society", "leader_position_id": cls.pos_dep_b.id,
                                        "office_position_id": cls.pos_office_dep.id})
        Department = cls.env["hr.department"]
        cls.dept_drc = Department.create({"name": "区发改局", "gov_unit_kind": "department",
                                          "gov_principal_id": cls.principal.id, "gov_area_id": cls.area_economy.id})
        cls.dept_finance = Department.create({"name": "区财政局", "gov_unit_kind": "department",
                                              "gov_principal_id": cls.finance_principal.id,
                                              "gov_area_id": cls.area_economy.id})
        cls.dept_audit = Department.create({"name": "区审计局", "gov_unit_kind": "department",
                                            "gov_principal_id": cls.audit_principal.id, "gov_reports_to_head": True})
        Employee = cls.env["hr.employee"]
        for user_record, department in ((cls.clerk, cls.dept_drc), (cls.principal, cls.dept_drc),
                                        (cls.finance_principal, cls.dept_finance),
                                        (cls.finance_clerk, cls.dept_finance),
                                        (cls.audit_principal, cls.dept_audit)):
            Employee.create({"name": user_record.name, "user_id": user_record.id, "department_id": department.id})

        cls.rule_set = cls.env.ref("gov_rules.rule_set_dongchang")
        cls.authority_government = cls.env.ref("gov_rules.authority_government")
        cls.authority_office = cls.env.ref("gov_rules.authority_office")
        cls.type_notice = cls.env.ref("gov_rules.document_type_notice")

    def new_document(self, user=None, **values):
        vals = {"name": "关于做好2026年冬季供暖工作的通知", "type_id": self.type_notice.id,
                "authority_id": self.authority_government.id, "department_id": self.dept_drc.id,
                "area_id": self.area_economy.id, **values}
        return self.env["gov.document"].with_user(user or self.clerk).create(vals)

    def as_user(self, record, user):
        return record.with_user(user)

    def pending(self, document):
        return document.sudo().signoff_task_ids.filtered(lambda task: task.state == "pending")

    def today(self):
        # the rules' date: the district's, whatever the test user's time zone
        return district_today(self.env)

    @contextmanager
    def refused(self, exception, pattern):
        """assertRaises (which rolls back what the refused call did), and the message matches ``pattern``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)


class GovOrgCase(GovOrganisation, TransactionCase):
    """The organisation of :class:`GovOrganisation` in a TransactionCase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_organisation()
