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
        .map(|(name, role)| format!("{name:?}: {} (expected {role})", guess_activity_role(name)))
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
        // Every role but "other", the due date passing (a date, rarely an event), the reminders
        // (their own test) and the call-centre steps that many tables do not name.
        let main = ActivityRole::all().into_iter().filter(|r| {
            !matches!(
                r,
                Other
                    | DueDatePassed
                    | Reminder { .. }
                    | CallAttempted
                    | ConversationHeld
                    | CeaseContact
            )
        });
        for role in main {
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
