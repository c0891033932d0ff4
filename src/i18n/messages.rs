//! Messages built from the core's data: errors by field and by file, findings in words,
//! and the names of buckets, frequencies, methods, channels, events and rules.

use super::format::{format_amount, group_digits};
use super::Locale;
use crate::domain::calendar::Frequency;
use crate::domain::claim::{Bucket, Buckets};
use crate::domain::money::{AmountError, Currency};
use crate::domain::negotiation::LogEvent;
use crate::domain::offer::BoundError;
use crate::domain::policy::{Finding, Outcome, Product, RuleKind};
use crate::domain::request::{FieldError, FieldId, InputError, MethodRequest};
use crate::export::agreement::{Channel, ImportError};
use crate::export::approval::ApprovalError;
use crate::export::signature::LinkError;

/// Fills `{name}` placeholders in one pass (a value's own braces are left as they are; an
/// unknown name stays as written). By hand: `str::replace` with a text pattern links the
/// two-way string searcher into every bundle.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            values.iter().find(|(name, _)| *name == &after[..close]).map(|(_, value)| (close, value))
        });
        match value {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The user-facing message for an amount that does not read, in `locale` (from the shared
/// table: the debtor's page says it without the workspace's).
pub fn amount_error_message(error: &AmountError, locale: Locale) -> String {
    let t = locale.shared();
    match error {
        AmountError::Empty => t.error_empty.into(),
        AmountError::NotANumber => t.error_not_a_number.into(),
        AmountError::TooManyDecimals { max } => fill(t.error_too_many_decimals, &[("max", &max.to_string())]),
        AmountError::Negative => t.error_negative.into(),
        AmountError::TooLarge { max } => fill(t.error_too_large, &[("max", &group_digits(max))]),
        AmountError::UnknownCurrency => t.error_unknown_currency.into(),
    }
}

/// The user-facing message for an input error, in `locale`.
pub fn input_error_message(error: &InputError, locale: Locale) -> String {
    let t = locale.texts();
    match error {
        InputError::Amount(amount) => amount_error_message(amount, locale),
        InputError::Date => t.error_date.into(),
        InputError::WholeNumber { min, max } => {
            fill(t.error_whole_number, &[("min", &min.to_string()), ("max", &max.to_string())])
        }
        InputError::AmountOrPercent => t.error_amount_or_percent.into(),
        InputError::CountOrTarget => t.error_count_or_target.into(),
        InputError::ExceedsBucket { available } => {
            fill(t.error_exceeds_bucket, &[("available", &group_digits(available))])
        }
        InputError::PercentAbove100 => t.error_percent_above_100.into(),
        InputError::ExceedsDue { due } => fill(t.error_exceeds_due, &[("due", &group_digits(due))]),
        InputError::NothingToFinance => t.error_nothing_to_finance.into(),
        InputError::NotAfterAsOf => t.error_not_after_as_of.into(),
        InputError::RoundUpStep => t.error_round_up_step.into(),
        InputError::NeverCoversInterest { minimum } => {
            fill(t.error_never_covers_interest, &[("minimum", &group_digits(minimum))])
        }
        InputError::TargetNotReachable { max } => fill(t.error_target_not_reachable, &[("max", &max.to_string())]),
        InputError::TargetNotApplicable => t.error_target_not_applicable.into(),
        InputError::NegativeAmortization { number } => {
            fill(t.error_negative_amortization, &[("number", &number.to_string())])
        }
        InputError::DateOutOfRange => t.error_date_out_of_range.into(),
        InputError::Overflow => t.error_overflow.into(),
        InputError::Policy { reason } => fill(t.error_policy, &[("reason", reason)]),
        InputError::AllocationOrder => t.error_allocation_order.into(),
        InputError::ContractDateNeeded => t.error_contract_date_needed.into(),
        InputError::OnlyInstallmentsMove => t.error_only_installments_move.into(),
        InputError::NoSuchInstallment { number, rows } => {
            fill(t.error_no_such_installment, &[("number", &number.to_string()), ("rows", &rows.to_string())])
        }
        InputError::NotADueDate { number } => fill(t.error_not_a_due_date, &[("number", &number.to_string())]),
    }
}

/// The name of a claim bucket under a policy's product: the penalty of a bank card is 违约金
/// (cards charge no 罚息), of a loan 罚息.
pub fn bucket_name(bucket: Bucket, product: Product, locale: Locale) -> &'static str {
    let t = locale.shared();
    match (bucket, product) {
        (Bucket::Principal, _) => t.principal_label,
        (Bucket::Interest, _) => t.interest_label,
        (Bucket::Penalty, Product::BankCard) => t.penalty_card_label,
        (Bucket::Penalty, _) => t.penalty_label,
        (Bucket::Fees, _) => t.fees_label,
    }
}

/// Bucket names in order, as a list ("fees, penalty interest, interest, principal").
pub fn bucket_list(buckets: &[Bucket], product: Product, locale: Locale) -> String {
    let names: Vec<&str> = buckets.iter().map(|b| bucket_name(*b, product, locale)).collect();
    names.join(locale.texts().list_separator)
}

/// What a broken plan reinstates, bucket by bucket ("违约金 ¥300.00、利息 ¥1,000.00"); empty
/// when nothing is conditional.
pub fn reinstated_items(reinstated: &Buckets, currency: Currency, product: Product, locale: Locale) -> String {
    let t = locale.shared();
    let items: Vec<String> = Bucket::ALL
        .iter()
        .filter(|b| !reinstated.get(**b).value().is_zero())
        .map(|b| {
            let amount = super::format::format_money(reinstated.get(*b), currency, locale);
            fill(t.reinstated_item, &[("bucket", bucket_name(*b, product, locale)), ("amount", &amount)])
        })
        .collect();
    items.join(t.list_separator)
}

/// The schedule's fees column: "违约金及费用" when the rows also repay an interest-free part
/// (`has_charges`), else "费用".
pub fn fees_column(has_charges: bool, product: Product, locale: Locale) -> String {
    let t = locale.shared();
    if has_charges {
        fill(t.col_charges, &[("penalty", bucket_name(Bucket::Penalty, product, locale))])
    } else {
        t.col_fees.to_string()
    }
}

/// The name of an installment frequency.
pub fn frequency_name(frequency: Frequency, locale: Locale) -> &'static str {
    let t = locale.shared();
    match frequency {
        Frequency::Weekly => t.weekly,
        Frequency::Biweekly => t.biweekly,
        Frequency::Semimonthly => t.semimonthly,
        Frequency::Monthly => t.monthly,
    }
}

/// The name of an installment method.
pub fn method_name(method: MethodRequest, locale: Locale) -> &'static str {
    let t = locale.texts();
    match method {
        MethodRequest::EqualInstallment => t.equal_installment,
        MethodRequest::EqualPrincipal => t.equal_principal,
        MethodRequest::InterestOnlyBalloon => t.interest_only,
        MethodRequest::StepUp => t.step_up,
    }
}

/// Why a file could not be opened, in `locale`.
pub fn import_error_message(error: &ImportError, locale: Locale) -> String {
    let t = locale.import();
    let at = |line: &usize, column: &usize| [("line", line.to_string()), ("column", column.to_string())];
    // Where the member is; nothing for the document itself.
    let place = |path: &String| {
        ("where", if path.is_empty() { String::new() } else { fill(t.import_where, &[("path", path)]) })
    };
    let filled = |template: &str, values: &[(&str, String)]| {
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(template, &pairs)
    };
    match error {
        ImportError::TooLarge { bytes, max } => filled(
            t.import_too_large,
            &[("bytes", group_digits(&bytes.to_string())), ("max", group_digits(&max.to_string()))],
        ),
        ImportError::Truncated => t.import_truncated.into(),
        ImportError::NotJson { line, column } => filled(t.import_not_json, &at(line, column)),
        ImportError::DuplicateKey { key } => filled(t.import_duplicate_key, &[("key", key.clone())]),
        ImportError::NotAnAgreement => t.import_not_agreement.into(),
        ImportError::NotANegotiation => t.import_not_negotiation.into(),
        ImportError::UnknownVersion { found } => {
            filled(t.import_unknown_version, &[("found", found.clone()), ("supported", "1".into())])
        }
        ImportError::NumberNotString { path } => filled(t.import_number, &[place(path)]),
        ImportError::UnknownField { field, path } => {
            filled(t.import_unknown_field, &[("field", field.clone()), place(path)])
        }
        ImportError::NotUtcTime { field } => filled(t.import_not_utc, &[("field", field.clone())]),
        ImportError::Invalid { detail, path } => filled(t.import_invalid, &[("detail", detail.clone()), place(path)]),
    }
}

/// Why a self-service link shows no plan, in `locale`.
pub fn link_error_message(error: &LinkError, locale: Locale) -> String {
    let t = locale.debtor();
    match error {
        LinkError::NoOffer => t.link_no_offer.into(),
        LinkError::Truncated => t.link_truncated.into(),
        LinkError::TooLong { .. } => t.link_too_long.into(),
        LinkError::Unusable { .. } => t.link_unusable.into(),
        LinkError::UnknownVersion { .. } => t.link_unknown_version.into(),
        LinkError::UnknownKey { .. } => t.link_unknown_key.into(),
        LinkError::BadSignature => t.link_bad_signature.into(),
        LinkError::NotServed => t.link_not_served.into(),
        LinkError::Expired { expires_at } => fill(t.link_expired, &[("at", &expires_at.replace('T', " "))]),
    }
}

/// Why a debtor's choice is outside the offer, in `locale`.
pub fn bound_error_message(error: &BoundError, currency: Currency, locale: Locale) -> String {
    let t = locale.debtor();
    match error {
        BoundError::Count { min, max } => fill(t.bound_count, &[("min", &min.to_string()), ("max", &max.to_string())]),
        BoundError::Date { from, to } => fill(t.bound_date, &[("from", from), ("to", to)]),
        BoundError::DownPayment { minimum } => {
            fill(t.bound_down, &[("minimum", &format_amount(minimum, currency, locale))])
        }
        // The down payment is an amount: its other errors say the offer is at fault.
        BoundError::DownPaymentText(InputError::Amount(error)) => amount_error_message(error, locale),
        BoundError::DownPaymentText(_) | BoundError::NoSuchChoice(_) | BoundError::Offer(_) => t.bound_offer.into(),
    }
}

/// The name of an agreement channel.
pub fn channel_name(channel: Channel, locale: Locale) -> &'static str {
    let t = locale.servicing();
    match channel {
        Channel::Agent => t.sv_channel_agent,
        Channel::SelfService => t.sv_channel_self_service,
        Channel::Embedded => t.sv_channel_embedded,
    }
}

/// The label of a negotiation log event.
pub fn event_label(event: LogEvent, locale: Locale) -> &'static str {
    let t = locale.texts();
    match event {
        LogEvent::Shown => t.event_shown,
        LogEvent::Proposed => t.event_proposed,
        LogEvent::Changed => t.event_changed,
        LogEvent::Rejected => t.event_rejected,
        LogEvent::Agreed => t.event_agreed,
    }
}

/// The name of a policy rule.
pub fn rule_name(rule: RuleKind, bucket: Option<Bucket>, product: Product, locale: Locale) -> String {
    let t = locale.texts();
    let template = match rule {
        RuleKind::MaxTermMonths => t.rule_name_max_term,
        RuleKind::MaxInstallments => t.rule_name_max_installments,
        RuleKind::MinInstallment => t.rule_name_min_installment,
        RuleKind::MinDownPaymentPercent => t.rule_name_min_down_payment,
        RuleKind::MaxWaiverPercent => t.rule_name_max_waiver,
        RuleKind::MinSettlementPercent => t.rule_name_min_settlement,
        RuleKind::RateCapLprMultiple => t.rule_name_rate_cap,
        RuleKind::MaxExtensionDays => t.rule_name_max_extension,
        RuleKind::MaxPaymentSharePercent => t.rule_name_payment_share,
        RuleKind::MaxAnnualizedPercent => t.rule_name_annualized,
    };
    fill(template, &[("bucket", bucket.map(|b| bucket_name(b, product, locale)).unwrap_or_default())])
}

/// The name of a policy profile: the shipped ones by what they are for, a creditor's own by
/// its name.
pub fn profile_name(name: &str, locale: Locale) -> String {
    let t = locale.texts();
    match name {
        "cn-bank-card" => t.profile_cn_bank_card.into(),
        "cn-private-lending" => t.profile_cn_private_lending.into(),
        "generic" => t.profile_generic.into(),
        other => other.into(),
    }
}

/// The label of a finding's outcome.
pub fn outcome_label(outcome: Outcome, locale: Locale) -> &'static str {
    let t = locale.texts();
    match outcome {
        Outcome::Pass => t.outcome_pass,
        Outcome::Warn => t.outcome_warn,
        Outcome::NeedsApproval => t.outcome_approval,
        Outcome::Block => t.outcome_block,
    }
}

/// A finding in plain words: what the plan does and what the rule allows.
pub fn finding_message(finding: &Finding, currency: Currency, product: Product, locale: Locale) -> String {
    let t = locale.shared();
    let amount = |d: &rust_decimal::Decimal| format_amount(&d.to_string(), currency, locale);
    let plain = |d: &rust_decimal::Decimal| group_digits(&d.normalize().to_string());
    let (template, actual, limit) = match finding.rule {
        RuleKind::MaxTermMonths => (t.rule_max_term, plain(&finding.actual), plain(&finding.limit)),
        RuleKind::MaxInstallments => (t.rule_max_installments, plain(&finding.actual), plain(&finding.limit)),
        RuleKind::MinInstallment => (t.rule_min_installment, amount(&finding.actual), amount(&finding.limit)),
        RuleKind::MinDownPaymentPercent => (t.rule_min_down_payment, plain(&finding.actual), plain(&finding.limit)),
        RuleKind::MaxWaiverPercent => (t.rule_max_waiver, plain(&finding.actual), plain(&finding.limit)),
        RuleKind::MinSettlementPercent => (t.rule_min_settlement, plain(&finding.actual), plain(&finding.limit)),
        RuleKind::RateCapLprMultiple => (t.rule_rate_cap, finding.actual.to_string(), plain(&finding.limit)),
        RuleKind::MaxExtensionDays => (t.rule_max_extension, plain(&finding.actual), plain(&finding.limit)),
        RuleKind::MaxPaymentSharePercent => (t.rule_payment_share, plain(&finding.actual), plain(&finding.limit)),
        // Above the limit, the court's power in words; within it, the figures.
        RuleKind::MaxAnnualizedPercent if finding.outcome != Outcome::Pass => {
            (t.rule_annualized_over, finding.actual.to_string(), plain(&finding.limit))
        }
        RuleKind::MaxAnnualizedPercent => (t.rule_annualized, finding.actual.to_string(), plain(&finding.limit)),
    };
    let bucket = finding.bucket.map(|b| bucket_name(b, product, locale)).unwrap_or_default();
    let mut message = fill(template, &[("actual", &actual), ("limit", &limit), ("bucket", bucket)]);
    if let Some(from) = finding.overridden_from {
        message.push_str(&fill(t.finding_overridden, &[("from", &group_digits(&from.normalize().to_string()))]));
    }
    message
}

/// Why an approval code does not apply, in words.
pub fn approval_error_message(error: &ApprovalError, product: Product, locale: Locale) -> String {
    let t = locale.texts();
    match error {
        ApprovalError::Malformed | ApprovalError::UnknownVersion { .. } => t.approval_malformed.into(),
        ApprovalError::UnknownKey { .. } => t.approval_unknown_key.into(),
        ApprovalError::BadSignature => t.approval_bad_signature.into(),
        ApprovalError::OtherTerms | ApprovalError::AfterAgreement => t.approval_other_terms.into(),
        ApprovalError::Uncovered { rule, bucket } => {
            fill(t.approval_uncovered, &[("finding", &rule_name(*rule, *bucket, product, locale))])
        }
        ApprovalError::NoKeys => t.approval_no_keys.into(),
    }
}

/// The message, in `locale`, of the first error whose field `matches`.
pub fn field_message(errors: &[FieldError], matches: impl Fn(FieldId) -> bool, locale: Locale) -> Option<String> {
    errors.iter().find(|e| matches(e.field)).map(|e| input_error_message(&e.error, locale))
}
