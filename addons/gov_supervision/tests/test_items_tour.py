from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSupervisionItemsTour(HttpCase):
    """The story in a browser, in Chinese, at desktop and phone size: the lead unit and a co-unit report,
    the lead asks for an extension, the leader in charge approves, the lead submits the result, the
    supervision office sends it back, it is submitted again and closed."""

    def _run(self, size):
        for login in ("dc_drc_clerk", "dc_fin_clerk", "dc_dep_econ", "dc_sup_officer"):
            self.env["res.users"].search([("login", "=", login)]).lang = "zh_CN"
        self.start_tour("/odoo/action-gov_supervision.action_gov_supervision_item", "gov_supervision_items_tour",
                        login="dc_sup_officer", browser_size=size, timeout=300)

    def test_items_tour_desktop(self):
        self._run("1366x768")

    def test_items_tour_phone(self):
        self._run("375x667")
