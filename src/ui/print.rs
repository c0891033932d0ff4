//! The agreed offer as a printable agreement, as one HTML fragment.
//!
//! It carries the six items Article 70 of the Measures for the Supervision and Administration
//! of the Credit Card Business of Commercial Banks (CBRC Order 2011 No. 2) requires of a
//! personalized installment agreement: (1) the balance owed, its make-up and currency; (2) the
//! repayment period, method, currency, dates and amount of each payment; (3) whether an annual
//! fee, interest and other charges accrue during repayment; (4) the cardholder's undertaking
//! not to apply to any bank for a credit card until the agreement is paid; (5) both sides'
//! rights, obligations and liability for breach; (6) other matters of repayment. The same
//! layout serves settlements and extensions. Art. 70 governs bank cards: under any other
//! product or currency the agreement is a plain repayment agreement with the same figures,
//! without the card undertaking (five items, debtor and creditor).
//!
//! One string rather than a component tree: it is rendered once when the agent opens the
//! print view, and a view tree of this size cost ~18 KB of gzipped wasm. Everything the user
//! typed is escaped.

use crate::domain::claim::Bucket;
use crate::domain::money::Amount;
use crate::domain::money::Currency;
use crate::domain::negotiation::{Draft, LogEvent, OfferKind};
use crate::domain::plan::PlanOutcome;
use crate::domain::policy::Product;
use crate::domain::schedule::ScheduleRow;
use crate::i18n::{
    bucket_list, bucket_name, fees_column, fill, format_money, frequency_name, method_name, reinstated_items, Locale,
    Shared,
};
use std::fmt::Write;

/// Column headers of a schedule table: number, date, payment, principal, interest, fees
/// (named by [`fees_column`]), balance.
pub fn schedule_headers<'a>(t: &'a Shared, fees: &'a str) -> [&'a str; 7] {
    [t.col_number, t.col_date, t.col_payment, t.col_principal, t.col_interest, fees, t.col_balance]
}

/// The fees column of `rows` under `product`: it names the penalty when the rows repay an
/// interest-free part.
pub fn fees_header(rows: &[ScheduleRow], product: Product, locale: Locale) -> String {
    fees_column(rows.iter().any(|r| !r.charges.value().is_zero()), product, locale)
}

/// One schedule row's cells as displayed, in [`schedule_headers`] order, amounts formatted
/// for `locale`.
pub fn row_cells(row: &ScheduleRow, currency: Currency, locale: Locale) -> [String; 7] {
    let m = |amount: Amount| format_money(amount, currency, locale);
    [
        row.number.to_string(),
        row.date.to_string(),
        m(row.payment),
        m(row.principal),
        m(row.interest),
        // The interest-free part (违约金 and fees on a card) with any plan fee.
        m(row.charges + row.fees),
        m(row.balance),
    ]
}

/// A whole schedule as a scrolling table: one HTML string, `label` naming the scroll region
/// and `test_id` the table. A column that is zero in every row (interest at 0 %, fees when
/// there are none) is left out: it tells the reader nothing.
pub fn schedule_table_html(
    rows: &[ScheduleRow],
    currency: Currency,
    product: Product,
    locale: Locale,
    label: &str,
    test_id: &str,
) -> String {
    let t = locale.shared();
    let fees = fees_header(rows, product, locale);
    let interest = rows.iter().any(|r| !r.interest.value().is_zero());
    let charges = rows.iter().any(|r| !(r.charges + r.fees).value().is_zero());
    let shown = [true, true, true, true, interest, charges, true];
    let headers = schedule_headers(t, &fees);
    let columns: Vec<usize> = (0..headers.len()).filter(|&i| shown[i]).collect();
    table_html(
        rows,
        label,
        test_id,
        "schedule-table",
        &columns.iter().map(|&i| headers[i]).collect::<Vec<_>>(),
        &|row| {
            let cells = row_cells(row, currency, locale);
            columns.iter().map(|&i| cells[i].clone()).collect()
        },
    )
}

/// The payments alone (number, date, amount): a schedule that fits a phone's width.
pub fn payments_table_html(
    rows: &[ScheduleRow],
    currency: Currency,
    locale: Locale,
    label: &str,
    test_id: &str,
) -> String {
    let t = locale.shared();
    let headers = [t.col_number, t.col_date, t.col_payment];
    table_html(rows, label, test_id, "schedule-table payments", &headers, &|row| {
        vec![row.number.to_string(), row.date.to_string(), format_money(row.payment, currency, locale)]
    })
}

/// A scrolling table of `rows` under `headers` (its CSS `class`), each row's cells from `cells`.
fn table_html(
    rows: &[ScheduleRow],
    label: &str,
    test_id: &str,
    class: &str,
    headers: &[&str],
    cells: &dyn Fn(&ScheduleRow) -> Vec<String>,
) -> String {
    let mut html = String::with_capacity(512 + 260 * rows.len());
    let _ =
        write!(html, "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">", escape(label));
    let _ = write!(html, "<table class=\"{class}\" data-testid=\"{}\"><thead><tr>", escape(test_id));
    for header in headers {
        element(&mut html, "th", " scope=\"col\"", header);
    }
    html.push_str("</tr></thead><tbody>");
    for row in rows {
        html.push_str("<tr>");
        for cell in cells(row) {
            element(&mut html, "td", "", &cell);
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div>");
    html
}

/// The plan's nominal annualized rate in percent as shown ("0.00" when nothing is financed).
pub fn nominal_rate_text(outcome: &PlanOutcome) -> String {
    outcome.annualized_rate.as_ref().map_or_else(|| "0.00".to_string(), |r| r.nominal_percent.to_string())
}

/// `text` with `&`, `<`, `>`, `"` and `'` escaped for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Appends `<tag attrs>escaped text</tag>`.
fn element(html: &mut String, tag: &str, attrs: &str, text: &str) {
    let _ = write!(html, "<{tag}{attrs}>{}</{tag}>", escape(text));
}

/// The agreement for offer `index` of `draft`, computed as `outcome`, in `locale`; `None`
/// when there is no such offer.
/// How a recorded UTC time is written for the reader: the browser's local time with its zone;
/// [`as_recorded`] where there is no browser (tests, the fuzz harness).
pub type TimeText<'a> = &'a dyn Fn(&str) -> String;

/// A time exactly as recorded (RFC 3339 UTC).
pub fn as_recorded(utc: &str) -> String {
    utc.to_string()
}

/// The agreement for offer `index` of `draft`, computed as `outcome`, in `locale`, its times
/// written by `time`; `None` when there is no such offer.
pub fn agreement_html(
    draft: &Draft,
    index: usize,
    outcome: &PlanOutcome,
    locale: Locale,
    time: TimeText,
) -> Option<String> {
    let offer = draft.offers.get(index)?;
    let t = locale.texts();
    let o = outcome;
    let money = |amount: Amount| format_money(amount, o.currency, locale);
    let mut html = String::with_capacity(4096 + 260 * o.schedule.len());
    let product = draft.policy.product;
    // Art. 70 is the card measures' rule: a Chinese bank card's agreement, nothing else.
    let card = product == Product::BankCard && o.currency == Currency::CNY;

    let title = if card && offer.kind == OfferKind::Installments {
        t.agreement_title_installments
    } else {
        t.agreement_title_other
    };
    let heading = format!("{title} · {} {}", t.offer_label, offer.name);
    element(&mut html, "h2", " id=\"agreement-title\" tabindex=\"-1\"", &heading);
    if card {
        element(&mut html, "p", " class=\"hint\"", t.agreement_basis);
    }

    // 1. Balance, make-up, currency.
    element(&mut html, "h3", "", t.art70_balance);
    html.push_str("<table class=\"agreement-table\" data-testid=\"agreement-balance\"><thead><tr><td></td>");
    for header in [t.col_owed, t.col_waived, t.col_conditional, t.col_due] {
        element(&mut html, "th", " scope=\"col\"", header);
    }
    html.push_str("</tr></thead><tbody>");
    let mut row = |class: &str, name: &str, cells: [Amount; 4]| {
        let _ = write!(html, "<tr{class}>");
        element(&mut html, "th", " scope=\"row\"", name);
        for cell in cells {
            element(&mut html, "td", "", &money(cell));
        }
        html.push_str("</tr>");
    };
    for bucket in Bucket::ALL {
        let cells = [o.claim.get(bucket), o.waived.get(bucket), o.waived_conditional.get(bucket), o.due.get(bucket)];
        row("", bucket_name(bucket, product, locale), cells);
    }
    let totals = [o.claim.total(), o.waived.total(), o.waived_conditional.total(), o.due.total()];
    row(" class=\"total\"", t.total_row, totals);
    html.push_str("</tbody></table>");

    // 2. Period, method, currency, dates and amounts.
    element(&mut html, "h3", "", t.art70_repayment);
    let terms = match (offer.kind, o.frequency) {
        (OfferKind::Installments, Some(frequency)) => format!(
            "{} · {} · {} · {} {}",
            frequency_name(frequency, locale),
            method_name(offer.method, locale),
            o.currency.code(),
            t.count_figure_label,
            o.schedule.len()
        ),
        _ => o
            .schedule
            .first()
            .map(|r| fill(t.settlement_line, &[("amount", &money(r.payment)), ("date", &r.date.to_string())]))
            .unwrap_or_default(),
    };
    element(&mut html, "p", " data-testid=\"agreement-terms\"", &terms);
    let upfront = o.upfront.partial_payment + o.upfront.down_payment;
    if !upfront.is_zero() {
        let line = fill(
            t.upfront_line,
            &[
                ("date", &o.upfront.date.to_string()),
                ("amount", &money(upfront)),
                ("partial", &money(o.upfront.partial_payment)),
                ("down", &money(o.upfront.down_payment)),
            ],
        );
        element(&mut html, "p", "", &line);
    }
    html.push_str("<table class=\"schedule-table agreement-schedule\" data-testid=\"agreement-schedule\"><thead><tr>");
    let fees = fees_header(&o.schedule, product, locale);
    for header in schedule_headers(t, &fees) {
        element(&mut html, "th", " scope=\"col\"", header);
    }
    html.push_str("</tr></thead><tbody>");
    for schedule_row in &o.schedule {
        html.push_str("<tr>");
        for cell in row_cells(schedule_row, o.currency, locale) {
            element(&mut html, "td", "", &cell);
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");

    // 3. Annual fee, interest and other charges.
    element(&mut html, "h3", "", if card { t.art70_charges } else { t.plain_charges });
    let rate = nominal_rate_text(o);
    let mut charges = fill(
        t.charges_text,
        &[("interest", &money(o.totals.interest)), ("fees", &money(o.totals.fees)), ("rate", &rate)],
    );
    if !o.interest_free.value().is_zero() {
        let penalty = bucket_name(Bucket::Penalty, product, locale);
        let free = fill(t.charges_interest_free, &[("penalty", penalty), ("amount", &money(o.interest_free))]);
        charges = format!("{free} {charges}");
    }
    element(&mut html, "p", " data-testid=\"agreement-charges\"", &charges);

    // 4. The cardholder's undertaking (cards only).
    if card {
        element(&mut html, "h3", "", t.art70_undertaking);
        element(&mut html, "p", "", t.undertaking_text);
    }

    // 5. Rights, obligations, liability for breach.
    element(&mut html, "h3", "", if card { t.art70_obligations } else { t.plain_obligations });
    let obligations_text = if card { t.obligations_text } else { t.plain_obligations_text };
    let reinstated = match reinstated_items(&o.reinstated_on_breach, o.currency, product, locale) {
        items if items.is_empty() => money(o.reinstated_on_breach.total()),
        items => items,
    };
    let obligations = fill(obligations_text, &[("conditional", &reinstated)]);
    element(&mut html, "p", " data-testid=\"agreement-obligations\"", &obligations);

    // 6. Other matters.
    element(&mut html, "h3", "", if card { t.art70_other } else { t.plain_other });
    let agreed_at = draft
        .log
        .iter()
        .rev()
        .find(|e| e.offer == offer.name && e.event == LogEvent::Agreed)
        .map_or(String::new(), |e| time(&e.at));
    html.push_str("<dl class=\"agreement-other\" data-testid=\"agreement-other\">");
    for (label, value) in [
        (t.reference_label, draft.account.reference.as_str()),
        (t.as_of_label, draft.account.claim.as_of.as_str()),
        (t.days_past_due_label, draft.account.days_past_due.as_str()),
        (t.agreed_at_label, agreed_at.as_str()),
    ] {
        element(&mut html, "dt", "", label);
        element(&mut html, "dd", "", value);
    }
    html.push_str("</dl>");
    // The workspace's requests leave the order to its default (`Draft::request`).
    let order = bucket_list(&Bucket::DEFAULT_ORDER, product, locale);
    element(&mut html, "p", "", &fill(t.rounding_text, &[("currency", o.currency.code()), ("order", &order)]));
    html.push_str("<div class=\"signatures\">");
    element(&mut html, "p", "", if card { t.signature_cardholder } else { t.signature_debtor });
    element(&mut html, "p", "", if card { t.signature_issuer } else { t.signature_creditor });
    html.push_str("</div>");
    Some(html)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::request::evaluate;

    fn agreed_draft() -> (Draft, PlanOutcome) {
        let mut draft = Draft::new("2025-01-15", "2025-02-15", "2025-01-31");
        draft.account.claim.principal = "100000".into();
        draft.account.claim.fees = "150".into();
        draft.account.reference = "<b>R&D</b>".into();
        draft.offers[2].count = "36".into();
        draft.offers[2].annual_rate_percent = "9.99".into();
        draft.offers[2].waivers[3].value = "100".into();
        draft.offers[2].waivers[3].conditional = true;
        let policy = draft.policy.parse().unwrap();
        draft.record(2, LogEvent::Agreed, "2025-01-15T10:00:00Z", &policy);
        let outcome = evaluate(&draft.request(2, &policy).unwrap()).unwrap();
        (draft, outcome)
    }

    #[test]
    fn the_agreement_carries_the_six_items_in_order() {
        let (draft, outcome) = agreed_draft();
        let html = agreement_html(&draft, 2, &outcome, Locale::ZhCn, &as_recorded).unwrap();
        let t = Locale::ZhCn.texts();
        let positions: Vec<usize> = [
            t.art70_balance,
            t.art70_repayment,
            t.art70_charges,
            t.art70_undertaking,
            t.art70_obligations,
            t.art70_other,
        ]
        .iter()
        .map(|heading| html.find(&format!("<h3>{heading}</h3>")).expect(heading))
        .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        // PRODUCT.md: 100,000 at 9.99 % over 36 months is 3,226.25 a month, 16,145.00 interest.
        let schedule = html.split("data-testid=\"agreement-schedule\"").nth(1).unwrap();
        assert_eq!(schedule.matches("<tr><td>").count(), 36);
        assert!(html.contains("<td>2028-01-15</td><td>¥3,226.25</td>"));
        assert!(html.contains("¥16,145.00"));
        assert!(html.contains(t.undertaking_text));
    }

    #[test]
    fn a_card_names_its_violation_fee_and_repays_it_without_interest() {
        let (mut draft, _) = agreed_draft();
        draft.account.claim.penalty = "600".into();
        let policy = draft.policy.parse().unwrap();
        let outcome = evaluate(&draft.request(2, &policy).unwrap()).unwrap();
        let html = agreement_html(&draft, 2, &outcome, Locale::ZhCn, &as_recorded).unwrap();
        assert!(html.contains("<th scope=\"row\">违约金</th>"), "{html}");
        assert!(html.contains("<th scope=\"col\">违约金及费用</th>"));
        assert!(html.contains("所欠违约金和费用合计 ¥600.00，不计收利息"));
        assert!(html.contains("还款依次冲抵费用、违约金、利息、本金。"));
        assert!(!html.contains("罚息"));
    }

    #[test]
    fn another_profile_gets_a_plain_agreement_without_the_card_undertaking() {
        let (mut draft, _) = agreed_draft();
        draft.policy = crate::domain::negotiation::PolicyDraft::from(&crate::domain::policy::Policy::generic());
        draft.account.claim.penalty = "600".into();
        let policy = draft.policy.parse().unwrap();
        let outcome = evaluate(&draft.request(2, &policy).unwrap()).unwrap();
        let html = agreement_html(&draft, 2, &outcome, Locale::ZhCn, &as_recorded).unwrap();
        let t = Locale::ZhCn.texts();
        assert!(html.contains(&format!("<h2 id=\"agreement-title\" tabindex=\"-1\">{} ·", t.agreement_title_other)));
        for absent in [t.agreement_basis, t.art70_undertaking, t.undertaking_text, t.signature_cardholder, "违约金"]
        {
            assert!(!html.contains(absent), "{absent}");
        }
        let positions: Vec<usize> =
            [t.art70_balance, t.art70_repayment, t.plain_charges, t.plain_obligations, t.plain_other]
                .iter()
                .map(|heading| html.find(&format!("<h3>{heading}</h3>")).expect(heading))
                .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert!(html.contains("<th scope=\"row\">罚息</th>"));
        assert!(html.contains(t.signature_debtor) && html.contains(t.signature_creditor));
        // Every bucket bears interest under `generic`: no interest-free part, the plain column.
        assert!(html.contains("<th scope=\"col\">费用</th>"));
    }

    #[test]
    fn what_the_user_typed_is_escaped() {
        let (draft, outcome) = agreed_draft();
        let html = agreement_html(&draft, 2, &outcome, Locale::En, &as_recorded).unwrap();
        assert!(html.contains("<dd>&lt;b&gt;R&amp;D&lt;/b&gt;</dd>"));
        assert!(!html.contains("<b>"));
    }
}
