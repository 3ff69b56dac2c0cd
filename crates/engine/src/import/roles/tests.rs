use super::*;

fn guess(headers: &[&str]) -> Vec<&'static str> {
    let h: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
    guess_from_headers(&h)
        .into_iter()
        .map(ColumnRole::key)
        .collect()
}

#[test]
fn normalizes() {
    assert_eq!(normalize_header("  Date d'Échéance "), "date d echeance");
    assert_eq!(normalize_header("case:concept:name"), "case concept name");
    assert_eq!(normalize_header("N° Facture"), "no facture");
}

#[test]
fn pm4py_style_headers() {
    assert_eq!(
        guess(&["case_id", "activity", "timestamp", "resource", "lifecycle"]),
        ["case", "activity", "timestamp", "resource", "lifecycle"]
    );
    // The running example has both `activity` and `Activity`: the leftmost wins, the other stays.
    assert_eq!(
        guess(&[
            "case_id",
            "activity",
            "timestamp",
            "resource",
            "Activity",
            "Resource"
        ]),
        [
            "case",
            "activity",
            "timestamp",
            "resource",
            "attribute",
            "attribute"
        ]
    );
    assert_eq!(
        guess(&[
            "case:concept:name",
            "concept:name",
            "time:timestamp",
            "org:resource"
        ]),
        ["case", "activity", "timestamp", "resource"]
    );
}

/// Camel-case headers of ERP exports and several-table extracts read word by word (regression:
/// "DunningLevel" was no role, so every reminder of a dunning table counted as level 1).
#[test]
fn camel_case_headers() {
    assert_eq!(
        guess(&[
            "InvoiceNo",
            "Activity",
            "EventTime",
            "DunningLevel",
            "DueDate",
            "CustomerName",
            "PromiseDate"
        ]),
        [
            "case",
            "activity",
            "timestamp",
            "dunning_level",
            "due_date",
            "customer",
            "promise_date"
        ]
    );
}

#[test]
fn french_german_spanish_headers() {
    assert_eq!(
        guess(&[
            "N° facture",
            "Étape",
            "Date",
            "Gestionnaire",
            "Montant TTC",
            "Client",
            "Date d'échéance",
            "Canal"
        ]),
        [
            "case",
            "activity",
            "timestamp",
            "resource",
            "amount",
            "customer",
            "due_date",
            "channel"
        ]
    );
    assert_eq!(
        guess(&[
            "Rechnungsnummer",
            "Aktivität",
            "Zeitstempel",
            "Betrag",
            "Fälligkeitsdatum",
            "Mahnstufe"
        ]),
        [
            "case",
            "activity",
            "timestamp",
            "amount",
            "due_date",
            "dunning_level"
        ]
    );
    assert_eq!(
        guess(&[
            "Factura",
            "Actividad",
            "Fecha y hora",
            "Cliente",
            "Fecha de vencimiento"
        ]),
        ["case", "activity", "timestamp", "customer", "due_date"]
    );
    assert_eq!(
        guess(&["Fattura", "Attività", "Data e ora", "Risorsa", "Importo"]),
        ["case", "activity", "timestamp", "resource", "amount"]
    );
}
