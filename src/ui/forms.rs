//! The controls of each form, declared once: what each edits in the draft, its label, its
//! kind (the keyboard a phone offers), and the request field ([`FieldId`]) whose message it
//! shows. The account, budget and offer panels render from these tables, so adding a field
//! is one line here plus its arm in the parser; a test checks that every field the parser
//! can name has a place on screen. Pure: the views read the tables, nothing here renders.

use crate::domain::claim::Bucket;
use crate::domain::negotiation::{AccountDraft, OfferDraft, OfferKind};
use crate::domain::request::{BudgetRequest, ExtensionInterestRequest, FieldId, MethodRequest};
use crate::i18n::Texts;

/// Picks a string from the current language's texts.
pub type TextPick = fn(&Texts) -> &'static str;

/// A text field's label: a text, or a claim bucket's name, which follows the policy's product
/// (the penalty is 违约金 on a card, 罚息 on a loan).
#[derive(Clone, Copy)]
pub enum Label {
    Text(TextPick),
    Bucket(Bucket),
}

/// What a text field holds: it decides the keyboard a phone offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Amount,
    Percent,
    Whole,
    Date,
    Text,
}

impl FieldKind {
    /// The `inputmode` of the input.
    pub fn inputmode(self) -> &'static str {
        match self {
            FieldKind::Amount | FieldKind::Percent => "decimal",
            FieldKind::Whole => "numeric",
            FieldKind::Date | FieldKind::Text => "text",
        }
    }
}

/// A text input over the draft part `P`, keeping exactly what was typed.
pub struct TextSpec<P: 'static> {
    /// The input's id (an offer's are prefixed `offer-{index}-`).
    pub key: &'static str,
    pub label: Label,
    pub kind: FieldKind,
    /// The request field whose message shows beside it; `None` for text no request holds.
    pub field: Option<FieldId>,
    /// Fields without an input of their own whose message shows here when `field` has none.
    pub also: &'static [FieldId],
    pub get: fn(&P) -> &str,
    pub set: fn(&mut P, String),
}

/// A select over `P`, its choices by position.
pub struct SelectSpec<P: 'static> {
    pub key: &'static str,
    pub label: TextPick,
    pub options: &'static [TextPick],
    /// The request field whose message shows beside it (a host or a file can give a value
    /// the choices do not have).
    pub field: Option<FieldId>,
    pub get: fn(&P) -> usize,
    pub set: fn(&mut P, usize),
}

/// A checkbox over `P`.
pub struct CheckSpec<P: 'static> {
    pub key: &'static str,
    pub label: TextPick,
    pub get: fn(&P) -> bool,
    pub set: fn(&mut P, bool),
}

/// One control of a form.
pub enum Control<P: 'static> {
    Text(TextSpec<P>),
    Select(SelectSpec<P>),
    Check(CheckSpec<P>),
    /// A line for the messages of fields that have no input: the plan as a whole.
    Errors {
        key: &'static str,
        fields: &'static [FieldId],
    },
}

/// A control and when it is shown.
pub struct Placed<P: 'static> {
    /// The plans it belongs to (`None`: every plan).
    pub kind: Option<OfferKind>,
    /// Shown only while this holds (`None`: always).
    pub when: Option<fn(&P) -> bool>,
    /// Among the terms an agent seldom changes, behind the card's "more terms" disclosure
    /// with the waivers (issue 19: a card shows what a call needs).
    pub more: bool,
    pub control: Control<P>,
}

const fn text<P>(
    key: &'static str,
    label: TextPick,
    kind: FieldKind,
    field: Option<FieldId>,
    get: fn(&P) -> &str,
    set: fn(&mut P, String),
) -> TextSpec<P> {
    TextSpec { key, label: Label::Text(label), kind, field, also: &[], get, set }
}

/// The amount owed in a claim bucket, labelled with the bucket's name.
const fn bucket_amount(
    key: &'static str,
    bucket: Bucket,
    field: FieldId,
    get: fn(&AccountDraft) -> &str,
    set: fn(&mut AccountDraft, String),
) -> TextSpec<AccountDraft> {
    TextSpec { key, label: Label::Bucket(bucket), kind: FieldKind::Amount, field: Some(field), also: &[], get, set }
}

/// The account panel's text fields, in order.
pub static ACCOUNT_FIELDS: [TextSpec<AccountDraft>; 10] = [
    bucket_amount(
        "account-principal",
        Bucket::Principal,
        FieldId::Principal,
        |a| &a.claim.principal,
        |a, v| a.claim.principal = v,
    ),
    bucket_amount(
        "account-interest",
        Bucket::Interest,
        FieldId::Interest,
        |a| &a.claim.interest,
        |a, v| a.claim.interest = v,
    ),
    bucket_amount(
        "account-penalty",
        Bucket::Penalty,
        FieldId::Penalty,
        |a| &a.claim.penalty,
        |a, v| a.claim.penalty = v,
    ),
    bucket_amount("account-fees", Bucket::Fees, FieldId::Fees, |a| &a.claim.fees, |a, v| a.claim.fees = v),
    text(
        "account-contract-rate",
        |t| t.contract_rate_label,
        FieldKind::Percent,
        Some(FieldId::ContractRate),
        |a| &a.claim.contract_rate_percent,
        |a, v| a.claim.contract_rate_percent = v,
    ),
    text(
        "account-as-of",
        |t| t.as_of_label,
        FieldKind::Date,
        Some(FieldId::AsOf),
        |a| &a.claim.as_of,
        |a, v| a.claim.as_of = v,
    ),
    text(
        "account-contract-date",
        |t| t.contract_date_label,
        FieldKind::Date,
        Some(FieldId::ContractDate),
        |a| a.claim.contract_date.as_deref().unwrap_or(""),
        |a, v| a.claim.contract_date = Some(v),
    ),
    text(
        "account-days-past-due",
        |t| t.days_past_due_label,
        FieldKind::Whole,
        None,
        |a| &a.days_past_due,
        |a, v| a.days_past_due = v,
    ),
    text("account-reference", |t| t.reference_label, FieldKind::Text, None, |a| &a.reference, |a, v| a.reference = v),
    text("account-agent-id", |t| t.agent_id_label, FieldKind::Text, None, |a| &a.agent_id, |a, v| a.agent_id = v),
];

/// The account's currency (its choices are [`crate::domain::money::Currency::ALL`]).
pub const CURRENCY_FIELD: FieldId = FieldId::Currency;

/// The creditor's discount rate, shown with the account (the draft keeps it apart).
pub static DISCOUNT_RATE_FIELD: TextSpec<String> = text(
    "account-discount-rate",
    |t| t.discount_rate_label,
    FieldKind::Percent,
    Some(FieldId::DiscountRate),
    |s| s,
    |s, v| *s = v,
);

/// The debtor's budget.
pub static BUDGET_FIELDS: [TextSpec<BudgetRequest>; 3] = [
    text(
        "budget-income",
        |t| t.income_label,
        FieldKind::Amount,
        Some(FieldId::Income),
        |b| &b.monthly_income,
        |b, v| b.monthly_income = v,
    ),
    text(
        "budget-expenses",
        |t| t.expenses_label,
        FieldKind::Amount,
        Some(FieldId::Expenses),
        |b| &b.essential_expenses,
        |b, v| b.essential_expenses = v,
    ),
    text(
        "budget-other",
        |t| t.other_debts_label,
        FieldKind::Amount,
        Some(FieldId::OtherDebts),
        |b| &b.other_debt_payments,
        |b, v| b.other_debt_payments = v,
    ),
];

/// The plan kinds, in the kind select's order.
pub const OFFER_KINDS: [OfferKind; 3] = [OfferKind::Settlement, OfferKind::Extension, OfferKind::Installments];

/// The offer's kind select (above its fields).
pub static OFFER_KIND: SelectSpec<OfferDraft> = SelectSpec {
    key: "kind",
    label: |t| t.kind_label,
    options: &[|t| t.kind_settlement, |t| t.kind_extension, |t| t.kind_installments],
    field: None,
    get: |o| OFFER_KINDS.iter().position(|k| *k == o.kind).unwrap_or(0),
    set: |o, i| o.kind = OFFER_KINDS.get(i).copied().unwrap_or_default(),
};

const FREQUENCIES: [crate::domain::calendar::Frequency; 4] = {
    use crate::domain::calendar::Frequency::*;
    [Monthly, Semimonthly, Biweekly, Weekly]
};
const METHODS: [MethodRequest; 4] = [
    MethodRequest::EqualInstallment,
    MethodRequest::EqualPrincipal,
    MethodRequest::InterestOnlyBalloon,
    MethodRequest::StepUp,
];
const DAY_COUNTS: [crate::domain::calendar::DayCount; 4] = {
    use crate::domain::calendar::DayCount::*;
    [Periodic, Act365F, Act360, Thirty360]
};
const INTERESTS: [ExtensionInterestRequest; 3] =
    [ExtensionInterestRequest::Contract, ExtensionInterestRequest::Reduced, ExtensionInterestRequest::Frozen];
const UNITS: [crate::domain::request::ExtensionUnit; 2] =
    [crate::domain::request::ExtensionUnit::Days, crate::domain::request::ExtensionUnit::Months];
const ROUND_UP: [&str; 4] = ["", "1", "10", "100"];

const fn placed<P>(kind: Option<OfferKind>, control: Control<P>) -> Placed<P> {
    Placed { kind, when: None, more: false, control }
}

const fn placed_when<P>(kind: Option<OfferKind>, when: fn(&P) -> bool, control: Control<P>) -> Placed<P> {
    Placed { kind, when: Some(when), more: false, control }
}

/// A control behind the card's "more terms" disclosure.
const fn more<P>(placed: Placed<P>) -> Placed<P> {
    Placed { more: true, ..placed }
}

const SETTLEMENT: Option<OfferKind> = Some(OfferKind::Settlement);
const EXTENSION: Option<OfferKind> = Some(OfferKind::Extension);
const INSTALLMENTS: Option<OfferKind> = Some(OfferKind::Installments);

/// An offer's terms below its kind select, in order (waivers are rows of their own: one per
/// bucket, [`WAIVER_BUCKETS`]).
pub static OFFER_CONTROLS: [Placed<OfferDraft>; 19] = [
    placed(
        None,
        Control::Text(text(
            "partial",
            |t| t.partial_payment_label,
            FieldKind::Amount,
            Some(FieldId::PartialPayment),
            |o| &o.partial_payment,
            |o, v| o.partial_payment = v,
        )),
    ),
    // The plan as a whole (a date past the calendar) is worded beside its date.
    placed(
        SETTLEMENT,
        Control::Text(TextSpec {
            also: &[FieldId::Plan],
            ..text(
                "pay-by",
                |t| t.pay_by_label,
                FieldKind::Date,
                Some(FieldId::PayBy),
                |o| &o.pay_by,
                |o, v| o.pay_by = v,
            )
        }),
    ),
    placed(
        EXTENSION,
        Control::Text(TextSpec {
            also: &[FieldId::Plan],
            ..text(
                "length",
                |t| t.extension_length_label,
                FieldKind::Whole,
                Some(FieldId::Length),
                |o| &o.extension_length,
                |o, v| o.extension_length = v,
            )
        }),
    ),
    placed(
        EXTENSION,
        Control::Select(SelectSpec {
            key: "unit",
            label: |t| t.extension_unit_label,
            options: &[|t| t.unit_days, |t| t.unit_months],
            field: None,
            get: |o| UNITS.iter().position(|u| *u == o.extension_unit).unwrap_or(0),
            set: |o, i| o.extension_unit = UNITS.get(i).copied().unwrap_or_default(),
        }),
    ),
    placed(
        EXTENSION,
        Control::Text(text(
            "fee",
            |t| t.extension_fee_label,
            FieldKind::Amount,
            Some(FieldId::Fee),
            |o| &o.extension_fee,
            |o, v| o.extension_fee = v,
        )),
    ),
    placed(
        EXTENSION,
        Control::Select(SelectSpec {
            key: "interest",
            label: |t| t.extension_interest_label,
            options: &[|t| t.interest_contract, |t| t.interest_reduced, |t| t.interest_frozen],
            field: None,
            get: |o| INTERESTS.iter().position(|i| *i == o.extension_interest).unwrap_or(0),
            set: |o, i| o.extension_interest = INTERESTS.get(i).copied().unwrap_or_default(),
        }),
    ),
    placed_when(
        EXTENSION,
        |o| o.extension_interest == ExtensionInterestRequest::Reduced,
        Control::Text(text(
            "reduced-rate",
            |t| t.reduced_rate_label,
            FieldKind::Percent,
            Some(FieldId::ReducedRate),
            |o| &o.extension_reduced_rate,
            |o, v| o.extension_reduced_rate = v,
        )),
    ),
    placed(
        INSTALLMENTS,
        Control::Text(text(
            "down-payment",
            |t| t.down_payment_label,
            FieldKind::Amount,
            Some(FieldId::DownPayment),
            |o| &o.down_payment,
            |o, v| o.down_payment = v,
        )),
    ),
    placed(
        INSTALLMENTS,
        Control::Check(CheckSpec {
            key: "use-target",
            label: |t| t.use_target_label,
            get: |o| o.use_target,
            set: |o, v| o.use_target = v,
        }),
    ),
    placed_when(
        INSTALLMENTS,
        |o| !o.use_target,
        Control::Text(text(
            "count",
            |t| t.installment_count_label,
            FieldKind::Whole,
            Some(FieldId::Count),
            |o| &o.count,
            |o, v| o.count = v,
        )),
    ),
    placed_when(
        INSTALLMENTS,
        |o| o.use_target,
        Control::Text(text(
            "target",
            |t| t.target_payment_label,
            FieldKind::Amount,
            Some(FieldId::TargetPayment),
            |o| &o.target_payment,
            |o, v| o.target_payment = v,
        )),
    ),
    placed(
        INSTALLMENTS,
        Control::Select(SelectSpec {
            key: "frequency",
            label: |t| t.frequency_label,
            options: &[|t| t.monthly, |t| t.semimonthly, |t| t.biweekly, |t| t.weekly],
            field: None,
            get: |o| FREQUENCIES.iter().position(|f| *f == o.frequency).unwrap_or(0),
            set: |o, i| o.frequency = FREQUENCIES.get(i).copied().unwrap_or_default(),
        }),
    ),
    more(placed(
        INSTALLMENTS,
        Control::Select(SelectSpec {
            key: "method",
            label: |t| t.method_label,
            options: &[|t| t.equal_installment, |t| t.equal_principal, |t| t.interest_only, |t| t.step_up],
            field: None,
            get: |o| METHODS.iter().position(|m| *m == o.method).unwrap_or(0),
            set: |o, i| o.method = METHODS.get(i).copied().unwrap_or_default(),
        }),
    )),
    more(placed_when(
        INSTALLMENTS,
        |o| o.method == MethodRequest::StepUp,
        Control::Text(text(
            "step-up",
            |t| t.step_up_label,
            FieldKind::Percent,
            Some(FieldId::StepUp),
            |o| &o.step_up_percent,
            |o, v| o.step_up_percent = v,
        )),
    )),
    placed(
        INSTALLMENTS,
        Control::Text(text(
            "rate",
            |t| t.plan_rate_label,
            FieldKind::Percent,
            Some(FieldId::PlanRate),
            |o| &o.annual_rate_percent,
            |o, v| o.annual_rate_percent = v,
        )),
    ),
    placed(
        INSTALLMENTS,
        Control::Text(text(
            "first-due",
            |t| t.first_due_label,
            FieldKind::Date,
            Some(FieldId::FirstDue),
            |o| &o.first_due_date,
            |o, v| o.first_due_date = v,
        )),
    ),
    more(placed(
        INSTALLMENTS,
        Control::Select(SelectSpec {
            key: "day-count",
            label: |t| t.day_count_label,
            options: &[|t| t.periodic, |t| t.act365, |t| t.act360, |t| t.thirty360],
            field: None,
            get: |o| DAY_COUNTS.iter().position(|d| *d == o.day_count).unwrap_or(0),
            set: |o, i| o.day_count = DAY_COUNTS.get(i).copied().unwrap_or_default(),
        }),
    )),
    more(placed(
        INSTALLMENTS,
        Control::Select(SelectSpec {
            key: "round-up",
            label: |t| t.round_up_label,
            options: &[|t| t.round_none, |_| "1", |_| "10", |_| "100"],
            field: Some(FieldId::RoundUpTo),
            get: |o| ROUND_UP.iter().position(|r| *r == o.round_up_to.trim()).unwrap_or(0),
            set: |o, i| o.round_up_to = ROUND_UP.get(i).copied().unwrap_or_default().to_string(),
        }),
    )),
    // A step-up that stops covering its interest, or the plan as a whole.
    placed(INSTALLMENTS, Control::Errors { key: "plan-error", fields: &[FieldId::Method, FieldId::Plan] }),
];

/// Whether the message of `field` shows behind an offer card's "more terms" disclosure (a
/// waiver, or a control marked `more`): the disclosure then opens, so no message is hidden.
pub fn is_more_field(field: FieldId) -> bool {
    matches!(field, FieldId::Waiver { .. })
        || OFFER_CONTROLS.iter().filter(|p| p.more).any(|p| match &p.control {
            Control::Text(s) => s.field == Some(field) || s.also.contains(&field),
            Control::Select(s) => s.field == Some(field),
            Control::Check(_) => false,
            Control::Errors { fields, .. } => fields.contains(&field),
        })
}

/// The waiver rows of an offer: one per bucket, each with its amount or percent, its unit and
/// whether it is conditional. Each shows the messages of every waiver field of its bucket.
pub const WAIVER_BUCKETS: [Bucket; 4] = Bucket::ALL;

/// Request fields the workspace never sends, so it has no place for their messages: the
/// allocation order (the default, fees first, for every offer; only files and the CLI give
/// another).
pub const NOT_IN_THE_WORKSPACE: [FieldId; 2] = [FieldId::AllocationOrder, FieldId::Moves];

/// The policy as a whole is worded in the policy panel.
pub const POLICY_FIELD: FieldId = FieldId::Policy;

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether some place on the workspace's screen shows the message of `field`.
    fn shown(field: FieldId) -> bool {
        let text_shows =
            |spec_field: Option<FieldId>, also: &[FieldId]| spec_field == Some(field) || also.contains(&field);
        ACCOUNT_FIELDS.iter().any(|s| text_shows(s.field, s.also))
            || BUDGET_FIELDS.iter().any(|s| text_shows(s.field, s.also))
            || text_shows(DISCOUNT_RATE_FIELD.field, DISCOUNT_RATE_FIELD.also)
            || field == CURRENCY_FIELD
            || field == POLICY_FIELD
            || WAIVER_BUCKETS.iter().any(|b| field.is_waiver_of(*b))
            || OFFER_CONTROLS.iter().any(|p| match &p.control {
                Control::Text(s) => text_shows(s.field, s.also),
                Control::Select(s) => s.field == Some(field),
                Control::Check(_) => false,
                Control::Errors { fields, .. } => fields.contains(&field),
            })
    }

    #[test]
    fn every_field_the_parser_names_has_a_place_on_screen() {
        for field in FieldId::all() {
            if NOT_IN_THE_WORKSPACE.contains(&field) {
                continue;
            }
            assert!(shown(field), "no control shows the messages of {field} ({field:?})");
        }
    }

    #[test]
    fn the_workspace_never_sends_what_it_has_no_place_for() {
        use crate::domain::negotiation::{offer_request, Draft};
        let draft = Draft::new("2025-01-15", "2025-02-15", "2025-01-29");
        let policy = crate::domain::policy::Policy::cn_bank_card();
        for offer in &draft.offers {
            let request = offer_request(&draft.account, offer, &draft.budget, &draft.discount_rate_percent, &policy);
            assert_eq!(request.allocation_order, None);
        }
    }

    #[test]
    fn each_plan_kind_shows_the_plan_as_a_whole() {
        // A date past the calendar is a message of the plan: each kind has a place for it.
        for kind in OFFER_KINDS {
            let has =
                OFFER_CONTROLS.iter().filter(|p| p.kind.is_none() || p.kind == Some(kind)).any(|p| match &p.control {
                    Control::Text(s) => s.also.contains(&FieldId::Plan),
                    Control::Errors { fields, .. } => fields.contains(&FieldId::Plan),
                    _ => false,
                });
            assert!(has, "{kind:?}");
        }
    }

    #[test]
    fn the_more_terms_disclosure_holds_waivers_and_seldom_changed_terms_only() {
        assert!(is_more_field(FieldId::Waiver {
            index: 1,
            bucket: Bucket::Interest,
            part: crate::domain::request::WaiverPart::Percent
        }));
        assert!(is_more_field(FieldId::StepUp));
        assert!(is_more_field(FieldId::RoundUpTo));
        // What a call needs stays in sight, and so does the plan as a whole.
        for field in
            [FieldId::Count, FieldId::PlanRate, FieldId::FirstDue, FieldId::PayBy, FieldId::Plan, FieldId::Method]
        {
            assert!(!is_more_field(field), "{field:?}");
        }
    }

    #[test]
    fn every_select_reads_back_what_it_writes() {
        for placed in &OFFER_CONTROLS {
            if let Control::Select(s) = &placed.control {
                for i in 0..s.options.len() {
                    let mut offer = OfferDraft::default();
                    (s.set)(&mut offer, i);
                    assert_eq!((s.get)(&offer), i, "{}", s.key);
                }
            }
        }
    }
}
