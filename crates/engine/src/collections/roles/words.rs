//! The words of each activity role in English, French, German, Spanish, Portuguese and Italian, as
//! folded stems (`~` marks a stem matched inside German compounds). Data, not logic: which list wins
//! over which is [`guess_activity_role`](super::guess_activity_role)'s order.

pub(super) const INVOICE: &[&str] = &[
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
pub(super) const DISPUTE: &[&str] = &[
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
pub(super) const PAYMENT: &[&str] = &[
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
pub(super) const NUMBERS: [(&str, u8); 24] = [
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

/// The customer asked not to be contacted.
pub(super) const CEASE: &[&str] = &[
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
];

/// Written off as a loss.
pub(super) const WRITE_OFF: &[&str] = &[
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
];

/// The last reminder before legal action (mise en demeure).
pub(super) const FINAL_NOTICE: &[&str] = &[
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
];

/// With "recouvrement": handed over to someone outside.
pub(super) const HANDED_OVER: &[&str] = &[
    "transmis", "envoy", "envoi", "confi", "remis", "extern", "societe", "cabinet", "agence",
];

/// Sent to a collection agency or to litigation.
pub(super) const AGENCY: &[&str] = &[
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
];

/// A promise to pay.
pub(super) const PROMISE: &[&str] = &[
    "promise",
    "ptp",
    "promess",
    "~zahlungsversprechen",
    "~zusage",
    "~versprechen",
    "promesa",
    "compromiso de pago",
    "compromisso",
];

/// With a promise: not kept.
pub(super) const BROKEN: &[&str] = &[
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
];

/// With a dispute: resolved.
pub(super) const RESOLVED: &[&str] = &[
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
];

/// A credit note.
pub(super) const CREDIT_NOTE: &[&str] = &[
    "credit note",
    "credit memo",
    "avoir",
    "~gutschrift",
    "nota de credito",
    "notas de credito",
    "nota di credito",
    "nota credito",
    "abono",
];

/// Credit (the line, the limit, the check): "encours" in French, "fido" in Italian.
pub(super) const CREDIT_LINE: &[&str] = &["credit", "kredit", "credito", "encours", "fido"];

/// With credit: rejected.
pub(super) const REJECTED: &[&str] = &[
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
];

/// With credit: approved.
pub(super) const APPROVED: &[&str] = &[
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
];

/// With credit: requested, checked or blocked.
pub(super) const REQUESTED: &[&str] = &[
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
];

/// Conditions of payment, which are not payments: "Change payment term", "Set Payment Block".
pub(super) const PAYMENT_CONDITIONS: &[&str] = &[
    "payment term",
    "payment block",
    "payment condition",
    "conditions de paiement",
    "~zahlungsbedingung",
    "~zahlungssperre",
    "~zahlungsziel",
];

/// With a payment: posted, applied, matched.
pub(super) const POSTED: &[&str] = &[
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
];

/// With an invoice: cancelled.
pub(super) const CANCELLED: &[&str] = &[
    "cancel", "void", "revers", "annul", "~storn", "anulad", "cancelad", "annullat",
];

/// The date an invoice was issued, as an open-items table names its column.
pub(super) const ISSUE_DATE: &[&str] = &[
    "issue date",
    "issuing date",
    "date of issue",
    "date d emission",
    "date emission",
    "ausstellungsdatum",
    "fecha de emision",
    "data di emissione",
];

/// The invoice was cleared (settled, balanced).
pub(super) const CLEARED: &[&str] = &[
    "clear",
    "settled",
    "solde",
    "lettree",
    // "Lettrage" alone is the French clearing: the payment matched to the invoice in the ledger.
    "lettrage",
    "ausgeglichen",
    "~ausgleich",
    "liquidad",
    "compensad",
    "quitad",
    "saldat",
    "pareggiat",
];

/// A reminder (dunning letter).
pub(super) const REMINDER: &[&str] = &[
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
];

/// The due date passed.
pub(super) const OVERDUE: &[&str] = &[
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
];

/// A conversation with the customer.
pub(super) const CONVERSATION: &[&str] = &[
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
];

/// A call attempt.
pub(super) const CALL: &[&str] = &[
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
];

/// With an invoice: sent.
pub(super) const SENT: &[&str] = &[
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
];
