from odoo import fields, models


class HrDepartment(models.Model):
    _inherit = "hr.department"

    # R26.3: the comprehensive departments (综合部门) have a limit of their own, which the shipped limit
    # "one meeting a year in the government's name" counts by this mark rather than by a list of units
    gov_comprehensive = fields.Boolean(
        string="Comprehensive Department",
        help="A comprehensive department (综合部门, e.g. development and reform, finance, human resources and "
             "social security): the limits for comprehensive departments count its district-wide meetings "
             "(R26.3).")
