import { registry } from "@web/core/registry";
import { clickHeaderButton, saveForm } from "@gov_rules/../tests/tours/gov_document_tours";

/**
 * The annual meeting plan (R26.1, R26.2), run by gov_meetings/tests/test_plan_tour.py in Chinese at
 * desktop and phone size: a unit's clerk opens his unit's list of next year's plan, adds a planned
 * meeting with a name against the naming rule (refused, the error names the expected form), corrects
 * it and sends the list.
 *
 * Triggers use field and button names, never labels, except the category, which a select shows by name.
 */

// also in test_plan_tour.py
const CATEGORY = "以区政府名义召开";
const BAD_NAME = "发改局项目推进会";
const NAME = "全区重点项目建设推进会议";
const LINES = ".o_form_view .o_field_widget[name=line_ids]";
const DIALOG = ".modal .o_form_view";

registry.category("web_tour.tours").add("gov_meetings_plan_tour", {
    steps: () => [
        {
            content: "The unit's list of next year's plan is open: add a meeting",
            trigger: `${LINES} .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            content: "Held in the government's name (a menu on a desktop, a sheet on a phone)",
            trigger: `${DIALOG} .o_field_widget[name=category_id] .o_select_menu_toggler`,
            async run(helpers) {
                await helpers.click(this.anchor);
                const item = () =>
                    helpers.queryAll(".o_select_menu_item").find((element) => element.textContent.includes(CATEGORY));
                await helpers.waitUntil(item, { timeout: 5000 });
                await helpers.click(item());
            },
        },
        {
            content: "The naming rule is shown",
            trigger: `${DIALOG} .o_field_widget[name=name_pattern]:contains(全区XXX会议)`,
        },
        {
            content: "A name against the naming rule",
            trigger: `${DIALOG} .o_field_widget[name=name] input`,
            run: `edit ${BAD_NAME}`,
        },
        {
            content: "In March",
            trigger: `${DIALOG} .o_field_widget[name=month] input`,
            run: "edit 3",
        },
        {
            content: "Who attends",
            trigger: `${DIALOG} .o_field_widget[name=participants] input`,
            run: "edit 各镇街、区直相关部门主要负责人",
        },
        {
            content: "Keep the meeting",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "The meeting is in the list",
            trigger: `body:not(:has(.modal)) ${LINES} .o_data_row:contains(${BAD_NAME})`,
        },
        {
            content: "Save the list",
            trigger: ".o_form_view .o_form_status_indicator .o_form_button_save",
            run: "click",
        },
        {
            content: "Refused: the error names the expected form",
            trigger: ".modal:contains(全区XXX会议) .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Open the meeting again",
            trigger: `body:not(:has(.modal)) ${LINES} .o_data_row:contains(${BAD_NAME}) td.o_data_cell`,
            run: "click",
        },
        {
            content: "Name it as the rule says",
            trigger: `${DIALOG} .o_field_widget[name=name] input`,
            run: `edit ${NAME}`,
        },
        {
            content: "Keep the meeting",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            content: "The corrected meeting is in the list",
            trigger: `body:not(:has(.modal)) ${LINES} .o_data_row:contains(${NAME})`,
        },
        ...saveForm(),
        ...clickHeaderButton("button[name=action_send]", "Send the List"),
        {
            content: "Confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The list is sent",
            trigger: ".o_form_view .o_field_widget[name=state]:has(.o_arrow_button_current[data-value=sent])",
        },
    ],
});
