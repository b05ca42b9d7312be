import { _t } from "@web/core/l10n/translation";
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

/**
 * When the server cannot make PDFs (wkhtmltopdf missing, broken, or too few workers), Odoo shows
 * the report in the browser with a notice whose link is printed as raw HTML. This handler runs
 * first and does the same with a plain, translated notice: nothing else changes, and a server
 * that makes PDFs is not affected.
 */
let pdfStatus;

function plainNotice(status) {
    const notices = {
        install: _t(
            "The server cannot make PDF files: wkhtmltopdf is not installed. The report is shown here instead; print it from your browser. An administrator can install Debian's wkhtmltopdf package."
        ),
        broken: _t(
            "The server cannot make PDF files: its wkhtmltopdf does not work. The report is shown here instead; print it from your browser. An administrator can reinstall Debian's wkhtmltopdf package."
        ),
        workers: _t(
            "The server cannot make PDF files with a single worker. The report is shown here instead; print it from your browser. An administrator can start the server with at least two workers."
        ),
    };
    return notices[status];
}

async function reportPdfFallback(action, options, env) {
    if (action.report_type !== "qweb-pdf") {
        return false;
    }
    pdfStatus ||= rpc("/report/check_wkhtmltopdf");
    const notice = plainNotice(await pdfStatus);
    if (!notice) {
        return false;
    }
    env.services.notification.add(notice, { sticky: true, title: _t("Report") });
    await env.services.action.doAction({ ...action, report_type: "qweb-html" }, options);
    return true;
}

registry.category("ir.actions.report handlers").add("gov_rules.report_pdf_fallback", reportPdfFallback, {
    sequence: 1,
});
