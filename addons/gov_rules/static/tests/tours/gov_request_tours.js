import { registry } from "@web/core/registry";
import { clickHeaderButton, expectState, saveForm } from "@gov_rules/../tests/tours/gov_document_tours";

/**
 * Approval forms without code, run by gov_rules/tests/test_request_tour.py with different logins
 * (in Chinese), at desktop and phone size: an administrator creates a request type, adds a form
 * field and a route in the sign-off matrix; a clerk files a request of the type from the
 * dashboard and submits it; the leader in charge approves it.
 *
 * Triggers use field and button names, never labels (the users work in Chinese).
 */

// also in test_request_tour.py
const TYPE_NAME = "车辆使用申请";
const FIELD_LABEL = "用车事由";
const SUBJECT = "接待省检查组用车";
const STEP_NAME = "分管区领导审批";

/**
 * Steps of the administrator. Odoo offers "Add Property" on wider screens only: on a phone the form
 * fields' editor has its own "Add a Field" button, and the new field is named with its pencil.
 */
function adminSteps({ phone }) {
    const addField = phone
        ? [
            {
                content: "Add a form field (a phone: the editor's own button)",
                trigger: ".modal .modal-footer button[name=action_add_field]",
                run: "click",
            },
            {
                content: "Open the new field's settings with its pencil",
                trigger: ".modal .o_field_widget[name=properties] .o_property_field .o_field_property_open_popover",
                run: "click",
            },
        ]
        : [
            {
                content: "Add a form field",
                trigger: ".modal .o_field_widget[name=properties] .o_field_property_add button",
                run: "click",
            },
        ];
    return [
        {
            content: "Create a request type",
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Its name",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: `edit ${TYPE_NAME}`,
        },
        {
            content: "Its code, which the routes' conditions name",
            trigger: ".o_form_view .o_field_widget[name=code] input",
            run: "edit vehicle",
        },
        ...saveForm(),
        ...clickHeaderButton("button[name=action_edit_form_fields]", "Edit Form Fields"),
        ...addField,
        {
            content: "Name the field",
            trigger: ".o_field_property_definition .o_field_property_definition_header",
            run: `edit ${FIELD_LABEL}`,
        },
        {
            content: "Close the field's settings (on a phone: their back arrow)",
            trigger: phone ? ".o_field_property_definition button.oi-arrow-left" : ".modal .modal-body .text-muted",
            run: "click",
        },
        {
            content: "The field is on the form",
            trigger: `.modal .o_field_widget[name=properties] .o_field_property_label:contains(${FIELD_LABEL})`,
        },
        {
            content: "Save the form fields",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Back on the type",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_saved",
        },
        {
            content: "Find the type's routes (on a phone: behind the buttons' menu of the control panel)",
            trigger: ".o_form_view button[name=action_routes], .o_control_panel button:has(.fa-bolt)",
            async run(helpers) {
                if (!helpers.queryFirst(".o_form_view button[name=action_routes]", { visible: true })) {
                    await helpers.click(".o_control_panel button:has(.fa-bolt)");
                }
            },
        },
        {
            content: "Open the type's routes",
            trigger: ".o_form_view button[name=action_routes], .o-dropdown--menu button[name=action_routes]",
            run: "click",
        },
        {
            content: "Add a route for the type",
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "The new route already names the type in its condition",
            trigger: ".o_form_view .o_field_widget[name=domain]:contains(vehicle), " +
                ".o_form_view .o_field_widget[name=domain] .o_tree_editor_condition",
        },
        {
            content: "Add a step",
            trigger: ".o_form_view .o_field_widget[name=step_ids] .o_field_x2many_list_row_add a, " +
                ".o_form_view .o_field_widget[name=step_ids] .o-kanban-button-new",
            run: "click",
        },
        {
            content: "The step's name (its role: the leader in charge of the area)",
            trigger: ".o_field_widget[name=step_ids] .o_data_row .o_field_widget[name=name] input, " +
                ".modal .o_field_widget[name=name] input",
            run: `edit ${STEP_NAME}`,
        },
        {
            content: "Keep the step (on a phone: its dialog)",
            trigger: ".modal .modal-footer .o_form_button_save, .o_form_view .o_form_status_indicator .o_form_button_save",
            run: "click",
        },
        {
            content: "Save the route",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_status_indicator .o_form_button_save, " +
                "body:not(:has(.modal)) .o_form_view .o_form_saved",
            async run(helpers) {
                if (this.anchor.matches(".o_form_button_save")) {
                    await helpers.click(this.anchor);
                }
            },
        },
        {
            content: "The route is saved",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name=step_ids] :contains(" + STEP_NAME + ")",
        },
    ];
}

registry.category("web_tour.tours").add("gov_request_type_admin_tour", {
    steps: () => adminSteps({ phone: false }),
});

registry.category("web_tour.tours").add("gov_request_type_admin_phone_tour", {
    steps: () => adminSteps({ phone: true }),
});

registry.category("web_tour.tours").add("gov_request_file_tour", {
    steps: () => [
        {
            content: "The dashboard offers the new type: start a request of it",
            trigger: `.o_kanban_record:contains(${TYPE_NAME}) button[name=action_new_request]`,
            run: "click",
        },
        {
            content: "The type's field is on the form at once, before any save: fill it in",
            trigger: ".o_form_view:not(:has(.o_form_saved)) .o_field_widget[name=properties] " +
                `.o_property_field:contains(${FIELD_LABEL}) input`,
            run: "edit 接待省政府检查组",
        },
        {
            content: "The subject",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: `edit ${SUBJECT}`,
        },
        ...clickHeaderButton("button[name=action_signoff_submit]", "Submit"),
        expectState("pending"),
    ],
});

registry.category("web_tour.tours").add("gov_request_approve_tour", {
    steps: () => [
        {
            content: "The request waits for me: open it",
            trigger: `.o_list_view .o_data_row:contains(${SUBJECT}) td[name=name], ` +
                `.o_kanban_view .o_kanban_record:contains(${SUBJECT})`,
            run: "click",
        },
        {
            content: "The form shows the field the clerk filled in",
            trigger: `.o_form_view .o_field_widget[name=properties]:contains(${FIELD_LABEL})`,
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
            content: "The request is approved",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_saved " +
                ".o_field_widget[name=state]:has(.o_arrow_button_current[data-value=approved])",
        },
    ],
});
