import { registry } from "@web/core/registry";
import { formatDateTime } from "@web/core/l10n/dates";
import {
    chooseRecord,
    clickHeaderButton,
    expectState,
    saveForm,
} from "@gov_rules/../tests/tours/gov_document_tours";

const { DateTime } = luxon;

/**
 * Meetings, run by gov_meetings/tests/test_meetings_tour.py with different logins (in Chinese), at
 * desktop and phone size: the office builds a meeting from the topic pool (type, time, room, topics)
 * and submits its agenda; the head approves it, which locks it; the locked agenda takes no late topic.
 *
 * Triggers use field and button names, never labels (the users work in Chinese).
 */

// also in test_meetings_tour.py
const MEETING = "区政府第二十四次常务会议";
const TOPICS = ["关于城区集中供暖保障工作的请示", "关于新建小学选址的请示"];
const TYPE_CODE = "t_executive";
const ROOM = "第一会议室（测试）";

/** Type ``value`` into the datetime field ``name`` as the user writes it, and leave the field. */
function setDateTime(name, value) {
    return {
        content: `The meeting's ${name}`,
        trigger: `.o_form_view .o_field_widget[name=${name}] input`,
        async run(helpers) {
            await helpers.edit(formatDateTime(value));
            await helpers.press("Enter");
        },
    };
}

/** Add ``topic`` from the pool to the agenda: a row of the list on a desktop; on a phone the agenda is cards
 * and a new entry opens a dialog. */
function addTopic(topic) {
    const line = ".o_field_widget[name=agenda_line_ids]";
    const input = `${line} .o_data_row .o_field_widget[name=topic_id] input, .modal .o_field_widget[name=topic_id] input`;
    return [
        {
            content: `Add a line to the agenda for “${topic}”`,
            trigger: `.o_form_view ${line} .o_field_x2many_list_row_add a, .o_form_view ${line} .o-kanban-button-new`,
            run: "click",
        },
        {
            content: "Look for the topic in the pool (on a phone the field opens a dialog listing the pool)",
            trigger: input,
            async run(helpers) {
                if (this.anchor.readOnly) {
                    await helpers.click(this.anchor);
                } else {
                    await helpers.edit(topic);
                }
            },
        },
        {
            content: "Take it",
            trigger: `.o-autocomplete--dropdown-item a:contains(${topic}), ` +
                `.modal .o_select_create_dialog_content .o_kanban_record:contains(${topic}), ` +
                `.modal .o_select_create_dialog_content .o_data_row:contains(${topic}) td`,
            run: "click",
        },
        {
            content: "The topic is on the line (on a phone: keep the dialog's line)",
            trigger: `${line} .o_data_row:contains(${topic}), ${line} .o_data_row input:value(${topic}), ` +
                `.modal:not(:has(.o_select_create_dialog_content)) .o_field_widget[name=topic_id] input:value(${topic})`,
            async run(helpers) {
                if (helpers.queryFirst(".modal .modal-footer .o_form_button_save")) {
                    await helpers.click(".modal .modal-footer .o_form_button_save");
                }
            },
        },
        {
            content: "The agenda lists the topic",
            trigger: `body:not(:has(.modal)) .o_form_view ${line}:contains(${topic}), ` +
                `body:not(:has(.modal)) .o_form_view ${line} .o_data_row input:value(${topic})`,
        },
    ];
}

registry.category("web_tour.tours").add("gov_meeting_build_tour", {
    steps: () => {
        const start = DateTime.now().plus({ days: 7 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
        return [
            {
                content: "Plan a meeting",
                trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
                run: "click",
            },
            ...chooseRecord("type_id", "gov.meeting.type", [["code", "=", TYPE_CODE]], "the meeting type"),
            {
                content: "The chair comes from the type",
                trigger: ".o_form_view .o_field_widget[name=chair_id] input:value(/.+/), " +
                    ".o_form_view .o_field_widget[name=chair_id]:has(.o_avatar)",
            },
            {
                content: "Its name",
                trigger: ".o_form_view .o_field_widget[name=name] input",
                run: `edit ${MEETING}`,
            },
            setDateTime("start", start),
            setDateTime("stop", start.plus({ hours: 3 })),
            ...chooseRecord("room_id", "gov.meeting.room", [["name", "=", ROOM]], "the room"),
            ...saveForm(),
            ...TOPICS.flatMap(addTopic),
            ...saveForm(),
            {
                content: "The participants come from the type and the topics",
                trigger: ".o_form_view .o_notebook_headers a.nav-link[name=participants]",
                run: "click",
            },
            {
                content: "The participants are listed",
                trigger: ".o_form_view .o_field_widget[name=attendee_ids] .o_data_row, " +
                    ".o_form_view .o_field_widget[name=attendee_ids] .o_kanban_record:not(.o_kanban_ghost)",
            },
            ...clickHeaderButton("button[name=action_signoff_submit]", "Submit the Agenda"),
            expectState("agenda_review"),
        ];
    },
});

registry.category("web_tour.tours").add("gov_meeting_approve_tour", {
    steps: () => [
        {
            content: "The agenda waits for the head",
            trigger: `.o_form_view .o_field_widget[name=name]:contains(${MEETING}), .o_form_view .o_field_widget[name=name] input`,
        },
        // the approval wizard opens by its action: found by its hotkey, as in gov_rules' tours
        ...clickHeaderButton("button[type=action][data-hotkey=a]", "Approve"),
        {
            content: "The decision wizard asks for an opinion",
            trigger: ".modal .o_field_widget[name=opinion] textarea",
            run: "edit 同意议程",
        },
        {
            content: "Confirm the decision",
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The agenda is approved and locked: nothing waits for the head any more",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=state]:has(" +
                ".o_arrow_button_current[data-value=agenda_approved])",
        },
    ],
});

registry.category("web_tour.tours").add("gov_meeting_late_topic_tour", {
    steps: () => [
        expectState("agenda_approved"),
        {
            content: "The locked agenda offers no line for a late topic (R22.2)",
            trigger: ".o_form_view .o_field_widget[name=agenda_line_ids]:not(:has(.o_field_x2many_list_row_add))" +
                ":not(:has(.o-kanban-button-new))",
        },
        {
            content: "A change of the agenda needs a new approval: the office may ask for it",
            trigger: ".o_form_view .o_statusbar_buttons .o_gov_change_agenda, " +
                ".o_form_view .o_statusbar_buttons > .dropdown-toggle",
        },
        ...clickHeaderButton("button[name=action_send_papers]", "Send the Papers"),
        expectState("papers_sent"),
    ],
});
