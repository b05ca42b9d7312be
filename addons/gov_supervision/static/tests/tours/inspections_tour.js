import { registry } from "@web/core/registry";
import { chooseRecord, clickHeaderButton, saveForm } from "@gov_rules/../tests/tours/gov_document_tours";

/**
 * The supervision office plans an inspection (R34.1), run by gov_supervision/tests/test_inspections_tour.py
 * in Chinese at desktop and phone size: the first period it gives overlaps an inspection another unit has
 * planned on the same subject and target unit, and saving is refused with that inspection and its unit named;
 * in another period the inspection is saved and submitted for the leader's approval.
 *
 * Triggers use field and button names, never labels (the users work in Chinese).
 */

// also in test_inspections_tour.py
const TITLE = "临河街道工地安全督查";
const OTHER = "建筑施工安全专项督查";
const OTHER_UNIT = "区发改局";

/** A date field shows its value as a button until it is focused, then as an input. */
function setDate(fieldName, value) {
    const field = `.o_form_view .o_field_widget[name=${fieldName}]`;
    return [
        {
            content: `Focus ${fieldName}`,
            trigger: `${field} button, ${field} input`,
            run: "click",
        },
        {
            content: `Date ${fieldName}`,
            trigger: `.o_form_view .o_field_widget[name=${fieldName}] input`,
            run: `edit ${value}`,
        },
        {
            content: "Close the date picker",
            trigger: ".o_form_view .oe_title .o_field_widget[name=name] input",
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("gov_inspection_duplicate_tour", {
    steps: () => [
        {
            content: "Plan a new inspection",
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Its title",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: `edit ${TITLE}`,
        },
        ...chooseRecord("subject_id", "gov.inspection.subject", [["code", "=", "t_site_safety"]], "the subject"),
        ...chooseRecord("organiser_id", "hr.department", [["name", "=", "临河住建所"]], "the organising unit"),
        ...chooseRecord("target_ids", "hr.department", [["name", "=", "临河街道"]], "the target unit"),
        {
            content: "In the government's name: a leader approves it",
            trigger: ".o_form_view .o_field_widget[name=in_government_name] input",
            run: "click",
        },
        ...setDate("date_from", "2026/03/16"),
        ...setDate("date_to", "2026/04/10"),
        {
            content: "Save",
            trigger: ".o_form_view .o_form_status_indicator .o_form_button_save",
            run: "click",
        },
        {
            content: "Refused: the message names the inspection already planned and its unit",
            trigger: `.modal:contains(${OTHER}):contains(${OTHER_UNIT})`,
        },
        {
            content: "Close the message",
            trigger: ".modal .o_error_dialog .modal-footer .btn-primary, .modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Back on the form, still not saved",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_status_indicator .o_form_button_save",
        },
        ...setDate("date_from", "2026/05/11"),
        ...setDate("date_to", "2026/05/22"),
        ...saveForm(),
        ...clickHeaderButton("button[name=action_signoff_submit]", "Submit for Approval"),
        {
            content: "The inspection waits for approval",
            trigger: ".o_form_view .o_field_widget[name=state]:has(.o_arrow_button_current[data-value=pending])",
        },
    ],
});
