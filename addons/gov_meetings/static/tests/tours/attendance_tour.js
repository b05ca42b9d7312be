import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";
import {
    chooseRecord,
    clickHeaderButton,
    expectState,
    saveForm,
} from "@gov_rules/../tests/tours/gov_document_tours";

/**
 * Attendance, run by gov_meetings/tests/test_attendance_tour.py with different logins, in Chinese, at
 * desktop and phone size: a participant opens "papers to read" (待阅材料) and opens a paper (the
 * reading is recorded by the server when the file is fetched); a leader asks for leave with a
 * substitute (代会); the chair grants it. Triggers use field and button names, never labels.
 */

// also in test_attendance_tour.py
const MEETING = "区政府第十二次常务会议（巡检）";
const REASON = "同一时间须出席市政府专题会议";

registry.category("web_tour.tours").add("gov_attendance_papers_tour", {
    steps: () => [
        {
            content: "My papers to read are listed; a paper opens in a new tab: fetch it instead",
            trigger: ".o_gov_open_paper",
            run() {
                window.govPapersOpened = [];
                browser.open = (url) => {
                    window.govPapersOpened.push(fetch(url).then((response) => response.status));
                };
            },
        },
        {
            content: "Open a paper",
            trigger: ".o_gov_open_paper",
            run: "click",
        },
        {
            content: "The paper was served",
            trigger: "body",
            async run(helpers) {
                await helpers.waitUntil(() => window.govPapersOpened.length === 1, { timeout: 5000 });
                const status = await window.govPapersOpened[0];
                if (status !== 200) {
                    throw new Error(`the paper was refused (${status})`);
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("gov_attendance_leave_tour", {
    steps: () => [
        {
            content: "Ask for leave",
            trigger: ".o_control_panel .o_list_button_add, .o_control_panel .o-kanban-button-new",
            run: "click",
        },
        ...chooseRecord("meeting_id", "gov.meeting", [["name", "=", MEETING]], "the meeting"),
        {
            content: "The reason",
            trigger: ".o_form_view .o_field_widget[name=reason] textarea",
            run: `edit ${REASON}`,
        },
        ...chooseRecord("substitute_id", "res.users", [["login", "=", "t_legal"]], "the substitute (代会)"),
        ...saveForm(),
        expectState("requested"),
    ],
});

registry.category("web_tour.tours").add("gov_attendance_grant_tour", {
    steps: () => [
        {
            content: "The leave request waits for me",
            trigger: `.o_form_view .o_field_widget[name=reason]:contains(${REASON}), ` +
                ".o_form_view .o_field_widget[name=reason] textarea",
        },
        ...clickHeaderButton("button[name=action_grant]", "Grant"),
        expectState("granted"),
    ],
});
