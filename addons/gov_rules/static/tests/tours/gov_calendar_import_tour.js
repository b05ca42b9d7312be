import { registry } from "@web/core/registry";

/**
 * Tours of the holiday-notice import wizard (gov.calendar.import), run by
 * gov_rules/tests/test_calendar_tour.py at desktop and phone size.
 *
 * The triggers use field and button names, never labels: the admin user of the
 * test database may work in Chinese or in English. Dates are matched on "02/20",
 * which both the en_US (02/20/2027) and the zh_CN (2027/02/20) formats contain.
 */

// A sample notice for 2027 (not the real one): every weekday in it is right for
// 2027, since the parser checks them. 13 holidays and one makeup working day.
const NOTICE_2027 = [
    "国务院办公厅关于2027年部分节假日安排的通知",
    "",
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "经国务院批准，现将2027年元旦、春节和清明节放假调休日期的具体安排通知如下。",
    "一、元旦：1月1日（周五）至3日（周日）放假，共3天。",
    "二、春节：2月5日（农历除夕、周五）至11日（农历正月初六、周四）放假调休，共7天。2月20日（周六）上班。",
    "三、清明节：4月3日（周六）至5日（周一）放假，共3天。",
    "国务院办公厅",
    "2026年11月4日",
].join("\n");

// Line 3 names a date but says neither 放假 nor 上班: the parser must report it.
const UNREADABLE_NOTICE = [
    "国务院办公厅关于2027年部分节假日安排的通知",
    "一、元旦：1月1日（周五）至3日（周日）放假，共3天。",
    "二、春节：2月5日另行通知。",
].join("\n");

// 20 February 2027 as the list shows it in any language: 2027/02/20, 2027年2月20日, 02/20/2027, 20/02/2027
const FEB_20_2027 = /^2027\D+0?2\D+20\D*$|^0?2\D20\D2027$|^20\D0?2\D2027$/;

function checkYear(shown) {
    // years are shown without a thousands separator (options="{'enable_formatting': false}")
    if (shown.trim() !== "2027") {
        throw new Error(`expected the year 2027, the form shows "${shown}"`);
    }
}

function pasteNotice(text) {
    return {
        content: "Paste the notice",
        trigger: ".modal .o_gov_notice_text textarea",
        // run strings cannot carry line breaks: type the text through the helper
        run: (helpers) => helpers.edit(text),
    };
}

const readNotice = {
    content: "Read the notice",
    trigger: ".modal .modal-footer button[name=action_parse]",
    run: "click",
};

registry.category("web_tour.tours").add("gov_calendar_import_tour", {
    steps: () => [
        pasteNotice(NOTICE_2027),
        readNotice,
        {
            content: "The review shows the year and the counts",
            trigger: ".modal .o_field_widget[name=holiday_count]:contains(13)",
        },
        {
            trigger: ".modal .o_field_widget[name=workday_count]:contains(1)",
        },
        {
            trigger: ".modal .alert-info .o_field_widget[name=year]",
            run() {
                checkYear(this.anchor.textContent);
            },
        },
        {
            content: "20 February is listed as a makeup working day, the only one",
            trigger: ".modal .o_gov_import_lines .o_data_row.text-info td[name=name]:contains(春节)",
            run() {
                const rows = document.querySelectorAll(".modal .o_gov_import_lines .o_data_row");
                const workdays = document.querySelectorAll(".modal .o_gov_import_lines .o_data_row.text-info");
                if (rows.length !== 14 || workdays.length !== 1) {
                    throw new Error(`expected 14 days of which 1 working day, got ${rows.length} and ${workdays.length}`);
                }
                const shown = workdays[0].querySelector("td[name=date]").textContent;
                if (!FEB_20_2027.test(shown.trim())) {
                    throw new Error(`the working day should be 2027-02-20, the list shows "${shown}"`);
                }
            },
        },
        {
            content: "Confirm and save",
            trigger: ".modal .modal-footer button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The saved year opens",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=year] input",
            run() {
                checkYear(this.anchor.value);
            },
        },
        {
            content: "with its 14 days, one of them a working day",
            trigger: ".o_form_view .o_field_widget[name=workday_count]:contains(1)",
            run() {
                const rows = document.querySelectorAll(".o_form_view .o_field_widget[name=day_ids] .o_data_row");
                if (rows.length !== 14) {
                    throw new Error(`expected 14 days in the saved year, got ${rows.length}`);
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("gov_calendar_import_error_tour", {
    steps: () => [
        pasteNotice(UNREADABLE_NOTICE),
        readNotice,
        {
            content: "The error names the unreadable line and its number",
            trigger: ".modal .modal-body p.text-prewrap:contains(2月5日另行通知)",
            run() {
                const text = this.anchor.textContent;
                if (!/Line 3\b|第\s*3\s*行/.test(text)) {
                    throw new Error(`the error does not name line 3: ${text}`);
                }
            },
        },
        {
            content: "Close the error; the wizard is still there",
            trigger: ".modal .modal-footer .o-default-button",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal p.text-prewrap)) .modal .o_gov_notice_text textarea",
        },
    ],
});
