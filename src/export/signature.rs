//! Signed self-service offers: Ed25519 (RFC 8032) over the offer's RFC 8785 canonical JSON,
//! carried in a link's URL fragment.
//!
//! A link is `BASE/pay.html#offer=PAYLOAD.SIGNATURE` (the debtor's page, its own browser
//! bundle; the workspace's page forwards older `BASE#offer=…` links there): PAYLOAD is the
//! base64url (no padding) of the offer's canonical JSON, SIGNATURE the base64url of the
//! 64-byte Ed25519 signature over those same bytes. The offer is a JSON object with at least
//! `version` (1), `offerId`, `keyId` and `expiresAt` (RFC 3339 UTC); what else it holds
//! (claim, choices and bounds) is read by the self-service view. The creditor signs with
//! `accord offer sign`; the browser only verifies, with the deployment's public keys
//! (`keys` of `public/deployment.json`), and takes the current time as an argument (the core
//! has no clock).

use super::base64url::{decode, encode};
use super::canonical::canonical_json;
use super::utc::UtcTime;
use crate::domain::members::{self, Members, ReadError};
use crate::json::Value;
use ed25519_compact::{KeyPair, PublicKey, Seed, Signature};
use serde::{Deserialize, Serialize};

/// The offer format version this code signs and reads.
pub const OFFER_VERSION: u64 = 1;
/// The longest link fragment read, in bytes. A real offer (claim, policy, a few choices) is a
/// few KB; anything far longer is refused before it is decoded or parsed, so a crafted link
/// cannot keep a debtor's phone busy.
pub const MAX_LINK_BYTES: usize = 64 * 1024;
/// The debtor's page of a deployment, which a link opens.
pub const DEBTOR_PAGE: &str = "pay.html";
/// The fragment key of a link.
const FRAGMENT_KEY: &str = "offer=";

/// Why a link gives no offer. The UI words each case; none of them shows a plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    #[error("the link holds no offer")]
    NoOffer,
    #[error("the link is longer than {max} bytes")]
    TooLong { max: usize },
    #[error("the link is cut short or damaged")]
    Truncated,
    #[error("offer version {found} is not supported")]
    UnknownVersion { found: String },
    #[error("the offer was signed with key `{key_id}`, which this deployment does not know")]
    UnknownKey { key_id: String },
    #[error("the signature does not match: the offer was changed or signed with another key")]
    BadSignature,
    #[error("the offer expired at {expires_at}")]
    Expired { expires_at: String },
    #[error("the offer cannot be used: {reason}")]
    Unusable { reason: String },
    /// A short link whose offer the deployment does not serve (removed, or never stored).
    #[error("the offer of this short link is not on this site")]
    NotServed,
}

/// One public key of the deployment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PublicKeyEntry {
    /// The id offers name in `keyId`.
    pub key_id: String,
    /// The 32-byte Ed25519 public key, base64url without padding.
    pub public_key: String,
    /// What the key may sign: offers and policy profiles (the creditor's key, the default)
    /// or approvals (a supervisor's).
    #[serde(default, skip_serializing_if = "KeyRole::is_offer")]
    pub role: KeyRole,
}

/// What a deployment's key may sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum KeyRole {
    /// The creditor's key: self-service offers and policy profiles.
    #[default]
    Offer,
    /// A supervisor's key: approvals of findings that need one.
    Approver,
}

crate::by_name!(KeyRole { "offer" => Offer, "approver" => Approver });

impl KeyRole {
    fn is_offer(&self) -> bool {
        *self == KeyRole::Offer
    }
}

impl KeySet {
    /// The public key `key_id` of `role`, decoded; `None` when the deployment has no such key.
    pub fn public_key(&self, key_id: &str, role: KeyRole) -> Option<Vec<u8>> {
        let entry = self.keys.iter().find(|k| k.key_id == key_id && k.role == role)?;
        decode(&entry.public_key).filter(|k| k.len() == 32)
    }
}

/// The deployment's public keys (`keys` of `public/deployment.json`, or a `keys.json`).
/// Rotating: add the new key, sign new offers with it, and remove the old one once its offers
/// have expired.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeySet {
    pub keys: Vec<PublicKeyEntry>,
}

impl PublicKeyEntry {
    /// Reads a key by hand ([`crate::domain::members`]), as the derived reader would.
    pub(crate) fn from_json(value: Value) -> Result<PublicKeyEntry, ReadError> {
        let mut m = Members::of(value, "struct PublicKeyEntry", &["keyId", "publicKey", "role"])?;
        let key = PublicKeyEntry {
            key_id: m.required("keyId", members::text),
            public_key: m.required("publicKey", members::text),
            role: m.or_default("role", members::named),
        };
        m.finish(key)
    }
}

impl KeySet {
    /// Reads a `keys.json` by hand ([`crate::domain::members`]), as the derived reader would.
    ///
    /// # Errors
    /// The first member that is missing, unknown or not what it should be.
    pub fn from_json(value: Value) -> Result<KeySet, ReadError> {
        let mut m = Members::of(value, "struct KeySet", &["keys"])?;
        let keys = KeySet { keys: m.required_list("keys", PublicKeyEntry::from_json) };
        m.finish(keys)
    }
}

/// A key pair made by `accord keygen`: the secret seed stays with the creditor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecretKeyFile {
    pub key_id: String,
    /// The 32-byte Ed25519 seed, base64url without padding. Secret.
    pub secret_key: String,
    /// The matching public key, base64url without padding.
    pub public_key: String,
}

/// The key pair of a 32-byte seed.
pub fn key_pair(seed: [u8; 32]) -> (Vec<u8>, Vec<u8>) {
    let pair = KeyPair::from_seed(Seed::new(seed));
    (pair.sk.seed().to_vec(), pair.pk.to_vec())
}

/// A key file for `seed` (from the operating system's random generator, in the CLI).
pub fn secret_key_file(key_id: &str, seed: [u8; 32]) -> SecretKeyFile {
    let (secret, public) = key_pair(seed);
    SecretKeyFile { key_id: key_id.into(), secret_key: encode(&secret), public_key: encode(&public) }
}

/// The Ed25519 signature of `message` by the key with `seed` (deterministic, RFC 8032).
pub fn sign_bytes(seed: [u8; 32], message: &[u8]) -> [u8; 64] {
    *KeyPair::from_seed(Seed::new(seed)).sk.sign(message, None)
}

/// Whether `signature` is `public_key`'s signature of `message`.
pub fn verify_bytes(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    match (PublicKey::from_slice(public_key), Signature::from_slice(signature)) {
        (Ok(key), Ok(signature)) => key.verify(message, &signature).is_ok(),
        _ => false,
    }
}

/// Why an offer cannot be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("the key file is not a key made by accord keygen")]
    BadKey,
    #[error(
        "the offer must be a JSON object with version 1, offerId, keyId (the key's) and expiresAt (RFC 3339 UTC): {0}"
    )]
    BadOffer(String),
}

/// Signs `offer` with `key` and returns the link to the debtor's page of the deployment at
/// `base` (see [`debtor_page_url`]).
///
/// # Errors
/// [`SignError`] for a bad key file or an offer without the envelope members.
pub fn sign_offer(offer: &Value, key: &SecretKeyFile, base: &str) -> Result<String, SignError> {
    let seed: [u8; 32] = decode(&key.secret_key).and_then(|s| s.try_into().ok()).ok_or(SignError::BadKey)?;
    let (_, public) = key_pair(seed);
    if encode(&public) != key.public_key {
        return Err(SignError::BadKey);
    }
    check_envelope(offer).map_err(|e| SignError::BadOffer(e.to_string()))?;
    if offer.get("keyId").and_then(Value::as_str) != Some(key.key_id.as_str()) {
        return Err(SignError::BadOffer(format!("keyId must be `{}`", key.key_id)));
    }
    let canonical = canonical_json(offer).map_err(|e| SignError::BadOffer(e.to_string()))?;
    let signature = sign_bytes(seed, canonical.as_bytes());
    let page = debtor_page_url(base);
    Ok(format!("{page}#{FRAGMENT_KEY}{}.{}", encode(canonical.as_bytes()), encode(&signature)))
}

/// The fragment key of a short link, `#id=OFFER_ID`: the signed offer itself is stored on the
/// deployment at [`stored_offer_path`] and fetched by the page, which verifies it exactly as
/// a long link's. A text message holds it (under 100 characters with a short base).
pub const SHORT_KEY: &str = "id=";

/// Whether `id` can name a stored offer: 1 to 64 of `A–Z a–z 0–9 . _ -`, not starting with a
/// dot (a path segment that cannot climb out of `offers/`).
pub fn is_storable_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && !id.starts_with('.')
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Where the deployment serves the signed offer `id` (relative to the debtor's page).
pub fn stored_offer_path(id: &str) -> String {
    format!("offers/{id}.txt")
}

/// The offer id of a short link's fragment (`#id=OFR-1`), if it is one.
pub fn short_link_id(fragment: &str) -> Option<&str> {
    fragment.strip_prefix('#').unwrap_or(fragment).strip_prefix(SHORT_KEY).filter(|id| is_storable_id(id))
}

/// The short link to the offer `offer_id` at the deployment `base`, and what to store at
/// [`stored_offer_path`]: the long link's `PAYLOAD.SIGNATURE`.
///
/// # Errors
/// [`SignError::BadOffer`] when the offer id cannot name a stored file.
pub fn short_link(long_link: &str, offer_id: &str, base: &str) -> Result<(String, String), SignError> {
    if !is_storable_id(offer_id) {
        return Err(SignError::BadOffer(
            "a short link needs an offerId of 1 to 64 letters, digits, '.', '_' or '-'".into(),
        ));
    }
    let token = long_link.rsplit_once(&format!("#{FRAGMENT_KEY}")).map_or(long_link, |(_, token)| token);
    Ok((format!("{}#{SHORT_KEY}{offer_id}", debtor_page_url(base)), token.to_string()))
}

/// The debtor's page of the deployment at `base`: `https://accord.example/` and
/// `https://accord.example` → `https://accord.example/pay.html`; a base that already names a
/// page (`….html`) is kept, for a deployment that renames it.
pub fn debtor_page_url(base: &str) -> String {
    match base {
        base if base.ends_with(".html") => base.to_string(),
        base if base.ends_with('/') => format!("{base}{DEBTOR_PAGE}"),
        base => format!("{base}/{DEBTOR_PAGE}"),
    }
}

/// The envelope checks: an object, version 1, string ids, a UTC expiry.
fn check_envelope(offer: &Value) -> Result<(), LinkError> {
    let object = offer.as_object().ok_or(LinkError::Truncated)?;
    match object.get("version") {
        Some(Value::Number(n)) if n.as_u64() == Some(OFFER_VERSION) => {}
        Some(other) => return Err(LinkError::UnknownVersion { found: other.to_string() }),
        None => return Err(LinkError::Truncated),
    }
    let text = |key: &str| object.get(key).and_then(Value::as_str);
    match (text("offerId"), text("keyId"), text("expiresAt")) {
        (Some(_), Some(_), Some(expires)) if UtcTime::parse(expires).is_some() => Ok(()),
        _ => Err(LinkError::Truncated),
    }
}

/// The offer a link carries, verified: signed by a key of `keys` and not expired at `now`
/// (RFC 3339 UTC, from the browser or the record system). Returns the offer's canonical
/// JSON text (for the caller's typed reader).
///
/// # Errors
/// [`LinkError`], never a panic, for any link.
pub fn verify_link(link: &str, keys: &KeySet, now: &str) -> Result<String, LinkError> {
    let fragment = link.split_once('#').map_or(link, |(_, f)| f);
    if fragment.len() > MAX_LINK_BYTES {
        return Err(LinkError::TooLong { max: MAX_LINK_BYTES });
    }
    let signed = fragment.strip_prefix(FRAGMENT_KEY).ok_or(LinkError::NoOffer)?;
    let (payload, signature) = signed.split_once('.').ok_or(LinkError::Truncated)?;
    let payload = decode(payload).ok_or(LinkError::Truncated)?;
    let signature = decode(signature).filter(|s| s.len() == 64).ok_or(LinkError::Truncated)?;
    let text = std::str::from_utf8(&payload).map_err(|_| LinkError::Truncated)?;
    let offer = crate::json::parse(text).map_err(|_| LinkError::Truncated)?;
    check_envelope(&offer)?;
    let key_id = offer.get("keyId").and_then(Value::as_str).unwrap_or_default();
    // Only the creditor's keys sign offers: a supervisor's approval key does not.
    let public =
        keys.public_key(key_id, KeyRole::Offer).ok_or_else(|| LinkError::UnknownKey { key_id: key_id.into() })?;
    // The signature covers the canonical form: a payload in any other form was not made here.
    let canonical = canonical_json(&offer).map_err(|_| LinkError::BadSignature)?;
    if canonical.as_bytes() != payload.as_slice() || !verify_bytes(&public, &payload, &signature) {
        return Err(LinkError::BadSignature);
    }
    let expires_at = offer.get("expiresAt").and_then(Value::as_str).unwrap_or_default().to_string();
    match (UtcTime::parse(now), UtcTime::parse(&expires_at)) {
        (Some(now), Some(expires)) if now < expires => {}
        _ => return Err(LinkError::Expired { expires_at }),
    }
    Ok(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// [`sign_offer`] of a `json!` document.
    fn sign(offer: &serde_json::Value, key: &SecretKeyFile, base: &str) -> Result<String, SignError> {
        sign_offer(&offer.clone().into(), key, base)
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
    }

    /// RFC 8032 §7.1, TEST 1, 2, 3 and SHA(abc): (secret key, public key, message, signature).
    const RFC_8032: [(&str, &str, &str, &str); 4] = [
        (
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            "",
            concat!(
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155",
                "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
            ),
        ),
        (
            "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            "72",
            concat!(
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da",
                "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
            ),
        ),
        (
            "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            "af82",
            concat!(
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac",
                "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
            ),
        ),
        (
            "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            concat!(
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a",
                "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
            ),
            concat!(
                "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589",
                "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"
            ),
        ),
    ];

    #[test]
    fn rfc_8032_test_vectors() {
        for (secret, public, message, signature) in RFC_8032 {
            let seed: [u8; 32] = hex(secret).try_into().unwrap();
            assert_eq!(key_pair(seed).1, hex(public));
            assert_eq!(sign_bytes(seed, &hex(message)).to_vec(), hex(signature));
            assert!(verify_bytes(&hex(public), &hex(message), &hex(signature)));
            let mut forged = hex(signature);
            forged[0] ^= 1;
            assert!(!verify_bytes(&hex(public), &hex(message), &forged));
        }
    }

    fn fixture() -> (SecretKeyFile, KeySet, serde_json::Value) {
        let key = secret_key_file("creditor-2025", hex(RFC_8032[0].0).try_into().unwrap());
        let keys = KeySet {
            keys: vec![PublicKeyEntry {
                key_id: key.key_id.clone(),
                public_key: key.public_key.clone(),
                role: KeyRole::Offer,
            }],
        };
        let offer = json!({
            "version": 1, "offerId": "OFR-1", "keyId": "creditor-2025", "expiresAt": "2025-02-15T00:00:00Z",
            "claim": { "currency": "CNY", "principal": "10000.00" }
        });
        (key, keys, offer)
    }

    #[test]
    fn a_signed_link_verifies_until_it_expires() {
        let (key, keys, offer) = fixture();
        let link = sign(&offer, &key, "https://accord.example/").unwrap();
        assert!(link.starts_with("https://accord.example/pay.html#offer="));
        let (short, stored) = short_link(&link, "OFR-1", "https://a.example/").unwrap();
        assert_eq!(short, "https://a.example/pay.html#id=OFR-1");
        assert!(short.len() < 100 && link.ends_with(&stored) && stored.contains('.'));
        assert_eq!(short_link_id("#id=OFR-1"), Some("OFR-1"));
        assert_eq!(stored_offer_path("OFR-1"), "offers/OFR-1.txt");
        for bad in ["", "../keys", ".hidden", "a/b", "a b", "订单1", &"x".repeat(65)] {
            assert!(!is_storable_id(bad), "{bad}");
            assert_eq!(short_link_id(&format!("#id={bad}")), None);
        }
        for (base, page) in [
            ("https://accord.example", "https://accord.example/pay.html"),
            ("https://a.example/accord/", "https://a.example/accord/pay.html"),
            ("https://a.example/debtor.html", "https://a.example/debtor.html"),
        ] {
            assert_eq!(debtor_page_url(base), page);
        }
        let text = verify_link(&link, &keys, "2025-01-15T10:00:00.000Z").unwrap();
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), offer);
        assert_eq!(
            verify_link(&link, &keys, "2025-02-15T00:00:00Z"),
            Err(LinkError::Expired { expires_at: "2025-02-15T00:00:00Z".into() })
        );
    }

    #[test]
    fn each_kind_of_bad_link_gets_its_error() {
        let (key, keys, offer) = fixture();
        let now = "2025-01-15T10:00:00Z";
        let link = sign(&offer, &key, "https://a/").unwrap();
        assert_eq!(verify_link("https://a/", &keys, now), Err(LinkError::NoOffer));
        let long = format!("https://a/#offer={}.{}", "A".repeat(MAX_LINK_BYTES), "B".repeat(86));
        assert_eq!(verify_link(&long, &keys, now), Err(LinkError::TooLong { max: MAX_LINK_BYTES }));
        assert_eq!(verify_link(&link[..link.len() - 10], &keys, now), Err(LinkError::Truncated));
        assert_eq!(verify_link(&link[..60], &keys, now), Err(LinkError::Truncated));
        // Tampered: the principal changed, re-encoded, old signature kept.
        let (payload, signature) = link.split_once("#offer=").unwrap().1.split_once('.').unwrap();
        let text = String::from_utf8(decode(payload).unwrap()).unwrap().replace("10000.00", "1000.00");
        let tampered = format!("https://a/#offer={}.{signature}", encode(text.as_bytes()));
        assert_eq!(verify_link(&tampered, &keys, now), Err(LinkError::BadSignature));
        // Wrongly keyed: signed by another key under the same key id.
        let other = secret_key_file("creditor-2025", hex(RFC_8032[1].0).try_into().unwrap());
        let wrong = sign(&offer, &other, "https://a/").unwrap();
        assert_eq!(verify_link(&wrong, &keys, now), Err(LinkError::BadSignature));
        // Unknown key id and unknown version.
        let mut unknown = offer.clone();
        unknown["keyId"] = "old-key".into();
        let old = SecretKeyFile { key_id: "old-key".into(), ..other };
        let link = sign(&unknown, &old, "https://a/").unwrap();
        assert_eq!(verify_link(&link, &keys, now), Err(LinkError::UnknownKey { key_id: "old-key".into() }));
        let mut v2 = offer;
        v2["version"] = 2.into();
        let forged =
            format!("https://a/#offer={}.{}", encode(canonical_json(&v2.into()).unwrap().as_bytes()), signature);
        assert_eq!(verify_link(&forged, &keys, now), Err(LinkError::UnknownVersion { found: "2".into() }));
    }
}
