import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

/**
 * Tours of gov_rules/tests/test_trust_sheet.py: where a user lands when logging in, and what he
 * is told when the server cannot make the PDF of the sign-off sheet.
 */

registry.category("web_tour.tours").add("gov_landing_tour", {
    steps: () => [
        {
            content: "The web client opened an action without being told which",
            trigger: ".o_action_manager .o_action .o_control_panel",
            async run() {
                const todo = await rpc("/web/action/load", { action_id: "gov_rules.action_gov_signoff_task_mine" });
                const expected = [`/odoo/${todo.path}`, `/odoo/action-${todo.id}`,
                    "/odoo/action-gov_rules.action_gov_signoff_task_mine"];
                const path = window.location.pathname;
                if (!expected.includes(path)) {
                    throw new Error(`landed on ${path}, not on My To-Do (${expected.join(" or ")})`);
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("gov_sheet_pdf_fallback_tour", {
    steps: () => [
        {
            content: "Print the sign-off sheet",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_print_sheet]",
            run: "click",
        },
        {
            content: "The notice says in plain words why there is no PDF",
            trigger: ".o_notification .o_notification_content:contains(wkhtmltopdf)",
            run() {
                const notice = this.anchor;
                if (notice.textContent.includes("<") || notice.querySelector("a, br")) {
                    throw new Error(`the notice shows markup: ${notice.innerHTML}`);
                }
            },
        },
        {
            content: "The sheet is shown in the browser instead",
            trigger: ".o_action iframe",
        },
    ],
});
