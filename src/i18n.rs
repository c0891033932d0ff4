//! Every visible string, in zh-CN and en, and locale-aware number formatting.
//!
//! Strings live in one [`Texts`] struct per locale, so a string missing in one language is a
//! compile error, not a blank on screen. Amounts are formatted from their exact decimal
//! string (never through a float): grouping by thousands, the currency's symbol, and the
//! fraction digits the amount already carries.
//!
//! Pure: no web crates, so it is tested natively.

use crate::domain::calendar::Frequency;
use crate::domain::claim::Bucket;
use crate::domain::money::{AmountError, Currency};
use crate::domain::negotiation::LogEvent;
use crate::domain::offer::BoundError;
use crate::domain::policy::{Finding, Outcome, RuleKind};
use crate::domain::request::{FieldError, FieldId, InputError, MethodRequest};
use crate::export::agreement::{Channel, ImportError};
use crate::export::signature::LinkError;

pub use crate::locale::Locale;

impl Locale {
    /// The strings of this locale.
    pub fn texts(self) -> &'static Texts {
        match self {
            Locale::En => &EN,
            Locale::ZhCn => &ZH_CN,
        }
    }
}

/// Every visible string of the app.
#[derive(Debug)]
pub struct Texts {
    pub product: &'static str,
    pub tagline: &'static str,
    pub language_label: &'static str,
    pub language_name: &'static str,
    pub crash_title: &'static str,
    pub crash_body: &'static str,
    pub crash_reload: &'static str,
    pub quick_plan_title: &'static str,
    pub quick_plan_hint: &'static str,
    pub amount_label: &'static str,
    pub rate_label: &'static str,
    pub count_label: &'static str,
    pub payment_label: &'static str,
    pub total_interest_label: &'static str,
    pub total_paid_label: &'static str,
    pub nominal_rate_label: &'static str,
    pub effective_rate_label: &'static str,
    pub stale_note: &'static str,
    pub error_empty: &'static str,
    pub error_not_a_number: &'static str,
    pub error_too_many_decimals: &'static str,
    pub error_negative: &'static str,
    pub error_too_large: &'static str,
    pub error_unknown_currency: &'static str,
    pub error_date: &'static str,
    pub error_whole_number: &'static str,
    pub error_amount_or_percent: &'static str,
    pub error_count_or_target: &'static str,
    pub error_exceeds_bucket: &'static str,
    pub error_percent_above_100: &'static str,
    pub error_exceeds_due: &'static str,
    pub error_nothing_to_finance: &'static str,
    pub error_not_after_as_of: &'static str,
    pub error_round_up_step: &'static str,
    pub error_never_covers_interest: &'static str,
    pub error_target_not_reachable: &'static str,
    pub error_target_not_applicable: &'static str,
    pub error_negative_amortization: &'static str,
    pub error_date_out_of_range: &'static str,
    pub error_overflow: &'static str,
    pub error_policy: &'static str,
    pub error_allocation_order: &'static str,
    pub workspace_title: &'static str,
    pub account_title: &'static str,
    pub currency_label: &'static str,
    pub as_of_label: &'static str,
    pub days_past_due_label: &'static str,
    pub reference_label: &'static str,
    pub principal_label: &'static str,
    pub interest_label: &'static str,
    pub penalty_label: &'static str,
    pub fees_label: &'static str,
    pub contract_rate_label: &'static str,
    pub contract_date_label: &'static str,
    pub discount_rate_label: &'static str,
    pub claim_total_label: &'static str,
    pub new_account: &'static str,
    pub new_account_confirm: &'static str,
    pub offers_title: &'static str,
    pub offer_label: &'static str,
    pub kind_label: &'static str,
    pub kind_settlement: &'static str,
    pub kind_extension: &'static str,
    pub kind_installments: &'static str,
    pub partial_payment_label: &'static str,
    pub waivers_label: &'static str,
    pub waiver_unit_label: &'static str,
    pub waiver_unit_percent: &'static str,
    pub waiver_unit_amount: &'static str,
    pub waiver_conditional: &'static str,
    pub pay_by_label: &'static str,
    pub extension_length_label: &'static str,
    pub extension_unit_label: &'static str,
    pub unit_days: &'static str,
    pub unit_months: &'static str,
    pub extension_fee_label: &'static str,
    pub extension_interest_label: &'static str,
    pub interest_contract: &'static str,
    pub interest_reduced: &'static str,
    pub interest_frozen: &'static str,
    pub reduced_rate_label: &'static str,
    pub down_payment_label: &'static str,
    pub use_target_label: &'static str,
    pub installment_count_label: &'static str,
    pub target_payment_label: &'static str,
    pub frequency_label: &'static str,
    pub weekly: &'static str,
    pub biweekly: &'static str,
    pub semimonthly: &'static str,
    pub monthly: &'static str,
    pub method_label: &'static str,
    pub equal_installment: &'static str,
    pub equal_principal: &'static str,
    pub interest_only: &'static str,
    pub step_up: &'static str,
    pub step_up_label: &'static str,
    pub plan_rate_label: &'static str,
    pub first_due_label: &'static str,
    pub day_count_label: &'static str,
    pub periodic: &'static str,
    pub act365: &'static str,
    pub act360: &'static str,
    pub thirty360: &'static str,
    pub round_up_label: &'static str,
    pub round_none: &'static str,
    pub payment_per_period_label: &'static str,
    pub count_figure_label: &'static str,
    pub first_date_label: &'static str,
    pub last_date_label: &'static str,
    pub total_waived_label: &'static str,
    pub recovery_label: &'static str,
    pub present_value_label: &'static str,
    pub best_for_creditor: &'static str,
    pub most_affordable: &'static str,
    pub agreed_badge: &'static str,
    pub duplicate: &'static str,
    pub remove: &'static str,
    pub show_schedule: &'static str,
    pub propose: &'static str,
    pub reject: &'static str,
    pub agree: &'static str,
    pub fit_payment: &'static str,
    pub fit_waiver: &'static str,
    pub fit_waiver_failed: &'static str,
    pub fit_needs_budget: &'static str,
    pub fit_failed: &'static str,
    pub findings_label: &'static str,
    pub outcome_pass: &'static str,
    pub outcome_warn: &'static str,
    pub outcome_approval: &'static str,
    pub outcome_block: &'static str,
    pub rule_max_term: &'static str,
    pub rule_max_installments: &'static str,
    pub rule_min_installment: &'static str,
    pub rule_min_down_payment: &'static str,
    pub rule_max_waiver: &'static str,
    pub rule_min_settlement: &'static str,
    pub rule_rate_cap: &'static str,
    pub rule_max_extension: &'static str,
    pub rule_payment_share: &'static str,
    pub schedule_title: &'static str,
    pub col_number: &'static str,
    pub col_date: &'static str,
    pub col_payment: &'static str,
    pub col_principal: &'static str,
    pub col_interest: &'static str,
    pub col_fees: &'static str,
    pub col_balance: &'static str,
    pub download_csv: &'static str,
    pub chart_title: &'static str,
    pub chart_desc: &'static str,
    pub no_schedule: &'static str,
    pub affordability_title: &'static str,
    pub income_label: &'static str,
    pub expenses_label: &'static str,
    pub other_debts_label: &'static str,
    pub disposable_label: &'static str,
    pub max_installment_label: &'static str,
    pub policy_title: &'static str,
    pub policy_rule_col: &'static str,
    pub policy_limit_col: &'static str,
    pub policy_severity_col: &'static str,
    pub load_policy: &'static str,
    pub reset_policy: &'static str,
    pub policy_file_error: &'static str,
    pub log_title: &'static str,
    pub log_empty: &'static str,
    pub event_proposed: &'static str,
    pub event_changed: &'static str,
    pub event_rejected: &'static str,
    pub event_agreed: &'static str,
    pub announce_offer: &'static str,
    pub print: &'static str,
    pub ss_title: &'static str,
    pub ss_intro: &'static str,
    pub ss_loading: &'static str,
    pub ss_owed_title: &'static str,
    pub ss_relief: &'static str,
    pub ss_choose_title: &'static str,
    pub ss_choice_settlement: &'static str,
    pub ss_choice_installments: &'static str,
    pub ss_count_label: &'static str,
    pub ss_fewer: &'static str,
    pub ss_more: &'static str,
    pub ss_down_label: &'static str,
    pub ss_date_label: &'static str,
    pub ss_pay_date_label: &'static str,
    pub ss_cost_installments: &'static str,
    pub ss_cost_single: &'static str,
    pub ss_confirm: &'static str,
    pub ss_confirmed: &'static str,
    pub ss_expires: &'static str,
    pub link_no_offer: &'static str,
    pub link_truncated: &'static str,
    pub link_too_long: &'static str,
    pub link_unusable: &'static str,
    pub link_unknown_version: &'static str,
    pub link_unknown_key: &'static str,
    pub link_bad_signature: &'static str,
    pub link_expired: &'static str,
    pub link_no_keys: &'static str,
    pub bound_count: &'static str,
    pub bound_date: &'static str,
    pub bound_down: &'static str,
    pub bound_offer: &'static str,
    pub agent_id_label: &'static str,
    pub download_agreement: &'static str,
    pub copy_agreement: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub open_agreement: &'static str,
    pub save_negotiation: &'static str,
    pub open_negotiation: &'static str,
    pub open_negotiation_confirm: &'static str,
    pub negotiation_opened: &'static str,
    pub records_title: &'static str,
    pub agreement_needs_agreed: &'static str,
    pub imported_title: &'static str,
    pub opened_schedule_label: &'static str,
    pub verified: &'static str,
    pub not_verified: &'static str,
    pub col_field: &'static str,
    pub col_recorded: &'static str,
    pub col_recomputed: &'static str,
    pub agreement_id_label: &'static str,
    pub created_label: &'static str,
    pub channel_label: &'static str,
    pub channel_agent: &'static str,
    pub channel_self_service: &'static str,
    pub channel_embedded: &'static str,
    pub import_too_large: &'static str,
    pub import_truncated: &'static str,
    pub import_not_json: &'static str,
    pub import_duplicate_key: &'static str,
    pub import_not_agreement: &'static str,
    pub import_not_negotiation: &'static str,
    pub import_unknown_version: &'static str,
    pub import_number: &'static str,
    pub import_unknown_field: &'static str,
    pub import_not_utc: &'static str,
    pub import_invalid: &'static str,
    pub import_failed_prefix: &'static str,
    pub event_shown: &'static str,
    pub mark_shown: &'static str,
    pub print_open_hint: &'static str,
    pub print_now: &'static str,
    pub close: &'static str,
    pub agreement_title_installments: &'static str,
    pub agreement_title_other: &'static str,
    pub agreement_basis: &'static str,
    pub art70_balance: &'static str,
    pub art70_repayment: &'static str,
    pub art70_charges: &'static str,
    pub art70_undertaking: &'static str,
    pub art70_obligations: &'static str,
    pub art70_other: &'static str,
    pub col_owed: &'static str,
    pub col_waived: &'static str,
    pub col_conditional: &'static str,
    pub col_due: &'static str,
    pub total_row: &'static str,
    pub upfront_line: &'static str,
    pub settlement_line: &'static str,
    pub charges_text: &'static str,
    pub undertaking_text: &'static str,
    pub obligations_text: &'static str,
    pub rounding_text: &'static str,
    pub agreed_at_label: &'static str,
    pub signature_cardholder: &'static str,
    pub signature_issuer: &'static str,
    pub checks_passed: &'static str,
    pub schedule_table_label: &'static str,
    pub rule_name_max_term: &'static str,
    pub rule_name_max_installments: &'static str,
    pub rule_name_min_installment: &'static str,
    pub rule_name_min_down_payment: &'static str,
    pub rule_name_max_waiver: &'static str,
    pub rule_name_min_settlement: &'static str,
    pub rule_name_rate_cap: &'static str,
    pub rule_name_max_extension: &'static str,
    pub rule_name_payment_share: &'static str,
}

static EN: Texts = Texts {
    product: "Accord",
    tagline: "Repayment plans both sides can keep",
    language_label: "Language",
    language_name: "English",
    crash_title: "Something went wrong",
    crash_body:
        "Accord hit an unexpected error and stopped. Your draft is kept in this browser. Reload the page to continue.",
    crash_reload: "Reload",
    quick_plan_title: "Quick installment plan",
    quick_plan_hint: "Equal monthly installments, first due one month from today.",
    amount_label: "Amount financed",
    rate_label: "Annual rate (%)",
    count_label: "Number of monthly installments",
    payment_label: "Monthly payment",
    total_interest_label: "Total interest",
    total_paid_label: "Total paid",
    nominal_rate_label: "Nominal annual rate",
    effective_rate_label: "Effective annual rate",
    stale_note: "Showing the last valid figures until the input is corrected.",
    error_empty: "Enter a value.",
    error_not_a_number: "Enter a number such as 1,234.56.",
    error_too_many_decimals: "Use at most {max} digits after the decimal point.",
    error_negative: "Enter an amount of zero or more.",
    error_too_large: "Enter at most {max}.",
    error_unknown_currency: "Choose a supported currency.",
    error_date: "Enter a date as YYYY-MM-DD.",
    error_whole_number: "Enter a whole number from {min} to {max}.",
    error_amount_or_percent: "Give either an amount or a percentage.",
    error_count_or_target: "Give either a number of installments or a target payment.",
    error_exceeds_bucket: "More than is owed in this part ({available}).",
    error_percent_above_100: "Enter at most 100 %.",
    error_exceeds_due: "More than is due ({due}).",
    error_nothing_to_finance: "Nothing is left to pay in installments.",
    error_not_after_as_of: "Choose a date after the account date.",
    error_round_up_step: "Round to 1, 10 or 100.",
    error_never_covers_interest: "This payment never covers the interest; it must be more than {minimum}.",
    error_target_not_reachable: "Even {max} installments cannot bring the payment this low.",
    error_target_not_applicable: "An interest-only plan needs a number of installments.",
    error_negative_amortization: "Installment {number} would not cover its interest.",
    error_date_out_of_range: "A due date falls outside the calendar.",
    error_overflow: "These figures are too large to compute.",
    error_policy: "The policy is not valid: {reason}",
    error_allocation_order: "Name each bucket at most once, and at least one.",
    workspace_title: "Negotiation workspace",
    account_title: "Account",
    currency_label: "Currency",
    as_of_label: "As of",
    days_past_due_label: "Days past due",
    reference_label: "Account reference",
    principal_label: "Principal",
    interest_label: "Interest",
    penalty_label: "Penalty interest",
    fees_label: "Fees",
    contract_rate_label: "Contract annual rate (%)",
    contract_date_label: "Contract date",
    discount_rate_label: "Creditor discount rate (%)",
    claim_total_label: "Total owed",
    new_account: "New account",
    new_account_confirm: "Clear this account and all its offers?",
    offers_title: "Offers",
    offer_label: "Offer",
    kind_label: "Plan",
    kind_settlement: "Settlement in full",
    kind_extension: "Extension",
    kind_installments: "Installments",
    partial_payment_label: "Partial payment now",
    waivers_label: "Waivers",
    waiver_unit_label: "Unit",
    waiver_unit_percent: "%",
    waiver_unit_amount: "Amount",
    waiver_conditional: "Conditional",
    pay_by_label: "Pay by",
    extension_length_label: "Extend by",
    extension_unit_label: "Unit",
    unit_days: "days",
    unit_months: "months",
    extension_fee_label: "Extension fee",
    extension_interest_label: "Interest during extension",
    interest_contract: "Contract rate",
    interest_reduced: "Reduced rate",
    interest_frozen: "Frozen (停息)",
    reduced_rate_label: "Reduced annual rate (%)",
    down_payment_label: "Down payment",
    use_target_label: "Solve the count from a target payment",
    installment_count_label: "Installments",
    target_payment_label: "Target payment",
    frequency_label: "Frequency",
    weekly: "Weekly",
    biweekly: "Every two weeks",
    semimonthly: "Twice a month",
    monthly: "Monthly",
    method_label: "Method",
    equal_installment: "Equal installment",
    equal_principal: "Equal principal",
    interest_only: "Interest only, balloon",
    step_up: "Step-up",
    step_up_label: "Yearly step-up (%)",
    plan_rate_label: "Plan annual rate (%)",
    first_due_label: "First due date",
    day_count_label: "Day count",
    periodic: "Periodic (rate ÷ periods)",
    act365: "Actual/365",
    act360: "Actual/360",
    thirty360: "30/360",
    round_up_label: "Round payment up to",
    round_none: "No rounding",
    payment_per_period_label: "Payment",
    count_figure_label: "Installments",
    first_date_label: "First date",
    last_date_label: "Last date",
    total_waived_label: "Total waived",
    recovery_label: "Recovery",
    present_value_label: "Present value",
    best_for_creditor: "Best for creditor",
    most_affordable: "Most affordable",
    agreed_badge: "Agreed",
    duplicate: "Duplicate",
    remove: "Remove",
    show_schedule: "Show schedule",
    propose: "Propose",
    reject: "Rejected",
    agree: "Agree",
    fit_payment: "Fit the term to budget",
    fit_waiver: "Fit with a waiver",
    fit_waiver_failed: "No waiver within policy makes the payment fit the budget.",
    fit_needs_budget: "Enter the debtor's income first (Affordability).",
    fit_failed: "No count within policy fits the budget.",
    findings_label: "Policy",
    outcome_pass: "OK",
    outcome_warn: "Warning",
    outcome_approval: "Needs approval",
    outcome_block: "Blocked",
    rule_max_term: "Term {actual} months; at most {limit}",
    rule_max_installments: "{actual} installments; at most {limit}",
    rule_min_installment: "Smallest installment {actual}; at least {limit}",
    rule_min_down_payment: "Paid up front {actual}%; at least {limit}%",
    rule_max_waiver: "{bucket} waived {actual}%; at most {limit}%",
    rule_min_settlement: "Settles {actual}% of the claim; at least {limit}%",
    rule_rate_cap: "Annualized rate {actual}%; cap {limit}% (4 × LPR)",
    rule_max_extension: "Extension {actual} days; at most {limit}",
    rule_payment_share: "Payment takes {actual}% of disposable income; at most {limit}%",
    schedule_title: "Repayment schedule",
    col_number: "No.",
    col_date: "Date",
    col_payment: "Payment",
    col_principal: "Principal",
    col_interest: "Interest",
    col_fees: "Fees",
    col_balance: "Balance",
    download_csv: "Download CSV",
    chart_title: "Balance over time",
    chart_desc: "The balance falls from {start} on {first} to zero on {last}, over {count} installments.",
    no_schedule: "No schedule: correct the offer's inputs.",
    affordability_title: "Affordability",
    income_label: "Monthly income",
    expenses_label: "Essential expenses",
    other_debts_label: "Other debt payments",
    disposable_label: "Disposable income",
    max_installment_label: "Largest affordable monthly payment",
    policy_title: "Policy",
    policy_rule_col: "Rule",
    policy_limit_col: "Limit",
    policy_severity_col: "If exceeded",
    load_policy: "Load policy (JSON)",
    reset_policy: "Default policy",
    policy_file_error: "This file is not a valid policy: {reason}",
    log_title: "Negotiation log",
    log_empty: "Nothing proposed yet.",
    event_proposed: "proposed",
    event_changed: "changed",
    event_rejected: "rejected",
    event_agreed: "agreed",
    announce_offer: "Offer {name}: {payment}, {count} installments",
    print: "Print agreement",
    ss_title: "Your repayment plan",
    ss_intro: "Choose a plan within what your creditor offers. Nothing is agreed until you confirm.",
    ss_loading: "Checking the offer…",
    ss_owed_title: "What you owe and why",
    ss_relief: "Relief offered",
    ss_choose_title: "Choose a plan",
    ss_choice_settlement: "Pay {amount} once",
    ss_choice_installments: "{min} to {max} monthly payments",
    ss_count_label: "Number of payments",
    ss_fewer: "Fewer payments",
    ss_more: "More payments",
    ss_down_label: "Paid now (at least {minimum})",
    ss_date_label: "First payment date",
    ss_pay_date_label: "Payment date",
    ss_cost_installments: "You pay {first} now, then {payment} {count} times, from {from} to {to}: {total} in all. The annualized cost is {rate} %.",
    ss_cost_single: "You pay {total} on {date}.",
    ss_confirm: "Confirm this plan",
    ss_confirmed: "Agreed. Your agreement {id} has been downloaded; keep it.",
    ss_expires: "This offer is valid until {at} (UTC).",
    link_no_offer: "This link holds no offer. Ask your creditor for a new link.",
    link_truncated: "This link is cut short or damaged. Open the whole link from your message.",
    link_too_long: "This link is far longer than any offer we send. Open the link from your message, or ask us for a new one.",
    link_unusable: "This offer was made with an error and cannot be used. Please ask us for a new link.",
    link_unknown_version: "This link was made by a newer version of the calculator; ask your creditor for a new link.",
    link_unknown_key: "This link was not signed by a key this site knows. Do not use it; contact your creditor.",
    link_bad_signature: "This link was changed after it was signed. Do not use it; contact your creditor.",
    link_expired: "This offer expired on {at} (UTC). Ask your creditor for a new one.",
    link_no_keys: "The site's keys could not be loaded; try again later.",
    bound_count: "Choose from {min} to {max} payments.",
    bound_date: "Choose a date from {from} to {to}.",
    bound_down: "Pay at least {minimum} now.",
    bound_offer: "This offer cannot be computed; contact your creditor.",
    agent_id_label: "Agent ID",
    download_agreement: "Download agreement (JSON)",
    copy_agreement: "Copy agreement JSON",
    copied: "Agreement JSON copied.",
    copy_failed: "Could not copy here; use Download instead.",
    open_agreement: "Open agreement (JSON)",
    save_negotiation: "Save negotiation (JSON)",
    open_negotiation: "Open negotiation (JSON)",
    open_negotiation_confirm: "Replace the open workspace with this negotiation?",
    negotiation_opened: "Negotiation opened.",
    records_title: "Agreement and records",
    agreement_needs_agreed: "Agree to an offer to print or export its agreement.",
    imported_title: "Agreement (read-only)",
    opened_schedule_label: "Schedule recomputed from the agreement's terms (scrolls)",
    verified: "Verified: the hash and every figure match the terms.",
    not_verified: "Not verified: {count} figure(s) differ from the terms or the hash.",
    col_field: "Field",
    col_recorded: "In the file",
    col_recomputed: "Recomputed",
    agreement_id_label: "Agreement ID",
    created_label: "Created",
    channel_label: "Channel",
    channel_agent: "Agent",
    channel_self_service: "Self-service",
    channel_embedded: "Embedded",
    import_too_large: "The file is {bytes} bytes; at most {max} are read.",
    import_truncated: "The file ends too early; it may be truncated.",
    import_not_json: "This is not a JSON file (line {line}, column {column}).",
    import_duplicate_key: "The key “{key}” appears twice in one object.",
    import_not_agreement: "This file is not an Accord agreement.",
    import_not_negotiation: "This file is not a negotiation saved by Accord.",
    import_unknown_version: "Version {found} is not supported; this app reads version {supported}.",
    import_number: "An amount is a JSON number; amounts must be decimal strings such as \"1234.50\" (line {line}, column {column}).",
    import_unknown_field: "Unknown field “{field}” (line {line}, column {column}).",
    import_not_utc: "“{field}” is not a UTC time such as 2025-01-15T10:05:00Z.",
    import_invalid: "The file does not match the format (line {line}, column {column}): {detail}",
    import_failed_prefix: "Nothing was opened and the workspace is unchanged.",
    event_shown: "shown",
    mark_shown: "Mark shown",
    print_open_hint: "Agree to an offer to print its agreement.",
    print_now: "Print",
    close: "Close",
    agreement_title_installments: "Personalized installment repayment agreement",
    agreement_title_other: "Repayment agreement",
    agreement_basis: "This agreement states at least the items that Article 70 of the Measures for the Supervision and Administration of the Credit Card Business of Commercial Banks (CBRC, 2011) requires.",
    art70_balance: "1. Balance owed, its make-up and currency",
    art70_repayment: "2. Repayment period, method, currency, dates and amount of each payment",
    art70_charges: "3. Annual fee, interest and other charges during repayment",
    art70_undertaking: "4. The cardholder's undertaking",
    art70_obligations: "5. Rights, obligations and liability for breach",
    art70_other: "6. Other matters of repayment",
    col_owed: "Owed",
    col_waived: "Waived",
    col_conditional: "of which conditional",
    col_due: "Due",
    total_row: "Total",
    upfront_line: "Paid on {date}: {amount} (partial payment {partial}, down payment {down}).",
    settlement_line: "One payment of {amount} on {date}.",
    charges_text: "Interest during repayment: {interest} in total; fees: {fees} in total; annualized cost {rate} % (nominal). No annual fee and no charge other than the payments in the schedule above is due under this agreement.",
    undertaking_text: "Until every amount under this agreement is paid, the cardholder will not apply to any bank for a credit card.",
    obligations_text: "The cardholder pays each amount in full by its date. While the cardholder keeps to this agreement, the card issuer and its collection agents stop collecting this debt. If a payment is missed, the issuer may end this agreement: the conditional waivers ({conditional}) are then reinstated and the unpaid balance is due under the card agreement.",
    rounding_text: "Amounts are in {currency}, rounded half away from zero to the minor unit; payments go first to fees, then penalty interest, interest and principal.",
    agreed_at_label: "Agreed at",
    signature_cardholder: "Cardholder (signature and date)",
    signature_issuer: "Card issuer (seal and date)",
    checks_passed: "{count} policy checks passed",
    schedule_table_label: "Schedule table (scrolls)",
    rule_name_max_term: "Longest term (months)",
    rule_name_max_installments: "Most installments",
    rule_name_min_installment: "Smallest installment",
    rule_name_min_down_payment: "Least paid up front (%)",
    rule_name_max_waiver: "Most waived: {bucket} (%)",
    rule_name_min_settlement: "Least settlement (% of claim)",
    rule_name_rate_cap: "Rate cap (× one-year LPR)",
    rule_name_max_extension: "Longest extension (days)",
    rule_name_payment_share: "Largest share of disposable income (%)",
};

static ZH_CN: Texts = Texts {
    product: "Accord 协商还款",
    tagline: "双方都能履行的还款计划",
    language_label: "语言",
    language_name: "简体中文",
    crash_title: "出错了",
    crash_body: "Accord 遇到意外错误，已停止运行。您的草稿保存在本浏览器中。请刷新页面继续。",
    crash_reload: "刷新",
    quick_plan_title: "快速分期试算",
    quick_plan_hint: "等额本息按月还款，首期为今天起一个月后。",
    amount_label: "分期金额",
    rate_label: "年化利率（%）",
    count_label: "分期期数（月）",
    payment_label: "每期还款",
    total_interest_label: "利息合计",
    total_paid_label: "还款合计",
    nominal_rate_label: "名义年化利率（单利）",
    effective_rate_label: "实际年化利率（复利）",
    stale_note: "输入有误，暂时显示上一次有效的结果。",
    error_empty: "请输入数值。",
    error_not_a_number: "请输入数字，例如 1,234.56。",
    error_too_many_decimals: "小数点后最多 {max} 位。",
    error_negative: "请输入零或正数。",
    error_too_large: "最多为 {max}。",
    error_unknown_currency: "请选择支持的币种。",
    error_date: "请按 YYYY-MM-DD 输入日期。",
    error_whole_number: "请输入 {min} 到 {max} 之间的整数。",
    error_amount_or_percent: "请填写金额或比例，二选一。",
    error_count_or_target: "请填写期数或目标月供，二选一。",
    error_exceeds_bucket: "超过该项欠款（{available}）。",
    error_percent_above_100: "比例最多为 100%。",
    error_exceeds_due: "超过应还金额（{due}）。",
    error_nothing_to_finance: "已无剩余金额可分期。",
    error_not_after_as_of: "日期须晚于账户日期。",
    error_round_up_step: "只能取整到 1、10 或 100。",
    error_never_covers_interest: "该还款额不足以覆盖利息，须大于 {minimum}。",
    error_target_not_reachable: "即使分 {max} 期，月供也无法降到该金额。",
    error_target_not_applicable: "先息后本方案须填写期数。",
    error_negative_amortization: "第 {number} 期还款不足以覆盖当期利息。",
    error_date_out_of_range: "还款日期超出日历范围。",
    error_overflow: "数值过大，无法计算。",
    error_policy: "政策配置无效：{reason}",
    error_allocation_order: "每个款项最多列出一次，且至少列出一个。",
    workspace_title: "协商工作台",
    account_title: "账户",
    currency_label: "币种",
    as_of_label: "账户日期",
    days_past_due_label: "逾期天数",
    reference_label: "账户编号",
    principal_label: "本金",
    interest_label: "利息",
    penalty_label: "罚息",
    fees_label: "费用",
    contract_rate_label: "合同年利率（%）",
    contract_date_label: "合同日期",
    discount_rate_label: "债权人折现率（%）",
    claim_total_label: "欠款合计",
    new_account: "新账户",
    new_account_confirm: "清空当前账户及全部方案？",
    offers_title: "还款方案",
    offer_label: "方案",
    kind_label: "方案类型",
    kind_settlement: "一次性结清",
    kind_extension: "展期",
    kind_installments: "分期",
    partial_payment_label: "当前部分还款",
    waivers_label: "减免",
    waiver_unit_label: "单位",
    waiver_unit_percent: "%",
    waiver_unit_amount: "金额",
    waiver_conditional: "附条件",
    pay_by_label: "结清日期",
    extension_length_label: "展期时长",
    extension_unit_label: "单位",
    unit_days: "天",
    unit_months: "个月",
    extension_fee_label: "展期费用",
    extension_interest_label: "展期利息",
    interest_contract: "按合同利率",
    interest_reduced: "优惠利率",
    interest_frozen: "停息",
    reduced_rate_label: "优惠年利率（%）",
    down_payment_label: "首付",
    use_target_label: "按目标月供反算期数",
    installment_count_label: "期数",
    target_payment_label: "目标每期还款",
    frequency_label: "还款频率",
    weekly: "每周",
    biweekly: "每两周",
    semimonthly: "每半月",
    monthly: "每月",
    method_label: "还款方式",
    equal_installment: "等额本息",
    equal_principal: "等额本金",
    interest_only: "先息后本",
    step_up: "阶梯递增",
    step_up_label: "每年递增（%）",
    plan_rate_label: "方案年利率（%）",
    first_due_label: "首期还款日",
    day_count_label: "计息基准",
    periodic: "按期（年利率÷期数）",
    act365: "实际天数/365",
    act360: "实际天数/360",
    thirty360: "30/360",
    round_up_label: "每期金额向上取整",
    round_none: "不取整",
    payment_per_period_label: "每期还款",
    count_figure_label: "期数",
    first_date_label: "首期日期",
    last_date_label: "末期日期",
    total_waived_label: "减免合计",
    recovery_label: "回收率",
    present_value_label: "回收现值",
    best_for_creditor: "债权人最优",
    most_affordable: "债务人最易负担",
    agreed_badge: "已达成",
    duplicate: "复制",
    remove: "删除",
    show_schedule: "查看还款计划",
    propose: "提出",
    reject: "被拒绝",
    agree: "达成一致",
    fit_payment: "按负担能力调整期数",
    fit_waiver: "以减免适配负担能力",
    fit_waiver_failed: "在政策允许的减免范围内，仍无法使还款额在可负担范围内。",
    fit_needs_budget: "请先在“还款能力”中填写债务人的收入。",
    fit_failed: "在政策范围内没有可负担的期数。",
    findings_label: "政策检查",
    outcome_pass: "通过",
    outcome_warn: "提示",
    outcome_approval: "需审批",
    outcome_block: "禁止",
    rule_max_term: "期限 {actual} 个月；上限 {limit}",
    rule_max_installments: "{actual} 期；上限 {limit}",
    rule_min_installment: "最小每期还款 {actual}；下限 {limit}",
    rule_min_down_payment: "首付比例 {actual}%；下限 {limit}%",
    rule_max_waiver: "{bucket}减免 {actual}%；上限 {limit}%",
    rule_min_settlement: "结清金额占欠款 {actual}%；下限 {limit}%",
    rule_rate_cap: "年化利率 {actual}%；上限 {limit}%（4 倍 LPR）",
    rule_max_extension: "展期 {actual} 天；上限 {limit} 天",
    rule_payment_share: "还款占可支配收入 {actual}%；上限 {limit}%",
    schedule_title: "还款计划",
    col_number: "期次",
    col_date: "日期",
    col_payment: "还款额",
    col_principal: "本金",
    col_interest: "利息",
    col_fees: "费用",
    col_balance: "剩余本金",
    download_csv: "下载 CSV",
    chart_title: "剩余本金变化",
    chart_desc: "剩余本金从 {first} 的 {start} 经 {count} 期降至 {last} 的零。",
    no_schedule: "暂无还款计划：请修正方案输入。",
    affordability_title: "还款能力",
    income_label: "月收入",
    expenses_label: "必要支出",
    other_debts_label: "其他债务月供",
    disposable_label: "可支配收入",
    max_installment_label: "可负担的最高月供",
    policy_title: "政策",
    policy_rule_col: "规则",
    policy_limit_col: "限额",
    policy_severity_col: "超出时",
    load_policy: "导入政策（JSON）",
    reset_policy: "恢复默认政策",
    policy_file_error: "该文件不是有效的政策：{reason}",
    log_title: "协商记录",
    log_empty: "尚未提出方案。",
    event_proposed: "已提出",
    event_changed: "已修改",
    event_rejected: "被拒绝",
    event_agreed: "已达成",
    announce_offer: "方案 {name}：每期 {payment}，共 {count} 期",
    print: "打印协议",
    ss_title: "您的还款方案",
    ss_intro: "请在债权人提供的范围内选择方案。确认之前不会达成任何协议。",
    ss_loading: "正在核验方案…",
    ss_owed_title: "欠款金额及构成",
    ss_relief: "提供的减免",
    ss_choose_title: "选择方案",
    ss_choice_settlement: "一次性支付 {amount}",
    ss_choice_installments: "按月分 {min} 至 {max} 期",
    ss_count_label: "期数",
    ss_fewer: "减少期数",
    ss_more: "增加期数",
    ss_down_label: "现在支付（至少 {minimum}）",
    ss_date_label: "首期还款日",
    ss_pay_date_label: "还款日",
    ss_cost_installments: "您现在支付 {first}，之后每期 {payment}，共 {count} 期，自 {from} 至 {to}，合计 {total}。年化成本为 {rate}%。",
    ss_cost_single: "您于 {date} 支付 {total}。",
    ss_confirm: "确认此方案",
    ss_confirmed: "已达成。协议 {id} 已下载，请妥善保存。",
    ss_expires: "本方案有效期至 {at}（UTC）。",
    link_no_offer: "此链接不包含方案，请向债权人索取新链接。",
    link_truncated: "此链接不完整或已损坏，请打开消息中的完整链接。",
    link_too_long: "此链接远超我们发送的任何报价链接的长度。请打开消息中的链接，或联系我们获取新链接。",
    link_unusable: "此报价生成有误，无法使用。请联系我们获取新链接。",
    link_unknown_version: "此链接由更新版本的计算器生成，请向债权人索取新链接。",
    link_unknown_key: "此链接并非由本站认可的密钥签署。请勿使用，并联系您的债权人。",
    link_bad_signature: "此链接在签署后被修改过。请勿使用，并联系您的债权人。",
    link_expired: "此方案已于 {at}（UTC）过期，请向债权人索取新方案。",
    link_no_keys: "无法加载本站密钥，请稍后再试。",
    bound_count: "请选择 {min} 至 {max} 期。",
    bound_date: "请选择 {from} 至 {to} 之间的日期。",
    bound_down: "现在至少支付 {minimum}。",
    bound_offer: "此方案无法计算，请联系您的债权人。",
    agent_id_label: "坐席工号",
    download_agreement: "下载协议（JSON）",
    copy_agreement: "复制协议 JSON",
    copied: "已复制协议 JSON。",
    copy_failed: "此处无法复制，请改用下载。",
    open_agreement: "打开协议（JSON）",
    save_negotiation: "保存协商（JSON）",
    open_negotiation: "打开协商（JSON）",
    open_negotiation_confirm: "用该协商替换当前工作区吗？",
    negotiation_opened: "已打开协商。",
    records_title: "协议与记录",
    agreement_needs_agreed: "达成方案后可打印或导出协议。",
    imported_title: "协议（只读）",
    opened_schedule_label: "按协议条款重新计算的还款计划（可滚动）",
    verified: "已验证：哈希与所有金额均与条款一致。",
    not_verified: "未通过验证：{count} 处与条款或哈希不一致。",
    col_field: "字段",
    col_recorded: "文件中",
    col_recomputed: "重新计算",
    agreement_id_label: "协议编号",
    created_label: "创建时间",
    channel_label: "渠道",
    channel_agent: "坐席",
    channel_self_service: "自助",
    channel_embedded: "嵌入",
    import_too_large: "文件大小为 {bytes} 字节，最多读取 {max} 字节。",
    import_truncated: "文件提前结束，可能不完整。",
    import_not_json: "这不是 JSON 文件（第 {line} 行，第 {column} 列）。",
    import_duplicate_key: "同一对象中键“{key}”出现了两次。",
    import_not_agreement: "该文件不是 Accord 协议。",
    import_not_negotiation: "该文件不是 Accord 保存的协商记录。",
    import_unknown_version: "不支持版本 {found}；本应用读取版本 {supported}。",
    import_number: "金额必须是十进制字符串（如 \"1234.50\"），不能是 JSON 数字（第 {line} 行，第 {column} 列）。",
    import_unknown_field: "未知字段“{field}”（第 {line} 行，第 {column} 列）。",
    import_not_utc: "“{field}”不是 UTC 时间（如 2025-01-15T10:05:00Z）。",
    import_invalid: "文件格式不符（第 {line} 行，第 {column} 列）：{detail}",
    import_failed_prefix: "未打开任何内容，当前工作区保持不变。",
    event_shown: "已展示",
    mark_shown: "标记已展示",
    print_open_hint: "达成方案后可打印协议。",
    print_now: "打印",
    close: "关闭",
    agreement_title_installments: "个性化分期还款协议",
    agreement_title_other: "还款协议",
    agreement_basis: "本协议至少载明《商业银行信用卡业务监督管理办法》（中国银监会，2011年）第七十条要求的事项。",
    art70_balance: "一、欠款余额、结构、币种",
    art70_repayment: "二、还款周期、方式、币种、日期和每期还款金额",
    art70_charges: "三、还款期间是否计收年费、利息和其他费用",
    art70_undertaking: "四、持卡人承诺",
    art70_obligations: "五、双方的权利义务和违约责任",
    art70_other: "六、与还款有关的其他事项",
    col_owed: "欠款",
    col_waived: "减免",
    col_conditional: "其中附条件减免",
    col_due: "应还",
    total_row: "合计",
    upfront_line: "{date} 支付：{amount}（部分还款 {partial}，首付 {down}）。",
    settlement_line: "于 {date} 一次性支付 {amount}。",
    charges_text: "还款期间计收利息合计 {interest}，费用合计 {fees}，年化成本 {rate}%（单利）。除上表所列还款外，本协议项下不计收年费及其他费用。",
    undertaking_text: "持卡人承诺：在本协议相关款项全部结清前，不向任何银行申领信用卡。",
    obligations_text: "持卡人应于每期还款日前足额还款。持卡人履行本协议期间，发卡银行及其发卡业务服务机构停止对持卡人的催收。持卡人未按期足额还款的，发卡银行可解除本协议，附条件减免的款项（{conditional}）予以恢复，未还余额按信用卡领用合约处理。",
    rounding_text: "金额币种为 {currency}，按四舍五入保留至最小货币单位；还款依次冲抵费用、罚息、利息和本金。",
    agreed_at_label: "达成时间",
    signature_cardholder: "持卡人（签字及日期）",
    signature_issuer: "发卡银行（盖章及日期）",
    checks_passed: "{count} 项政策检查通过",
    schedule_table_label: "还款计划表（可滚动）",
    rule_name_max_term: "最长期限（月）",
    rule_name_max_installments: "最多期数",
    rule_name_min_installment: "最低每期还款",
    rule_name_min_down_payment: "最低首付比例（%）",
    rule_name_max_waiver: "最高减免：{bucket}（%）",
    rule_name_min_settlement: "最低结清比例（%）",
    rule_name_rate_cap: "利率上限（一年期 LPR 倍数）",
    rule_name_max_extension: "最长展期（天）",
    rule_name_payment_share: "还款占可支配收入上限（%）",
};

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

/// The user-facing message for an input error, in `locale`.
pub fn input_error_message(error: &InputError, locale: Locale) -> String {
    let t = locale.texts();
    match error {
        InputError::Amount(amount) => match amount {
            AmountError::Empty => t.error_empty.into(),
            AmountError::NotANumber => t.error_not_a_number.into(),
            AmountError::TooManyDecimals { max } => fill(t.error_too_many_decimals, &[("max", &max.to_string())]),
            AmountError::Negative => t.error_negative.into(),
            AmountError::TooLarge { max } => fill(t.error_too_large, &[("max", &group_digits(max))]),
            AmountError::UnknownCurrency => t.error_unknown_currency.into(),
        },
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
    }
}

/// The name of a claim bucket.
pub fn bucket_name(bucket: Bucket, locale: Locale) -> &'static str {
    let t = locale.texts();
    match bucket {
        Bucket::Principal => t.principal_label,
        Bucket::Interest => t.interest_label,
        Bucket::Penalty => t.penalty_label,
        Bucket::Fees => t.fees_label,
    }
}

/// The name of an installment frequency.
pub fn frequency_name(frequency: Frequency, locale: Locale) -> &'static str {
    let t = locale.texts();
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
    let t = locale.texts();
    let at = |line: &usize, column: &usize| [("line", line.to_string()), ("column", column.to_string())];
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
        ImportError::NumberNotString { line, column } => filled(t.import_number, &at(line, column)),
        ImportError::UnknownField { field, line, column } => {
            let [l, c] = at(line, column);
            filled(t.import_unknown_field, &[("field", field.clone()), l, c])
        }
        ImportError::NotUtcTime { field } => filled(t.import_not_utc, &[("field", field.clone())]),
        ImportError::Invalid { detail, line, column } => {
            let [l, c] = at(line, column);
            filled(t.import_invalid, &[("detail", detail.clone()), l, c])
        }
    }
}

/// Why a self-service link shows no plan, in `locale`.
pub fn link_error_message(error: &LinkError, locale: Locale) -> String {
    let t = locale.texts();
    match error {
        LinkError::NoOffer => t.link_no_offer.into(),
        LinkError::Truncated => t.link_truncated.into(),
        LinkError::TooLong { .. } => t.link_too_long.into(),
        LinkError::Unusable { .. } => t.link_unusable.into(),
        LinkError::UnknownVersion { .. } => t.link_unknown_version.into(),
        LinkError::UnknownKey { .. } => t.link_unknown_key.into(),
        LinkError::BadSignature => t.link_bad_signature.into(),
        LinkError::Expired { expires_at } => fill(t.link_expired, &[("at", &expires_at.replace('T', " "))]),
    }
}

/// Why a debtor's choice is outside the offer, in `locale`.
pub fn bound_error_message(error: &BoundError, currency: Currency, locale: Locale) -> String {
    let t = locale.texts();
    match error {
        BoundError::Count { min, max } => fill(t.bound_count, &[("min", &min.to_string()), ("max", &max.to_string())]),
        BoundError::Date { from, to } => fill(t.bound_date, &[("from", from), ("to", to)]),
        BoundError::DownPayment { minimum } => {
            fill(t.bound_down, &[("minimum", &format_amount(minimum, currency, locale))])
        }
        BoundError::NoSuchChoice(_) | BoundError::Offer(_) => t.bound_offer.into(),
    }
}

/// The name of an agreement channel.
pub fn channel_name(channel: Channel, locale: Locale) -> &'static str {
    let t = locale.texts();
    match channel {
        Channel::Agent => t.channel_agent,
        Channel::SelfService => t.channel_self_service,
        Channel::Embedded => t.channel_embedded,
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
pub fn rule_name(rule: RuleKind, bucket: Option<Bucket>, locale: Locale) -> String {
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
    };
    fill(template, &[("bucket", bucket.map(|b| bucket_name(b, locale)).unwrap_or_default())])
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
pub fn finding_message(finding: &Finding, currency: Currency, locale: Locale) -> String {
    let t = locale.texts();
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
    };
    let bucket = finding.bucket.map(|b| bucket_name(b, locale)).unwrap_or_default();
    fill(template, &[("actual", &actual), ("limit", &limit), ("bucket", bucket)])
}

/// The message, in `locale`, of the first error whose field `matches`.
pub fn field_message(errors: &[FieldError], matches: impl Fn(FieldId) -> bool, locale: Locale) -> Option<String> {
    errors.iter().find(|e| matches(e.field)).map(|e| input_error_message(&e.error, locale))
}

/// Inserts thousands separators into a plain decimal string ("-1234567.50" →
/// "-1,234,567.50"). The digits are never parsed, so nothing is lost.
pub fn group_digits(decimal: &str) -> String {
    let (sign, unsigned) = match decimal.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", decimal),
    };
    let (int_part, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The symbol shown before an amount of `currency` in `locale`.
pub fn currency_symbol(currency: Currency, locale: Locale) -> &'static str {
    match (currency, locale) {
        (Currency::CNY, Locale::ZhCn) => "¥",
        (Currency::CNY, Locale::En) => "CN¥",
        (Currency::USD, Locale::ZhCn) => "US$",
        (Currency::USD, Locale::En) => "$",
        (Currency::EUR, _) => "€",
        (Currency::GBP, _) => "£",
        (Currency::HKD, _) => "HK$",
        (Currency::JPY, Locale::ZhCn) => "JP¥",
        (Currency::JPY, Locale::En) => "¥",
        (Currency::KRW, _) => "₩",
        (Currency::KWD, _) => "KWD ",
        (Currency::BHD, _) => "BHD ",
    }
}

/// An amount as shown: symbol and grouped digits, from the exact decimal string.
pub fn format_amount(decimal: &str, currency: Currency, locale: Locale) -> String {
    let grouped = group_digits(decimal);
    let symbol = currency_symbol(currency, locale);
    match grouped.strip_prefix('-') {
        Some(rest) => format!("-{symbol}{rest}"),
        None => format!("{symbol}{grouped}"),
    }
}

/// A percentage as shown, digits grouped like amounts ("12.80%", "7,218.00%").
pub fn format_percent(decimal: &str) -> String {
    format!("{}%", group_digits(decimal))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_the_browser_language() {
        assert_eq!(Locale::negotiate(["zh-CN", "en"]), Locale::ZhCn);
        assert_eq!(Locale::negotiate(["zh-TW"]), Locale::ZhCn);
        assert_eq!(Locale::negotiate(["fr-FR", "en-GB"]), Locale::En);
        assert_eq!(Locale::negotiate(["fr-FR"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
    }

    #[test]
    fn groups_digits_without_touching_them() {
        assert_eq!(format_percent("7218.00"), "7,218.00%");
        assert_eq!(format_percent("12.80"), "12.80%");
        assert_eq!(group_digits("1234567.50"), "1,234,567.50");
        assert_eq!(group_digits("-1234.5"), "-1,234.5");
        assert_eq!(group_digits("999"), "999");
        assert_eq!(group_digits("123456789012345.678"), "123,456,789,012,345.678");
    }

    #[test]
    fn formats_amounts_per_locale() {
        assert_eq!(format_amount("3226.25", Currency::CNY, Locale::ZhCn), "¥3,226.25");
        assert_eq!(format_amount("3226.25", Currency::CNY, Locale::En), "CN¥3,226.25");
        assert_eq!(format_amount("-5", Currency::JPY, Locale::En), "-¥5");
    }

    #[test]
    fn findings_read_as_sentences() {
        use rust_decimal_macros::dec;
        let finding = Finding {
            rule: RuleKind::MaxTermMonths,
            bucket: None,
            limit: dec!(60),
            actual: dec!(61),
            outcome: Outcome::Block,
        };
        assert_eq!(finding_message(&finding, Currency::CNY, Locale::En), "Term 61 months; at most 60");
        let waiver = Finding {
            rule: RuleKind::MaxWaiverPercent,
            bucket: Some(Bucket::Principal),
            limit: dec!(0),
            actual: dec!(12.50),
            outcome: Outcome::NeedsApproval,
        };
        assert_eq!(finding_message(&waiver, Currency::CNY, Locale::ZhCn), "本金减免 12.5%；上限 0%");
    }

    #[test]
    fn every_message_fills_its_placeholders() {
        let errors = [
            InputError::Amount(AmountError::TooManyDecimals { max: 2 }),
            InputError::Amount(AmountError::TooLarge { max: "1000000000000".into() }),
            InputError::WholeNumber { min: 1, max: 1200 },
            InputError::ExceedsBucket { available: "150.00".into() },
            InputError::NeverCoversInterest { minimum: "832.50".into() },
            InputError::TargetNotReachable { max: 60 },
            InputError::NegativeAmortization { number: 3 },
            InputError::Policy { reason: "x".into() },
        ];
        for locale in Locale::ALL {
            for error in &errors {
                let message = input_error_message(error, locale);
                assert!(!message.contains('{'), "{message}");
            }
        }
        assert_eq!(
            input_error_message(&InputError::NeverCoversInterest { minimum: "1832.50".into() }, Locale::En),
            "This payment never covers the interest; it must be more than 1,832.50."
        );
    }

    #[test]
    fn every_file_error_is_worded_in_both_languages() {
        let errors = [
            ImportError::TooLarge { bytes: 10_485_760, max: 2_097_152 },
            ImportError::Truncated,
            ImportError::NotJson { line: 1, column: 2 },
            ImportError::DuplicateKey { key: "offer".into() },
            ImportError::NotAnAgreement,
            ImportError::NotANegotiation,
            ImportError::UnknownVersion { found: "2".into() },
            ImportError::NumberNotString { line: 3, column: 4 },
            ImportError::UnknownField { field: "bonus".into(), line: 5, column: 6 },
            ImportError::NotUtcTime { field: "createdAt".into() },
            ImportError::Invalid { detail: "invalid type".into(), line: 7, column: 8 },
        ];
        for locale in Locale::ALL {
            for error in &errors {
                let message = import_error_message(error, locale);
                assert!(!message.contains('{') && message.len() > 10, "{message}");
            }
        }
        assert_eq!(
            import_error_message(&errors[0], Locale::En),
            "The file is 10,485,760 bytes; at most 2,097,152 are read."
        );
        assert_eq!(import_error_message(&errors[8], Locale::ZhCn), "未知字段“bonus”（第 5 行，第 6 列）。");
    }
}
