//! The offers side by side: one row per figure, one column per offer, the best cell of each
//! row marked (among offers no rule blocks), a blocked offer greyed with its reason. What an
//! agent on a call scans instead of four cards whose labels repeat.
//!
//! One escaped HTML string, like the print view: it is rebuilt when a figure changes and
//! never edited, and a view tree of 4 × 11 reactive cells costs more wasm and more work per
//! keystroke. Pure: compiled and tested natively.

use super::print::escape;
use crate::domain::money::Amount;
use crate::domain::plan::{percent_of, PlanOutcome};
use crate::i18n::{format_money, format_percent, group_digits, Locale, Texts};
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::fmt::Write;

/// One offer's column.
pub struct Column<'a> {
    /// The offer's name (A, B, …).
    pub name: &'a str,
    /// Its last computed plan, if any.
    pub outcome: Option<&'a PlanOutcome>,
    /// Why no one may agree to it (a blocking finding, in words), if it is blocked.
    pub blocked: Option<String>,
}

/// Which way a row's best value lies.
#[derive(Clone, Copy, PartialEq)]
enum Best {
    Lowest,
    Highest,
    /// A fact to read, not to rank (a count, a date).
    None,
}

/// A row: its label, its best direction, each plan's value to rank and its text.
struct Row {
    /// The row's `data-figure`, named as the offer card's `figure-*` test ids are.
    key: &'static str,
    label: fn(&Texts) -> &'static str,
    best: Best,
    value: fn(&PlanOutcome, Locale) -> Option<(Decimal, String)>,
}

fn money(o: &PlanOutcome, amount: Amount, locale: Locale) -> Option<(Decimal, String)> {
    Some((amount.value(), format_money(amount, o.currency, locale)))
}

fn percent(value: Decimal) -> Option<(Decimal, String)> {
    Some((value, format_percent(&value.to_string())))
}

/// The largest payment's share of the debtor's disposable income, when a budget leaves any.
pub fn share_of_income(o: &PlanOutcome) -> Option<Decimal> {
    let a = o.affordability.as_ref()?;
    (a.disposable_income.value() > Decimal::ZERO).then(|| percent_of(a.monthly_equivalent_payment, a.disposable_income))
}

const ROWS: [Row; 10] = [
    Row {
        key: "payment",
        label: |t| t.payment_per_period_label,
        best: Best::Lowest,
        value: |o, l| o.schedule.first().and_then(|r| money(o, r.payment, l)),
    },
    Row {
        key: "count",
        label: |t| t.count_figure_label,
        best: Best::None,
        value: |o, _| Some((Decimal::from(o.schedule.len()), group_digits(&o.schedule.len().to_string()))),
    },
    Row {
        key: "first-date",
        label: |t| t.first_date_label,
        best: Best::None,
        value: |o, _| o.schedule.first().map(|r| (Decimal::ZERO, r.date.to_string())),
    },
    Row {
        key: "last-date",
        label: |t| t.last_date_label,
        best: Best::None,
        value: |o, _| o.schedule.last().map(|r| (Decimal::ZERO, r.date.to_string())),
    },
    Row {
        key: "total-paid",
        label: |t| t.total_paid_label,
        best: Best::Highest,
        value: |o, l| money(o, o.totals.paid, l),
    },
    Row {
        key: "total-waived",
        label: |t| t.total_waived_label,
        best: Best::Lowest,
        value: |o, l| money(o, o.totals.waived, l),
    },
    Row {
        key: "recovery",
        label: |t| t.recovery_label,
        best: Best::Highest,
        value: |o, _| percent(o.recovery.percent_of_claim),
    },
    Row {
        key: "present-value",
        label: |t| t.present_value_label,
        best: Best::Highest,
        value: |o, l| money(o, o.recovery.present_value, l),
    },
    Row {
        key: "nominal",
        label: |t| t.nominal_rate_label,
        best: Best::Lowest,
        value: |o, _| o.annualized_rate.as_ref().and_then(|r| percent(r.nominal_percent)),
    },
    Row {
        key: "share-of-income",
        label: |t| t.share_of_income_label,
        best: Best::Lowest,
        value: |o, _| share_of_income(o).and_then(percent),
    },
];

/// The comparison table of `columns` in `locale`.
pub fn comparison_html(columns: &[Column], locale: Locale) -> String {
    let t = locale.texts();
    let mut html = String::with_capacity(4096);
    html.push_str("<table class=\"compare-table\" data-testid=\"compare-table\"><thead><tr><td></td>");
    for c in columns {
        let class = if c.blocked.is_some() { " class=\"blocked\"" } else { "" };
        let _ = write!(html, "<th scope=\"col\"{class}>{} {}</th>", escape(t.offer_label), escape(c.name));
    }
    html.push_str("</tr></thead><tbody>");
    for row in &ROWS {
        let values: Vec<Option<(Decimal, String)>> =
            columns.iter().map(|c| c.outcome.and_then(|o| (row.value)(o, locale))).collect();
        // The best among the offers that may be agreed; every equal one is marked.
        let ranked = columns.iter().zip(&values).filter(|(c, _)| c.blocked.is_none()).filter_map(|(_, v)| v.as_ref());
        let best = match row.best {
            Best::Lowest => ranked.map(|v| v.0).min(),
            Best::Highest => ranked.map(|v| v.0).max(),
            Best::None => None,
        };
        let _ = write!(html, "<tr data-figure=\"{}\"><th scope=\"row\">{}</th>", row.key, escape((row.label)(t)));
        for (c, value) in columns.iter().zip(&values) {
            let text = value.as_ref().map_or("—", |v| v.1.as_str());
            let is_best = c.blocked.is_none()
                && value.as_ref().zip(best).is_some_and(|(v, b)| v.0.cmp(&b) == Ordering::Equal)
                && columns.len() > 1;
            let class = match (c.blocked.is_some(), is_best) {
                (true, _) => " class=\"blocked\"",
                (false, true) => " class=\"best\"",
                (false, false) => "",
            };
            let _ = write!(html, "<td{class}>{}", escape(text));
            if is_best {
                let _ = write!(html, "<span class=\"visually-hidden\"> ({})</span>", escape(t.best_cell));
            }
            html.push_str("</td>");
        }
        html.push_str("</tr>");
    }
    if columns.iter().any(|c| c.blocked.is_some()) {
        let _ = write!(html, "<tr class=\"reasons\"><th scope=\"row\">{}</th>", escape(t.outcome_block));
        for c in columns {
            let _ = write!(html, "<td>{}</td>", escape(c.blocked.as_deref().unwrap_or("")));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::negotiation::Draft;
    use crate::domain::request::evaluate;

    fn outcomes(budget: bool) -> Vec<PlanOutcome> {
        let mut d = Draft::new("2025-01-15", "2025-02-15", "2025-01-31");
        d.account.claim.principal = "100000".into();
        if budget {
            d.budget.monthly_income = "12000".into();
            d.budget.essential_expenses = "4000".into();
        }
        let policy = d.policy.parse().unwrap();
        (0..d.offers.len()).map(|i| evaluate(&d.request(i, &policy).unwrap()).unwrap()).collect()
    }

    /// The cells of the row whose header is `label`.
    fn row<'a>(html: &'a str, label: &str) -> Vec<&'a str> {
        let start = html.find(&format!("<th scope=\"row\">{label}</th>")).expect(label);
        let end = start + html[start..].find("</tr>").unwrap();
        html[start..end].split("<td").skip(1).collect()
    }

    #[test]
    fn each_row_marks_its_best_cell_among_offers_not_blocked() {
        let computed = outcomes(true);
        let names = ["A", "B", "C", "D"];
        let columns: Vec<Column> =
            names.iter().zip(&computed).map(|(name, o)| Column { name, outcome: Some(o), blocked: None }).collect();
        let html = comparison_html(&columns, Locale::En);
        // Offer D of a new workspace: 100,000 over 36 months at 0 % → 2,777.78, the lowest
        // payment (PRODUCT.md); the settlement A pays the claim at once.
        let payments = row(&html, "Payment");
        assert!(payments[3].starts_with(" class=\"best\">CN¥2,777.78"), "{payments:?}");
        assert!(payments[0].starts_with(">CN¥100,000.00"), "{payments:?}");
        // Share of disposable income (12,000 − 4,000 = 8,000): 2,777.78 is 34.72 %.
        let shares = row(&html, "Share of disposable income");
        assert!(shares[3].contains("34.72%"), "{shares:?}");
        // Counts and dates are facts, not ranked.
        assert!(row(&html, "Installments").iter().all(|cell| !cell.contains("best")));

        // Blocked: greyed, never best, with its reason in the last row.
        let blocked = vec![
            Column { name: "A", outcome: Some(&computed[0]), blocked: None },
            Column { name: "D", outcome: Some(&computed[3]), blocked: Some("Term too long".into()) },
        ];
        let html = comparison_html(&blocked, Locale::En);
        let payments = row(&html, "Payment");
        assert!(payments[0].starts_with(" class=\"best\">"), "{payments:?}");
        assert!(payments[1].starts_with(" class=\"blocked\">"), "{payments:?}");
        assert!(row(&html, "Blocked")[1].contains("Term too long"));
    }

    #[test]
    fn without_a_budget_the_share_is_a_dash_and_text_is_escaped() {
        let computed = outcomes(false);
        let columns = [Column { name: "<A>", outcome: Some(&computed[0]), blocked: None }];
        let html = comparison_html(&columns, Locale::ZhCn);
        assert!(html.contains("&lt;A&gt;") && !html.contains("<A>"));
        assert!(row(&html, "占可支配收入比例")[0].contains("—"));
        // One offer is not a comparison: nothing is marked best.
        assert!(!html.contains("class=\"best\""));
    }
}
