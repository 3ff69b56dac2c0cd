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

impl ActivityRole {
    /// Every role with a fixed key, in the order the mapping table lists them (reminders 1 to 5).
    pub fn all() -> Vec<ActivityRole> {
        use ActivityRole::*;
        let mut v = vec![
            CreditRequested,
            CreditApproved,
            CreditRejected,
            InvoiceCreated,
            InvoiceSent,
            InvoiceCancelled,
            DueDatePassed,
        ];
        v.extend((1..=5).map(|level| Reminder { level }));
        v.extend([
            FinalNotice,
            CallAttempted,
            ConversationHeld,
            PromiseToPay,
            PromiseBroken,
            DisputeRaised,
            DisputeResolved,
            CreditNote,
            PaymentReceived,
            PaymentPosted,
            InvoiceCleared,
            SentToAgency,
            WrittenOff,
            CeaseContact,
            Other,
        ]);
        v
    }

    /// The JSON key: `payment_received`, `reminder_2`, ...
    pub fn key(self) -> String {
        use ActivityRole::*;
        let s = match self {
            Reminder { level } => return format!("reminder_{level}"),
            CreditRequested => "credit_requested",
            CreditApproved => "credit_approved",
            CreditRejected => "credit_rejected",
            InvoiceCreated => "invoice_created",
            InvoiceSent => "invoice_sent",
            InvoiceCancelled => "invoice_cancelled",
            DueDatePassed => "due_date_passed",
            FinalNotice => "final_notice",
            CallAttempted => "call_attempted",
            ConversationHeld => "conversation_held",
            PromiseToPay => "promise_to_pay",
            PromiseBroken => "promise_broken",
            DisputeRaised => "dispute_raised",
            DisputeResolved => "dispute_resolved",
            CreditNote => "credit_note",
            PaymentReceived => "payment_received",
            PaymentPosted => "payment_posted",
            InvoiceCleared => "invoice_cleared",
            SentToAgency => "sent_to_agency",
            WrittenOff => "written_off",
            CeaseContact => "cease_contact",
            Other => "other",
        };
        s.to_string()
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
    crate::import::roles::normalize_header(s)
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

const INVOICE: &[&str] = &[
    "invoice",
    "bill",
    "fine",
    "factur",
    "rechnung",
    "stornorechnung",
    "beleg",
    "fatura",
    "fattur",
    "nota fiscal",
];
const DISPUTE: &[&str] = &[
    "dispute",
    "litig",
    "reclamation",
    "~reklamation",
    "einspruch",
    "~beanstand",
    "streit",
    "disput",
    "reclamo",
    "incidencia",
    "contestac",
    "contestaz",
    "reclamac",
    "complaint",
];
const PAYMENT: &[&str] = &[
    "payment",
    "paid",
    "cash receipt",
    "remittance",
    "paiement",
    "reglement",
    "encaisse",
    "versement",
    "virement",
    "~zahlung",
    "bezahlt",
    "geldeingang",
    "pago",
    "cobro",
    "cobrad",
    "pagamento",
    "recebiment",
    "incass",
    "pagat",
];
const NUMBERS: [(&str, u8); 24] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("premier", 1),
    ("premiere", 1),
    ("deuxieme", 2),
    ("second", 2),
    ("troisieme", 3),
    ("erste", 1),
    ("zweite", 2),
    ("dritte", 3),
    ("primer", 1),
    ("primera", 1),
    ("segund", 2),
    ("tercer", 3),
    ("primeir", 1),
    ("terceir", 3),
    ("primo", 1),
    ("prima", 1),
    ("secondo", 2),
    ("seconda", 2),
    ("terzo", 3),
    ("terza", 3),
];

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
    if has(
        w,
        &[
            "cease",
            "stop contact",
            "do not contact",
            "no contact",
            "opposition",
            "ne plus contacter",
            "ne plus relancer",
            "arret des relance",
            "kontaktsperre",
            "kein kontakt",
            "no contactar",
            "cese",
            "nao contact",
            "non contattare",
        ],
    ) {
        return CeaseContact;
    }
    if has(
        w,
        &[
            "write off",
            "writeoff",
            "written off",
            "bad debt",
            "passe en perte",
            "perte",
            "irrecouvrable",
            "~abschreib",
            "~abgeschrieb",
            "~ausbuch",
            "~ausgebucht",
            "forderungsverlust",
            "castig",
            "incobrable",
            "fallid",
            "incobrav",
            "baixa",
            "perda",
            "stralci",
            "perdit",
            "svalutaz",
        ],
    ) {
        return WrittenOff;
    }
    if has(
        w,
        &[
            "final notice",
            "final demand",
            "final reminder",
            "last reminder",
            "mise en demeure",
            "demeure",
            "derniere relance",
            "letzte mahnung",
            "mahnbescheid",
            "requerimiento",
            "ultimo aviso",
            "burofax",
            "notificacao final",
            "diffida",
            "messa in mora",
        ],
    ) {
        return FinalNotice;
    }
    // "Recouvrement" alone is collection in general (the in-house "recouvrement amiable" too); handed
    // over, external or litigated, it is the agency's.
    let french_agency = has(w, &["recouvrement"])
        && has(
            w,
            &[
                "transmis", "envoy", "envoi", "confi", "remis", "extern", "societe", "cabinet",
                "agence",
            ],
        );
    if french_agency
        || has(
            w,
            &[
                "agency",
                "debt collect",
                "credit collection",
                "contentieux",
                "huissier",
                "~inkasso",
                "agencia",
                "recobro",
                "cobranza extern",
                "cobranca extern",
                "assessoria de cobranca",
                "agenzia",
                "recupero credit",
            ],
        )
    {
        return SentToAgency;
    }
    let promise = has(
        w,
        &[
            "promise",
            "ptp",
            "promess",
            "~zahlungsversprechen",
            "~zusage",
            "~versprechen",
            "promesa",
            "compromiso de pago",
            "compromisso",
        ],
    );
    if promise
        && has(
            w,
            &[
                "broken",
                "not kept",
                "missed",
                "failed",
                "non tenu",
                "rompu",
                "gebrochen",
                "nicht eingehalten",
                "incumplid",
                "rot",
                "quebrad",
                "non mantenut",
                "mancat",
            ],
        )
    {
        return PromiseBroken;
    }
    if promise {
        return PromiseToPay;
    }
    if has(w, DISPUTE) {
        if has(
            w,
            &[
                "resolv",
                "closed",
                "settled",
                "resolu",
                "clos",
                "clotur",
                "ferme",
                "regle",
                "erledigt",
                "geklart",
                "abgeschlossen",
                "resuelt",
                "cerrad",
                "fechad",
                "risolt",
                "chius",
            ],
        ) {
            return DisputeResolved;
        }
        return DisputeRaised;
    }
    if has(
        w,
        &[
            "credit note",
            "credit memo",
            "avoir",
            "~gutschrift",
            "nota de credito",
            "notas de credito",
            "nota di credito",
            "nota credito",
            "abono",
        ],
    ) {
        return CreditNote;
    }
    // "Encours" is the French credit line, "fido" the Italian one.
    let credit = has(w, &["credit", "kredit", "credito", "encours", "fido"]);
    if credit
        && has(
            w,
            &[
                "reject",
                "refus",
                "declin",
                "denied",
                "rejet",
                "abgelehnt",
                "~ablehn",
                "rechaz",
                "recusad",
                "negad",
                "rifiut",
                "respint",
            ],
        )
    {
        return CreditRejected;
    }
    if credit
        && has(
            w,
            &[
                "approv",
                "approuv",
                "valide",
                "grant",
                "accept",
                "release",
                "accord",
                "~genehmig",
                "bewilligt",
                "~freigegeben",
                "~freigabe",
                "aprobad",
                "concedid",
                "aprovad",
                "approvat",
                "concess",
            ],
        )
    {
        return CreditApproved;
    }
    if credit
        && has(
            w,
            &[
                "request",
                "check",
                "application",
                "review",
                "block",
                "demand",
                "verification",
                "~anfrage",
                "~antrag",
                "beantrag",
                "~prufung",
                "~pruefung",
                "~sperre",
                "gesperrt",
                "solicitud",
                "revision",
                "pedido",
                "analise",
                "richiest",
                "verifica",
                "bloccat",
            ],
        )
    {
        return CreditRequested;
    }
    // Conditions of payment are not payments: "Change payment term", "Set Payment Block".
    let payment = has(w, PAYMENT)
        && !has(
            w,
            &[
                "payment term",
                "payment block",
                "payment condition",
                "conditions de paiement",
                "~zahlungsbedingung",
                "~zahlungssperre",
                "~zahlungsziel",
            ],
        );
    if (payment
        && has(
            w,
            &[
                "posted",
                "applied",
                "allocated",
                "matched",
                "reconcil",
                "impute",
                "lettr",
                "affect",
                "rapproch",
                "comptabilis",
                "verbucht",
                "zugeordnet",
                "~zuordnung",
                "ausgeglichen",
                "aplicad",
                "contabiliz",
                "conciliad",
                "imputat",
                "registrat",
                "riconcil",
                "abbinat",
            ],
        ))
        || has(w, &["cash appl", "cash alloc"])
    {
        return PaymentPosted;
    }
    if has(w, INVOICE)
        && has(
            w,
            &[
                "cancel", "void", "revers", "annul", "~storn", "anulad", "cancelad", "annullat",
            ],
        )
    {
        return InvoiceCancelled;
    }
    if has(
        w,
        &[
            "clear",
            "settled",
            "solde",
            "lettree",
            "ausgeglichen",
            "~ausgleich",
            "liquidad",
            "compensad",
            "quitad",
            "saldat",
            "pareggiat",
        ],
    ) {
        return InvoiceCleared;
    }
    // Before payments: "payment reminder", "Recordatorio de pago", "Zahlungserinnerung" are reminders.
    if has(
        w,
        &[
            "reminder",
            "dunning",
            "relance",
            "rappel",
            "~mahnung",
            "mahnstufe",
            "mahnlauf",
            "mahnschreiben",
            "mahnbrief",
            "gemahnt",
            "~erinnerung",
            "recordatorio",
            "aviso de cobro",
            "requerimiento de pago",
            "lembrete",
            "aviso de cobranca",
            "sollecit",
            "avviso",
            "payment request",
        ],
    ) {
        return Reminder { level: level_of(w) };
    }
    // Before payments: "Zahlungsziel überschritten", "Payment overdue" say the due date passed.
    if has(
        w,
        &[
            "overdue",
            "past due",
            "due date passed",
            "due date expired",
            "echeance depassee",
            "echu",
            "impaye",
            "uberfallig",
            "ueberfaellig",
            "uberschritten",
            "ueberschritten",
            "vencid",
            "impagad",
            "scadut",
            "insolut",
        ],
    ) {
        return DueDatePassed;
    }
    if payment || has(w, &["money received", "funds received"]) {
        return PaymentReceived;
    }
    if has(
        w,
        &[
            "conversation",
            "spoke",
            "contact made",
            "reached",
            "talked",
            "entretien",
            "echange",
            "~gesprach",
            "~gespraech",
            "conversac",
            "conversa",
            "conversaz",
            "colloquio",
        ],
    ) {
        return ConversationHeld;
    }
    if has(
        w,
        &[
            "call",
            "phone",
            "appel",
            "telephon",
            "anruf",
            "telefon",
            "llamad",
            "ligac",
            "chiamat",
            "telefonat",
        ],
    ) {
        return CallAttempted;
    }
    if has(w, INVOICE) {
        if has(
            w,
            &[
                "sent",
                "send",
                "mailed",
                "emailed",
                "delivered",
                "dispatch",
                "envoy",
                "expedi",
                "transmis",
                "~versend",
                "~versand",
                "verschickt",
                "zugestellt",
                "enviad",
                "remitid",
                "inviat",
                "spedit",
                "trasmess",
            ],
        ) {
            return InvoiceSent;
        }
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
mod tests {
    use super::*;
    use ActivityRole::*;

    #[test]
    fn french_names() {
        for (name, role) in [
            ("Facture émise", InvoiceCreated),
            ("Facture envoyée", InvoiceSent),
            ("Relance 2 envoyée", Reminder { level: 2 }),
            ("Première relance", Reminder { level: 1 }),
            ("Mise en demeure", FinalNotice),
            ("Litige ouvert", DisputeRaised),
            ("Litige résolu", DisputeResolved),
            ("Paiement reçu", PaymentReceived),
            ("Paiement imputé", PaymentPosted),
            ("Passé en perte", WrittenOff),
            ("Avoir émis", CreditNote),
            ("Promesse de paiement", PromiseToPay),
            ("Promesse non tenue", PromiseBroken),
            ("Appel client", CallAttempted),
            ("Transmis au contentieux", SentToAgency),
            ("Échéance dépassée", DueDatePassed),
            ("Facture annulée", InvoiceCancelled),
            ("Demande de crédit", CreditRequested),
            ("Crédit accordé", CreditApproved),
        ] {
            assert_eq!(guess_activity_role(name), role, "{name}");
        }
    }

    #[test]
    fn german_spanish_portuguese_italian_names() {
        for (name, role) in [
            ("Mahnung 1", Reminder { level: 1 }),
            ("Zweite Mahnung", Reminder { level: 2 }),
            ("Zahlungseingang", PaymentReceived),
            ("Zahlung verbucht", PaymentPosted),
            ("Rechnung erstellt", InvoiceCreated),
            ("Rechnung versendet", InvoiceSent),
            ("Übergabe an Inkasso", SentToAgency),
            ("Forderung abgeschrieben", WrittenOff),
            ("Recordatorio de pago 2", Reminder { level: 2 }),
            ("Pago recibido", PaymentReceived),
            ("Factura enviada", InvoiceSent),
            ("Disputa resuelta", DisputeResolved),
            ("Pagamento recebido", PaymentReceived),
            ("Fatura emitida", InvoiceCreated),
            ("Sollecito 3", Reminder { level: 3 }),
            ("Contestazione aperta", DisputeRaised),
            ("Pagamento registrato", PaymentPosted),
            ("Diffida ad adempiere", FinalNotice),
        ] {
            assert_eq!(guess_activity_role(name), role, "{name}");
        }
    }

    #[test]
    fn english_and_reference_logs() {
        for (name, role) in [
            ("Invoice created", InvoiceCreated),
            ("Invoice sent", InvoiceSent),
            ("Reminder 3 sent", Reminder { level: 3 }),
            ("Final notice sent", FinalNotice),
            ("Promise to pay", PromiseToPay),
            ("Promise broken", PromiseBroken),
            ("Payment received", PaymentReceived),
            ("Payment posted", PaymentPosted),
            ("Invoice cleared", InvoiceCleared),
            ("Cease contact requested", CeaseContact),
            ("Credit limit approved", CreditApproved),
            ("Credit check requested", CreditRequested),
            ("Conversation held", ConversationHeld),
            ("Call attempted", CallAttempted),
            ("Credit note issued", CreditNote),
            // Road traffic fines and the IBM SAP order-to-cash log.
            ("Create Fine", InvoiceCreated),
            ("Send Fine", InvoiceSent),
            ("Payment", PaymentReceived),
            ("Send for Credit Collection", SentToAgency),
            ("Document blocked for credit ", CreditRequested),
            ("Document released for credit", CreditApproved),
            ("Line Creation", Other),
        ] {
            assert_eq!(guess_activity_role(name), role, "{name}");
        }
    }

    #[test]
    fn keys_round_trip_and_json() {
        for r in ActivityRole::all() {
            assert_eq!(ActivityRole::from_key(&r.key()), Some(r));
        }
        assert_eq!(
            ActivityRole::from_key("reminder_7"),
            Some(Reminder { level: 7 })
        );
        assert_eq!(ActivityRole::from_key("nonsense"), None);
        // Levels that would overflow `highest + 1` later are refused, with the reason.
        assert_eq!(
            ActivityRole::from_key("reminder_20"),
            Some(Reminder { level: 20 })
        );
        for bad in [
            "reminder_0",
            "reminder_21",
            "reminder_255",
            "reminder_99999",
        ] {
            assert_eq!(ActivityRole::from_key(bad), None, "{bad}");
        }
        let err = RoleMap::from_json(r#"{"activities": {"x": "reminder_255"}}"#)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("reminder level 255") && err.contains("1 to 20"),
            "{err}"
        );
        let json = r#"{"activities": {"Relance 2 envoyée": "reminder_2", "Mahnung": "final_notice"}, "attributes": {"Montant": "amount"}}"#;
        let m = RoleMap::from_json(json).unwrap();
        assert_eq!(m.activities["Relance 2 envoyée"], Reminder { level: 2 });
        assert_eq!(m.column(ColumnRole::Amount), Some("Montant"));
        assert_eq!(RoleMap::from_json(&m.to_json()).unwrap(), m);
        let err = RoleMap::from_json(r#"{"activities": {"x": "bogus"}}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown activity role \"bogus\""), "{err}");
    }
}

/// Activity names as ERPs (SAP, Sage, Cegid, DATEV, Navision, ...) write them, in six languages, with
/// the role a credit manager reading the language gives them: inflected forms (feminine, plural), German
/// compounds, and the words that put a step in a more specific role than its first noun suggests.
#[cfg(test)]
mod table {
    use super::*;
    use ActivityRole::*;

    const fn r(level: u8) -> ActivityRole {
        Reminder { level }
    }

    const EN: &[(&str, ActivityRole)] = &[
        ("Invoice created", InvoiceCreated),
        ("Invoice issued", InvoiceCreated),
        ("Invoices posted", InvoiceCreated),
        ("Invoice emailed to customer", InvoiceSent),
        ("Invoices sent", InvoiceSent),
        ("Invoice reversed", InvoiceCancelled),
        ("Invoice voided", InvoiceCancelled),
        ("Credit limit request", CreditRequested),
        ("Order blocked for credit check", CreditRequested),
        ("Credit limit increase granted", CreditApproved),
        ("Credit application declined", CreditRejected),
        ("Dunning level 1", r(1)),
        ("Dunning notice level 2 sent", r(2)),
        ("Second reminder sent", r(2)),
        ("Payment reminder 3", r(3)),
        ("Final demand letter", FinalNotice),
        ("Final reminder before collection agency", FinalNotice),
        ("Outbound call - no answer", CallAttempted),
        ("Spoke with customer", ConversationHeld),
        ("Promise to pay recorded", PromiseToPay),
        ("Broken promise", PromiseBroken),
        ("Dispute opened", DisputeRaised),
        ("Disputes closed", DisputeResolved),
        ("Credit memo issued", CreditNote),
        ("Cash receipt", PaymentReceived),
        ("Incoming payment", PaymentReceived),
        ("Partial payment received", PaymentReceived),
        ("Cash applied", PaymentPosted),
        ("Payments matched", PaymentPosted),
        ("Open item cleared", InvoiceCleared),
        ("Clear Invoice", InvoiceCleared),
        ("Change payment term", Other),
        ("Set Payment Block", Other),
        ("Placed with collection agency", SentToAgency),
        ("Referred to debt collector", SentToAgency),
        ("Bad debt written off", WrittenOff),
        ("Write-offs", WrittenOff),
        ("Invoice overdue", DueDatePassed),
        ("Do not contact flag set", CeaseContact),
    ];

    const FR: &[(&str, ActivityRole)] = &[
        ("Facture émise", InvoiceCreated),
        ("Factures comptabilisées", InvoiceCreated),
        ("Facture envoyée au client", InvoiceSent),
        ("Factures expédiées", InvoiceSent),
        ("Facture annulée", InvoiceCancelled),
        ("Demande de limite de crédit", CreditRequested),
        ("Limite de crédit demandée", CreditRequested),
        ("Limite de crédit approuvée", CreditApproved),
        ("Limite de crédit validée", CreditApproved),
        ("Encours client accordé", CreditApproved),
        ("Demande de crédit refusée", CreditRejected),
        ("Relance 1 envoyée", r(1)),
        ("Première relance", r(1)),
        ("Deuxième relance envoyée", r(2)),
        ("Relances niveau 3", r(3)),
        ("Lettre de rappel", r(1)),
        ("Mise en demeure envoyée", FinalNotice),
        ("Dernière relance avant contentieux", FinalNotice),
        ("Appel sortant sans réponse", CallAttempted),
        ("Entretien téléphonique avec le client", ConversationHeld),
        ("Promesse de règlement", PromiseToPay),
        ("Promesses non tenues", PromiseBroken),
        ("Promesse de paiement rompue", PromiseBroken),
        ("Litige ouvert", DisputeRaised),
        ("Litiges clôturés", DisputeResolved),
        ("Réclamation client résolue", DisputeResolved),
        ("Avoirs établis", CreditNote),
        ("Encaissement", PaymentReceived),
        ("Virement reçu", PaymentReceived),
        ("Règlement client reçu", PaymentReceived),
        ("Paiements lettrés", PaymentPosted),
        ("Paiement comptabilisé", PaymentPosted),
        ("Facture soldée", InvoiceCleared),
        ("Facture lettrée", InvoiceCleared),
        ("Transmis au recouvrement", SentToAgency),
        ("Dossier envoyé en recouvrement externe", SentToAgency),
        ("Transmise à l'huissier", SentToAgency),
        ("Passée en perte", WrittenOff),
        ("Créances passées en pertes et profits", WrittenOff),
        ("Créance irrécouvrable", WrittenOff),
        ("Échéance dépassée", DueDatePassed),
        ("Factures échues impayées", DueDatePassed),
        ("Demande d'arrêt des relances", CeaseContact),
    ];

    const DE: &[(&str, ActivityRole)] = &[
        ("Rechnung erstellt", InvoiceCreated),
        ("Rechnungserstellung", InvoiceCreated),
        ("Rechnung gebucht", InvoiceCreated),
        ("Rechnungsversand", InvoiceSent),
        ("Rechnung per E-Mail versendet", InvoiceSent),
        ("Rechnung storniert", InvoiceCancelled),
        ("Stornorechnung", InvoiceCancelled),
        ("Kreditlimit beantragt", CreditRequested),
        ("Kreditprüfung", CreditRequested),
        ("Kreditlimit genehmigt", CreditApproved),
        ("Kreditlimitfreigabe", CreditApproved),
        ("Kreditantrag abgelehnt", CreditRejected),
        ("Zahlungserinnerung", r(1)),
        ("Mahnstufe 2", r(2)),
        ("2. Mahnung versendet", r(2)),
        ("Dritte Mahnung", r(3)),
        ("Letzte Mahnung vor Inkasso", FinalNotice),
        ("Anruf - nicht erreicht", CallAttempted),
        ("Kundengespräch geführt", ConversationHeld),
        ("Zahlungszusage", PromiseToPay),
        ("Zahlungszusage nicht eingehalten", PromiseBroken),
        ("Reklamation eröffnet", DisputeRaised),
        ("Kundenreklamation erledigt", DisputeResolved),
        ("Teilgutschrift erstellt", CreditNote),
        ("Zahlungseingang", PaymentReceived),
        ("Teilzahlung erhalten", PaymentReceived),
        ("Zahlung verbucht", PaymentPosted),
        ("Zahlungszuordnung", PaymentPosted),
        ("OP-Ausgleich", InvoiceCleared),
        ("An Inkasso übergeben", SentToAgency),
        ("Inkassoübergabe", SentToAgency),
        ("Forderung ausgebucht", WrittenOff),
        ("Forderungsausbuchung", WrittenOff),
        ("Forderungsabschreibung", WrittenOff),
        ("Fälligkeit überschritten", DueDatePassed),
        ("Zahlungsziel überschritten", DueDatePassed),
        ("Zahlungsbedingungen geändert", Other),
        ("Kontaktsperre", CeaseContact),
    ];

    const ES: &[(&str, ActivityRole)] = &[
        ("Factura emitida", InvoiceCreated),
        ("Facturas emitidas", InvoiceCreated),
        ("Facturas enviadas por correo", InvoiceSent),
        ("Factura anulada", InvoiceCancelled),
        ("Solicitud de crédito", CreditRequested),
        ("Límite de crédito aprobado", CreditApproved),
        ("Créditos concedidos", CreditApproved),
        ("Crédito rechazado", CreditRejected),
        ("Primer recordatorio de pago", r(1)),
        ("Segundo aviso de cobro", r(2)),
        ("Recordatorios nivel 3", r(3)),
        ("Último aviso", FinalNotice),
        ("Burofax enviado", FinalNotice),
        ("Llamada realizada", CallAttempted),
        ("Conversación con el cliente", ConversationHeld),
        ("Promesa de pago", PromiseToPay),
        ("Promesas de pago incumplidas", PromiseBroken),
        ("Disputa abierta", DisputeRaised),
        ("Incidencia resuelta", DisputeResolved),
        ("Nota de crédito emitida", CreditNote),
        ("Abonos emitidos", CreditNote),
        ("Pago recibido", PaymentReceived),
        ("Cobros recibidos", PaymentReceived),
        ("Pagos conciliados", PaymentPosted),
        ("Partida compensada", InvoiceCleared),
        ("Enviado a agencia de cobro", SentToAgency),
        ("Traspasada a empresa de recobro", SentToAgency),
        ("Deuda castigada", WrittenOff),
        ("Pasada a fallidos", WrittenOff),
        ("Saldo incobrable", WrittenOff),
        ("Factura vencida", DueDatePassed),
        ("Facturas impagadas", DueDatePassed),
        ("No contactar", CeaseContact),
    ];

    const PT: &[(&str, ActivityRole)] = &[
        ("Fatura emitida", InvoiceCreated),
        ("Faturas emitidas", InvoiceCreated),
        ("Nota fiscal emitida", InvoiceCreated),
        ("Fatura enviada", InvoiceSent),
        ("Fatura cancelada", InvoiceCancelled),
        ("Pedido de crédito", CreditRequested),
        ("Limite de crédito aprovado", CreditApproved),
        ("Crédito recusado", CreditRejected),
        ("Primeiro lembrete de pagamento", r(1)),
        ("Segundo lembrete enviado", r(2)),
        ("Aviso de cobrança nível 3", r(3)),
        ("Notificação final", FinalNotice),
        ("Ligação efetuada", CallAttempted),
        ("Conversa com o cliente", ConversationHeld),
        ("Promessa de pagamento", PromiseToPay),
        ("Promessas de pagamento quebradas", PromiseBroken),
        ("Disputa aberta", DisputeRaised),
        ("Contestação resolvida", DisputeResolved),
        ("Notas de crédito emitidas", CreditNote),
        ("Pagamento recebido", PaymentReceived),
        ("Pagamentos conciliados", PaymentPosted),
        ("Título compensado", InvoiceCleared),
        ("Enviado para cobrança externa", SentToAgency),
        ("Encaminhada à assessoria de cobrança", SentToAgency),
        ("Baixa por perda", WrittenOff),
        ("Crédito incobrável", WrittenOff),
        ("Fatura vencida", DueDatePassed),
        ("Não contactar", CeaseContact),
    ];

    const IT: &[(&str, ActivityRole)] = &[
        ("Fattura emessa", InvoiceCreated),
        ("Fatture emesse", InvoiceCreated),
        ("Fattura inviata", InvoiceSent),
        ("Fatture spedite", InvoiceSent),
        ("Fattura annullata", InvoiceCancelled),
        ("Richiesta di fido", CreditRequested),
        ("Fido approvato", CreditApproved),
        ("Richiesta fido respinta", CreditRejected),
        ("Primo sollecito", r(1)),
        ("Secondo sollecito inviato", r(2)),
        ("Solleciti di pagamento livello 3", r(3)),
        ("Diffida ad adempiere", FinalNotice),
        ("Messa in mora", FinalNotice),
        ("Chiamata effettuata", CallAttempted),
        ("Colloquio con il cliente", ConversationHeld),
        ("Promessa di pagamento", PromiseToPay),
        ("Promesse di pagamento non mantenute", PromiseBroken),
        ("Contestazione aperta", DisputeRaised),
        ("Contestazioni chiuse", DisputeResolved),
        ("Nota di credito emessa", CreditNote),
        ("Incasso ricevuto", PaymentReceived),
        ("Pagamento registrato", PaymentPosted),
        ("Incassi riconciliati", PaymentPosted),
        ("Partita pareggiata", InvoiceCleared),
        ("Affidata a società di recupero crediti", SentToAgency),
        ("Crediti stralciati", WrittenOff),
        ("Perdita su crediti", WrittenOff),
        ("Fattura scaduta", DueDatePassed),
        ("Non contattare", CeaseContact),
    ];

    /// Every name of the table gets its role; all the misses are listed at once.
    fn check(lang: &str, table: &[(&str, ActivityRole)]) {
        assert!(table.len() >= 20, "{lang}: only {} names", table.len());
        let misses: Vec<String> = table
            .iter()
            .filter(|(name, role)| guess_activity_role(name) != *role)
            .map(|(name, role)| {
                format!("{name:?}: {} (expected {role})", guess_activity_role(name))
            })
            .collect();
        assert!(misses.is_empty(), "{lang}:\n{}", misses.join("\n"));
    }

    #[test]
    fn english() {
        check("en", EN);
    }

    #[test]
    fn french() {
        check("fr", FR);
    }

    #[test]
    fn german() {
        check("de", DE);
    }

    #[test]
    fn spanish() {
        check("es", ES);
    }

    #[test]
    fn portuguese() {
        check("pt", PT);
    }

    #[test]
    fn italian() {
        check("it", IT);
    }

    /// Each language's table covers the main roles.
    #[test]
    fn tables_cover_the_main_roles() {
        for (lang, table) in [
            ("en", EN),
            ("fr", FR),
            ("de", DE),
            ("es", ES),
            ("pt", PT),
            ("it", IT),
        ] {
            for role in [
                CreditRequested,
                CreditApproved,
                CreditRejected,
                InvoiceCreated,
                InvoiceSent,
                InvoiceCancelled,
                FinalNotice,
                PromiseToPay,
                PromiseBroken,
                DisputeRaised,
                DisputeResolved,
                CreditNote,
                PaymentReceived,
                PaymentPosted,
                InvoiceCleared,
                SentToAgency,
                WrittenOff,
            ] {
                assert!(table.iter().any(|(_, r)| *r == role), "{lang}: no {role}");
            }
            assert!(
                table
                    .iter()
                    .any(|(_, r)| matches!(r, Reminder { level: 2.. })),
                "{lang}"
            );
        }
    }
}
