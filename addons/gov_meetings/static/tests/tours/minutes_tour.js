import { registry } from "@web/core/registry";
import { clickHeaderButton } from "@gov_rules/../tests/tours/gov_document_tours";

/**
 * Minutes (纪要), run by gov_meetings/tests/test_minutes_tour.py with different logins, in Chinese, at
 * desktop and phone size: the office drafts the minutes of a held executive meeting from its agenda and
 * submits them; the head signs them; the office starts the document of a decision, due 7 working days
 * after the meeting (R22.4).
 *
 * Triggers use field and button names where they can; the action on the meeting is found by its name.
 */

// also in test_minutes_tour.py
const TOPIC = "城区集中供暖改造方案";
const APPROVE = "button[type=action][data-hotkey=a]";

function expectState(state) {
    return {
        content: `The minutes are now "${state}"`,
        trigger: `.o_form_view .o_field_widget[name=state]:has(.o_arrow_button_current[data-value=${state}])`,
    };
}

registry.category("web_tour.tours").add("gov_minutes_draft_tour", {
    steps: () => [
        {
            content: "Open the meeting's actions",
            trigger: ".o_control_panel .o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "Draft the minutes",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(起草纪要), .o-dropdown--menu .o-dropdown-item:contains(Draft the Minutes)",
            run: "click",
        },
        {
            content: "The minutes list one decision per topic, starting from its proposal (on a phone: a card)",
            trigger: `.o_form_view .o_field_widget[name=decision_ids] .o_data_row:contains(${TOPIC}), ` +
                `.o_form_view .o_field_widget[name=decision_ids] .o_kanban_record:contains(${TOPIC})`,
        },
        ...clickHeaderButton("button[name=action_signoff_submit]", "Submit for Signature"),
        expectState("review"),
    ],
});

registry.category("web_tour.tours").add("gov_minutes_sign_tour", {
    steps: () => [
        {
            content: "The minutes wait for the head",
            trigger: `.o_form_view .o_field_widget[name=decision_ids] .o_data_row:contains(${TOPIC}), ` +
                `.o_form_view .o_field_widget[name=decision_ids] .o_kanban_record:contains(${TOPIC})`,
        },
        ...clickHeaderButton(APPROVE, "Approve"),
        {
            content: "The decision wizard asks for an opinion",
            trigger: ".modal .o_field_widget[name=opinion] textarea",
            run: "edit 同意",
        },
        {
            content: "Sign",
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The minutes are signed",
            trigger: "body:not(:has(.modal)) .o_form_view " +
                ".o_field_widget[name=state]:has(.o_arrow_button_current[data-value=signed])",
        },
    ],
});

registry.category("web_tour.tours").add("gov_minutes_document_tour", {
    steps: () => [
        {
            content: "Open the decision",
            trigger: `.o_list_view .o_data_row:contains(${TOPIC}) td[name=topic_id], ` +
                `.o_kanban_view .o_kanban_record:contains(${TOPIC})`,
            run: "click",
        },
        ...clickHeaderButton("button[name=action_start_document]", "Start the Document to Issue"),
        {
            content: "Confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The document to issue opens, due 7 working days after the meeting",
            trigger: ".o_form_view .o_field_widget[name=deadline]:not(:empty)",
        },
        {
            content: "It was passed unchanged by the executive meeting",
            trigger: ".o_form_view .o_field_widget[name=passed_by_meeting_unchanged] input:checked",
        },
    ],
});
