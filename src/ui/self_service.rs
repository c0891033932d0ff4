//! The debtor's view, opened from a signed self-service link: what is owed and why, the plans
//! offered and only choices within their bounds, the full schedule, the cost in plain words,
//! and a confirmation that produces the agreement JSON (channel self-service, the signed offer
//! inside). The browser only verifies the link, with the deployment's public keys; it never
//! holds a signing key. Any bad link shows its message and no plan.
//!
//! Pure: the view's state, what each input does to it, and its HTML, as escaped strings. The
//! debtor's page is not a Leptos app (a reactive runtime is most of a phone's download for
//! one form): [`super::self_service_page`] puts [`SelfService::page_html`] into the page once
//! per language or choice, then applies [`SelfService::parts`] after each input, so the field
//! being typed in is never rebuilt. Everything here compiles and is tested natively.

use crate::domain::claim::Bucket;
use crate::domain::money::Amount;
use crate::domain::offer::{
    default_selection, least_down_payment, reference_ending, request_for, BoundError, Choice, Selection,
    SelfServiceOffer,
};
use crate::domain::plan::PlanOutcome;
use crate::domain::policy::{Outcome, Product};
use crate::domain::request::evaluate;
use crate::export::agreement::{
    agreement_compact_json, build_agreement, Agreement, AgreementContext, Channel, Consent, References, SignedOfferRef,
};
use crate::export::calendar::{payment_calendar, DueEvent};
use crate::export::signature::LinkError;
use crate::i18n::{
    bound_error_message, bucket_name, currency_symbol, fill, finding_message, format_money, frequency_name,
    group_digits, link_error_message, reinstated_items, DebtorTexts, Locale,
};
use crate::ui::page::header_html;
pub use crate::ui::page::{Change, Part};
use crate::ui::print::{escape, nominal_rate_text, payments_table_html, schedule_table_html};
use std::fmt::Write as _;
use std::sync::Arc;

/// What the link gives.
#[derive(Clone)]
pub enum LinkState {
    /// Keys and offer are being fetched.
    Checking,
    /// The deployment serves no usable `keys.json`.
    NoKeys,
    /// The link is bad, and why.
    Invalid(LinkError),
    /// A verified offer.
    Ready(Arc<SelfServiceOffer>),
}

/// The plan of the current selection, or why there is none: the selection is outside the
/// offer (a bound, or the debtor's own typo), or the offer gives no plan.
type Priced = Result<Arc<PlanOutcome>, Option<BoundError>>;

/// What the debtor does on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Chose a language (its tag).
    Language(String),
    /// Chose the offer's choice at this position.
    Choice(usize),
    /// Moved the count slider (its value as text).
    Count(String),
    /// One installment fewer.
    Fewer,
    /// One installment more.
    More,
    /// Typed in the down payment field.
    DownPayment(String),
    /// Left the down payment field.
    LeftDownPayment,
    /// Typed or picked in the date field.
    Date(String),
    /// Ticked or cleared the consent line.
    Consent(bool),
}

/// Where a confirmed agreement is on its way to the creditor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// The deployment names no intake: the agreement was downloaded for the debtor to keep.
    Downloaded,
    /// Being posted to the intake.
    Sending,
    /// Not delivered yet (offline, no answer, the intake busy): kept on this device and sent
    /// again until the intake acknowledges it.
    Queued,
    /// The intake stored it: its receipt and when (as shown to the debtor).
    Received { receipt_id: String, at: String },
    /// The offer was accepted before, at this time (as shown).
    AlreadyAccepted { at: String },
    /// The intake refused it, and why.
    Refused { reason: String },
}

/// The debtor's view: the link, the choice, and the plan it gives.
pub struct SelfService {
    locale: Locale,
    link: LinkState,
    selection: Option<Selection>,
    priced: Option<Priced>,
    /// The last plan that computed: it stays on screen while the debtor corrects a figure.
    shown: Option<Arc<PlanOutcome>>,
    /// Whether the debtor left the down payment field (its message waits until then, or
    /// until something is typed: a fresh form is not a page of red).
    left_down_payment: bool,
    /// Whether a plan computed since [`SelfService::take_new_plan`] last asked.
    new_plan: bool,
    /// Whether the consent line is ticked.
    consented: bool,
    /// The agreement once confirmed; the controls are locked from then on.
    agreement: Option<Agreement>,
    delivery: Option<Delivery>,
    /// An agreement confirmed on an earlier visit and sent from this device's outbox: its
    /// id and where it is.
    earlier: Option<(String, Delivery)>,
}

impl SelfService {
    /// The view in `locale` while the link is checked.
    pub fn new(locale: Locale) -> Self {
        SelfService {
            locale,
            link: LinkState::Checking,
            selection: None,
            priced: None,
            shown: None,
            left_down_payment: false,
            new_plan: false,
            consented: false,
            agreement: None,
            delivery: None,
            earlier: None,
        }
    }

    /// The language shown.
    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The link checked: a verified offer starts at its first choice's defaults.
    pub fn set_link(&mut self, link: LinkState) {
        self.selection = match &link {
            LinkState::Ready(offer) => Some(default_selection(offer, 0)),
            _ => None,
        };
        self.link = link;
        self.shown = None;
        self.reprice();
    }

    fn offer(&self) -> Option<&Arc<SelfServiceOffer>> {
        match &self.link {
            LinkState::Ready(offer) => Some(offer),
            _ => None,
        }
    }

    /// The offer's product names the buckets (违约金 on a card, 罚息 on a loan).
    fn product(&self) -> Product {
        self.offer().map_or(Product::Other, |o| o.product())
    }

    fn reprice(&mut self) {
        self.priced = match (self.offer(), &self.selection) {
            (Some(offer), Some(selection)) => Some(match request_for(offer, selection) {
                Err(e) => Err(Some(e)),
                Ok(request) => evaluate(&request).map(Arc::new).map_err(|_| None),
            }),
            _ => None,
        };
        if let Some(Ok(outcome)) = &self.priced {
            self.shown = Some(outcome.clone());
            self.new_plan = true;
        }
    }

    /// The plan computed since the last call, if any (an embedding host follows the
    /// debtor's choice).
    pub fn take_new_plan(&mut self) -> Option<(String, Arc<PlanOutcome>)> {
        if !std::mem::take(&mut self.new_plan) {
            return None;
        }
        match (self.offer(), &self.priced) {
            (Some(offer), Some(Ok(outcome))) => Some((offer.offer_id.clone(), outcome.clone())),
            _ => None,
        }
    }

    /// The choice's bounds: installments?, least and most count, earliest and latest date.
    fn bounds(&self) -> Option<(bool, u32, u32, &str, &str)> {
        let choice = self.selection.as_ref()?.choice;
        match self.offer()?.choices.get(choice)? {
            Choice::Installments { min_count, max_count, first_due_from, first_due_to, .. } => {
                Some((true, *min_count, *max_count, first_due_from, first_due_to))
            }
            Choice::Settlement { pay_by_from, pay_by_to, .. } => Some((false, 0, 0, pay_by_from, pay_by_to)),
        }
    }

    fn set_count(&mut self, count: u32) -> Change {
        let Some((_, min, max, ..)) = self.bounds() else { return Change::None };
        let Some(selection) = &mut self.selection else { return Change::None };
        selection.count = count.clamp(min, max);
        self.reprice();
        Change::Parts
    }

    fn count(&self) -> u32 {
        self.selection.as_ref().map_or(0, |s| s.count)
    }

    /// Applies what the debtor did; says how much of the page to show again.
    pub fn apply(&mut self, input: Input) -> Change {
        if self.agreement.is_some() && !matches!(input, Input::Language(_)) {
            return Change::None;
        }
        match input {
            Input::Language(tag) => match Locale::from_tag(&tag) {
                Some(locale) if locale != self.locale => {
                    self.locale = locale;
                    Change::Page
                }
                _ => Change::None,
            },
            Input::Choice(choice) => {
                let Some(offer) = self.offer() else { return Change::None };
                if choice >= offer.choices.len() || self.selection.as_ref().is_some_and(|s| s.choice == choice) {
                    return Change::None;
                }
                self.selection = Some(default_selection(offer, choice));
                self.left_down_payment = false;
                self.reprice();
                Change::Page
            }
            Input::Count(text) => match text.trim().parse::<u32>() {
                Ok(count) => self.set_count(count),
                Err(_) => Change::None,
            },
            Input::Fewer => self.set_count(self.count().saturating_sub(1)),
            Input::More => self.set_count(self.count().saturating_add(1)),
            Input::DownPayment(text) => self.edit(|s| s.down_payment = text),
            Input::Date(text) => self.edit(|s| s.date = text),
            Input::LeftDownPayment => {
                self.left_down_payment = true;
                Change::Parts
            }
            Input::Consent(ticked) => {
                self.consented = ticked;
                Change::Parts
            }
        }
    }

    fn edit(&mut self, change: impl FnOnce(&mut Selection)) -> Change {
        let Some(selection) = &mut self.selection else { return Change::None };
        change(selection);
        self.reprice();
        Change::Parts
    }

    /// The message for the priced selection's error: beside the down payment field when
    /// `beside_field`, else under the choices.
    fn problem(&self, beside_field: bool) -> Option<String> {
        let Some(Err(error)) = &self.priced else { return None };
        let is_down_payment = matches!(error, Some(BoundError::DownPayment { .. } | BoundError::DownPaymentText(_)));
        if is_down_payment != beside_field {
            return None;
        }
        let currency = self.offer()?.claim.currency_or_default();
        Some(match error {
            Some(e) => bound_error_message(e, currency, self.locale),
            None => self.locale.debtor().bound_offer.to_string(),
        })
    }

    /// Why the priced plan cannot be confirmed: a rule of the policy blocks it.
    fn blocked(&self) -> Option<String> {
        let Some(Ok(o)) = &self.priced else { return None };
        let block = o.findings.iter().find(|f| f.outcome == Outcome::Block)?;
        let reason = finding_message(block, o.currency, self.product(), self.locale);
        Some(fill(self.locale.debtor().ss_blocked, &[("reason", &reason)]))
    }

    /// Whether Confirm does anything: a plan computed, no rule blocks it, the consent line is
    /// ticked and nothing was confirmed yet.
    pub fn can_confirm(&self) -> bool {
        matches!(self.priced, Some(Ok(_))) && self.blocked().is_none() && self.consented && self.agreement.is_none()
    }

    /// The agreement of the current choice, with the signed offer (`PAYLOAD.SIGNATURE`) and
    /// the consent line as shown inside; `None` when it cannot be confirmed. From then on the
    /// page shows that agreement and its delivery, and the controls are locked
    /// ([`Change::Page`]).
    pub fn confirm(&mut self, signed_offer: &str, agreement_id: String, created_at: String) -> Option<Agreement> {
        if !self.can_confirm() {
            return None;
        }
        let offer = self.offer()?;
        let request = request_for(offer, self.selection.as_ref()?).ok()?;
        let (payload, signature) = signed_offer.split_once('.')?;
        let context = AgreementContext {
            agreement_id,
            created_at,
            channel: Channel::SelfService,
            references: References { account_reference: offer.account_reference.clone(), agent_id: None },
            offer: offer.offer_id.clone(),
            log: Vec::new(),
            signed_offer: Some(SignedOfferRef { payload: payload.into(), signature: signature.into() }),
            consent: Some(Consent {
                text: self.locale.debtor().ss_consent.to_string(),
                locale: self.locale.tag().to_string(),
            }),
            approvals: Vec::new(),
            supersedes: None,
        };
        let agreement = build_agreement(&request, context).ok()?;
        self.agreement = Some(agreement.clone());
        Some(agreement)
    }

    /// Where the confirmed agreement is on its way.
    pub fn set_delivery(&mut self, delivery: Delivery) {
        self.delivery = Some(delivery);
    }

    /// The confirmed agreement's file name and JSON (compact; the browser indents it).
    pub fn agreement_file(&self) -> Option<(String, String)> {
        let agreement = self.agreement.as_ref()?;
        Some((format!("accord-agreement-{}.json", agreement.agreement_id), agreement_compact_json(agreement)))
    }

    /// The confirmed agreement's due dates as an iCalendar file: its name and text.
    pub fn calendar_file(&self) -> Option<(String, String)> {
        let agreement = self.agreement.as_ref()?;
        let t = self.locale.debtor();
        let schedule = &agreement.outcome.schedule;
        let count = schedule.len().to_string();
        let description = fill(t.ss_event_description, &[("id", &agreement.agreement_id)]);
        let events: Vec<DueEvent> = schedule
            .iter()
            .map(|row| DueEvent {
                number: row.number,
                date: row.date,
                summary: fill(
                    t.ss_event_summary,
                    &[
                        ("n", &row.number.to_string()),
                        ("count", &count),
                        ("amount", &format_money(row.payment, agreement.outcome.currency, self.locale)),
                    ],
                ),
                description: description.clone(),
            })
            .collect();
        let text = payment_calendar(&agreement.agreement_id, &agreement.created_at, &events);
        Some((format!("accord-payments-{}.ics", agreement.agreement_id), text))
    }

    /// Where the agreement `id`, confirmed on an earlier visit and kept in this device's
    /// outbox, is on its way.
    pub fn set_earlier(&mut self, id: String, delivery: Delivery) {
        self.earlier = Some((id, delivery));
    }

    /// What the page says about the confirmed agreement and its delivery.
    fn delivery_message(&self) -> String {
        let (Some(agreement), Some(delivery)) = (&self.agreement, &self.delivery) else { return String::new() };
        delivery_message(&agreement.agreement_id, delivery, self.locale)
    }

    /// The whole page: the header with the language switch, then the view. `local_time`
    /// shows an RFC 3339 time in the debtor's time zone (the browser knows it). The figures
    /// and messages are empty here: [`SelfService::parts`] fills them.
    pub fn page_html(&self, local_time: &dyn Fn(&str, Locale) -> String) -> String {
        let t = self.locale.debtor();
        let mut html = String::with_capacity(4096);
        header_html(&mut html, self.locale);
        let message = match &self.link {
            LinkState::Checking => Some(t.ss_loading.to_string()),
            LinkState::NoKeys => Some(t.link_no_keys.to_string()),
            LinkState::Invalid(error) => Some(link_error_message(error, self.locale)),
            LinkState::Ready(_) => None,
        };
        let _ = write!(
            html,
            "<main class=\"main\" id=\"main\"><section class=\"self-service\" \
             aria-labelledby=\"ss-title\" data-testid=\"self-service\"><h2 id=\"ss-title\">{}</h2>\
             <p class=\"link-message\" role=\"status\" data-testid=\"link-message\"{}>{}</p>",
            escape(t.ss_title),
            if message.is_none() { " hidden" } else { "" },
            escape(message.as_deref().unwrap_or_default()),
        );
        if let Some(offer) = self.offer() {
            self.offer_html(&mut html, offer, local_time);
        }
        html.push_str("</section></main>");
        html
    }

    fn offer_html(&self, html: &mut String, offer: &SelfServiceOffer, local_time: &dyn Fn(&str, Locale) -> String) {
        let t = self.locale.debtor();
        let expires = fill(t.ss_expires, &[("at", &local_time(&offer.expires_at, self.locale))]);
        let _ = write!(
            html,
            "<p class=\"status\" role=\"status\" id=\"ss-earlier\" data-testid=\"ss-earlier\" hidden></p>\
             <div class=\"sender\">{}</div><p class=\"hint\">{}</p><p class=\"hint\" data-testid=\"ss-expires\">{}</p>\
             <h3 id=\"ss-owed-title\">{}</h3><div class=\"table-wide\" tabindex=\"0\" role=\"region\" \
             aria-labelledby=\"ss-owed-title\" id=\"ss-owed\"></div>\
             <fieldset class=\"choices\" data-testid=\"ss-choices\"><legend>{}</legend>",
            sender_html(offer, t),
            escape(t.ss_intro),
            escape(&expires),
            escape(t.ss_owed_title),
            escape(t.ss_choose_title),
        );
        let current = self.selection.as_ref().map_or(0, |s| s.choice);
        // A confirmed agreement locks the controls: what is on screen is what was agreed.
        let locked = if self.agreement.is_some() { " disabled" } else { "" };
        for (i, (label, summary)) in choice_labels(offer, self.locale).into_iter().enumerate() {
            let _ = write!(
                html,
                "<label class=\"choice\"><input type=\"radio\" name=\"ss-choice\" id=\"ss-choice-{i}\" \
                 data-choice=\"{i}\" data-testid=\"ss-choice-{i}\"{}{locked}><span>{} \
                 <small class=\"choice-summary\">{}</small>\
                 </span></label>",
                if i == current { " checked" } else { "" },
                escape(&label),
                escape(&summary),
            );
        }
        html.push_str("</fieldset>");
        let selection = self.selection.clone().unwrap_or_default();
        let (installments, min, max, from, to) = self.bounds().unwrap_or((false, 0, 0, "", ""));
        if installments {
            let minimum = least_down_payment(offer, current)
                .map(|d| format_money(d.into(), offer.claim.currency_or_default(), self.locale))
                .unwrap_or_default();
            let _ = write!(
                html,
                "<div class=\"stepper\"><label for=\"ss-count\">{}</label><div class=\"stepper-row\">\
                 <button type=\"button\" class=\"secondary large\" aria-label=\"{}\" id=\"ss-fewer\" \
                 data-testid=\"ss-fewer\">−</button><input id=\"ss-count\" type=\"range\" min=\"{min}\" max=\"{max}\" \
                 value=\"{count}\" data-testid=\"ss-count\"{locked}><button type=\"button\" class=\"secondary large\" \
                 aria-label=\"{}\" id=\"ss-more\" data-testid=\"ss-more\">+</button><output for=\"ss-count\" \
                 id=\"ss-count-value\" data-testid=\"ss-count-value\">{count}</output></div></div>",
                escape(t.ss_count_label),
                escape(t.ss_fewer),
                escape(t.ss_more),
                count = selection.count,
            );
            let label = fill(t.ss_down_label, &[("minimum", &minimum)]);
            text_field(html, "ss-down", &label, &selection.down_payment, "text", "decimal", None, locked);
        }
        let label = if installments { t.ss_date_label } else { t.ss_pay_date_label };
        text_field(html, "ss-date", label, &selection.date, "date", "text", Some((from, to)), locked);
        let _ = write!(
            html,
            "<p class=\"field-error\" role=\"alert\" id=\"ss-error\" data-testid=\"ss-error\"></p>\
             <p class=\"cost\" id=\"ss-cost\" data-testid=\"ss-cost\"></p>\
             <p class=\"cost\" id=\"ss-reinstated\" data-testid=\"ss-reinstated\" hidden></p>\
             <div id=\"ss-tables\"></div>\
             <p class=\"field-error\" id=\"ss-blocked\" data-testid=\"ss-blocked\" hidden></p>\
             <div class=\"check\"><input type=\"checkbox\" id=\"ss-consent\" data-testid=\"ss-consent\"{}{locked}>\
             <label for=\"ss-consent\">{}</label></div>\
             <button type=\"button\" class=\"primary large\" id=\"ss-confirm\" data-testid=\"ss-confirm\" \
             disabled>{}</button>\
             <p class=\"status\" role=\"status\" id=\"ss-confirmed\" data-testid=\"ss-confirmed\"></p>\
             <div class=\"actions\" id=\"ss-actions\" hidden>\
             <button type=\"button\" class=\"secondary\" id=\"ss-calendar\" \
             data-testid=\"ss-calendar\">{}</button><button type=\"button\" class=\"secondary\" id=\"ss-print\" \
             data-testid=\"ss-print\">{}</button><button type=\"button\" class=\"secondary\" id=\"ss-download\" \
             data-testid=\"ss-download\">{}</button></div>",
            if self.consented { " checked" } else { "" },
            escape(t.ss_consent),
            escape(t.ss_confirm),
            escape(t.ss_calendar),
            escape(t.ss_print),
            escape(t.ss_download),
        );
    }

    /// The figures and messages of the page as it is now, in a fixed order for one page.
    /// Empty while there is no offer.
    pub fn parts(&self) -> Vec<Part> {
        if self.offer().is_none() {
            return Vec::new();
        }
        let locale = self.locale;
        let t = locale.debtor();
        let product = self.product();
        let shown = self.shown.as_deref();
        let mut parts = Vec::with_capacity(16);
        parts.push(Part::Html("ss-owed", shown.map(|o| owed_html(o, product, locale)).unwrap_or_default()));
        if let Some((true, min, max, ..)) = self.bounds() {
            let count = self.count();
            parts.push(Part::Value("ss-count", count.to_string()));
            parts.push(Part::Text("ss-count-value", count.to_string()));
            let locked = self.agreement.is_some();
            parts.push(Part::Disabled("ss-fewer", locked || count <= min));
            parts.push(Part::Disabled("ss-more", locked || count >= max));
            let typed = self.selection.as_ref().is_some_and(|s| !s.down_payment.is_empty());
            let message = self.problem(true).filter(|_| self.left_down_payment || typed);
            let invalid = message.is_some();
            parts.push(Part::Text("ss-down-error", message.unwrap_or_default()));
            parts.push(Part::Attribute("ss-down", "aria-invalid", invalid.to_string()));
            parts.push(Part::Class("ss-down-field", "invalid", invalid));
        }
        parts.push(Part::Text("ss-error", self.problem(false).unwrap_or_default()));
        parts.push(Part::Text("ss-cost", shown.map(|o| cost_in_words(o, locale)).unwrap_or_default()));
        let reinstated = shown.and_then(|o| {
            let items = reinstated_items(&o.reinstated_on_breach, o.currency, product, locale);
            (!items.is_empty()).then(|| fill(t.ss_reinstated, &[("items", &items)]))
        });
        parts.push(Part::Hidden("ss-reinstated", reinstated.is_none()));
        parts.push(Part::Text("ss-reinstated", reinstated.unwrap_or_default()));
        // The payments fit a phone; principal, interest and balance open on demand.
        let tables = shown.map(|o| {
            let label = t.schedule_table_label;
            let payments = payments_table_html(&o.schedule, o.currency, locale, label, "ss-schedule");
            let details = schedule_table_html(&o.schedule, o.currency, product, locale, label, "ss-schedule-details");
            let summary = escape(t.ss_schedule_details);
            format!("{payments}<details class=\"schedule-details\"><summary>{summary}</summary>{details}</details>")
        });
        parts.push(Part::Html("ss-tables", tables.unwrap_or_default()));
        let blocked = self.blocked();
        parts.push(Part::Hidden("ss-blocked", blocked.is_none()));
        parts.push(Part::Text("ss-blocked", blocked.unwrap_or_default()));
        parts.push(Part::Disabled("ss-confirm", !self.can_confirm()));
        parts.push(Part::Text("ss-confirmed", self.delivery_message()));
        // Calendar, print and the file once there is an agreement (and nothing is pending).
        let actions = self.agreement.is_some() && self.delivery != Some(Delivery::Sending);
        parts.push(Part::Hidden("ss-actions", !actions));
        let earlier = self.earlier.as_ref().map(|(id, delivery)| delivery_message(id, delivery, locale));
        parts.push(Part::Hidden("ss-earlier", earlier.is_none()));
        parts.push(Part::Text("ss-earlier", earlier.unwrap_or_default()));
        parts
    }
}

/// What the page says about the agreement `id` on its way.
fn delivery_message(id: &str, delivery: &Delivery, locale: Locale) -> String {
    let t = locale.debtor();
    match delivery {
        Delivery::Downloaded => fill(t.ss_confirmed, &[("id", id)]),
        Delivery::Sending => fill(t.ss_sending, &[("id", id)]),
        Delivery::Queued => fill(t.ss_queued, &[("id", id)]),
        Delivery::Received { receipt_id, at } => {
            fill(t.ss_received, &[("id", id), ("receipt", receipt_id), ("at", at)])
        }
        Delivery::AlreadyAccepted { at } => fill(t.ss_already_accepted, &[("at", at)]),
        Delivery::Refused { reason } => fill(t.ss_refused, &[("reason", reason)]),
    }
}

/// A labelled text input and the message beside it (the markup of the workspace's fields):
/// `{id}-field` wraps it, `{id}-error` is the message.
#[allow(clippy::too_many_arguments)]
fn text_field(
    html: &mut String,
    id: &str,
    label: &str,
    value: &str,
    input_type: &str,
    inputmode: &str,
    range: Option<(&str, &str)>,
    locked: &str,
) {
    let range =
        range.map_or_else(String::new, |(min, max)| format!(" min=\"{}\" max=\"{}\"", escape(min), escape(max)));
    let _ = write!(
        html,
        "<div class=\"field\" id=\"{id}-field\"><label for=\"{id}\">{}</label><input id=\"{id}\" type=\"{input_type}\" \
         inputmode=\"{inputmode}\" autocomplete=\"off\" spellcheck=\"false\"{range}{locked} value=\"{}\" \
         aria-invalid=\"false\" \
         aria-describedby=\"{id}-error\" data-testid=\"{id}\"><p class=\"field-error\" id=\"{id}-error\" \
         data-testid=\"{id}-error\"></p></div>",
        escape(label),
        escape(value),
    );
}

/// What is owed per bucket, what is waived and what is due; the currency once, in the
/// caption (three amounts a row fit a phone's width).
fn owed_html(o: &PlanOutcome, product: Product, locale: Locale) -> String {
    let t = locale.debtor();
    let money = |amount: Amount| group_digits(&amount.to_string());
    let mut html = format!(
        "<table class=\"agreement-table\" data-testid=\"ss-owed\"><caption>{}</caption><thead><tr><td></td>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(&fill(t.ss_amounts_in, &[("symbol", currency_symbol(o.currency, locale))])),
        escape(t.col_owed),
        escape(t.ss_relief),
        escape(t.col_due),
    );
    let mut row = |name: &str, owed: Amount, waived: Amount, due: Amount| {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(name),
            money(owed),
            money(waived),
            money(due)
        );
    };
    for bucket in Bucket::ALL.iter().filter(|b| !o.claim.get(**b).is_zero()) {
        row(bucket_name(*bucket, product, locale), o.claim.get(*bucket), o.waived.get(*bucket), o.due.get(*bucket));
    }
    row(t.total_row, o.claim_total, o.waived.total(), o.due.total());
    html.push_str("</tbody></table>");
    html
}

/// Each choice with what it costs at its defaults, so the debtor compares before choosing:
/// (title, summary).
fn choice_labels(offer: &SelfServiceOffer, locale: Locale) -> Vec<(String, String)> {
    let t = locale.debtor();
    let currency = offer.claim.currency_or_default();
    let money = |amount: Amount| format_money(amount, currency, locale);
    let priced: Vec<Option<PlanOutcome>> = (0..offer.choices.len())
        .map(|i| request_for(offer, &default_selection(offer, i)).ok().and_then(|r| evaluate(&r).ok()))
        .collect();
    let dearest = priced.iter().flatten().map(|o| o.totals.paid).max();
    offer
        .choices
        .iter()
        .zip(&priced)
        .map(|(choice, outcome)| {
            let outcome = outcome.as_ref();
            let title = match choice {
                Choice::Settlement { .. } => fill(
                    t.ss_choice_settlement,
                    &[("amount", &outcome.map(|o| money(o.totals.paid)).unwrap_or_default())],
                ),
                Choice::Installments { min_count, max_count, frequency, .. } => fill(
                    t.ss_choice_installments,
                    &[
                        ("frequency", frequency_name(*frequency, locale)),
                        ("min", &min_count.to_string()),
                        ("max", &max_count.to_string()),
                    ],
                ),
            };
            let summary = outcome.map(|o| {
                let mut parts = Vec::new();
                if o.schedule.len() > 1 {
                    let first = o.upfront.partial_payment + o.upfront.down_payment;
                    let payment = o.schedule.first().map(|r| r.payment).unwrap_or_default();
                    let count = o.schedule.len().to_string();
                    parts.push(fill(t.ss_choice_each, &[("count", &count), ("payment", &money(payment))]));
                    if !first.is_zero() {
                        parts.push(fill(t.ss_choice_now, &[("amount", &money(first))]));
                    }
                }
                parts.push(fill(t.ss_choice_total, &[("total", &money(o.totals.paid))]));
                if let Some(saving) = dearest.map(|d| d - o.totals.paid).filter(|s| !s.is_zero()) {
                    parts.push(fill(t.ss_choice_saving, &[("amount", &money(saving))]));
                }
                parts.join(" · ")
            });
            (title, summary.unwrap_or_default())
        })
        .collect()
}

/// "You pay … now, then … N times, from … to …: … in all. The annualized cost is … %."
fn cost_in_words(o: &PlanOutcome, locale: Locale) -> String {
    let t = locale.debtor();
    let money = |amount: Amount| format_money(amount, o.currency, locale);
    let (Some(first), Some(last)) = (o.schedule.first(), o.schedule.last()) else { return String::new() };
    if o.schedule.len() == 1 {
        return fill(t.ss_cost_single, &[("total", &money(o.totals.paid)), ("date", &last.date.to_string())]);
    }
    let rate = nominal_rate_text(o);
    fill(
        t.ss_cost_installments,
        &[
            ("first", &money(o.upfront.partial_payment + o.upfront.down_payment)),
            ("payment", &money(first.payment)),
            ("count", &o.schedule.len().to_string()),
            ("from", &first.date.to_string()),
            ("to", &last.date.to_string()),
            ("total", &money(o.totals.paid)),
            ("rate", &rate),
        ],
    )
}

/// Who sends the offer and how to reach them, and the account it is about: first on the page,
/// so the debtor can tell it from a phishing page. The creditor's words are escaped: they are
/// the creditor's, not markup.
fn sender_html(offer: &SelfServiceOffer, t: &DebtorTexts) -> String {
    let mut html = String::new();
    let mut paragraph = |class: &str, testid: &str, text: String| {
        let _ = write!(html, "<p class=\"{class}\" data-testid=\"{testid}\">{}</p>", escape(&text));
    };
    if let Some(c) = &offer.creditor {
        paragraph("sender-name", "ss-creditor", fill(t.ss_from, &[("name", &c.name)]));
        let phone = c.phone.as_ref().map(|phone| fill(t.ss_contact_phone, &[("phone", phone)]));
        let parts: Vec<String> = [phone, c.hours.clone(), c.web.clone()].into_iter().flatten().collect();
        if !parts.is_empty() {
            paragraph("hint", "ss-contact", parts.join(" · "));
        }
    }
    let ending = reference_ending(&offer.account_reference);
    if !ending.is_empty() {
        paragraph("hint", "ss-account", fill(t.ss_account_ending, &[("ending", &ending)]));
    }
    html
}
