//! The deployment's settings, `public/deployment.json`: what a creditor decides once for its
//! copy of the static app. Pure: the file's format, its bounds and its JSON Schema
//! (`accord schema deployment`); the browser module fetches the text.
//!
//! - `allowedOrigins`: the exact origins (scheme, host, port) that may frame the app and
//!   talk to it over the embedding protocol; empty (the default) turns the protocol off.
//! - `draftHours`: how long an agent's working draft may outlive the browser tab, in hours
//!   (1 to [`MAX_DRAFT_HOURS`]); 0 (the default) keeps it only as long as the tab. The draft
//!   holds personal data (the debtor's claim, income and expenses, the account reference), so
//!   it never lives without an expiry. A house choice of the deployment, not a rule of law:
//!   PIPL Art. 19 asks only that it be kept no longer than the purpose needs.
//! - `intakeUrl`: where a debtor's confirmed agreement is posted (`accord intake`'s
//!   `/agreements`, or the creditor's own endpoint of the same protocol,
//!   `public/intake.openapi.json`): an absolute `https://` URL (`http://` only for a
//!   loopback host). Absent: Confirm downloads the agreement instead. A deployment's CSP
//!   must list its origin in `connect-src` (README "Deploying").
//! - `keys` and `profiles`: the deployment's public keys and its signed policy profiles, so
//!   that one file holds every setting. A `deployment.json` without `keys` is the older
//!   layout: the apps then read `keys.json` and `policies.json`.

use crate::domain::members::{self, Members, ReadError};
use crate::export::signature::{KeySet, PublicKeyEntry};
use crate::json::Value;
use schemars::JsonSchema;
use serde::Serialize;

/// The longest a draft may be kept beyond its tab: a week, in hours.
pub const MAX_DRAFT_HOURS: u32 = 168;

/// `deployment.json`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Deployment {
    /// The exact origins (scheme, host, port; no path, no wildcard) that may embed the app
    /// in an iframe and talk to it. Empty: the iframe protocol is off.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// Hours an agent's working draft is kept after its browser tab closes (1–168); 0: only
    /// while the tab is open (sessionStorage).
    #[serde(default)]
    #[schemars(range(max = 168))]
    pub draft_hours: u32,
    /// Where a debtor's confirmed agreement is posted (`…/agreements` of the intake
    /// protocol): an absolute https URL (http only for 127.0.0.1 or localhost). Absent:
    /// Confirm downloads the agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intake_url: Option<String>,
    /// The deployment's public keys (offers, policy profiles, approvals), as in
    /// `keys.json`. Absent: the app reads `keys.json` (the layout before this member).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Vec<PublicKeyEntry>>,
    /// The creditor's signed policy profiles, as `accord policy sign` prints them (the
    /// `profiles` of `policies.json`). Absent: none (or, when `keys` is absent too, the
    /// older layout's `policies.json`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Vec<serde_json::Value>>")]
    pub profiles: Option<Vec<Value>>,
}

/// A part of `deployment.json` left out, and why; the rest applies.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingRefused {
    #[error("\"{0}\" is not an exact origin like https://portal.example.com")]
    NotAnOrigin(String),
    #[error("draftHours {0} is over {MAX_DRAFT_HOURS}: drafts are kept only while the tab is open")]
    DraftHours(u32),
    #[error("intakeUrl \"{0}\" is not an absolute https URL (http only for 127.0.0.1 or localhost)")]
    IntakeUrl(String),
}

/// `deployment.json` that is not the settings object.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("deployment.json is not the settings object: {0}")]
pub struct NotSettings(pub String);

/// The settings of `deployment.json`, keeping what is valid, and what was left out.
///
/// # Errors
/// [`NotSettings`] when the file is not the settings object (nothing applies).
pub fn parse_deployment(text: &str) -> Result<(Deployment, Vec<SettingRefused>), NotSettings> {
    // serde also reads a struct from an array of its members in order (`[]` would be the
    // defaults); the settings are an object.
    if !text.trim_start().starts_with('{') {
        return Err(NotSettings("not a JSON object".into()));
    }
    let settings = members::parse(text).and_then(Deployment::from_json).map_err(|e| NotSettings(e.to_string()))?;
    let (origins, bad): (Vec<String>, Vec<String>) =
        settings.allowed_origins.into_iter().partition(|o| is_exact_origin(o));
    let mut refused: Vec<SettingRefused> = bad.into_iter().map(SettingRefused::NotAnOrigin).collect();
    let draft_hours = if settings.draft_hours > MAX_DRAFT_HOURS {
        refused.push(SettingRefused::DraftHours(settings.draft_hours));
        0
    } else {
        settings.draft_hours
    };
    let intake_url = match settings.intake_url {
        Some(url) if !is_intake_url(&url) => {
            refused.push(SettingRefused::IntakeUrl(url));
            None
        }
        url => url,
    };
    let (keys, profiles) = (settings.keys, settings.profiles);
    Ok((Deployment { allowed_origins: origins, draft_hours, intake_url, keys, profiles }, refused))
}

impl Deployment {
    /// Reads the settings by hand ([`crate::domain::members`]), as the derived reader would.
    fn from_json(value: Value) -> Result<Deployment, ReadError> {
        const KNOWN: &[&str] = &["allowedOrigins", "draftHours", "intakeUrl", "keys", "profiles"];
        let mut m = Members::of(value, "struct Deployment", KNOWN)?;
        let settings = Deployment {
            allowed_origins: m.list_or_empty("allowedOrigins", members::text),
            draft_hours: m.or_default("draftHours", members::whole),
            intake_url: m.optional("intakeUrl", members::text),
            keys: m.optional_list("keys", PublicKeyEntry::from_json),
            profiles: m.optional_list("profiles", Ok),
        };
        m.finish(settings)
    }
}

/// The public keys of a key file: a `keys.json`, or a `deployment.json` that lists `keys`
/// (what `--keys` of the command-line tool takes).
///
/// # Errors
/// The reader's message when the text is neither.
pub fn read_key_file(text: &str) -> Result<KeySet, String> {
    members::parse(text).and_then(KeySet::from_json).or_else(|error| match parse_deployment(text) {
        Ok((Deployment { keys: Some(keys), .. }, _)) => Ok(KeySet { keys }),
        _ => Err(error.to_string()),
    })
}

/// Whether `url` may receive agreements: its origin exact (see [`is_exact_origin`]), then a
/// path; `https`, or `http` to the machine itself (a local intake while testing).
pub fn is_intake_url(url: &str) -> bool {
    let after_scheme = url.as_bytes().windows(3).position(|w| w == b"://").map_or(0, |i| i + 3);
    let end = url[after_scheme..].find('/').map_or(url.len(), |i| after_scheme + i);
    let (origin, path) = url.split_at(end);
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|prefix| origin == *prefix || origin.strip_prefix(prefix).is_some_and(|rest| rest.starts_with(':')));
    is_exact_origin(origin)
        && (origin.starts_with("https://") || local)
        && !path.chars().any(|c| c.is_whitespace() || c == '#' || c.is_control())
}

/// Whether `text` is an origin as browsers serialize it: `http` or `https`, `://`, a
/// lower-case host (name, IPv4 or bracketed IPv6), an optional port; no path, no wildcard.
pub fn is_exact_origin(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://")) else {
        return false;
    };
    let (host_ok, port) = match rest.strip_prefix('[') {
        Some(v6) => {
            let Some((address, after)) = v6.split_once(']') else { return false };
            let address_ok = !address.is_empty()
                && address.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c) || c == ':' || c == '.');
            match after.strip_prefix(':') {
                Some(port) => (address_ok, Some(port)),
                None => (address_ok && after.is_empty(), None),
            }
        }
        None => {
            let (host, port) = rest.split_once(':').map_or((rest, None), |(h, p)| (h, Some(p)));
            let host_ok = !host.is_empty()
                && host.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
            (host_ok, port)
        }
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
    host_ok && port_ok
}

/// The JSON Schema of `deployment.json` (`accord schema deployment`).
pub fn deployment_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Deployment)).unwrap_or_default();
    if let Some(object) = schema.as_object_mut() {
        object.insert("$id".into(), "https://accord.invalid/deployment.schema.json".into());
        object.insert("title".into(), "Accord deployment settings".into());
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written readers of the settings and of a key set accept and refuse what
    /// serde's derived ones did (kept for this test only), member by member.
    #[test]
    fn the_hand_written_readers_agree_with_serde() {
        let settings = serde_json::json!({
            "allowedOrigins": ["https://portal.example.com"], "draftHours": 8,
            "intakeUrl": "https://intake.example.com/agreements",
            "keys": [
                {"keyId": "creditor-2025", "publicKey": "AAAA"},
                {"keyId": "sup", "publicKey": "BBBB", "role": "approver"}
            ],
            "profiles": [{"name": "house"}, "cn-bank-card"]
        });
        let (accepted, refused) = members::mutations::readers_agree(&settings, Deployment::from_json);
        assert!(accepted > 20 && refused > 50, "{accepted} accepted, {refused} refused");
        let keys = serde_json::json!({"keys": settings["keys"]});
        let (accepted, refused) = members::mutations::readers_agree(&keys, KeySet::from_json);
        assert!(accepted > 5 && refused > 30, "{accepted} accepted, {refused} refused");
    }

    #[test]
    fn only_exact_origins_are_allowed() {
        for good in ["https://portal.example.com", "http://127.0.0.1:8080", "https://[::1]:8443", "https://a-b.example"]
        {
            assert!(is_exact_origin(good), "{good}");
        }
        for bad in [
            "*",
            "https://*.example.com",
            "https://portal.example.com/",
            "https://portal.example.com/path",
            "portal.example.com",
            "https://Portal.example.com",
            "ftp://example.com",
            "https://example.com:",
            "https://example.com:99999x",
            "null",
        ] {
            assert!(!is_exact_origin(bad), "{bad}");
        }
        let (settings, refused) =
            parse_deployment(r#"{"allowedOrigins":["https://a.example","https://*.b.example"]}"#).expect("settings");
        assert_eq!(settings.allowed_origins, ["https://a.example"]);
        assert_eq!(refused, [SettingRefused::NotAnOrigin("https://*.b.example".into())]);
        assert!(parse_deployment(r#"{"origins":[]}"#).is_err());
    }

    #[test]
    fn the_intake_is_an_https_url_or_this_machine() {
        for good in ["https://records.bank.example/agreements", "http://127.0.0.1:8081/agreements", "https://a.example"]
        {
            assert!(is_intake_url(good), "{good}");
        }
        for bad in [
            "http://records.bank.example/agreements",
            "/agreements",
            "https://*.example/a",
            "https://a.example/a b",
            "javascript:alert(1)",
            "http://127.0.0.1.evil.example/a",
        ] {
            assert!(!is_intake_url(bad), "{bad}");
        }
        let (settings, refused) =
            parse_deployment(r#"{"intakeUrl":"http://bank.example/agreements"}"#).expect("settings");
        assert_eq!(settings.intake_url, None);
        assert_eq!(refused, [SettingRefused::IntakeUrl("http://bank.example/agreements".into())]);
    }

    #[test]
    fn keys_come_from_keys_json_or_from_deployment_json() {
        let key = r#"{"keyId":"creditor-2025","publicKey":"AAAA"}"#;
        let from_keys = read_key_file(&format!(r#"{{"keys":[{key}]}}"#)).expect("keys.json");
        let from_settings =
            read_key_file(&format!(r#"{{"allowedOrigins":[],"keys":[{key}],"profiles":[]}}"#)).expect("deployment");
        assert_eq!(from_keys, from_settings);
        assert_eq!(from_keys.keys[0].key_id, "creditor-2025");
        assert!(read_key_file(r#"{"allowedOrigins":[]}"#).is_err(), "a deployment.json without keys");
        assert!(read_key_file("[]").is_err());
    }

    #[test]
    fn a_draft_is_never_kept_without_an_expiry_nor_beyond_a_week() {
        assert_eq!(parse_deployment("{}").expect("empty settings"), (Deployment::default(), vec![]));
        let (settings, refused) = parse_deployment(r#"{"draftHours": 8}"#).expect("settings");
        assert_eq!((settings.draft_hours, refused), (8, vec![]));
        let (settings, refused) = parse_deployment(r#"{"draftHours": 169}"#).expect("settings");
        assert_eq!((settings.draft_hours, refused), (0, vec![SettingRefused::DraftHours(169)]));
        for bad in [r#"{"draftHours": -1}"#, r#"{"draftHours": "8"}"#, r#"{"draftHours": 1.5}"#, "[]"] {
            assert!(parse_deployment(bad).is_err(), "{bad}");
        }
    }
}
