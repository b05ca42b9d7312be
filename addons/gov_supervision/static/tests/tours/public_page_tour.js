import { registry } from "@web/core/registry";

/**
 * The public page of disclosed replies to suggestions and proposals (主动公开, R14.1), without login, run by
 * gov_supervision/tests/test_public_tour.py at desktop and phone size: search a disclosed reply and find
 * it, and it alone.
 */

// also in test_public_tour.py
const DISCLOSED = "老旧小区改造";
const DISCLOSED_TEXT = "已纳入2027年改造计划";

registry.category("web_tour.tours").add("gov_public_replies_tour", {
    steps: () => [
        {
            content: "The page reads in Chinese",
            trigger: ".o_gov_public_replies h1:contains(建议提案答复公开)",
        },
        {
            content: "The public page lists disclosed replies, without login",
            trigger: ".o_gov_public_replies .o_gov_public_search input[name=q]",
            run: `edit ${DISCLOSED}`,
        },
        {
            content: "Search",
            trigger: ".o_gov_public_search button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The disclosed reply is found",
            trigger: `.o_gov_public_reply:contains(${DISCLOSED}) .o_gov_public_reply_text:contains(${DISCLOSED_TEXT})`,
        },
        {
            content: "Only the reply searched for",
            trigger: ".o_gov_public_replies:has(.o_gov_public_reply):not(:has(.o_gov_public_reply + .o_gov_public_reply))",
        },
    ],
});
