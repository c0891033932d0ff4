//! The follow-up page (servicing.html, the `accord-servicing` bundle): an agreement opened and
//! verified, the payments received (pasted, typed or from a file), the rule, and the plan's
//! status at a date — each installment paid, late, partly paid, missed or not yet due, kept /
//! late / broken in words, the relief reinstated and what is owed — then **Renegotiate**,
//! which hands the workspace a draft that starts from what is owed and supersedes this
//! agreement, or **Re-age**, which makes the agreement with the installments past due moved
//! to the end ([`crate::export::renegotiation`]).
//!
//! Pure, like the debtor's view: the state, what each input does, and the HTML as escaped
//! strings ([`FollowUp::page_html`] once per language or agreement, then
//! [`FollowUp::parts`] after each input). `servicing_page` puts it into the page. The status
//! is recomputed from the state on every input (microseconds), never kept beside it.

use crate::domain::calendar::parse_date;
use crate::domain::claim::{Bucket, Buckets};
use crate::domain::money::{parse_whole, Currency};
use crate::domain::negotiation::Draft;
use crate::domain::plan::PlanOutcome;
use crate::domain::policy::{Policy, Product, ServicingRule};
use crate::domain::servicing::payments::{read_payments, Payment, PaymentError, PaymentField, PaymentInputError};
use crate::domain::servicing::{claim_owed, status, AgreementStatus, BreachRule, InstallmentState, Standing};
use crate::export::agreement::{
    agreement_compact_json, import_agreement, verify_with_keys, AgreementFile, ImportError, Verification,
};
use crate::export::renegotiation::{reaged_agreement, reaged_terms, renegotiation_draft, ReageRefusal};
use crate::export::signature::KeySet;
use crate::i18n::{
    bucket_name, channel_name, fill, format_money, import_error_message, reinstated_items, Locale, ServicingTexts,
};
use crate::ui::page::{header_html, Change, Part};
use crate::ui::print::{escape, schedule_table_html, TimeText};
use chrono::NaiveDate;
use std::fmt::Write as _;

/// What the agent does on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Chose a language (its tag).
    Language(String),
    /// Typed or pasted in the payments box, or chose a payments file (its text).
    Payments(String),
    /// Chose a payments file over [`MAX_PAYMENTS_FILE_BYTES`] (its size): not read.
    PaymentsFileTooLarge(usize),
    /// Typed or picked the status date.
    AsOf(String),
    /// Typed in one of the rule's fields: 0 grace days, 1 days late, 2 missed in a row.
    Rule(usize, String),
}

/// Where the workspace hands an opened agreement to this page, and where the page keeps the
/// agreement it has open (the tab's storage: gone with the tab).
pub const AGREEMENT_KEY: &str = "accord.servicing.agreement";

/// Where the page keeps the payments typed (the tab's storage); the workspace empties it
/// when it hands over another agreement.
pub const PAYMENTS_KEY: &str = "accord.servicing.payments";

/// The largest payments file read: 10,000 payments of a bank's export, with room.
pub const MAX_PAYMENTS_FILE_BYTES: usize = 4 << 20;

/// The ids of the rule's fields and of their messages, in [`ServicingRule::MAX`]'s order.
const RULE_FIELDS: [(&str, &str); 3] =
    [("sv-grace", "sv-grace-error"), ("sv-days-late", "sv-days-late-error"), ("sv-missed", "sv-missed-error")];

/// An agreement opened on the page.
struct Opened {
    agreement: AgreementFile,
    /// Whether it verifies, what differs, and the plan its terms give.
    verification: Verification,
    order: Vec<Bucket>,
    product: Product,
}

impl Opened {
    /// The plan recomputed from the terms when every figure and the hash match; `None`: it
    /// does not verify, and no status is stated for it.
    fn plan(&self) -> Option<&PlanOutcome> {
        self.verification.recomputed.as_ref().filter(|_| self.verification.verified())
    }
}

/// Why the page shows no status.
enum NoStatus {
    NoAgreement,
    NotVerified,
    /// A field's message is beside it.
    Field,
    Payments(Vec<PaymentError>),
    Servicing,
}

/// The follow-up page's state: the agreement, and the payments, date and rule as typed.
pub struct FollowUp {
    locale: Locale,
    opened: Option<Opened>,
    /// Why the last file could not be opened (the agreement open before stays).
    open_error: Option<ImportError>,
    payments: String,
    /// The size of a payments file too large to read, until the payments change.
    payments_too_large: Option<usize>,
    as_of: String,
    rule: [String; 3],
    /// The name of the agreement's policy profile when the rule is its own (else the house
    /// default's).
    rule_profile: Option<String>,
    /// What the last re-aging made, until another agreement opens.
    notice: Option<String>,
}

/// A re-aging ready to be made: the question asked first, then the new agreement's file name
/// and JSON, and what the page says once it is open.
pub struct Reaging {
    pub question: String,
    pub file_name: String,
    pub json: String,
    pub notice: String,
}

impl FollowUp {
    /// The page in `locale`, no agreement open, the status date `today`, the house rule.
    pub fn new(locale: Locale, today: NaiveDate) -> Self {
        FollowUp {
            locale,
            opened: None,
            open_error: None,
            payments: String::new(),
            payments_too_large: None,
            as_of: today.to_string(),
            rule: rule_texts(ServicingRule::HOUSE_DEFAULT),
            rule_profile: None,
            notice: None,
        }
    }

    /// The language shown.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The payments as typed (the page keeps them for the tab).
    pub fn payments_text(&self) -> &str {
        &self.payments
    }

    /// Opens the agreement in `text`, verified with `keys` (a self-service agreement's offer),
    /// with the rule of the policy profile it was agreed under in the rule's fields; whether it
    /// opened (verified or not). A file that cannot be read leaves the agreement open before
    /// in place, with a message. Either way the whole page changes.
    pub fn open(&mut self, text: &str, keys: Option<&KeySet>) -> bool {
        match import_agreement(text) {
            Err(error) => {
                self.open_error = Some(error);
                false
            }
            Ok((agreement, raw)) => {
                let verification = verify_with_keys(&agreement, &raw, keys);
                let order = agreement.terms.allocation_order.clone().unwrap_or_default();
                let product = agreement.terms.product();
                let policy = agreement.terms.policy.as_ref();
                self.rule = rule_texts(Policy::servicing_rule(policy));
                self.rule_profile = policy.filter(|p| p.servicing.is_some()).map(|p| p.name.clone());
                self.opened = Some(Opened { agreement, verification, order, product });
                self.open_error = None;
                self.notice = None;
                true
            }
        }
    }

    /// An agreement file that could not be read: the message, the agreement open before
    /// stays. The whole page changes.
    pub fn open_failed(&mut self, error: ImportError) {
        self.open_error = Some(error);
    }

    /// What an input changes.
    pub fn apply(&mut self, input: Input) -> Change {
        match input {
            Input::Language(tag) => match Locale::from_tag(&tag) {
                Some(locale) if locale != self.locale => {
                    self.locale = locale;
                    return Change::Page;
                }
                _ => return Change::None,
            },
            Input::Payments(text) => {
                self.payments = text;
                self.payments_too_large = None;
            }
            Input::PaymentsFileTooLarge(bytes) => self.payments_too_large = Some(bytes),
            Input::AsOf(text) => self.as_of = text,
            Input::Rule(index, text) => match self.rule.get_mut(index) {
                Some(field) => *field = text,
                None => return Change::None,
            },
        }
        Change::Parts
    }

    fn as_of(&self) -> Option<NaiveDate> {
        parse_date(&self.as_of).ok()
    }

    /// Each rule field's value, if it is a whole number in its bounds.
    fn rule_values(&self) -> [Option<u32>; 3] {
        std::array::from_fn(|i| parse_whole(&self.rule[i], 0, ServicingRule::MAX[i]))
    }

    /// The payments typed: a CSV with a header, JSON, or lines of `date,amount[,reference]`
    /// without a header (one is supplied, and the rows named as typed); empty: none.
    fn read_payments(&self, currency: Currency) -> Result<Vec<Payment>, Vec<PaymentError>> {
        let text = self.payments.trim_start_matches('\u{feff}');
        let first_line = text.lines().find(|line| !line.trim().is_empty()).unwrap_or_default();
        if first_line.is_empty() {
            return Ok(Vec::new());
        }
        if !first_line.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
            return read_payments(text, currency);
        }
        let header = if first_line.split(',').count() > 2 { "date,amount,reference" } else { "date,amount" };
        read_payments(&format!("{header}\n{text}"), currency)
            .map_err(|errors| errors.into_iter().map(|e| PaymentError { row: e.row.saturating_sub(1), ..e }).collect())
    }

    /// The status, or why there is none.
    fn status(&self) -> Result<(&Opened, &PlanOutcome, AgreementStatus), NoStatus> {
        let opened = self.opened.as_ref().ok_or(NoStatus::NoAgreement)?;
        let plan = opened.plan().ok_or(NoStatus::NotVerified)?;
        let payments = self.read_payments(plan.currency).map_err(NoStatus::Payments)?;
        let as_of = self.as_of().ok_or(NoStatus::Field)?;
        let [Some(grace_days), Some(broken_after_days_late), Some(broken_after_missed_in_row)] = self.rule_values()
        else {
            return Err(NoStatus::Field);
        };
        let rule = ServicingRule { grace_days, broken_after_days_late, broken_after_missed_in_row };
        let status = status(plan, &opened.order, rule, &payments, as_of).map_err(|_| NoStatus::Servicing)?;
        Ok((opened, plan, status))
    }

    /// The draft that renegotiates the agreement from its status, when there is one and the
    /// plan is not completed.
    pub fn renegotiation(&self) -> Option<Draft> {
        let (opened, plan, status) = self.status().ok()?;
        (!status.completed).then(|| renegotiation_draft(&opened.agreement, plan, &status))
    }

    /// The whole page: the header, the agreement (its times written by `time`), the payments,
    /// date and rule fields (their values as typed), and an empty status that
    /// [`FollowUp::parts`] fills.
    pub fn page_html(&self, time: TimeText) -> String {
        let t = self.locale.servicing();
        let mut html = String::with_capacity(4096);
        header_html(&mut html, self.locale);
        let _ = write!(
            html,
            "<main class=\"main follow-up\" id=\"main\"><section class=\"card\" aria-labelledby=\"sv-title\" \
             data-testid=\"sv-agreement\"><div class=\"card-head\"><h2 id=\"sv-title\">{}</h2>\
             <a class=\"button secondary\" href=\"./\" data-testid=\"sv-back\">{}</a></div><p class=\"hint\">{}</p>\
             <div class=\"actions\"><label class=\"button secondary file-button\" for=\"sv-agreement-file\">{}</label>\
             <input id=\"sv-agreement-file\" class=\"visually-hidden\" type=\"file\" accept=\".json,application/json\" \
             data-testid=\"sv-agreement-file\"></div>\
             <p class=\"status\" role=\"status\" data-testid=\"sv-open-message\">{}</p>",
            escape(t.sv_title),
            escape(t.sv_back),
            escape(t.sv_intro),
            escape(t.sv_open),
            escape(&self.open_message()),
        );
        self.agreement_html(&mut html, t, time);
        html.push_str("</section>");
        if self.opened.as_ref().is_some_and(|o| o.plan().is_some()) {
            self.inputs_html(&mut html, t);
            let _ = write!(
                html,
                "<section class=\"card\" aria-labelledby=\"sv-status-title\" data-testid=\"sv-status-card\">\
                 <h2 id=\"sv-status-title\">{}</h2><div id=\"sv-status\" data-testid=\"sv-status\"></div>\
                 <div class=\"actions\"><button type=\"button\" id=\"sv-renegotiate\" data-testid=\"sv-renegotiate\" \
                 aria-describedby=\"sv-renegotiate-hint\">{}</button>\
                 <button type=\"button\" class=\"secondary\" id=\"sv-reage\" data-testid=\"sv-reage\" \
                 aria-describedby=\"sv-reage-hint\">{}</button></div>\
                 <p class=\"hint\" id=\"sv-renegotiate-hint\">{}</p>\
                 <p class=\"hint\" id=\"sv-reage-hint\" data-testid=\"sv-reage-hint\"></p>\
                 </section>",
                escape(t.sv_status_title),
                escape(t.sv_renegotiate),
                escape(t.sv_reage),
                escape(t.sv_renegotiate_hint),
            );
        }
        html.push_str("</main>");
        html
    }

    fn open_message(&self) -> String {
        let t = self.locale.servicing();
        match (&self.open_error, &self.opened) {
            (Some(error), _) => format!("{} {}", import_error_message(error, self.locale), t.sv_open_failed),
            (None, None) => t.sv_none.to_string(),
            (None, Some(_)) => self.notice.clone().unwrap_or_default(),
        }
    }

    /// The agreement opened: whether it verifies (every difference, the first 50, when not),
    /// what identifies it, its figures, and the schedule its terms give, folded.
    fn agreement_html(&self, html: &mut String, t: &ServicingTexts, time: TimeText) {
        let Some(opened) = &self.opened else { return };
        let (agreement, verification, locale) = (&opened.agreement, &opened.verification, self.locale);
        if verification.verified() {
            let _ = write!(
                html,
                "<p class=\"verdict ok\" tabindex=\"-1\" id=\"sv-verdict\" data-testid=\"sv-verdict\">{}</p>",
                escape(t.sv_verified)
            );
        } else {
            let verdict = fill(t.sv_not_verified, &[("count", &verification.count.to_string())]);
            let _ = write!(
                html,
                "<p class=\"verdict bad\" tabindex=\"-1\" id=\"sv-verdict\" data-testid=\"sv-verdict\">{}</p>\
                 <div class=\"table-wide\" tabindex=\"0\" role=\"region\" aria-labelledby=\"sv-verdict\">\
                 <table class=\"differences\" data-testid=\"sv-differences\"><thead><tr><th scope=\"col\">{}</th>\
                 <th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
                escape(&verdict),
                escape(t.sv_col_field),
                escape(t.sv_col_recorded),
                escape(t.sv_col_recomputed),
            );
            for d in verification.differences.iter().take(50) {
                let _ = write!(
                    html,
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&d.path),
                    escape(&d.recorded),
                    escape(&d.recomputed)
                );
            }
            html.push_str("</tbody></table></div>");
        }
        let plan = verification.recomputed.as_ref();
        if let (Some(plan), true) = (plan, verification.verified()) {
            let first = plan.schedule.first().map(|r| r.date.to_string()).unwrap_or_default();
            let last = plan.schedule.last().map(|r| r.date.to_string()).unwrap_or_default();
            let summary = fill(
                t.sv_plan_line,
                &[
                    ("count", &plan.schedule.len().to_string()),
                    ("total", &format_money(plan.totals.paid, plan.currency, locale)),
                    ("first", &first),
                    ("last", &last),
                ],
            );
            let _ = write!(html, "<p data-testid=\"sv-plan-line\">{}</p>", escape(&summary));
        }
        if let Some(previous) = &agreement.supersedes {
            let replaces = fill(t.sv_supersedes, &[("id", &previous.agreement_id)]);
            let _ = write!(html, "<p class=\"hint\" data-testid=\"sv-supersedes\">{}</p>", escape(&replaces));
        }
        let mut facts = vec![
            (t.sv_id_label, agreement.agreement_id.clone()),
            (t.sv_created_label, time(&agreement.created_at)),
            (t.sv_channel_label, channel_name(agreement.channel, locale).to_string()),
            (t.sv_reference_label, agreement.references.account_reference.clone()),
            (t.sv_offer_label, agreement.offer.clone()),
        ];
        if let Some(plan) = plan {
            let money = |amount| format_money(amount, plan.currency, locale);
            facts.extend([
                (t.sv_claim_total_label, money(plan.claim_total)),
                (t.sv_payment_label, plan.schedule.first().map(|r| money(r.payment)).unwrap_or_default()),
                (t.sv_count_label, plan.schedule.len().to_string()),
                (t.sv_total_paid_label, money(plan.totals.paid)),
            ]);
        }
        if !agreement.terms.moves.is_empty() {
            let moves: Vec<String> =
                agreement.terms.moves.iter().map(|m| format!("{} → {}", m.number, m.due_date)).collect();
            facts.push((t.sv_moves_label, moves.join(t.list_separator)));
        }
        facts.push(("SHA-256", agreement.sha256.clone()));
        html.push_str("<dl class=\"agreement-other\" data-testid=\"sv-facts\">");
        for (label, value) in &facts {
            let _ = write!(html, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(value));
        }
        html.push_str("</dl>");
        if let Some(plan) = plan {
            let _ = write!(html, "<details class=\"folded\"><summary>{}</summary>", escape(t.sv_schedule_label));
            html.push_str(&schedule_table_html(
                &plan.schedule,
                plan.currency,
                opened.product,
                locale,
                t.sv_schedule_label,
                "sv-schedule",
            ));
            html.push_str("</details>");
        }
    }

    fn inputs_html(&self, html: &mut String, t: &ServicingTexts) {
        let _ = write!(
            html,
            "<section class=\"card\" aria-labelledby=\"sv-payments-title\" data-testid=\"sv-payments-card\">\
             <h2 id=\"sv-payments-title\">{}</h2><div class=\"field\" id=\"sv-payments-field\">\
             <label for=\"sv-payments\">{}</label><textarea id=\"sv-payments\" rows=\"6\" spellcheck=\"false\" \
             aria-describedby=\"sv-payments-error\" data-testid=\"sv-payments\" \
             placeholder=\"date,amount,reference\n2025-02-15,833.33,TX-1\">{}</textarea>\
             <p class=\"field-error\" id=\"sv-payments-error\" data-testid=\"sv-payments-error\"></p></div>\
             <div class=\"actions\"><label class=\"button secondary file-button\" for=\"sv-payments-file\">{}</label>\
             <input id=\"sv-payments-file\" class=\"visually-hidden\" type=\"file\" \
             accept=\".csv,.json,.txt,text/csv,application/json\" \
             data-testid=\"sv-payments-file\"></div><div class=\"fields\">",
            escape(t.sv_payments_title),
            escape(t.sv_payments_label),
            escape(&self.payments),
            escape(t.sv_payments_file),
        );
        let field = |html: &mut String, id: &str, error_id: &str, label: &str, kind: &str, value: &str| {
            let _ = write!(
                html,
                "<div class=\"field\" id=\"{id}-field\"><label for=\"{id}\">{}</label>\
                 <input id=\"{id}\" type=\"{kind}\" \
                 value=\"{}\" aria-describedby=\"{error_id}\" data-testid=\"{id}\"{}>\
                 <p class=\"field-error\" id=\"{error_id}\" data-testid=\"{error_id}\"></p></div>",
                escape(label),
                escape(value),
                if kind == "text" { " inputmode=\"numeric\"" } else { "" },
            );
        };
        field(html, "sv-as-of", "sv-as-of-error", t.sv_as_of_label, "date", &self.as_of);
        html.push_str("</div>");
        let _ = write!(html, "<fieldset class=\"fields\"><legend>{}</legend>", escape(t.sv_rule_title));
        let labels = [t.sv_grace_label, t.sv_days_late_label, t.sv_missed_label];
        for (i, (id, error_id)) in RULE_FIELDS.iter().enumerate() {
            field(html, id, error_id, labels[i], "text", &self.rule[i]);
        }
        let source = match &self.rule_profile {
            Some(profile) => fill(t.sv_rule_profile, &[("profile", profile)]),
            None => t.sv_rule_house.to_string(),
        };
        let _ = write!(
            html,
            "</fieldset><p class=\"hint\" data-testid=\"sv-rule-source\">{}</p></section>",
            escape(&source)
        );
    }

    /// The figures and messages, after each input.
    pub fn parts(&self) -> Vec<Part> {
        let t = self.locale.servicing();
        let mut parts = Vec::with_capacity(12);
        let field = |parts: &mut Vec<Part>, id: &'static str, error_id: &'static str, message: Option<String>| {
            parts.push(Part::Attribute(id, "aria-invalid", message.is_some().to_string()));
            parts.push(Part::Text(error_id, message.unwrap_or_default()));
        };
        let as_of_error = self.as_of().is_none().then(|| t.sv_date_error.to_string());
        field(&mut parts, "sv-as-of", "sv-as-of-error", as_of_error);
        for (i, value) in self.rule_values().into_iter().enumerate() {
            let (id, error_id) = RULE_FIELDS[i];
            let max = ServicingRule::MAX[i].to_string();
            let message = value.is_none().then(|| fill(t.sv_rule_error, &[("max", &max)]));
            field(&mut parts, id, error_id, message);
        }
        let status = self.status();
        let payments_error = match (&status, self.payments_too_large) {
            (_, Some(bytes)) => {
                Some(import_error_message(&ImportError::TooLarge { bytes, max: MAX_PAYMENTS_FILE_BYTES }, self.locale))
            }
            (Err(NoStatus::Payments(errors)), _) => Some(payments_message(errors, self.locale)),
            _ => None,
        };
        field(&mut parts, "sv-payments", "sv-payments-error", payments_error);
        let html = match &status {
            Ok((opened, plan, status)) => status_html(status, plan, opened.product, self.locale),
            Err(NoStatus::Servicing) => format!("<p class=\"field-error\">{}</p>", escape(t.sv_status_error)),
            Err(_) => format!("<p class=\"hint\">{}</p>", escape(t.sv_waiting)),
        };
        parts.push(Part::Html("sv-status", html));
        let can_renegotiate = matches!(&status, Ok((_, _, s)) if !s.completed);
        parts.push(Part::Disabled("sv-renegotiate", !can_renegotiate));
        let reage = status.as_ref().ok().map(|(opened, plan, status)| reaged_terms(&opened.agreement, plan, status));
        parts.push(Part::Disabled("sv-reage", !matches!(reage, Some(Ok(_)))));
        let reage_hint = match reage {
            None => t.sv_waiting,
            Some(Ok(_)) => t.sv_reage_hint,
            Some(Err(ReageRefusal::Broken)) => t.sv_reage_broken,
            Some(Err(ReageRefusal::Completed)) => t.sv_completed,
            Some(Err(ReageRefusal::NothingMissed)) => t.sv_reage_nothing,
            Some(Err(ReageRefusal::NotInstallments)) => t.sv_reage_not_installments,
            Some(Err(ReageRefusal::NeedsApproval)) => t.sv_reage_approval,
        };
        parts.push(Part::Text("sv-reage-hint", reage_hint.to_string()));
        parts
    }

    /// The agreement that re-ages the one open (the installments past due moved to the end:
    /// [`reaged_agreement`]), made as `agreement_id` at `created_at`, when the status allows it.
    pub fn reaging(&self, agreement_id: String, created_at: String) -> Option<Reaging> {
        let t = self.locale.servicing();
        let (opened, plan, status) = self.status().ok()?;
        let reaged = reaged_agreement(&opened.agreement, plan, &status, agreement_id, created_at).ok()?;
        // The moves this re-aging adds (an installment moved before and again: its new move).
        let moved = reaged.terms.moves.iter().filter(|m| !opened.agreement.terms.moves.contains(m));
        let (numbers, dates): (Vec<String>, Vec<String>) =
            moved.map(|m| (m.number.to_string(), m.due_date.clone())).unzip();
        let list = |items: Vec<String>| items.join(t.list_separator);
        let question = fill(t.sv_reage_confirm, &[("numbers", &list(numbers)), ("dates", &list(dates))]);
        let file_name = format!("accord-agreement-{}.json", reaged.agreement_id);
        let notice = fill(
            t.sv_reaged,
            &[("id", &reaged.agreement_id), ("previous", &opened.agreement.agreement_id), ("file", &file_name)],
        );
        Some(Reaging { question, file_name, json: agreement_compact_json(&reaged), notice })
    }

    /// Says what the re-aging made, once its agreement is open.
    pub fn reaged(&mut self, notice: String) {
        self.notice = Some(notice);
    }
}

/// A rule's figures as the fields show them.
fn rule_texts(rule: ServicingRule) -> [String; 3] {
    [rule.grace_days, rule.broken_after_days_late, rule.broken_after_missed_in_row].map(|n| n.to_string())
}

/// The payments' errors in words: each row's, joined.
fn payments_message(errors: &[PaymentError], locale: Locale) -> String {
    let t = locale.servicing();
    let each: Vec<String> = errors.iter().take(5).map(|e| payment_error_message(e, t)).collect();
    let mut all = each.join(t.list_separator);
    if errors.len() > 5 {
        all.push_str(t.list_separator);
        all.push('…');
    }
    fill(t.sv_payments_error, &[("errors", &all)])
}

fn payment_error_message(error: &PaymentError, t: &ServicingTexts) -> String {
    let problem = match &error.error {
        PaymentInputError::Missing => t.sv_problem_missing.to_string(),
        PaymentInputError::NotADate => t.sv_problem_date.to_string(),
        PaymentInputError::Amount(_) => t.sv_problem_amount.to_string(),
        PaymentInputError::NotPositive => t.sv_problem_not_positive.to_string(),
        PaymentInputError::NotText => t.sv_problem_not_text.to_string(),
        PaymentInputError::TooLong => t.sv_problem_too_long.to_string(),
        PaymentInputError::UnknownField(field) => fill(t.sv_problem_unknown_field, &[("field", field)]),
        PaymentInputError::NotAnObject => t.sv_problem_not_object.to_string(),
        PaymentInputError::NotJson(_) => t.sv_problem_not_json.to_string(),
        PaymentInputError::NotAList => t.sv_problem_not_list.to_string(),
        PaymentInputError::NoHeader => t.sv_problem_no_header.to_string(),
        PaymentInputError::OpenQuote => t.sv_problem_open_quote.to_string(),
        PaymentInputError::ColumnCount { found, expected } => {
            fill(t.sv_problem_columns, &[("found", &found.to_string()), ("expected", &expected.to_string())])
        }
        PaymentInputError::TooMany => fill(
            t.sv_problem_too_many,
            &[("max", &crate::i18n::group_digits(&crate::domain::servicing::payments::MAX_PAYMENTS.to_string()))],
        ),
    };
    let row = error.row.to_string();
    let field = match error.field {
        PaymentField::Date => t.sv_field_date,
        PaymentField::Amount => t.sv_field_amount,
        PaymentField::Reference => t.sv_field_reference,
        PaymentField::Row if error.row == 0 => return problem,
        PaymentField::Row => return fill(t.sv_row, &[("row", &row), ("problem", &problem)]),
    };
    fill(t.sv_row_field, &[("row", &row), ("field", field), ("problem", &problem)])
}

/// The status in words, its figures, what is reinstated and owed, and each installment.
fn status_html(status: &AgreementStatus, plan: &PlanOutcome, product: Product, locale: Locale) -> String {
    let t = locale.servicing();
    let money = |amount| format_money(amount, status.currency, locale);
    let mut html = String::with_capacity(2048);
    let words = match (status.standing, status.breach) {
        (Standing::Broken, Some(breach)) => {
            let (template, limit) = match breach.rule {
                BreachRule::DaysLate => (t.sv_broken_days, status.rule.broken_after_days_late),
                BreachRule::MissedInRow => (t.sv_broken_missed, status.rule.broken_after_missed_in_row),
            };
            fill(
                template,
                &[
                    ("date", &breach.on.to_string()),
                    ("number", &breach.installment.to_string()),
                    ("limit", &limit.to_string()),
                ],
            )
        }
        (Standing::Late, _) => {
            fill(t.sv_late, &[("arrears", &money(status.arrears)), ("days", &status.days_past_due.to_string())])
        }
        _ if status.completed => t.sv_completed.to_string(),
        _ => t.sv_kept.to_string(),
    };
    let standing = match status.standing {
        Standing::Kept => "kept",
        Standing::Late => "late",
        Standing::Broken => "broken",
    };
    let _ = write!(
        html,
        "<p class=\"standing standing-{standing}\" role=\"status\" data-testid=\"sv-standing\" \
         data-standing=\"{standing}\">{}</p>",
        escape(&words)
    );
    if let Some(next) = &status.next_due {
        let next = fill(
            t.sv_next_due,
            &[("amount", &money(next.amount)), ("date", &next.date.to_string()), ("number", &next.number.to_string())],
        );
        let _ = write!(html, "<p data-testid=\"sv-next-due\">{}</p>", escape(&next));
    }
    if status.payments_after_as_of > 0 {
        let after = fill(t.sv_payments_after, &[("count", &status.payments_after_as_of.to_string())]);
        let _ = write!(html, "<p class=\"hint\">{}</p>", escape(&after));
    }
    html.push_str("<dl class=\"figures\" data-testid=\"sv-figures\">");
    let figures = [
        (t.sv_received, money(status.received)),
        (t.sv_applied, money(status.applied)),
        (t.sv_outstanding, money(status.outstanding)),
        (t.sv_arrears, money(status.arrears)),
        (t.sv_days_past_due, status.days_past_due.to_string()),
        (t.sv_paid_ahead, money(status.paid_ahead)),
        (t.sv_overpaid, money(status.overpaid)),
    ];
    for (label, value) in figures {
        let _ = write!(html, "<div><dt>{}</dt><dd>{}</dd></div>", escape(label), escape(&value));
    }
    html.push_str("</dl>");
    let reinstated = reinstated_items(&status.reinstated, status.currency, product, locale);
    if !reinstated.is_empty() {
        let reinstated = fill(t.sv_reinstated, &[("items", &reinstated)]);
        let _ = write!(html, "<p data-testid=\"sv-reinstated\">{}</p>", escape(&reinstated));
    } else if status.new_claim.is_none() && !status.completed {
        // The relief still on its condition: not owed while the plan stands, back if it breaks.
        let standing = reinstated_items(&plan.reinstated_on_breach, status.currency, product, locale);
        if !standing.is_empty() {
            let standing = fill(t.sv_relief_standing, &[("items", &standing)]);
            let _ = write!(html, "<p class=\"hint\" data-testid=\"sv-relief-standing\">{}</p>", escape(&standing));
        }
    }
    if !status.completed {
        let title = if status.new_claim.is_some() { t.sv_new_claim_title } else { t.sv_owed_title };
        owed_html(
            &mut html,
            &fill(title, &[("date", &status.as_of.to_string())]),
            &claim_owed(plan, status),
            status.currency,
            product,
            locale,
        );
    }
    timeline_html(&mut html, status, locale);
    html
}

/// What is owed per bucket, with its total.
fn owed_html(html: &mut String, title: &str, owed: &Buckets, currency: Currency, product: Product, locale: Locale) {
    let t = locale.servicing();
    let _ = write!(
        html,
        "<h3 id=\"sv-owed-title\">{}</h3><table class=\"schedule-table payments\" aria-labelledby=\"sv-owed-title\" \
         data-testid=\"sv-owed\"><tbody>",
        escape(title)
    );
    for bucket in Bucket::ALL {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            escape(bucket_name(bucket, product, locale)),
            escape(&format_money(owed.get(bucket), currency, locale))
        );
    }
    let _ = write!(
        html,
        "<tr class=\"total\"><th scope=\"row\">{}</th><td>{}</td></tr></tbody></table>",
        escape(t.total_row),
        escape(&format_money(owed.total(), currency, locale))
    );
}

/// Each obligation: number, due date, amount, paid, and its state in words.
fn timeline_html(html: &mut String, status: &AgreementStatus, locale: Locale) {
    let t = locale.servicing();
    let _ = write!(
        html,
        "<h3 id=\"sv-timeline-title\">{}</h3><div class=\"table-wide\" tabindex=\"0\" role=\"region\" \
         aria-labelledby=\"sv-timeline-title\"><table class=\"schedule-table timeline\" data-testid=\"sv-timeline\">\
         <thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(t.sv_timeline_label),
        escape(t.col_number),
        escape(t.col_date),
        escape(t.sv_col_amount),
        escape(t.sv_col_paid),
        escape(t.sv_col_state),
    );
    for row in &status.installments {
        let days = row.days_late.to_string();
        let (class, state) = match row.state {
            InstallmentState::Paid => ("paid", t.sv_state_paid.to_string()),
            InstallmentState::PaidLate => ("paid-late", fill(t.sv_state_paid_late, &[("days", &days)])),
            InstallmentState::PartlyPaid => ("partly-paid", fill(t.sv_state_partly, &[("days", &days)])),
            InstallmentState::Missed => ("missed", fill(t.sv_state_missed, &[("days", &days)])),
            InstallmentState::NotYetDue => ("not-due", t.sv_state_not_due.to_string()),
        };
        let number = if row.number == 0 { t.sv_upfront.to_string() } else { row.number.to_string() };
        let _ = write!(
            html,
            "<tr class=\"{class}\" data-state=\"{class}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&number),
            row.due_date,
            escape(&format_money(row.amount, status.currency, locale)),
            escape(&format_money(row.paid, status.currency, locale)),
            escape(&state),
        );
    }
    html.push_str("</tbody></table></div>");
}
