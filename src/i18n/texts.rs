//! The strings of the app, one field each: a string missing in one language is a compile
//! error, not a blank on screen. Four tables, one per bundle's own words and one shared
//! (see the module above: a table a bundle never names is not in its download); inside
//! each, grouped by screen in the order the screens show them.

/// Every visible string of the app: the workspace's own here, and through `Deref` the
/// [`Shared`] ones.
#[derive(Debug)]
pub struct Texts {
    // Messages beside fields
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
    pub error_contract_date_needed: &'static str,
    pub error_only_installments_move: &'static str,
    pub error_no_such_installment: &'static str,
    pub error_not_a_due_date: &'static str,

    // Workspace: account
    pub account_title: &'static str,
    pub currency_label: &'static str,
    pub as_of_label: &'static str,
    pub days_past_due_label: &'static str,
    pub reference_label: &'static str,
    pub agent_id_label: &'static str,
    pub contract_rate_label: &'static str,
    pub contract_date_label: &'static str,
    pub discount_rate_label: &'static str,
    pub claim_total_label: &'static str,
    pub new_account: &'static str,
    pub clear_account: &'static str,
    pub new_account_confirm: &'static str,

    // Workspace: offer terms
    pub offers_title: &'static str,
    pub offer_label: &'static str,
    pub kind_label: &'static str,
    pub kind_settlement: &'static str,
    pub kind_extension: &'static str,
    pub kind_installments: &'static str,
    pub partial_payment_label: &'static str,
    pub waivers_label: &'static str,
    /// The disclosure of an offer's waivers and seldom-changed terms.
    pub more_terms: &'static str,
    /// Beside [`Texts::more_terms`]: how many of them are set (`{count}`).
    pub more_terms_set: &'static str,
    /// Opens a folded offer's editor (an embedded workspace shows one at a time); `{name}`.
    pub edit_offer: &'static str,
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

    // Workspace: offer figures, marks, actions and findings
    pub payment_per_period_label: &'static str,
    pub count_figure_label: &'static str,
    pub first_date_label: &'static str,
    pub last_date_label: &'static str,
    pub total_paid_label: &'static str,
    pub total_waived_label: &'static str,
    pub recovery_label: &'static str,
    pub present_value_label: &'static str,
    pub nominal_rate_label: &'static str,
    pub effective_rate_label: &'static str,
    pub share_of_income_label: &'static str,
    pub best_cell: &'static str,
    pub compare_title: &'static str,
    /// What a broken plan reinstates (the conditional waivers).
    pub reinstated_label: &'static str,
    pub stale_note: &'static str,
    pub best_for_creditor: &'static str,
    pub most_affordable: &'static str,
    pub agreed_badge: &'static str,
    pub duplicate: &'static str,
    pub remove: &'static str,
    pub show_schedule: &'static str,
    pub mark_shown: &'static str,
    pub propose: &'static str,
    pub reject: &'static str,
    pub agree: &'static str,
    /// Why Agree is off: a blocking finding (`{reason}`).
    pub agree_blocked: &'static str,
    /// Why Agree is off: findings need a supervisor's approval.
    pub approval_needed: &'static str,
    pub approval_label: &'static str,
    pub approval_request: &'static str,
    /// A valid approval: `{approver}`, `{at}`, `{reason}`.
    pub approval_valid: &'static str,
    pub approval_malformed: &'static str,
    pub approval_unknown_key: &'static str,
    pub approval_bad_signature: &'static str,
    pub approval_other_terms: &'static str,
    /// `{finding}` is the finding's rule name.
    pub approval_uncovered: &'static str,
    pub approval_no_keys: &'static str,
    pub fit_payment: &'static str,
    pub fit_waiver: &'static str,
    pub fit_waiver_failed: &'static str,
    pub fit_needs_budget: &'static str,
    pub fit_failed: &'static str,
    pub findings_label: &'static str,
    pub checks_passed: &'static str,
    pub outcome_pass: &'static str,
    pub outcome_warn: &'static str,
    pub outcome_approval: &'static str,
    pub outcome_block: &'static str,
    pub announce_offer: &'static str,
    pub announce_agreed: &'static str,
    pub agree_needs_reference: &'static str,
    pub agree_needs_plan: &'static str,

    // Workspace: schedule
    pub schedule_title: &'static str,
    pub download_csv: &'static str,
    pub chart_title: &'static str,
    pub chart_desc: &'static str,
    pub no_schedule: &'static str,

    // Workspace: affordability
    pub affordability_title: &'static str,
    pub income_label: &'static str,
    pub expenses_label: &'static str,
    pub other_debts_label: &'static str,
    pub disposable_label: &'static str,
    pub max_installment_label: &'static str,

    // Workspace: policy
    pub policy_title: &'static str,
    pub policy_rule_col: &'static str,
    pub policy_limit_col: &'static str,
    pub policy_severity_col: &'static str,
    pub load_policy: &'static str,
    pub reset_policy: &'static str,
    pub policy_file_error: &'static str,
    pub policy_profile_label: &'static str,
    pub profile_cn_bank_card: &'static str,
    pub profile_cn_private_lending: &'static str,
    pub profile_generic: &'static str,
    pub house_rule: &'static str,
    /// `{key}`: the creditor's key id.
    pub policy_signed: &'static str,
    pub policy_unsigned: &'static str,
    pub policy_bad_signature: &'static str,
    /// `{from}`: the profile's limit.
    pub policy_overridden: &'static str,
    /// A deployment profile left out: `{name}`, `{reason}`.
    pub profile_refused: &'static str,
    pub rule_name_max_term: &'static str,
    pub rule_name_max_installments: &'static str,
    pub rule_name_min_installment: &'static str,
    pub rule_name_min_down_payment: &'static str,
    pub rule_name_max_waiver: &'static str,
    pub rule_name_min_settlement: &'static str,
    pub rule_name_rate_cap: &'static str,
    pub rule_name_max_extension: &'static str,
    pub rule_name_payment_share: &'static str,
    pub rule_name_annualized: &'static str,

    // Workspace: negotiation log
    pub log_title: &'static str,
    pub log_empty: &'static str,
    pub event_shown: &'static str,
    pub event_proposed: &'static str,
    pub event_changed: &'static str,
    pub event_rejected: &'static str,
    pub event_agreed: &'static str,

    // Workspace: agreement and records
    pub records_title: &'static str,
    pub agreement_needs_agreed: &'static str,
    pub print: &'static str,
    pub download_agreement: &'static str,
    pub send_records: &'static str,
    pub sent_sending: &'static str,
    pub sent_queued: &'static str,
    pub sent_received: &'static str,
    pub sent_refused: &'static str,
    pub copy_agreement: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub open_agreement: &'static str,
    pub save_negotiation: &'static str,
    pub open_negotiation: &'static str,
    pub open_negotiation_confirm: &'static str,
    pub negotiation_opened: &'static str,
    /// The tab's storage refused the agreement handed to the follow-up page.
    pub agreement_not_kept: &'static str,
    /// A renegotiation's account: `{id}` of the agreement it replaces.
    pub renegotiates: &'static str,

    // Files that cannot be opened
    pub import_failed_prefix: &'static str,

    // The printed agreement
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
    pub plain_charges: &'static str,
    pub plain_obligations: &'static str,
    pub plain_other: &'static str,
    pub col_waived: &'static str,
    pub col_conditional: &'static str,
    pub upfront_line: &'static str,
    pub settlement_line: &'static str,
    pub charges_text: &'static str,
    pub charges_interest_free: &'static str,
    pub undertaking_text: &'static str,
    pub obligations_text: &'static str,
    pub plain_obligations_text: &'static str,
    pub rounding_text: &'static str,
    pub agreed_at_label: &'static str,
    pub signature_cardholder: &'static str,
    pub signature_issuer: &'static str,
    pub signature_debtor: &'static str,
    pub signature_creditor: &'static str,
    /// The strings every bundle uses.
    pub shared: &'static Shared,
}

/// The strings every bundle uses, the debtor's page's among them: a table of its own, so
/// the debtor's page links these and none of the workspace's words.
#[derive(Debug)]
pub struct Shared {
    // The page: header, language, crash
    pub product: &'static str,
    pub tagline: &'static str,
    pub language_label: &'static str,
    pub language_name: &'static str,
    // The page: header, language, crash
    pub crash_title: &'static str,
    pub crash_body: &'static str,
    pub crash_reload: &'static str,
    // An amount's errors (the workspace's fields and the debtor's down payment)
    pub error_empty: &'static str,
    pub error_not_a_number: &'static str,
    pub error_too_many_decimals: &'static str,
    pub error_negative: &'static str,
    pub error_too_large: &'static str,
    pub error_unknown_currency: &'static str,
    pub principal_label: &'static str,
    pub interest_label: &'static str,
    /// The penalty bucket for loans and other products (罚息).
    pub penalty_label: &'static str,
    /// The penalty bucket of a bank card (违约金: cards charge no 罚息, and 滞纳金 ended in 2017).
    pub penalty_card_label: &'static str,
    pub fees_label: &'static str,
    pub weekly: &'static str,
    pub biweekly: &'static str,
    pub semimonthly: &'static str,
    pub monthly: &'static str,
    /// One bucket of what is reinstated: `{bucket}` and `{amount}`.
    pub reinstated_item: &'static str,
    pub rule_max_term: &'static str,
    pub rule_max_installments: &'static str,
    pub rule_min_installment: &'static str,
    pub rule_min_down_payment: &'static str,
    pub rule_max_waiver: &'static str,
    pub rule_min_settlement: &'static str,
    pub rule_rate_cap: &'static str,
    pub rule_max_extension: &'static str,
    pub rule_payment_share: &'static str,
    pub rule_annualized: &'static str,
    pub rule_annualized_over: &'static str,
    /// Appended to a finding an agent's override relaxed: `{from}` is the profile's limit.
    pub finding_overridden: &'static str,
    pub schedule_table_label: &'static str,
    pub col_number: &'static str,
    pub col_date: &'static str,
    pub col_payment: &'static str,
    pub col_principal: &'static str,
    pub col_interest: &'static str,
    pub col_fees: &'static str,
    /// The fees column when the rows also repay the interest-free part: `{penalty}` named.
    pub col_charges: &'static str,
    pub col_balance: &'static str,
    pub col_owed: &'static str,
    pub col_due: &'static str,
    pub total_row: &'static str,
    /// Joins the names of a list (the allocation order).
    pub list_separator: &'static str,
    // The debtor's page
    pub ss_already_accepted: &'static str,
}

/// The debtor's page's own strings, and through `Deref` the [`Shared`] ones: the workspace
/// links none of these.
#[derive(Debug)]
pub struct DebtorTexts {
    // The debtor's page
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
    /// What comes back if the debtor misses payments: `{items}`.
    pub ss_reinstated: &'static str,
    pub ss_confirm: &'static str,
    /// Why Confirm is off: `{reason}`.
    pub ss_blocked: &'static str,
    pub ss_amounts_in: &'static str,
    pub ss_from: &'static str,
    pub ss_contact_phone: &'static str,
    pub ss_account_ending: &'static str,
    pub ss_choice_each: &'static str,
    pub ss_choice_now: &'static str,
    pub ss_choice_total: &'static str,
    pub ss_choice_saving: &'static str,
    pub ss_schedule_details: &'static str,
    pub ss_confirmed: &'static str,
    /// The consent line the debtor ticks; recorded in the agreement as shown.
    pub ss_consent: &'static str,
    pub ss_sending: &'static str,
    pub ss_queued: &'static str,
    pub ss_received: &'static str,
    pub ss_refused: &'static str,
    pub ss_calendar: &'static str,
    pub ss_print: &'static str,
    pub ss_download: &'static str,
    pub ss_event_summary: &'static str,
    pub ss_event_description: &'static str,
    pub ss_expires: &'static str,

    // Links that show no plan, choices outside the offer
    pub link_no_offer: &'static str,
    pub link_truncated: &'static str,
    pub link_too_long: &'static str,
    pub link_unusable: &'static str,
    pub link_unknown_version: &'static str,
    pub link_unknown_key: &'static str,
    pub link_bad_signature: &'static str,
    pub link_not_served: &'static str,
    pub link_expired: &'static str,
    pub link_no_keys: &'static str,
    pub bound_count: &'static str,
    pub bound_date: &'static str,
    pub bound_down: &'static str,
    pub bound_offer: &'static str,
    /// The strings every bundle uses.
    pub shared: &'static Shared,
}

/// The follow-up page's own strings (servicing.html: an agreement's payments and status),
/// and through `Deref` the [`Shared`] ones.
#[derive(Debug)]
pub struct ServicingTexts {
    pub sv_title: &'static str,
    pub sv_intro: &'static str,
    pub sv_back: &'static str,
    pub sv_open: &'static str,
    pub sv_none: &'static str,
    /// `{count}` rows of the plan, `{total}` scheduled in all, from `{first}` to `{last}`.
    pub sv_plan_line: &'static str,
    pub sv_verified: &'static str,
    /// `{count}` differences (listed below it).
    pub sv_not_verified: &'static str,
    /// `{id}`: the agreement this one replaces.
    pub sv_supersedes: &'static str,
    pub sv_col_field: &'static str,
    pub sv_col_recorded: &'static str,
    pub sv_col_recomputed: &'static str,
    pub sv_id_label: &'static str,
    pub sv_created_label: &'static str,
    pub sv_channel_label: &'static str,
    pub sv_channel_agent: &'static str,
    pub sv_channel_self_service: &'static str,
    pub sv_channel_embedded: &'static str,
    pub sv_schedule_label: &'static str,
    pub sv_reference_label: &'static str,
    pub sv_offer_label: &'static str,
    pub sv_claim_total_label: &'static str,
    pub sv_payment_label: &'static str,
    pub sv_count_label: &'static str,
    pub sv_total_paid_label: &'static str,
    /// After the reason a file could not be opened.
    pub sv_open_failed: &'static str,
    pub sv_payments_title: &'static str,
    pub sv_payments_label: &'static str,
    pub sv_payments_file: &'static str,
    pub sv_as_of_label: &'static str,
    pub sv_rule_title: &'static str,
    pub sv_grace_label: &'static str,
    pub sv_days_late_label: &'static str,
    pub sv_missed_label: &'static str,
    pub sv_rule_house: &'static str,
    /// `{profile}`: the name of the agreement's policy profile, whose rule the fields hold.
    pub sv_rule_profile: &'static str,
    pub sv_status_title: &'static str,
    pub sv_waiting: &'static str,
    pub sv_kept: &'static str,
    pub sv_completed: &'static str,
    /// `{arrears}` past due for `{days}` days.
    pub sv_late: &'static str,
    /// `{date}`, `{number}`, `{limit}` days.
    pub sv_broken_days: &'static str,
    /// `{date}`, `{limit}` in a row, the last `{number}`.
    pub sv_broken_missed: &'static str,
    /// `{amount}`, `{date}`, `{number}`.
    pub sv_next_due: &'static str,
    pub sv_received: &'static str,
    pub sv_applied: &'static str,
    pub sv_outstanding: &'static str,
    pub sv_arrears: &'static str,
    pub sv_days_past_due: &'static str,
    pub sv_paid_ahead: &'static str,
    pub sv_overpaid: &'static str,
    /// `{count}` payments dated after the status date.
    pub sv_payments_after: &'static str,
    /// `{items}`: each bucket and amount.
    pub sv_reinstated: &'static str,
    /// `{items}`: each bucket and amount waived on condition, while the plan stands.
    pub sv_relief_standing: &'static str,
    /// `{date}`: the status date.
    pub sv_new_claim_title: &'static str,
    /// `{date}`: the status date.
    pub sv_owed_title: &'static str,
    pub sv_timeline_label: &'static str,
    pub sv_upfront: &'static str,
    pub sv_col_amount: &'static str,
    pub sv_col_paid: &'static str,
    pub sv_col_state: &'static str,
    pub sv_state_paid: &'static str,
    /// `{days}` days after the due date.
    pub sv_state_paid_late: &'static str,
    /// `{days}` days past due.
    pub sv_state_partly: &'static str,
    /// `{days}` days past due.
    pub sv_state_missed: &'static str,
    pub sv_state_not_due: &'static str,
    pub sv_renegotiate: &'static str,
    pub sv_renegotiate_hint: &'static str,
    pub sv_reage: &'static str,
    pub sv_reage_hint: &'static str,
    pub sv_reage_broken: &'static str,
    pub sv_reage_nothing: &'static str,
    pub sv_reage_not_installments: &'static str,
    pub sv_reage_approval: &'static str,
    pub sv_reage_confirm: &'static str,
    pub sv_reaged: &'static str,
    pub sv_moves_label: &'static str,
    pub sv_replace_confirm: &'static str,
    pub sv_date_error: &'static str,
    /// `{max}`: the largest allowed.
    pub sv_rule_error: &'static str,
    /// `{errors}`: each row's problem.
    pub sv_payments_error: &'static str,
    /// `{row}`, `{field}`, `{problem}`.
    pub sv_row_field: &'static str,
    /// `{row}`, `{problem}`.
    pub sv_row: &'static str,
    pub sv_field_date: &'static str,
    pub sv_field_amount: &'static str,
    pub sv_field_reference: &'static str,
    pub sv_problem_missing: &'static str,
    pub sv_problem_date: &'static str,
    pub sv_problem_amount: &'static str,
    pub sv_problem_not_positive: &'static str,
    pub sv_problem_not_text: &'static str,
    pub sv_problem_too_long: &'static str,
    /// `{field}`: the name found.
    pub sv_problem_unknown_field: &'static str,
    pub sv_problem_not_object: &'static str,
    pub sv_problem_not_json: &'static str,
    pub sv_problem_not_list: &'static str,
    pub sv_problem_no_header: &'static str,
    pub sv_problem_open_quote: &'static str,
    /// `{found}` columns, `{expected}` in the header.
    pub sv_problem_columns: &'static str,
    /// `{max}` payments.
    pub sv_problem_too_many: &'static str,
    pub sv_status_error: &'static str,
    /// The strings every bundle uses.
    pub shared: &'static Shared,
}

impl std::ops::Deref for ServicingTexts {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        self.shared
    }
}

impl std::ops::Deref for DebtorTexts {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        self.shared
    }
}

impl std::ops::Deref for Texts {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        self.shared
    }
}

/// Why a file (an agreement, a negotiation, a profile) cannot be opened: a table of its own,
/// so that the debtor's page, which opens no file, links none of these.
#[derive(Debug)]
pub struct ImportTexts {
    pub import_too_large: &'static str,
    pub import_truncated: &'static str,
    pub import_not_json: &'static str,
    pub import_duplicate_key: &'static str,
    pub import_not_agreement: &'static str,
    pub import_not_negotiation: &'static str,
    pub import_unknown_version: &'static str,
    pub import_number: &'static str,
    pub import_unknown_field: &'static str,
    /// Where in the file, after the three messages above: `{path}` a member's path.
    pub import_where: &'static str,
    pub import_not_utc: &'static str,
    pub import_invalid: &'static str,
}
