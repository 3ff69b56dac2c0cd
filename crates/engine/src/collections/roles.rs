//! What each activity means for credit and collections, guessed from its name and editable.
//!
//! Names are folded (lower case, no accents, punctuation to spaces) and matched on word stems in
//! English, French, German, Spanish, Portuguese and Italian: "Relance 2 envoyée" is a level-2 reminder,
//! "Mise en demeure" a final notice, "Litige ouvert" a dispute raised, "Paiement imputé" a payment posted,
//! "Passé en perte" a write-off, "Mahnung 1" a level-1 reminder. Specific roles are tried before general
//! ones (a "promise broken" is not a "promise to pay"). The result is a [`RoleMap`], saved and loaded as
//! JSON: `{"activities": {"Relance 2 envoyée": "reminder_2"}, "attributes": {"Montant": "amount"}}`.

use crate::error::Error;
use crate::import::ColumnRole;
use crate::log::EventLog;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

mod words;
use words::*;

/// The highest reminder level a role can carry (`reminder_20`); guessed levels above it are read as 1.
pub const MAX_REMINDER_LEVEL: u8 = 20;

/// The collections meaning of an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActivityRole {
    /// A credit limit or credit check was requested.
    CreditRequested,
    /// Credit was approved.
    CreditApproved,
    /// Credit was rejected.
    CreditRejected,
    /// The invoice was created (issued).
    InvoiceCreated,
    /// The invoice was sent to the customer.
    InvoiceSent,
    /// The invoice was cancelled.
    InvoiceCancelled,
    /// The due date passed unpaid.
    DueDatePassed,
    /// A reminder of some dunning level.
    Reminder {
        /// 1 for the first reminder.
        level: u8,
    },
    /// The last reminder before legal action or agency (mise en demeure).
    FinalNotice,
    /// A call was attempted.
    CallAttempted,
    /// A conversation with the customer took place.
    ConversationHeld,
    /// The customer promised to pay.
    PromiseToPay,
    /// A promise to pay was not kept.
    PromiseBroken,
    /// The customer disputed the invoice.
    DisputeRaised,
    /// The dispute was resolved.
    DisputeResolved,
    /// A credit note was issued.
    CreditNote,
    /// Money arrived.
    PaymentReceived,
    /// The payment was applied (posted, matched) to the invoice.
    PaymentPosted,
    /// The invoice was cleared (closed in the ledger).
    InvoiceCleared,
    /// The debt was handed to a collection agency.
    SentToAgency,
    /// The debt was written off.
    WrittenOff,
    /// The customer asked not to be contacted any more.
    CeaseContact,
    /// None of the above.
    Other,
}

/// The roles other than reminders with their JSON keys, in the order the mapping table lists them;
/// the reminders come at [`REMINDERS_AT`].
const KEYS: [(ActivityRole, &str); 22] = {
    use ActivityRole::*;
    [
        (CreditRequested, "credit_requested"),
        (CreditApproved, "credit_approved"),
        (CreditRejected, "credit_rejected"),
        (InvoiceCreated, "invoice_created"),
        (InvoiceSent, "invoice_sent"),
        (InvoiceCancelled, "invoice_cancelled"),
        (DueDatePassed, "due_date_passed"),
        (FinalNotice, "final_notice"),
        (CallAttempted, "call_attempted"),
        (ConversationHeld, "conversation_held"),
        (PromiseToPay, "promise_to_pay"),
        (PromiseBroken, "promise_broken"),
        (DisputeRaised, "dispute_raised"),
        (DisputeResolved, "dispute_resolved"),
        (CreditNote, "credit_note"),
        (PaymentReceived, "payment_received"),
        (PaymentPosted, "payment_posted"),
        (InvoiceCleared, "invoice_cleared"),
        (SentToAgency, "sent_to_agency"),
        (WrittenOff, "written_off"),
        (CeaseContact, "cease_contact"),
        (Other, "other"),
    ]
};

/// Where the reminders stand in the mapping table's order (after "due date passed").
const REMINDERS_AT: usize = 7;

impl ActivityRole {
    /// Every role with a fixed key, in the order the mapping table lists them (reminders 1 to 5).
    pub fn all() -> Vec<ActivityRole> {
        let (before, after) = KEYS.split_at(REMINDERS_AT);
        let mut v: Vec<ActivityRole> = before.iter().map(|&(r, _)| r).collect();
        v.extend((1..=5).map(|level| ActivityRole::Reminder { level }));
        v.extend(after.iter().map(|&(r, _)| r));
        v
    }

    /// The JSON key: `payment_received`, `reminder_2`, ...
    pub fn key(self) -> String {
        match self {
            ActivityRole::Reminder { level } => format!("reminder_{level}"),
            role => KEYS
                .iter()
                .find(|&&(r, _)| r == role)
                .map_or("other", |&(_, k)| k)
                .to_string(),
        }
    }

    /// Parses [`key`](Self::key); `reminder` alone means level 1. Reminder levels run from 1 to
    /// [`MAX_REMINDER_LEVEL`]: later steps add one to the highest level seen, which must not overflow.
    pub fn from_key(key: &str) -> Option<ActivityRole> {
        Self::parse_key(key).ok()
    }

    /// [`from_key`](Self::from_key) with the reason a key is refused.
    fn parse_key(key: &str) -> Result<ActivityRole, String> {
        if key == "reminder" {
            return Ok(ActivityRole::Reminder { level: 1 });
        }
        if let Some(l) = key.strip_prefix("reminder_") {
            return match l.parse::<u64>() {
                Ok(level @ 1..) if level <= MAX_REMINDER_LEVEL as u64 => Ok(ActivityRole::Reminder {
                    level: level as u8,
                }),
                Ok(level) => Err(format!(
                    "reminder level {level} in \"{key}\" is out of range: levels run from 1 to {MAX_REMINDER_LEVEL}"
                )),
                Err(_) => Err(format!("unknown activity role \"{key}\"")),
            };
        }
        Self::all()
            .into_iter()
            .find(|r| r.key() == key)
            .ok_or_else(|| format!("unknown activity role \"{key}\""))
    }

    /// A label for tables.
    pub fn label(self) -> String {
        match self {
            ActivityRole::Reminder { level } => format!("Reminder (level {level})"),
            other => {
                let k = other.key().replace('_', " ");
                let mut c = k.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
        }
    }

    /// Whether the role is a contact with the customer (for cease-contact and contact-hour rules).
    pub fn is_contact(self) -> bool {
        matches!(
            self,
            ActivityRole::Reminder { .. }
                | ActivityRole::FinalNotice
                | ActivityRole::CallAttempted
                | ActivityRole::ConversationHeld
        )
    }

    /// The dunning level of reminders (final notices count as the level after the highest reminder, 99).
    pub fn dunning_level(self) -> Option<u8> {
        match self {
            ActivityRole::Reminder { level } => Some(level),
            ActivityRole::FinalNotice => Some(99),
            _ => None,
        }
    }
}

impl fmt::Display for ActivityRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

impl Serialize for ActivityRole {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.key())
    }
}

impl<'de> Deserialize<'de> for ActivityRole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ActivityRole::parse_key(&s).map_err(serde::de::Error::custom)
    }
}

/// Lower case, accents folded, punctuation to single spaces.
fn fold(s: &str) -> Vec<String> {
    crate::import::roles::normalize_header(&crate::values::text::split_camel_case(s))
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether some word starts with one of the stems (a stem with spaces must match consecutive words). A
/// stem written `~stem` matches anywhere inside a word: German writes its steps as compounds whose
/// meaningful part comes last ("Kreditlimitfreigabe", "Forderungsausbuchung", "Zahlungszusage"), so
/// those stems are marked; short stems never are ("rot" or "fine" would match inside unrelated words).
fn has(words: &[String], stems: &[&str]) -> bool {
    stems.iter().any(|stem| {
        if let Some(inner) = stem.strip_prefix('~') {
            return words.iter().any(|w| w.contains(inner));
        }
        let parts: Vec<&str> = stem.split(' ').collect();
        words
            .windows(parts.len())
            .any(|w| w.iter().zip(&parts).all(|(word, p)| word.starts_with(p)))
    })
}

fn level_of(words: &[String]) -> u8 {
    for w in words {
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse::<u8>() {
            if (1..=MAX_REMINDER_LEVEL).contains(&n) {
                return n;
            }
        }
    }
    for w in words {
        if let Some(&(_, n)) = NUMBERS.iter().find(|(stem, _)| w.starts_with(stem)) {
            return n;
        }
    }
    1
}

/// Guesses the role of an activity from its name.
///
/// The checks run from the most specific role to the most general, and the order is the meaning:
/// a cease-contact request mentions reminders ("Demande d'arrêt des relances"), a write-off may mention
/// the agency ("Passée en perte après recouvrement"), a final notice may mention what comes next
/// ("Letzte Mahnung vor Inkasso", "Dernière relance avant contentieux"), promises and reminders mention
/// payment ("Promesse de paiement", "Zahlungserinnerung"), and an overdue step may name the payment
/// term ("Zahlungsziel überschritten").
pub fn guess_activity_role(name: &str) -> ActivityRole {
    use ActivityRole::*;
    let w = fold(name);
    let w = &w[..];
    if has(w, CEASE) {
        return CeaseContact;
    }
    if has(w, WRITE_OFF) {
        return WrittenOff;
    }
    if has(w, FINAL_NOTICE) {
        return FinalNotice;
    }
    // "Recouvrement" alone is collection in general (the in-house "recouvrement amiable" too); handed
    // over, external or litigated, it is the agency's.
    let french_agency = has(w, &["recouvrement"]) && has(w, HANDED_OVER);
    if french_agency || has(w, AGENCY) {
        return SentToAgency;
    }
    let promise = has(w, PROMISE);
    if promise && has(w, BROKEN) {
        return PromiseBroken;
    }
    if promise {
        return PromiseToPay;
    }
    if has(w, DISPUTE) {
        if has(w, RESOLVED) {
            return DisputeResolved;
        }
        return DisputeRaised;
    }
    if has(w, CREDIT_NOTE) {
        return CreditNote;
    }
    // "Encours" is the French credit line, "fido" the Italian one.
    let credit = has(w, CREDIT_LINE);
    if credit && has(w, REJECTED) {
        return CreditRejected;
    }
    if credit && has(w, APPROVED) {
        return CreditApproved;
    }
    if credit && has(w, REQUESTED) {
        return CreditRequested;
    }
    // Conditions of payment are not payments: "Change payment term", "Set Payment Block".
    let payment = has(w, PAYMENT) && !has(w, PAYMENT_CONDITIONS);
    if (payment && has(w, POSTED)) || has(w, &["cash appl", "cash alloc"]) {
        return PaymentPosted;
    }
    if has(w, INVOICE) && has(w, CANCELLED) {
        return InvoiceCancelled;
    }
    if has(w, CLEARED) {
        return InvoiceCleared;
    }
    // Before payments: "payment reminder", "Recordatorio de pago", "Zahlungserinnerung" are reminders.
    if has(w, REMINDER) {
        return Reminder { level: level_of(w) };
    }
    // Before payments: "Zahlungsziel überschritten", "Payment overdue" say the due date passed.
    if has(w, OVERDUE) {
        return DueDatePassed;
    }
    if payment || has(w, &["money received", "funds received"]) {
        return PaymentReceived;
    }
    if has(w, CONVERSATION) {
        return ConversationHeld;
    }
    if has(w, CALL) {
        return CallAttempted;
    }
    if has(w, INVOICE) {
        if has(w, SENT) {
            return InvoiceSent;
        }
        return InvoiceCreated;
    }
    // An open-items table's issue date ("IssueDate", "Date d'émission") is the invoice's issue.
    if has(w, ISSUE_DATE) {
        return InvoiceCreated;
    }
    Other
}

/// Which activity and which column means what.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RoleMap {
    /// Activity name → role.
    pub activities: BTreeMap<String, ActivityRole>,
    /// Column name → role (amount, customer, due date, ...), as the import gave them.
    pub attributes: BTreeMap<String, ColumnRole>,
}

impl RoleMap {
    /// Whether some activity has a collections role: without one the log is not receivables (a
    /// helpdesk, a purchase process), and its cases are not shown as invoices.
    pub fn has_collections_roles(&self) -> bool {
        self.activities.values().any(|r| *r != ActivityRole::Other)
    }

    /// Guesses every activity's role and reads the attribute roles the import gave.
    pub fn guess(log: &EventLog) -> RoleMap {
        RoleMap {
            activities: log
                .activity_names()
                .map(|n| (n.to_string(), guess_activity_role(n)))
                .collect(),
            attributes: log
                .attributes()
                .iter()
                .filter(|a| !matches!(a.role, ColumnRole::Attribute | ColumnRole::Ignore))
                .map(|a| (a.name.clone(), a.role))
                .collect(),
        }
    }

    /// Overrides from a saved mapping: its entries win; activities and columns it does not name keep
    /// their guess.
    pub fn merge(&mut self, other: &RoleMap) {
        for (k, v) in &other.activities {
            self.activities.insert(k.clone(), *v);
        }
        for (k, v) in &other.attributes {
            self.attributes.retain(|_, r| r != v || !v.is_unique());
            self.attributes.insert(k.clone(), *v);
        }
    }

    /// Parses a mapping file.
    pub fn from_json(text: &str) -> Result<RoleMap, Error> {
        serde_json::from_str(text).map_err(|e| Error::Json {
            what: "mapping file",
            message: e.to_string(),
        })
    }

    /// The mapping as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Per activity id of `log`, its role.
    pub fn activity_roles(&self, log: &EventLog) -> Vec<ActivityRole> {
        log.activity_names()
            .map(|n| {
                self.activities
                    .get(n)
                    .copied()
                    .unwrap_or(ActivityRole::Other)
            })
            .collect()
    }

    /// The column with a role.
    pub fn column(&self, role: ColumnRole) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(_, &r)| r == role)
            .map(|(k, _)| k.as_str())
    }
}

#[cfg(test)]
mod tests;

/// Activity names as ERPs (SAP, Sage, Cegid, DATEV, Navision, ...) write them, in six languages, with
/// the role a credit manager reading the language gives them: inflected forms (feminine, plural), German
/// compounds, and the words that put a step in a more specific role than its first noun suggests.
#[cfg(test)]
mod table;
