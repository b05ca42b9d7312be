import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";

/**
 * Tours of the outgoing-document flow (gov.document), run in sequence by
 * gov_rules/tests/test_document_tour.py with different logins, at desktop and phone size:
 * a clerk drafts and submits, the consulted unit keeps silent (the test runs the escalation
 * cron), the office and the deputy in charge approve from "My To-Do", the executive deputy
 * signs for the absent head (代), and the office issues the numbered document.
 *
 * Triggers use field and button names, never labels: the test users may work in Chinese or
 * in English. The approval button opens the decision wizard by its action id, so it is found
 * by its hotkey (data-hotkey="a").
 */

// also in test_document_tour.py
const TITLE = "关于做好冬季供暖保障工作的通知";

const APPROVE = "button[type=action][data-hotkey=a]";

/** The name ``model``'s single record matching ``domain`` shows to the current user, in the user's language. */
async function shownName(model, domain) {
    const records = await rpc(`/web/dataset/call_kw/${model}/search_read`, {
        model,
        method: "search_read",
        args: [domain],
        kwargs: { fields: ["display_name"], limit: 2, context: user.context },
    });
    if (records.length !== 1) {
        throw new Error(`expected one ${model} for ${JSON.stringify(domain)}, found ${records.length}`);
    }
    return records[0].display_name;
}

/**
 * Steps that choose a record in a many2one or many2many_tags field by the name it shows: on a
 * desktop by typing the name and taking the proposal with exactly that name (not one that
 * merely contains it: the government's name is part of its office's); on a phone, where the
 * field opens a dialog listing the records, by taking the card with that name.
 */
function chooseRecord(fieldName, model, domain, what) {
    const field = `.o_form_view .o_field_widget[name=${fieldName}]`;
    const proposals = `${field} .o-autocomplete--dropdown-item a:not(.o_loading)`;
    const cards = ".modal .o_select_create_dialog_content .o_kanban_record:not(.o_kanban_ghost)";
    // a proposal highlights the typed text in a child: only its whole text counts; a card may
    // show more than the name (a kanban view of the model): one of its parts must be the name
    const isProposal = (element, name) => element.textContent.trim() === name;
    const isCard = (element, name) =>
        isProposal(element, name) ||
        [...element.querySelectorAll("*")].some((child) => child.textContent.trim() === name);
    let name;
    return [
        {
            content: `Look for ${what}`,
            trigger: `${field} input`,
            async run(helpers) {
                name = await shownName(model, domain);
                if (this.anchor.readOnly) {
                    await helpers.click(this.anchor); // a phone: the field opens a dialog
                } else {
                    await helpers.edit(name);
                }
            },
        },
        {
            content: `Choose ${what}`,
            trigger: `${proposals}, ${cards}`,
            async run(helpers) {
                const found = () =>
                    helpers.queryAll(proposals).filter((element) => isProposal(element, name))
                        .concat(helpers.queryAll(cards).filter((element) => isCard(element, name)));
                await helpers.waitUntil(() => found().length === 1, { timeout: 5000 }).catch(() => {
                    throw new Error(`expected one proposal "${name}" for ${what}, found ${found().length}`);
                });
                await helpers.click(found()[0]);
            },
        },
        {
            content: `${what} is chosen`,
            trigger: `body:not(:has(.modal)) ${field}`,
            async run(helpers) {
                await helpers.waitUntil(() => {
                    const input = this.anchor.querySelector("input");
                    const tags = [...this.anchor.querySelectorAll(".o_tag")].map((tag) => tag.textContent.trim());
                    // the test checks on the server afterwards that the record, not just its name, was chosen
                    return tags.includes(name) || (input && !tags.length && input.value === name);
                }, { timeout: 5000 });
                // a late search may reopen the proposals over the chosen value: close them
                if (this.anchor.querySelector(".o-autocomplete--dropdown-menu")) {
                    await helpers.press("Escape");
                }
            },
        },
    ];
}

/**
 * Steps that click a button of the form's header. On a phone only the first visible button
 * stays in the status bar and the others fold into a "More" dropdown: open it when the
 * button is not in the bar itself.
 */
function clickHeaderButton(selector, what) {
    const inBar = `.o_form_view .o_statusbar_buttons ${selector}`;
    return [
        {
            content: `Find "${what}" in the status bar, or open the menu it is folded into`,
            trigger: `${inBar}, .o_form_view .o_statusbar_buttons > .dropdown-toggle`,
            async run(helpers) {
                if (!helpers.queryFirst(inBar, { visible: true })) {
                    await helpers.click(".o_form_view .o_statusbar_buttons > .dropdown-toggle");
                }
            },
        },
        {
            content: `Press "${what}"`,
            trigger: `${inBar}, .o-dropdown--menu ${selector}`,
            run: "click",
        },
    ];
}

/** The status bar shows ``state`` as the current one (inline, or hidden behind its dropdown on a phone). */
function expectState(state) {
    return {
        content: `The document is now "${state}"`,
        trigger: `.o_form_view .o_field_widget[name=state]:has(.o_arrow_button_current[data-value=${state}])`,
    };
}

function openNotebookPage(name) {
    return {
        content: `Open the "${name}" tab`,
        trigger: `.o_form_view .o_notebook_headers a.nav-link[name=${name}]`,
        run: "click",
    };
}

/** Open the document from "My To-Do": the row's Open button on a desktop, the card on a phone. */
const openFromMyTodo = [
    {
        content: "My To-Do lists the document: open it",
        trigger:
            `.o_list_view .o_data_row:contains(${TITLE}) button[name=action_open_record], ` +
            `.o_kanban_view .o_kanban_record:contains(${TITLE})`,
        run: "click",
    },
    {
        content: "The document's form opens",
        trigger: ".o_form_view .o_form_saved .o_field_widget[name=authority_id]",
    },
];

/** Approve in the decision wizard with an opinion, and wait for the form to reload. */
function approve(opinion) {
    return [
        ...clickHeaderButton(APPROVE, "Approve"),
        {
            content: "The decision wizard asks for an opinion",
            trigger: ".modal .o_field_widget[name=opinion] textarea",
            run: `edit ${opinion}`,
        },
        {
            content: "Confirm the decision",
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The wizard closes and the document no longer waits for me",
            trigger: `body:not(:has(.modal)) .o_form_view .o_form_saved .o_statusbar_buttons:not(:has(${APPROVE}))`,
        },
    ];
}

registry.category("web_tour.tours").add("gov_document_draft_tour", {
    steps: () => [
        {
            content: "Create a document",
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Title",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: `edit ${TITLE}`,
        },
        ...chooseRecord("type_id", "gov.document.type", [["kind", "=", "notice"]], "the type Notice (通知)"),
        ...chooseRecord("authority_id", "gov.issuing.authority", [["prefix", "=", "东政发"]],
            "the district government (东昌区人民政府)"),
        ...chooseRecord("area_id", "gov.area", [["code", "=", "t_economy"]], "the subject area 经济发展"),
        {
            content: "The drafting unit is the clerk's own",
            trigger: ".o_form_view .o_field_widget[name=department_id] input:value(区发改局)",
        },
        openNotebookPage("consultation"),
        ...chooseRecord("consult_department_ids", "hr.department",
            [["name", "=", "区财政局"], ["gov_principal_id.login", "=", "t_fin"]], "the finance bureau"),
        {
            content: "Save",
            trigger: ".o_form_view .o_form_status_indicator .o_form_button_save",
            run: "click",
        },
        {
            content: "The document is saved as a draft",
            trigger: ".o_form_view .o_form_saved",
        },
        expectState("draft"),
        ...clickHeaderButton("button[name=action_submit]", "Submit"),
        expectState("consultation"),
        {
            content: "The finance bureau is asked for its opinion",
            trigger:
                ".o_form_view .o_field_widget[name=consult_task_ids] .o_data_row:contains(区财政局), " +
                ".o_form_view .o_field_widget[name=consult_task_ids] .o_kanban_record:contains(区财政局)",
        },
    ],
});

registry.category("web_tour.tours").add("gov_document_office_review_tour", {
    steps: () => [...openFromMyTodo, expectState("signoff"), ...approve("拟同意，呈张副区长审阅")],
});

registry.category("web_tour.tours").add("gov_document_deputy_approval_tour", {
    steps: () => [...openFromMyTodo, expectState("signoff"), ...approve("同意，请王区长签发")],
});

registry.category("web_tour.tours").add("gov_document_acting_signature_tour", {
    steps: () => [
        ...openFromMyTodo,
        expectState("signoff"),
        ...approve("签发"),
        expectState("approved"),
        openNotebookPage("signoff"),
        {
            content: "The executive deputy signed for the head: 代",
            trigger: ".o_form_view .o_field_widget[name=signer_display]:contains(代)",
        },
    ],
});

registry.category("web_tour.tours").add("gov_document_issue_tour", {
    steps: () => [
        expectState("approved"),
        ...clickHeaderButton("button[name=action_issue]", "Issue"),
        expectState("issued"),
        {
            // the test checks that the year is the one of the issue date
            content: "The document number is assigned: 东政发〔year〕n号",
            trigger: ".o_form_view .o_field_widget[name=number]:contains(东政发)",
            run() {
                const number = this.anchor.textContent.trim();
                if (!/^东政发〔\d{4}〕\d+号$/.test(number)) {
                    throw new Error(`expected a number like 东政发〔2026〕1号, the form shows "${number}"`);
                }
            },
        },
    ],
});
