//! A renegotiation from the record: the workspace draft that starts where an agreement stands
//! at a date. The claim is what the debtor owes then ([`claim_owed`]: with the conditional
//! relief back when the plan is broken), as of that date; while the plan is not broken its
//! conditional relief still stands on its condition, so the claim keeps those amounts and
//! every starting offer waives them again, conditionally (breaking the new plan brings them
//! back, as breaking the old one would have); the account's reference, contract
//! rate and date, the policy, the budget and the discount rate are the agreement's; the
//! negotiation log continues the agreement's; and the draft `supersedes` the agreement, so the
//! agreement made from it records the chain (`accord verify --previous` checks the link).
//!
//! A re-aging needs no negotiation: [`reaged_agreement`] is the agreement itself, the old
//! terms with the installments past due moved to the end.

use super::agreement::{build_agreement, Agreement, AgreementContext, AgreementFile, Channel};
use crate::domain::calendar::unit_periods_between;
use crate::domain::claim::Bucket;
use crate::domain::negotiation::{
    AccountDraft, Draft, LogEntry, LogEvent, PolicyDraft, Supersedes, WaiverDraft, WaiverUnit,
};
use crate::domain::plan::{PlanKind, PlanOutcome};
use crate::domain::policy::{Finding, Outcome};
use crate::domain::request::{evaluate, ClaimRequest, MoveRequest, PlanRequest};
use crate::domain::servicing::{claim_owed, AgreementStatus, InstallmentState, InstallmentStatus, Standing};

/// The draft that renegotiates `agreement` (verified; `plan` is its recomputed plan) from its
/// `status`: the workspace's four starting offers, first due a month after the status's date,
/// a settlement within 14 days.
pub fn renegotiation_draft(agreement: &AgreementFile, plan: &PlanOutcome, status: &AgreementStatus) -> Draft {
    let as_of = status.as_of;
    let mut draft = Draft::starting(as_of);
    let terms = &agreement.terms;
    let mut owed = claim_owed(plan, status);
    if status.new_claim.is_none() {
        for (index, bucket) in Bucket::ALL.into_iter().enumerate() {
            let standing = plan.reinstated_on_breach.get(bucket);
            if standing.is_zero() {
                continue;
            }
            *owed.get_mut(bucket) += standing;
            let waiver = WaiverDraft { value: standing.to_string(), unit: WaiverUnit::Amount, conditional: true };
            for offer in &mut draft.offers {
                offer.waivers[index] = waiver.clone();
            }
        }
    }
    let text = |amount: crate::domain::money::Amount| amount.to_string();
    draft.account = AccountDraft {
        claim: ClaimRequest {
            currency: terms.claim.currency.clone(),
            as_of: as_of.to_string(),
            principal: text(owed.principal),
            interest: text(owed.interest),
            penalty: text(owed.penalty),
            fees: text(owed.fees),
            contract_rate_percent: terms.claim.contract_rate_percent.clone(),
            // The contract's date stays the first agreement's (the rate caps of its day apply).
            contract_date: Some(terms.claim.contract_date.clone().unwrap_or_else(|| terms.claim.as_of.clone())),
        },
        reference: agreement.references.account_reference.clone(),
        days_past_due: status.days_past_due.to_string(),
        agent_id: agreement.references.agent_id.clone().unwrap_or_default(),
    };
    if let Some(policy) = &terms.policy {
        draft.policy = PolicyDraft::from(policy);
    }
    if let Some(budget) = &terms.budget {
        draft.budget = budget.clone();
    }
    if let Some(rate) = &terms.discount_rate_percent {
        draft.discount_rate_percent = rate.clone();
    }
    draft.log = agreement.negotiation_log.clone();
    draft.supersedes =
        Some(Supersedes { agreement_id: agreement.agreement_id.clone(), sha256: agreement.sha256.clone() });
    draft
}

/// Why a plan cannot be re-aged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReageRefusal {
    #[error("the plan is broken: renegotiate from the new claim")]
    Broken,
    #[error("the plan is completed")]
    Completed,
    #[error("nothing is past due")]
    NothingMissed,
    /// A settlement or an extension (one payment), or an unpaid upfront payment: only
    /// installments move.
    #[error("only the installments of an installment plan move")]
    NotInstallments,
    /// The re-aged plan has a finding that needs a supervisor's approval or blocks it (a
    /// longer term than the policy allows, say): agree it in the workspace.
    #[error("the re-aged plan needs an approval")]
    NeedsApproval,
}

/// The installments a re-aging of `plan` at `status` moves to the end: every one past due
/// and not paid in full (missed or partly paid), oldest first.
///
/// # Errors
/// [`ReageRefusal`] when the plan is broken or completed, nothing is past due, or it is not
/// an installment plan or its upfront payment is unpaid.
pub fn check_reage(plan: &PlanOutcome, status: &AgreementStatus) -> Result<Vec<u32>, ReageRefusal> {
    if plan.frequency.is_none() {
        return Err(ReageRefusal::NotInstallments);
    }
    if status.completed {
        return Err(ReageRefusal::Completed);
    }
    if status.standing == Standing::Broken {
        return Err(ReageRefusal::Broken);
    }
    let past_due =
        |row: &&InstallmentStatus| matches!(row.state, InstallmentState::Missed | InstallmentState::PartlyPaid);
    let moved: Vec<u32> = status.installments.iter().filter(past_due).map(|row| row.number).collect();
    if moved.contains(&0) {
        return Err(ReageRefusal::NotInstallments);
    }
    if moved.is_empty() {
        return Err(ReageRefusal::NothingMissed);
    }
    Ok(moved)
}

/// The agreement that **re-ages** `agreement` (verified; `plan` its recomputed plan) at
/// `status`: the same terms with the installments past due ([`check_reage`]) moved to the end
/// of the plan (`moves`: oldest first, one period apart on the plan's calendar from its first
/// due date after both the last row and the status's date; at the same amounts and split:
/// no interest for the delay, the plan's interest and fees stay what the agreement said), so
/// the total is the agreement's (a property test) and the installments due later keep their
/// dates. It is made on the agent's channel as `agreement_id` at `created_at`
/// (RFC 3339 UTC), with the same references and offer, the negotiation log continued by the
/// entry that agreed it, and `supersedes` the agreement. Its status takes the whole payment
/// history: what was paid stays paid.
///
/// # Errors
/// [`ReageRefusal`]: see [`check_reage`]; [`ReageRefusal::NeedsApproval`] when the re-aged
/// plan has a finding that needs an approval or blocks it (or its terms do not compute).
pub fn reaged_agreement(
    agreement: &AgreementFile,
    plan: &PlanOutcome,
    status: &AgreementStatus,
    agreement_id: String,
    created_at: String,
) -> Result<Agreement, ReageRefusal> {
    let terms = moved_terms(agreement, plan, status)?;
    let entry = LogEntry { at: created_at.clone(), event: LogEvent::Agreed, offer: agreement.offer.clone(), terms };
    let mut log = agreement.negotiation_log.clone();
    log.push(entry.clone());
    let context = AgreementContext {
        agreement_id,
        created_at,
        channel: Channel::Agent,
        references: agreement.references.clone(),
        offer: agreement.offer.clone(),
        log,
        signed_offer: None,
        consent: None,
        approvals: Vec::new(),
        supersedes: Some(Supersedes { agreement_id: agreement.agreement_id.clone(), sha256: agreement.sha256.clone() }),
    };
    let reaged = build_agreement(&entry.terms, context).map_err(|_| ReageRefusal::NeedsApproval)?;
    refuse_approval(&reaged.outcome)?;
    Ok(reaged)
}

/// The terms of [`reaged_agreement`], checked to compute without a finding that needs an
/// approval, without the agreement: what the follow-up page checks on every input.
///
/// # Errors
/// As [`reaged_agreement`].
pub fn reaged_terms(
    agreement: &AgreementFile,
    plan: &PlanOutcome,
    status: &AgreementStatus,
) -> Result<PlanRequest, ReageRefusal> {
    let terms = moved_terms(agreement, plan, status)?;
    refuse_approval(&evaluate(&terms).map_err(|_| ReageRefusal::NeedsApproval)?)?;
    Ok(terms)
}

/// The agreement's terms with the installments past due ([`check_reage`]) moved, oldest
/// first, to the plan's calendar after its last row and the status's date.
fn moved_terms(
    agreement: &AgreementFile,
    plan: &PlanOutcome,
    status: &AgreementStatus,
) -> Result<PlanRequest, ReageRefusal> {
    let moved = check_reage(plan, status)?;
    let input = agreement.terms.parse().map_err(|_| ReageRefusal::NeedsApproval)?;
    let (PlanKind::Installments(installments), Some(last)) = (&input.kind, plan.schedule.last()) else {
        return Err(ReageRefusal::NotInstallments);
    };
    let (first_due, frequency) = (installments.first_due, installments.frequency);
    // The first period of the calendar after the plan's last row and after the status's date.
    let after = last.date.max(status.as_of);
    let (whole, _) = unit_periods_between(first_due, after, frequency);
    let mut period = whole.max(plan.schedule.len() as u32);
    while frequency.due_date(first_due, period).is_some_and(|date| date <= after) {
        period += 1;
    }
    let mut terms = agreement.terms.clone();
    // An installment moved before and missed again moves again: its earlier move goes.
    terms.moves.retain(|m| !moved.contains(&m.number));
    for (k, number) in moved.into_iter().enumerate() {
        let date = frequency.due_date(first_due, period + k as u32).ok_or(ReageRefusal::NeedsApproval)?;
        terms.moves.push(MoveRequest { number, due_date: date.to_string() });
    }
    Ok(terms)
}

/// [`ReageRefusal::NeedsApproval`] when the re-aged plan has a finding that needs an approval
/// or blocks it.
fn refuse_approval(reaged: &PlanOutcome) -> Result<(), ReageRefusal> {
    let approval_or_block = |f: &Finding| matches!(f.outcome, Outcome::NeedsApproval | Outcome::Block);
    if reaged.findings.iter().any(approval_or_block) {
        return Err(ReageRefusal::NeedsApproval);
    }
    Ok(())
}
