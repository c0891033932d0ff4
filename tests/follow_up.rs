//! The follow-up page's view (issue 16), natively: an agreement opened and verified, payments
//! typed as the agent types them, the status in words and figures, the messages beside the
//! fields, and Renegotiate's draft. Known answers by hand on the golden plan with relief
//! (10,000.00 in 12 monthly installments of 833.33 from 2025-02-15, the last 833.37; the
//! interest 1,200.00 and penalty 300.00 waived on condition).
#![cfg(not(target_arch = "wasm32"))]

use accord::i18n::Locale;
use accord::ui::follow_up::{FollowUp, Input};
use accord::ui::page::{Change, Part};
use accord::ui::print::as_recorded;
use chrono::NaiveDate;

fn golden() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/agreement-relief.json")).unwrap()
}

fn page(locale: Locale) -> FollowUp {
    let mut view = FollowUp::new(locale, NaiveDate::from_ymd_opt(2025, 5, 1).unwrap());
    assert!(view.open(&golden(), None), "the golden opens");
    view
}

fn part<'a>(parts: &'a [Part], id: &str) -> &'a str {
    parts
        .iter()
        .find_map(|p| match p {
            Part::Text(i, text) | Part::Html(i, text) if *i == id => Some(text.as_str()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no part {id}"))
}

fn disabled(parts: &[Part], id: &str) -> bool {
    parts.iter().any(|p| matches!(p, Part::Disabled(i, true) if *i == id))
}

#[test]
fn typed_payments_give_the_status_in_words_and_the_claim_with_the_relief_back() {
    let mut view = page(Locale::En);
    let html = view.page_html(&as_recorded);
    assert!(html.contains("Verified: the hash and every figure match the terms."), "{html}");
    assert!(html.contains("12 installments, CN¥10,000.00 in all, from 2025-02-15 to 2026-01-15."), "{html}");
    // What identifies it and its figures, then the schedule its terms give (folded).
    for fact in [
        "<dt>Agreement ID</dt><dd>7d8f0c52-3c1e-4f4b-9a57-0d7c6e2b1a90</dd>",
        "<dt>Channel</dt><dd>Agent</dd>",
        "<dt>Total owed</dt><dd>CN¥11,500.00</dd>",
        "<dt>Payment</dt><dd>CN¥833.33</dd>",
        "<dt>Installments</dt><dd>12</dd>",
    ] {
        assert!(html.contains(fact), "{fact} in {html}");
    }
    let schedule = html.split("data-testid=\"sv-schedule\"").nth(1).expect("the schedule");
    assert_eq!(schedule.matches("<tr><td>").count(), 12);
    assert!(schedule.contains("<td>12</td><td>2026-01-15</td><td>CN¥833.37</td>"), "{schedule}");
    // One payment typed without a header: installment 1 paid; 2 (03-15) more than 30 days late
    // on 04-15; the relief comes back and the claim owed is 9,166.67 + 1,200.00 + 300.00.
    assert_eq!(view.apply(Input::Payments("2025-02-15, 833.33\n".into())), Change::Parts);
    let parts = view.parts();
    let status = part(&parts, "sv-status");
    assert!(status.contains("Broken on 2025-04-15: installment 2 more than 30 days late."), "{status}");
    assert!(status.contains("data-standing=\"broken\""));
    assert!(status.contains("Relief reinstated: Interest: CN¥1,200.00, Late-payment charges: CN¥300.00."), "{status}");
    assert!(status.contains("New claim as of 2025-05-01"));
    assert!(status.contains("<th scope=\"row\">Total</th><td>CN¥10,666.67</td>"), "{status}");
    assert!(status.contains(
        "data-state=\"paid\"><td>1</td><td>2025-02-15</td><td>CN¥833.33</td><td>CN¥833.33</td><td>Paid</td>"
    ));
    assert!(status
        .contains("<td>2</td><td>2025-03-15</td><td>CN¥833.33</td><td>CN¥0.00</td><td>Missed, 47 days past due</td>"));
    assert!(!disabled(&parts, "sv-renegotiate"));
    let draft = view.renegotiation().unwrap();
    assert_eq!(draft.account.claim.principal, "9166.67");
    assert_eq!(draft.supersedes.unwrap().agreement_id, "7d8f0c52-3c1e-4f4b-9a57-0d7c6e2b1a90");
}

#[test]
fn late_within_the_rule_then_kept_then_completed() {
    let mut view = page(Locale::En);
    view.apply(Input::AsOf("2025-03-20".into()));
    view.apply(Input::Payments("date,amount\n2025-02-15,833.33\n2025-03-10,100\n".into()));
    let status = part(&view.parts(), "sv-status").to_string();
    assert!(
        status.contains("Late: CN¥733.33 past due for 5 days; the plan is not broken by the rule yet."),
        "{status}"
    );
    assert!(status.contains("Partly paid, 5 days past due"), "{status}");
    assert!(status.contains("Owed as of 2025-03-20"), "the relief stands while the plan does");
    assert!(
        status.contains(
            "Waived on condition, back if the plan breaks: Interest: CN¥1,200.00, Late-payment charges: CN¥300.00."
        ),
        "{status}"
    );
    view.apply(Input::Payments("2025-02-15,833.33\n2025-03-18,833.33\n".into()));
    let status = part(&view.parts(), "sv-status").to_string();
    assert!(status.contains("Kept: nothing is past due.") && status.contains("Paid 3 days late"), "{status}");
    assert!(status.contains("Next due: CN¥833.33 on 2025-04-15 (installment 3)."), "{status}");
    // Everything paid: completed, nothing to renegotiate.
    view.apply(Input::AsOf("2026-02-01".into()));
    view.apply(Input::Payments("2025-02-15,10000.00\n".into()));
    let parts = view.parts();
    assert!(part(&parts, "sv-status").contains("Completed: every installment is paid."));
    assert!(disabled(&parts, "sv-renegotiate") && view.renegotiation().is_none());
}

#[test]
fn bad_fields_get_their_message_in_the_language_shown_and_keep_what_was_typed() {
    let mut view = page(Locale::ZhCn);
    view.apply(Input::Payments("2025-02-15,833.33\n2025-02-31,1\n2025-03-01,-5\n".into()));
    view.apply(Input::AsOf("2025-13-01".into()));
    view.apply(Input::Rule(1, "abc".into()));
    let parts = view.parts();
    // Rows are named as typed (the header the page supplies is not counted).
    assert_eq!(
        part(&parts, "sv-payments-error"),
        "还款记录无法读取：第 2 行 日期：不是日期（YYYY-MM-DD 或 YYYY/MM/DD）、第 3 行 金额：不是该协议币种的有效金额"
    );
    assert_eq!(part(&parts, "sv-as-of-error"), "日期格式不正确，请按 YYYY-MM-DD 填写。");
    assert_eq!(part(&parts, "sv-days-late-error"), "请输入 0 到 3650 之间的整数。");
    assert!(parts.contains(&Part::Attribute("sv-days-late", "aria-invalid", "true".into())));
    assert!(disabled(&parts, "sv-renegotiate"));
    // What was typed stays in the page when it is drawn again (the language switched).
    assert_eq!(view.apply(Input::Language("en".into())), Change::Page);
    let html = view.page_html(&as_recorded);
    assert!(html.contains("2025-02-31,1") && html.contains("value=\"2025-13-01\"") && html.contains("value=\"abc\""));
}

#[test]
fn an_agreement_that_does_not_verify_gets_no_status_and_a_bad_file_keeps_the_one_open() {
    let mut view = FollowUp::new(Locale::En, NaiveDate::from_ymd_opt(2025, 5, 1).unwrap());
    assert!(view.page_html(&as_recorded).contains("No agreement is open."));
    view.open(&golden().replacen("\"833.33\"", "\"833.30\"", 1), None);
    let html = view.page_html(&as_recorded);
    assert!(html.contains("Not verified: 2 figure(s) differ from the terms or the hash. No status"), "{html}");
    // Every difference listed: the hash, and the payment changed (recomputed from the terms).
    let differences = html.split("data-testid=\"sv-differences\"").nth(1).expect("the differences");
    assert!(differences.contains("<td>sha256</td>"), "{differences}");
    assert!(differences
        .contains("<td>outcome.schedule.0.payment</td><td>&quot;833.30&quot;</td><td>&quot;833.33&quot;</td>"));
    assert!(!html.contains("sv-renegotiate") && view.renegotiation().is_none());
    view.open(&golden(), None);
    assert!(!view.open("{\"schemaVersion\": 1", None), "a truncated file does not open");
    let html = view.page_html(&as_recorded);
    assert!(html.contains("The file ends too early; it may be truncated. Nothing was opened."), "{html}");
    assert!(html.contains("Verified: the hash"), "the agreement open before stays");
}

#[test]
fn re_age_is_offered_while_the_plan_stands_and_says_why_not_otherwise() {
    let mut view = page(Locale::En);
    view.apply(Input::AsOf("2025-04-20".into()));
    view.apply(Input::Payments("2025-02-15,833.33\n".into()));
    // Broken by the house rule (installment 2 more than 30 days late on 2025-04-15).
    let parts = view.parts();
    let reaging = |view: &FollowUp| {
        view.reaging("3f2a9c41-8b7d-4e6f-a1c2-5d4e3f2a1b0c".into(), "2025-04-20T08:00:00.000Z".into())
    };
    assert!(disabled(&parts, "sv-reage") && reaging(&view).is_none());
    assert_eq!(
        part(&parts, "sv-reage-hint"),
        "Re-age is for a plan that is not broken: renegotiate this one from the new claim."
    );
    // A lenient rule typed (60 days late): late, not broken, two installments missed.
    view.apply(Input::Rule(1, "60".into()));
    view.apply(Input::Rule(2, "3".into()));
    let parts = view.parts();
    assert!(!disabled(&parts, "sv-reage"));
    assert!(part(&parts, "sv-reage-hint").starts_with("Re-age moves the installments past due to the end"));
    let reaging = reaging(&view).unwrap();
    assert_eq!(
        reaging.question,
        "Move installment(s) 2, 3 to 2026-02-15, 2026-03-15 at the same amounts, in a new agreement that replaces \
         this one?"
    );
    assert_eq!(reaging.file_name, "accord-agreement-3f2a9c41-8b7d-4e6f-a1c2-5d4e3f2a1b0c.json");
    // Opened in the old one's place with the payments: verified, kept, and saying what it did.
    assert!(view.open(&reaging.json, None));
    view.reaged(reaging.notice);
    let html = view.page_html(&as_recorded);
    assert!(html.contains("Verified: the hash"), "{html}");
    assert!(html.contains("Re-aged: agreement 3f2a9c41-8b7d-4e6f-a1c2-5d4e3f2a1b0c replaces 7d8f0c52"), "{html}");
    assert!(html.contains("<dt>Installments moved</dt><dd>2 → 2026-02-15, 3 → 2026-03-15</dd>"), "{html}");
    let parts = view.parts();
    assert!(part(&parts, "sv-status").contains("Kept"), "{}", part(&parts, "sv-status"));
    assert!(disabled(&parts, "sv-reage"));
    view.apply(Input::AsOf("2025-06-20".into()));
    assert!(part(&view.parts(), "sv-status").contains("Late"));
    // Nothing past due: nothing to re-age.
    view.apply(Input::AsOf("2025-03-01".into()));
    assert_eq!(part(&view.parts(), "sv-reage-hint"), "Nothing is past due: nothing to re-age.");
}
