import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { user } from "@web/core/user";

/**
 * Tours of the outgoing-document flow (gov.document), run in sequence by
 * gov_rules/tests/test_document_tour.py with different logins, at desktop and phone size:
 * a clerk drafts and submits, the consulted unit keeps silent (the test runs the escalation
 * cron), the office and the deputy in charge approve from "My To-Do", the executive deputy
 * signs for the absent head (代), and the office issues the numbered document after seeing its
 * number. A second flow drafts a request for instructions (请示) with its checklist and form
 * fields: the clerk completes his line, the office confirms its own, the clerk submits.
 *
 * Triggers use field and button names, never labels: the test users may work in Chinese or
 * in English. The approval button opens the decision wizard by its action id, so it is found
 * by its hotkey (data-hotkey="a").
 */

// also in test_document_tour.py
const TITLE = "关于做好冬季供暖保障工作的通知";
const REQUEST_TITLE = "关于拨付防汛物资采购资金的请示";
const NUMBER = /^东政发〔\d{4}〕\d+号$/;

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
export function chooseRecord(fieldName, model, domain, what) {
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

/** The ids of the documents titled ``title`` the current user may read. */
async function documentIds(title) {
    const records = await rpc("/web/dataset/call_kw/gov.document/search_read", {
        model: "gov.document",
        method: "search_read",
        args: [[["name", "=", title]]],
        kwargs: { fields: ["id"], context: user.context },
    });
    return records.map((record) => record.id);
}

/**
 * Steps that click a button of the form's header. On a phone only the first visible button
 * stays in the status bar and the others fold into a "More" dropdown: open it when the
 * button is not in the bar itself.
 */
export function clickHeaderButton(selector, what) {
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
export function expectState(state) {
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

/** Open the document from "My To-Do" by its row on a desktop, its card on a phone: the document
 * itself opens, not the step. */
const openFromMyTodo = [
    {
        content: "My To-Do lists the document with the working days left: open it",
        trigger:
            `.o_list_view .o_data_row:contains(${TITLE}):has(.o_gov_days_left:not(:empty)) td[name=res_name], ` +
            `.o_kanban_view .o_kanban_record:contains(${TITLE}):has(.o_gov_days_left:not(:empty))`,
        run: "click",
    },
    {
        content: "The document's form opens",
        trigger: ".o_form_view .o_form_saved .o_field_widget[name=authority_id]",
    },
];

/** "My To-Do" says whom the current user acts for (代) before he opens the item. */
const actingShownInMyTodo = {
    content: "My To-Do shows that I act for the absent head (代)",
    trigger:
        `.o_list_view .o_data_row:contains(${TITLE}) .o_gov_acting_note:contains(代), ` +
        `.o_kanban_view .o_kanban_record:contains(${TITLE}) .o_gov_acting_note:contains(代)`,
};

/**
 * The header does not offer the button ``selector`` (on a phone: neither in the bar nor in
 * its "More" menu, which is opened to look and closed again).
 */
function expectNoHeaderButton(selector, what) {
    const toggle = ".o_form_view .o_statusbar_buttons > .dropdown-toggle";
    return [
        {
            content: `"${what}" is not offered`,
            trigger: `.o_form_view .o_form_saved .o_statusbar_buttons:not(:has(${selector}))`,
            async run(helpers) {
                if (helpers.queryFirst(toggle, { visible: true })) {
                    await helpers.click(toggle);
                    await helpers.waitUntil(() => helpers.queryFirst(".o-dropdown--menu"), { timeout: 5000 });
                    const offered = helpers.queryFirst(`.o-dropdown--menu ${selector}`);
                    await helpers.click(toggle);
                    if (offered) {
                        throw new Error(`"${what}" is offered in the menu of the status bar`);
                    }
                }
            },
        },
    ];
}

/** Approve in the decision wizard with an opinion, and wait for the form to reload. */
export function approve(opinion, { acting = false } = {}) {
    return [
        ...clickHeaderButton(APPROVE, "Approve"),
        ...(acting
            ? [{
                content: "Before deciding, the wizard says for whom I decide (代) and until when he is away",
                trigger: ".modal .o_gov_acting_note .o_field_widget[name=acting_note]:contains(代)",
            }]
            : []),
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
    steps: () => [
        ...openFromMyTodo,
        expectState("signoff"),
        // a leader neither cancels nor withdraws a document he is asked to approve
        ...expectNoHeaderButton("button[name=action_cancel]", "Cancel Document"),
        ...expectNoHeaderButton("button[data-hotkey=w]", "Withdraw"),
        ...approve("同意，请王区长签发"),
    ],
});

registry.category("web_tour.tours").add("gov_document_acting_signature_tour", {
    steps: () => [
        actingShownInMyTodo,
        ...openFromMyTodo,
        expectState("signoff"),
        ...approve("签发", { acting: true }),
        expectState("approved"),
        openNotebookPage("signoff"),
        {
            content: "The executive deputy signed for the head: 代",
            trigger: ".o_form_view .o_field_widget[name=signer_display]:contains(代)",
        },
    ],
});

registry.category("web_tour.tours").add("gov_document_issue_tour", {
    steps: () => {
        let announced;
        return [
            expectState("approved"),
            ...clickHeaderButton("button[name=action_issue_confirm]", "Issue"),
            {
                content: "Before numbering, the office is shown the number the document will get",
                trigger: ".modal .o_field_widget[name=number]:contains(东政发)",
                run() {
                    announced = this.anchor.textContent.trim();
                    if (!NUMBER.test(announced)) {
                        throw new Error(`expected a number like 东政发〔2026〕1号, the dialog shows "${announced}"`);
                    }
                },
            },
            {
                content: "Confirm: number and issue",
                trigger: ".modal .modal-footer button[name=action_confirm]",
                run: "click",
            },
            expectState("issued"),
            {
                // the test checks that the year is the one of the issue date
                content: "The document gets the number announced: 东政发〔year〕n号",
                trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=number]:contains(东政发)",
                run() {
                    const number = this.anchor.textContent.trim();
                    if (number !== announced) {
                        throw new Error(`the dialog announced "${announced}", the form shows "${number}"`);
                    }
                },
            },
        ];
    },
});

/**
 * Mark the checklist line of the request's type with rule ``ruleRef`` done, with ``note`` as
 * evidence: in the editable list on a desktop, in the line's dialog on a phone. The line is found
 * by the name it shows (the type's line name, in the drafter's language).
 */
function completeChecklistLine(ruleRef, note) {
    const lines = ".o_field_widget[name=checklist_ids]";
    const rows = `${lines} .o_data_row, ${lines} .o_kanban_record:not(.o_kanban_ghost)`;
    return [
        {
            content: `Open the checklist line of ${ruleRef}`,
            trigger: rows,
            async run(helpers) {
                const name = await documentIds(REQUEST_TITLE).then((ids) => shownName("gov.checklist.item", [
                    ["template_id.rule_ref", "=", ruleRef], ["res_model", "=", "gov.document"], ["res_id", "in", ids],
                ])).catch(() => shownName("gov.checklist.template", [
                    ["rule_ref", "=", ruleRef], ["type_id.kind", "=", "request"],
                ]));
                const line = helpers.queryAll(rows).find((element) => element.textContent.includes(name));
                if (!line) {
                    throw new Error(`no checklist line "${name}"`);
                }
                await helpers.click(line.querySelector("td[name=note]") || line);
            },
        },
        {
            content: "Mark it done",
            trigger:
                `.o_form_view ${lines} .o_selected_row .o_field_widget[name=state] .o_select_menu_toggler, ` +
                ".modal .o_field_widget[name=state] input[data-value=done]",
            async run(helpers) {
                await helpers.click(this.anchor);
                if (this.anchor.matches(".o_select_menu_toggler")) {
                    // the choices in the order of the selection: to do, done, skipped
                    const done = ".o_field_selection_menu .o_select_menu_item[data-choice-index='1']";
                    await helpers.waitUntil(() => helpers.queryFirst(done), { timeout: 5000 });
                    await helpers.click(done);
                }
            },
        },
        {
            content: "Write the evidence",
            trigger:
                `.o_form_view ${lines} .o_selected_row .o_field_widget[name=note] textarea, ` +
                ".modal .o_field_widget[name=note] textarea",
            run: `edit ${note}`,
        },
        {
            content: "Keep the line (the dialog's save on a phone; the list row stays open on a desktop)",
            trigger: `.modal .o_form_button_save, .o_form_view ${lines} .o_selected_row`,
            async run(helpers) {
                if (this.anchor.matches(".o_form_button_save")) {
                    await helpers.click(this.anchor);
                }
            },
        },
        {
            content: "Back on the document",
            trigger: `body:not(:has(.modal)) .o_form_view ${lines}`,
        },
    ];
}

export function saveForm() {
    return [
        {
            content: "Save",
            trigger: ".o_form_view .o_form_status_indicator .o_form_button_save",
            run: "click",
        },
        {
            content: "The document is saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ];
}

registry.category("web_tour.tours").add("gov_document_request_draft_tour", {
    steps: () => [
        {
            content: "Create a document",
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Title",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: `edit ${REQUEST_TITLE}`,
        },
        ...chooseRecord("type_id", "gov.document.type", [["kind", "=", "request"]],
            "the type Request for instructions (请示)"),
        {
            content: "The type's form fields appear at once, before any save: fill in the amount",
            trigger: ".o_form_view:not(:has(.o_form_saved)) .o_field_widget[name=properties] " +
                ".o_property_field[property-name=amount] input",
            run: "edit 120",
        },
        ...chooseRecord("authority_id", "gov.issuing.authority", [["prefix", "=", "东政发"]],
            "the district government (东昌区人民政府)"),
        ...chooseRecord("area_id", "gov.area", [["code", "=", "t_economy"]], "the subject area 经济发展"),
        openNotebookPage("checklist"),
        {
            content: "The type's checklist is there, its Required box locked",
            trigger: ".o_field_widget[name=checklist_ids] .o_data_row td[name=required].o_readonly_modifier, " +
                ".o_field_widget[name=checklist_ids] .o_kanban_record",
        },
        ...completeChecklistLine("R27.3", "见区发改局2026年第12次局务会议纪要"),
        ...saveForm(),
        expectState("draft"),
    ],
});

registry.category("web_tour.tours").add("gov_document_request_confirm_tour", {
    steps: () => [
        expectState("draft"),
        openNotebookPage("checklist"),
        ...completeChecklistLine("R27.4", "一文一事，已核"),
        ...saveForm(),
    ],
});

registry.category("web_tour.tours").add("gov_document_request_submit_tour", {
    steps: () => [
        expectState("draft"),
        ...clickHeaderButton("button[name=action_submit]", "Submit"),
        expectState("signoff"),
    ],
});
