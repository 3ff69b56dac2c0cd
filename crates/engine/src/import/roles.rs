//! Column roles and how they are guessed from header names.
//!
//! Headers are compared after folding case and accents and turning punctuation into spaces, so
//! `Date d'échéance`, `DATE_ECHEANCE` and `date echeance` are the same name. Each role has names in
//! English, French, German, Spanish, Portuguese and Italian (plus the XES keys); an exact match beats a
//! match on a whole word inside a longer header. When the names say nothing, the importer falls back to
//! the values (see [`super::detect`]).

pub use crate::values::ColumnRole;

/// Lower case, accents folded, punctuation and `_` turned into single spaces.
pub fn normalize_header(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        let c = fold_accent(c.to_lowercase().next().unwrap_or(c));
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Accents folded, and the ordinal signs of "n°", "Nº" read as the letter o.
fn fold_accent(c: char) -> char {
    match c {
        'º' | '°' => 'o',
        c => crate::values::text::fold_accent(c),
    }
}

/// Header names per role, already normalized. Order within a list does not matter.
const NAMES: &[(ColumnRole, &[&str])] = &[
    (
        ColumnRole::Case,
        &[
            "case id",
            "caseid",
            "case",
            "case concept name",
            "case name",
            "trace id",
            "trace",
            "process id",
            "invoice",
            "invoice id",
            "invoice no",
            "invoice number",
            "invoice nr",
            "document",
            "document number",
            "document no",
            "doc no",
            "order id",
            "order",
            "ticket",
            "ticket id",
            "facture",
            "no facture",
            "n facture",
            "no de facture",
            "numero de facture",
            "numero facture",
            "num facture",
            "id facture",
            "piece",
            "no piece",
            "numero de piece",
            "dossier",
            "id dossier",
            "cas",
            "id cas",
            "identifiant",
            "rechnung",
            "rechnungsnummer",
            "rechnungsnr",
            "rechnung nr",
            "belegnummer",
            "beleg",
            "belegnr",
            "fall",
            "fallnummer",
            "fall id",
            "vorgang",
            "vorgangsnummer",
            "caso",
            "id caso",
            "factura",
            "numero de factura",
            "numero factura",
            "no factura",
            "expediente",
            "fatura",
            "numero da fatura",
            "numero fatura",
            "processo",
            "id processo",
            "fattura",
            "numero fattura",
            "n fattura",
            "pratica",
            "id pratica",
            "documento",
            "numero documento",
        ],
    ),
    (
        ColumnRole::Activity,
        &[
            "activity",
            "activity name",
            "concept name",
            "event",
            "event name",
            "action",
            "step",
            "task",
            "operation",
            "status",
            "event type",
            "activite",
            "nom activite",
            "etape",
            "evenement",
            "tache",
            "statut",
            "aktivitat",
            "aktivitaet",
            "tatigkeit",
            "ereignis",
            "schritt",
            "aktion",
            "vorgangsart",
            "actividad",
            "evento",
            "paso",
            "accion",
            "tarea",
            "atividade",
            "etapa",
            "acao",
            "tarefa",
            "attivita",
            "azione",
            "fase",
            "passo",
            "operazione",
        ],
    ),
    (
        ColumnRole::Timestamp,
        &[
            "timestamp",
            "time timestamp",
            "time",
            "date",
            "datetime",
            "date time",
            "event time",
            "event date",
            "complete timestamp",
            "completion time",
            "end",
            "end time",
            "end timestamp",
            "end date",
            "completed",
            "completed at",
            "created at",
            "horodatage",
            "date et heure",
            "date heure",
            "heure",
            "date evenement",
            "date de fin",
            "fin",
            "zeitstempel",
            "datum",
            "zeitpunkt",
            "zeit",
            "datum uhrzeit",
            "endzeit",
            "ende",
            "fecha",
            "fecha hora",
            "fecha y hora",
            "marca de tiempo",
            "hora",
            "fecha fin",
            "data",
            "data hora",
            "data e hora",
            "carimbo de data hora",
            "data fim",
            "data ora",
            "data e ora",
            "data evento",
            "orario",
            "data fine",
        ],
    ),
    (
        ColumnRole::StartTimestamp,
        &[
            "start",
            "start time",
            "start timestamp",
            "start date",
            "started",
            "started at",
            "begin",
            "debut",
            "date de debut",
            "heure de debut",
            "beginn",
            "startzeit",
            "startdatum",
            "anfang",
            "inicio",
            "fecha inicio",
            "fecha de inicio",
            "hora de inicio",
            "data inicio",
            "data de inicio",
            "inizio",
            "data inizio",
            "data di inizio",
            "ora inizio",
        ],
    ),
    (
        ColumnRole::Resource,
        &[
            "resource",
            "org resource",
            "user",
            "user name",
            "username",
            "agent",
            "employee",
            "performer",
            "owner",
            "assignee",
            "clerk",
            "collector",
            "ressource",
            "utilisateur",
            "collaborateur",
            "gestionnaire",
            "charge de recouvrement",
            "operateur",
            "bearbeiter",
            "benutzer",
            "mitarbeiter",
            "sachbearbeiter",
            "ressource",
            "recurso",
            "usuario",
            "agente",
            "empleado",
            "gestor",
            "responsable",
            "usuario sistema",
            "colaborador",
            "funcionario",
            "risorsa",
            "utente",
            "operatore",
            "addetto",
            "incaricato",
        ],
    ),
    (
        ColumnRole::Lifecycle,
        &[
            "lifecycle",
            "lifecycle transition",
            "transition",
            "event lifecycle",
        ],
    ),
    (
        ColumnRole::Amount,
        &[
            "amount",
            "invoice amount",
            "open amount",
            "outstanding",
            "outstanding amount",
            "value",
            "net value",
            "gross amount",
            "balance",
            "montant",
            "montant ttc",
            "montant ht",
            "montant du",
            "solde",
            "montant facture",
            "betrag",
            "rechnungsbetrag",
            "offener betrag",
            "summe",
            "saldo",
            "importe",
            "monto",
            "importe factura",
            "valor",
            "valor da fatura",
            "montante",
            "importo",
            "importo fattura",
            "valore",
            "netvalue",
        ],
    ),
    (
        ColumnRole::Currency,
        &[
            "currency", "curr", "ccy", "devise", "monnaie", "wahrung", "waehrung", "moneda",
            "divisa", "moeda", "valuta",
        ],
    ),
    (
        ColumnRole::Customer,
        &[
            "customer",
            "customer id",
            "customer name",
            "customer no",
            "customer number",
            "client",
            "client id",
            "debtor",
            "debtor id",
            "account",
            "account id",
            "payer",
            "nom client",
            "code client",
            "numero client",
            "no client",
            "debiteur",
            "kunde",
            "kunden",
            "kundennummer",
            "kundenname",
            "debitor",
            "debitornummer",
            "cliente",
            "id cliente",
            "codigo cliente",
            "deudor",
            "nome cliente",
            "devedor",
            "codice cliente",
            "debitore",
        ],
    ),
    (
        ColumnRole::Segment,
        &[
            "segment",
            "customer segment",
            "customer type",
            "customer category",
            "category",
            "segment client",
            "categorie",
            "categorie client",
            "type client",
            "kundensegment",
            "kundengruppe",
            "segmento",
            "categoria",
            "tipo cliente",
            "segmento cliente",
        ],
    ),
    (
        ColumnRole::DueDate,
        &[
            "due date",
            "due",
            "duedate",
            "payment due",
            "payment due date",
            "date due",
            "net due date",
            "echeance",
            "date echeance",
            "date d echeance",
            "date limite",
            "falligkeit",
            "faelligkeit",
            "falligkeitsdatum",
            "faelligkeitsdatum",
            "falligkeitstermin",
            "vencimiento",
            "fecha vencimiento",
            "fecha de vencimiento",
            "vencimento",
            "data vencimento",
            "data de vencimento",
            "scadenza",
            "data scadenza",
            "data di scadenza",
        ],
    ),
    (
        ColumnRole::Channel,
        &[
            "channel",
            "contact channel",
            "canal",
            "canal de contact",
            "kanal",
            "medium",
            "canale",
            "via",
        ],
    ),
    (
        ColumnRole::DunningLevel,
        &[
            "dunning level",
            "level",
            "reminder level",
            "dunning stage",
            "niveau",
            "niveau de relance",
            "niveau relance",
            "mahnstufe",
            "mahnstufe nr",
            "stufe",
            "nivel",
            "nivel de recordatorio",
            "nivel de cobranca",
            "livello",
            "livello sollecito",
        ],
    ),
    (
        ColumnRole::DisputeReason,
        &[
            "dispute reason",
            "reason",
            "reason code",
            "dispute",
            "motif",
            "motif du litige",
            "motif litige",
            "raison",
            "grund",
            "streitgrund",
            "reklamationsgrund",
            "einspruchsgrund",
            "motivo",
            "motivo disputa",
            "motivo del reclamo",
            "razon",
            "causa",
            "motivo contestazione",
        ],
    ),
    (
        ColumnRole::PromiseDate,
        &[
            "promise date",
            "promised date",
            "promise to pay date",
            "ptp date",
            "promised payment date",
            "date de promesse",
            "date promise",
            "date promesse",
            "promesse",
            "zahlungsversprechen",
            "zusagedatum",
            "versprochenes datum",
            "fecha de promesa",
            "fecha prometida",
            "fecha promesa",
            "data da promessa",
            "data prometida",
            "data promessa",
            "data promessa pagamento",
        ],
    ),
];

/// How well a header names a role: an exact name beats the name decorated with `case` or `ID`, which beats
/// a whole-word match inside a longer header; within each tier, names listed first are stronger
/// (`activity` beats `status`). 0 means no match.
pub fn header_score(header: &str, role: ColumnRole) -> u32 {
    match header_score_of(&normalize_header(header), role) {
        // "DunningLevel", "PaymentDate": read again with its words apart.
        0 => header_score_of(
            &normalize_header(&crate::values::text::split_camel_case(header)),
            role,
        ),
        score => score,
    }
}

/// [`header_score`] of a header already normalized.
fn header_score_of(h: &str, role: ColumnRole) -> u32 {
    let Some((_, names)) = NAMES.iter().find(|(r, _)| *r == role) else {
        return 0;
    };
    let rank = |n: &str| {
        names
            .iter()
            .position(|x| *x == n)
            .map(|p| 999 - p.min(998) as u32)
    };
    if let Some(r) = rank(h) {
        return 3000 + r;
    }
    let stripped = h.trim_start_matches("case ").trim_end_matches(" id");
    if stripped != h {
        if let Some(r) = rank(stripped) {
            return 2000 + r;
        }
    }
    let words: Vec<&str> = h.split(' ').collect();
    names
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            let nw: Vec<&str> = n.split(' ').collect();
            nw.len() < words.len() && words.windows(nw.len()).any(|w| w == nw.as_slice())
        })
        .map(|(p, _)| 1000 + 999 - p.min(998) as u32)
        .max()
        .unwrap_or(0)
}

/// Roles guessed from headers alone: the strongest (header, role) matches are taken first, each role
/// goes to one column and each column gets at most one role; ties go to the leftmost column.
pub fn guess_from_headers(headers: &[String]) -> Vec<ColumnRole> {
    let mut candidates: Vec<(u32, usize, ColumnRole)> = Vec::new();
    for role in ColumnRole::ALL.into_iter().filter(|r| r.is_unique()) {
        for (i, h) in headers.iter().enumerate() {
            let s = header_score(h, role);
            if s > 0 {
                candidates.push((s, i, role));
            }
        }
    }
    crate::values::order::sort_by(&mut candidates, |a, b| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    });
    let mut roles = vec![ColumnRole::Attribute; headers.len()];
    let mut taken: Vec<ColumnRole> = Vec::new();
    for (_, i, role) in candidates {
        if roles[i] == ColumnRole::Attribute && !taken.contains(&role) {
            roles[i] = role;
            taken.push(role);
        }
    }
    roles
}

#[cfg(test)]
mod tests;
