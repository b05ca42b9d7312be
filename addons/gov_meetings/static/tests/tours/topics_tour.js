import { registry } from "@web/core/registry";
import {
    chooseRecord,
    clickHeaderButton,
    expectState,
    saveForm,
} from "@gov_rules/../tests/tours/gov_document_tours";

/**
 * Topics (议题), run by gov_meetings/tests/test_topics_tour.py with different logins, in Chinese, at
 * desktop and phone size: a unit's clerk proposes a topic for the executive meeting (fills in the
 * form, saves, submits); the deputy in charge reviews it, the office admits it and the head fixes
 * it, each through the sign-off panel. Triggers use field and button names, never labels.
 */

// also in test_topics_tour.py
const TITLE = "关于推进老旧小区加装电梯工作的议题";

registry.category("web_tour.tours").add("gov_topic_propose_tour", {
    steps: () => [
        {
            content: "Propose a topic",
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Its title",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: `edit ${TITLE}`,
        },
        ...chooseRecord("meeting_type_id", "gov.meeting.type", [["code", "=", "executive"]], "the meeting type"),
        ...chooseRecord("type_id", "gov.meeting.topic.type", [["code", "=", "ordinary"]], "the topic type"),
        ...chooseRecord("area_id", "gov.area", [["code", "=", "t_economy"]], "the subject area"),
        {
            content: "The background",
            trigger: ".o_form_view .o_field_widget[name=background] .odoo-editor-editable",
            run: "editor 全区有加装电梯需求的老旧小区共120个。",
        },
        {
            content: "The clear proposal (明确意见)",
            trigger: ".o_form_view .o_field_widget[name=proposal] .odoo-editor-editable",
            run: "editor 建议审议通过加装电梯补贴办法。",
        },
        ...saveForm(),
        ...clickHeaderButton("button[name=action_signoff_submit]", "Submit"),
        expectState("review"),
    ],
});

registry.category("web_tour.tours").add("gov_topic_approve_tour", {
    steps: () => [
        {
            content: "The topic waits for me",
            trigger: `.o_form_view .o_field_widget[name=name]:contains(${TITLE}), ` +
                `.o_form_view .o_field_widget[name=name] input`,
        },
        ...clickHeaderButton("button[type=action][data-hotkey=a]", "Approve"),
        {
            content: "The decision wizard asks for an opinion",
            trigger: ".modal .o_field_widget[name=opinion] textarea",
            run: "edit 同意",
        },
        {
            content: "Confirm the decision",
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The wizard closes and the topic no longer waits for me",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_saved:not(:has(button[data-hotkey=a]))",
        },
    ],
});
