import io

from odoo import models
from odoo.addons.base.models.ir_actions_report import _wkhtml


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _run_wkhtmltopdf(self, bodies, report_ref=False, header=None, footer=None, landscape=False,
                         specific_paperformat_args=None, set_viewport_size=False):
        """Debian's wkhtmltopdf (Qt without Odoo's patches, what tools/setup.sh installs) cannot put
        several documents in one run, and Odoo then refuses to print them: print each one on its own
        and join the PDFs, so that several sign-off sheets print at once from the list."""
        if len(bodies) < 2 or _wkhtml().is_patched_qt:
            return super()._run_wkhtmltopdf(bodies, report_ref=report_ref, header=header, footer=footer,
                                            landscape=landscape, specific_paperformat_args=specific_paperformat_args,
                                            set_viewport_size=set_viewport_size)
        streams = [
            io.BytesIO(super(IrActionsReport, self)._run_wkhtmltopdf(
                [body], report_ref=report_ref, header=header, footer=footer, landscape=landscape,
                specific_paperformat_args=specific_paperformat_args, set_viewport_size=set_viewport_size))
            for body in bodies
        ]
        return self._merge_pdfs(streams).getvalue()
