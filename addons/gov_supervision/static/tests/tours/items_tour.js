import { registry } from "@web/core/registry";
import { clickHeaderButton, expectState } from "@gov_rules/../tests/tours/gov_document_tours";

/**
 * A supervision item's story, run by gov_supervision/tests/test_items_tour.py with different logins
 * (in Chinese), at desktop and phone size: the lead unit and a co-unit report their progress, the
 * co-unit hands in its contribution, the lead asks for an extension (延期), the leader in charge
 * approves it, the lead submits the result (办结) with its evidence file, the supervision office sends
 * it back (退回重办), it is submitted again and accepted.
 *
 * Triggers use field and button names, never labels (the users work in Chinese), except the engine's
 * "Return for Changes" (退回修改), which shares its button name with the other decisions.
 */

function editHtml(selector, text) {
    return {
        content: `Write "${text}"`,
        trigger: `${selector} .odoo-editor-editable`,
        run: `editor ${text}`,
    };
}

/** The engine's decision buttons (injected into the form), the opinion, then the new state. */
function decide(buttonSelector, what, opinion, state) {
    return [
        ...clickHeaderButton(buttonSelector, what),
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
            content: "The wizard closes",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_saved",
        },
        expectState(state),
    ];
}

const APPROVE = "button[type=action][data-hotkey=a]";

function openPage(name) {
    return {
        content: `Open the "${name}" tab`,
        trigger: `.o_form_view .o_notebook_headers a.nav-link[name=${name}]`,
        run: "click",
    };
}

registry.category("web_tour.tours").add("gov_supervision_report_tour", {
    steps: () => [
        ...clickHeaderButton("button[name=action_report_progress]", "Report Progress"),
        editHtml(".modal .o_field_widget[name=text]", "本周完成项目选址和方案论证"),
        {
            content: "Save the report",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "The report is on the item",
            trigger: "body:not(:has(.modal)) .o_form_view",
        },
        openPage("progress"),
        {
            content: "The progress list shows it",
            trigger: ".o_form_view .o_field_widget[name=progress_ids] .o_data_row, " +
                ".o_form_view .o_field_widget[name=progress_ids] .o_kanban_record:not(.o_kanban_ghost)",
        },
    ],
});

registry.category("web_tour.tours").add("gov_supervision_contribute_tour", {
    steps: () => [
        openPage("parts"),
        {
            content: "The co-unit opens its contribution",
            trigger: ".o_form_view .o_field_widget[name=co_part_ids] button[name=action_open_contribution]",
            run: "click",
        },
        editHtml(".modal .o_field_widget[name=contribution]", "已安排专项资金三百万元"),
        {
            content: "Submit the contribution to the lead unit",
            trigger: ".modal button[name=action_submit_contribution]",
            run: "click",
        },
        {
            content: "The dialog closes",
            trigger: "body:not(:has(.modal)) .o_form_view",
        },
    ],
});

registry.category("web_tour.tours").add("gov_supervision_extension_tour", {
    steps: () => [
        ...clickHeaderButton("button[name=action_request_extension]", "Ask Extension"),
        {
            content: "The new deadline is suggested; give the reason",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit 管线迁改需与供电公司协调",
        },
        {
            content: "Ask the leader in charge",
            trigger: ".modal button[name=action_ask]",
            run: "click",
        },
        {
            content: "The dialog closes",
            trigger: "body:not(:has(.modal)) .o_form_view",
        },
    ],
});

registry.category("web_tour.tours").add("gov_supervision_approve_extension_tour", {
    steps: () => decide(APPROVE, "Approve", "同意延期", "approved"),
});

function submitResult() {
    return [
        ...clickHeaderButton("button[name=action_submit_closure]", "Submit Result"),
        {
            content: "Confirm the submission",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        expectState("review"),
    ];
}

/** The lead unit attaches its evidence file through the form's upload (an attachment of the item). */
function attachEvidence(fileName) {
    const field = ".o_form_view .o_field_widget[name=evidence_ids]";
    return [
        {
            content: `Attach the evidence "${fileName}"`,
            trigger: `${field} input.o_input_file:not(:visible)`,
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(new File(["%PDF-1.4 验收材料"], fileName, { type: "application/pdf" }));
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The evidence is uploaded and listed",
            trigger: `${field} .o_attachment[title="${fileName}"]:not(.o_attachment_uploading)`,
        },
    ];
}

registry.category("web_tour.tours").add("gov_supervision_submit_tour", {
    steps: () => [
        openPage("result"),
        editHtml(".o_form_view .o_field_widget[name=result]", "新增泊位全部建成投用"),
        ...attachEvidence("泊位验收报告.pdf"),
        ...submitResult(),
    ],
});

/** Submitted again after it was sent back: the evidence attached before stays on the item. */
registry.category("web_tour.tours").add("gov_supervision_resubmit_tour", {
    steps: () => [
        openPage("result"),
        {
            content: "The evidence attached before is still there",
            trigger: '.o_form_view .o_field_widget[name=evidence_ids] .o_attachment[title="泊位验收报告.pdf"]',
        },
        editHtml(".o_form_view .o_field_widget[name=result]", "新增泊位全部建成投用，验收材料已补充"),
        ...submitResult(),
    ],
});

registry.category("web_tour.tours").add("gov_supervision_send_back_tour", {
    steps: () => decide("button[type=action]:contains(退回修改)", "Return for Changes", "请补充泊位验收材料", "open"),
});

registry.category("web_tour.tours").add("gov_supervision_accept_tour", {
    steps: () => decide(APPROVE, "Approve", "同意办结", "closed"),
});
