//! What the creditor's intake answered to an agreement posted to it (`accord intake`, README
//! "The intake", `public/intake.openapi.json`), read into what the page does next. Pure: the
//! browser module posts and passes the status and body here.

use crate::json::Value;

/// The intake's answer, for the debtor's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Stored (201, or 200 for a repeat): the receipt's id and the time it was stored.
    Received { receipt_id: String, received_at: String },
    /// The signed offer was accepted before, at this time (409 `offerAlreadyAccepted`).
    AlreadyAccepted { accepted_at: String },
    /// Refused for good (another 4xx): the intake's reason in words, and the paths of the
    /// figures it disputes.
    Refused { message: String },
    /// Not stored yet (timeout, 5xx, no answer, an answer that is not the protocol's):
    /// send again later.
    Retry,
}

/// Reads the intake's answer: HTTP `status` and the response's `body`.
pub fn read_reply(status: u16, body: &str) -> Reply {
    let json = crate::json::parse(body).unwrap_or_default();
    let text = |name: &str| json.get(name).and_then(Value::as_str).map(str::to_string);
    match status {
        200 | 201 => match (text("receiptId"), text("receivedAt")) {
            (Some(receipt_id), Some(received_at)) => Reply::Received { receipt_id, received_at },
            _ => Reply::Retry,
        },
        408 | 425 | 429 => Reply::Retry,
        409 if text("error").as_deref() == Some("offerAlreadyAccepted") => {
            Reply::AlreadyAccepted { accepted_at: text("acceptedAt").unwrap_or_default() }
        }
        400..=499 => {
            let mut message = text("message").or_else(|| text("error")).unwrap_or_else(|| format!("HTTP {status}"));
            let paths: Vec<&str> = json
                .get("differences")
                .and_then(Value::as_array)
                .map(|d| d.iter().filter_map(|d| d.get("path").and_then(Value::as_str)).take(5).collect())
                .unwrap_or_default();
            if !paths.is_empty() {
                message = format!("{message} ({})", paths.join(", "));
            }
            Reply::Refused { message }
        }
        _ => Reply::Retry,
    }
}

/// Seconds to wait before the `attempt`-th retry (1-based): 2, 4, 8, 16, 32, then every 60.
pub fn retry_delay_seconds(attempt: u32) -> u32 {
    2u32.saturating_pow(attempt.min(6)).min(60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_answer_of_the_intake_is_read() {
        let receipt =
            r#"{"receiptId":"R-0123456789abcdef0123","agreementId":"A-1","receivedAt":"2025-01-15T10:05:00.000Z"}"#;
        for status in [200, 201] {
            assert_eq!(
                read_reply(status, receipt),
                Reply::Received {
                    receipt_id: "R-0123456789abcdef0123".into(),
                    received_at: "2025-01-15T10:05:00.000Z".into()
                }
            );
        }
        assert_eq!(
            read_reply(
                409,
                r#"{"error":"offerAlreadyAccepted","message":"…","acceptedAt":"2025-01-10T08:00:00.000Z"}"#
            ),
            Reply::AlreadyAccepted { accepted_at: "2025-01-10T08:00:00.000Z".into() }
        );
        assert_eq!(
            read_reply(
                422,
                r#"{"error":"notVerified","message":"2 figures differ",
                    "differences":[{"path":"outcome.totals.paid","recorded":"1","recomputed":"2"}]}"#
            ),
            Reply::Refused { message: "2 figures differ (outcome.totals.paid)".into() }
        );
        assert_eq!(
            read_reply(409, r#"{"error":"agreementIdTaken","message":"taken"}"#),
            Reply::Refused { message: "taken".into() }
        );
        assert_eq!(read_reply(413, ""), Reply::Refused { message: "HTTP 413".into() });
        for status in [0, 408, 429, 500, 502, 503] {
            assert_eq!(read_reply(status, "{}"), Reply::Retry, "{status}");
        }
        // A 200 that is not a receipt (a captive portal's page) is not a delivery.
        assert_eq!(read_reply(200, "<html>"), Reply::Retry);
    }

    #[test]
    fn retries_back_off_to_a_minute() {
        let delays: Vec<u32> = (1..=8).map(retry_delay_seconds).collect();
        assert_eq!(delays, [2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
