from datetime import date

from odoo.addons.gov_rules.tests.common_org import GovOrganisation
from odoo.tests import new_test_user


class GovInspectionOrganisation(GovOrganisation):
    """The engine's test organisation, with the supervision office (督查室): a plain user who holds the
    supervision office's position, and inspection subjects."""

    @classmethod
    def _setup_inspections(cls):
        cls._setup_organisation()
        cls.supervisor = new_test_user(cls.env, "t_supervisor", groups="gov_rules.group_gov_user",
                                       name="督查室主任 林峰", lang="en_US")
        cls.env["gov.position"].create({"name": "督查室主任", "role": "supervision_officer",
                                        "user_id": cls.supervisor.id})
        cls.rule_set.inspection_duplicates = "refuse"
        cls.subject_safety = cls.env.ref("gov_supervision.inspection_subject_safety")
        cls.subject_business = cls.env.ref("gov_supervision.inspection_subject_business")
        # the target units of the tests' inspections
        cls.dept_housing = cls.env["hr.department"].create({"name": "临河住建所", "gov_unit_kind": "department",
                                                            "gov_area_id": cls.area_economy.id})
        cls.dept_town = cls.env["hr.department"].create({"name": "临河街道", "gov_unit_kind": "township",
                                                         "gov_area_id": cls.area_economy.id})

    def new_inspection(self, user=None, **values):
        vals = {"name": "建筑施工安全专项督查", "kind": "special", "organiser_id": self.dept_drc.id,
                "subject_id": self.subject_safety.id, "target_ids": [(6, 0, [self.dept_housing.id, self.dept_town.id])],
                "date_from": date(2026, 3, 2), "date_to": date(2026, 3, 31), "area_id": self.area_economy.id,
                **values}
        return self.env["gov.inspection"].with_user(user or self.clerk).create(vals)

    def planned_inspection(self, **values):
        """An inspection planned and approved (the unit's route: its principal, then the supervision office)."""
        inspection = self.new_inspection(**values)
        inspection.with_user(self.clerk).action_signoff_submit()
        inspection.with_user(self.principal).action_signoff_approve()
        inspection.with_user(self.supervisor).action_signoff_approve()
        self.assertEqual(inspection.state, "planned")
        return inspection
