import { registry } from "@web/core/registry";
import {
    chooseRecord,
    clickHeaderButton,
    expectState,
    saveForm,
} from "@gov_rules/../tests/tours/gov_document_tours";

/**
 * Tours of letters from the public, run by gov_supervision/tests/test_public_tour.py at desktop and
 * phone size, in Chinese: the office registers a letter and sends it to a leader; the leader instructs
 * it (阅批), which makes it a supervision item (R17.1), started at once; the leader goes from the letter
 * to its item and back.
 *
 * Triggers use field and button names, never labels.
 */

// also in test_public_tour.py
const LETTER = "反映金厂镇道路积水问题";

/** Press a smart button: in the form's button box, or in the menu it is folded into (on a phone). */
function clickStatButton(name, what) {
    const inBox = `.o_form_view button.oe_stat_button[name=${name}]`;
    return [
        {
            content: `Find "${what}" among the smart buttons, or open the menu they are folded into`,
            trigger: `${inBox}, .o_form_view .o_button_more`,
            async run(helpers) {
                if (!helpers.queryFirst(inBox, { visible: true })) {
                    await helpers.click(".o_form_view .o_button_more");
                }
            },
        },
        {
            content: `Press "${what}"`,
            trigger: `${inBox}, .o-dropdown--menu button[name=${name}]`,
            run: "click",
        },
    ];
}

function openLetter() {
    return {
        content: "Open the letter (its row on a desktop, its card on a phone)",
        trigger: `.o_list_view .o_data_row:contains(${LETTER}) td[name=name], .o_kanban_view .o_kanban_record:contains(${LETTER})`,
        run: "click",
    };
}

registry.category("web_tour.tours").add("gov_public_letter_register_tour", {
    steps: () => [
        {
            content: "Register a letter",
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Its subject",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: `edit ${LETTER}`,
        },
        {
            content: "Its sender",
            trigger: ".o_form_view .o_field_widget[name=sender_name] input",
            run: "edit 李建国",
        },
        {
            content: "What the letter says",
            trigger: ".o_form_view .o_field_widget[name=content] .odoo-editor-editable",
            run: "editor 雨后金厂镇主干道积水严重，影响出行。",
        },
        ...chooseRecord("leader_id", "res.users", [["login", "=", "t_dep_a"]], "the leader who instructs it"),
        ...saveForm(),
        ...clickHeaderButton("button[name=action_send_to_leader]", "Send to the Leader"),
        expectState("reading"),
    ],
});

registry.category("web_tour.tours").add("gov_public_letter_instruct_tour", {
    steps: () => [
        openLetter(),
        {
            content: "Open the instruction tab",
            trigger: ".o_form_view .o_notebook_headers a.nav-link[name=instruction]",
            run: "click",
        },
        {
            content: "Write the instruction",
            trigger: ".o_form_view .o_field_widget[name=instruction] textarea",
            run: "edit 请区发改局牵头，一个月内解决并回复来信人。",
        },
        ...chooseRecord("lead_department_id", "hr.department", [["name", "=", "区发展和改革局"]], "the lead unit"),
        ...clickHeaderButton("button[name=action_instruct]", "Instruct"),
        expectState("instructed"),
        {
            content: "The letter now has a page for its supervision item's result",
            trigger: ".o_form_view .o_notebook_headers a.nav-link[name=result]",
        },
        ...clickStatButton("action_open_item", "Go from the letter to its supervision item"),
        {
            content: "The item names the letter it comes from",
            trigger: `.o_form_view .o_field_widget[name=letter_id]:contains(${LETTER})`,
        },
        // started at once, within the rule set's time limit (R17.1)
        expectState("open"),
        ...clickStatButton("action_open_source", "Back from the item to its source, the letter"),
        {
            content: "The letter again",
            trigger: ".o_form_view .o_field_widget[name=sender_name]",
        },
        expectState("instructed"),
    ],
});
