from odoo import api, models


def _by_step(task):
    return (task.sequence, task.id)


class ReportGovDocumentSheet(models.AbstractModel):
    """The values of the sign-off sheet (发文稿纸): a sheet shows no more than its reader may read."""

    _name = "report.gov_rules.report_gov_document_sheet"
    _description = "Sign-off Sheet of an Outgoing Document"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["gov.document"].browse(docids)
        # the documents first, with the reader's own rights: a document he may not read prints nothing
        # at all (AccessError), whatever the blocks below would show
        docs.check_access("read")
        sheets = {}
        for doc in docs:
            # sudo: the route and the opinions belong to the document, which the check above proved
            # readable; its form shows them to the same readers (gov.signoff.mixin)
            steps = doc.signoff_task_ids.sudo().filtered(lambda t, d=doc: t.round == d.signoff_round)
            consults = doc.consult_task_ids.sudo()
            last_round = max(consults.mapped("round"), default=0)
            sheets[doc.id] = {
                "signature": steps.filtered("is_signature").sorted(_by_step),
                "review": steps.filtered(lambda t: not t.is_signature).sorted(_by_step),
                "consults": consults.filtered(lambda t, r=last_round: t.round == r).sorted(_by_step),
                # the attachments the reader may open
                "attachments": doc.attachment_ids._filtered_access("read"),
            }
        return {"doc_ids": docids, "doc_model": "gov.document", "docs": docs, "sheets": sheets}
