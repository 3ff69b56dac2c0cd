use super::*;
use crate::insights::stats::Test;
use crate::insights::IntervalMethod;

fn finding() -> Finding {
    Finding {
        outcome: "late_payment".into(),
        attribute: "Region".into(),
        value: "Süd".into(),
        cases: 1200,
        outcome_value: 0.63,
        rest_value: 0.32,
        difference: 0.31,
        ci_low: 0.28,
        ci_high: 0.34,
        p_value: 1e-20,
        q_value: 1e-19,
        excess_cases: 760.4,
        amount_at_risk: Some(4_123_456.0),
        text: String::new(),
        rest_cases: 5000,
        value_ci_low: 0.6065,
        value_ci_high: 0.6549,
        interval_method: IntervalMethod::NewcombeHybridScore,
        test: Test::ZTest,
        impact: 336.0,
        stratified_by: None,
        stratified_difference: None,
        stratified_flip: false,
        parts: vec![("Region".into(), "Süd".into())],
        parent: None,
        design_effect: None,
    }
}

#[test]
fn the_issue_s_sentence_in_both_languages() {
    let tc = TextContext {
        language: Language::En,
        receivables: true,
        currency: Some("EUR".into()),
    };
    assert_eq!(
            finding_sentence(&finding(), &OutcomeId::LatePayment, None, &tc),
            "Invoices with Region Süd are paid late 63 % of the time (95 % CI 61–65 %) against 32 % for the \
             others: 760 more late invoices than if they behaved like the rest (4.1 M€ at risk)."
        );
    let fr = TextContext {
        language: Language::Fr,
        ..tc
    };
    assert_eq!(
            finding_sentence(&finding(), &OutcomeId::LatePayment, None, &fr),
            "Les factures avec Region Süd sont payées en retard dans 63 % des cas (IC 95 % 61–65 %) contre 32 % \
             pour les autres : 760 factures en retard de plus que si elles se comportaient comme le reste \
             (4,1 M€ en jeu)."
        );
    let mut d = finding();
    d.parts = vec![("due (month)".into(), "March".into())];
    d.outcome_value = 52.0;
    d.rest_value = 40.0;
    d.difference = 12.0;
    d.ci_low = 8.3;
    d.ci_high = 15.0;
    let s = finding_sentence(&d, &OutcomeId::InvoiceToCashDays, None, &fr);
    assert!(
        s.starts_with("Les factures avec due (month) mars mettent en médiane 52,0 jours"),
        "{s}"
    );
    assert!(
        s.ends_with("(écart +12,0 jours, IC 95 % +8,3 à +15,0)."),
        "{s}"
    );
}

#[test]
fn a_pair_is_said_within_its_parent_and_a_window_is_said() {
    let mut f = finding();
    f.parts = vec![
        ("Region".into(), "Süd".into()),
        ("cost centre".into(), "121".into()),
    ];
    f.parent = Some(crate::insights::Parent {
        attribute: "Region".into(),
        value: "Süd".into(),
    });
    f.amount_at_risk = None;
    let m = Maturity {
        from: MaturityFrom::DueDate,
        window_days: 152.0,
        basis: MaturityBasis::Percentile90,
        basis_cases: 96,
        judged_cases: 4210,
        too_recent_cases: 812,
    };
    let en = TextContext {
        language: Language::En,
        receivables: true,
        currency: Some("EUR".into()),
    };
    assert_eq!(
            finding_sentence(&f, &OutcomeId::WrittenOff, Some(&m), &en),
            "Within Region Süd, invoices with cost centre 121 are written off within 152 days of their due date \
             63 % of the time (95 % CI 61–65 %) against 32 % for the other invoices with Region Süd: 760 more \
             written-off invoices than if they behaved like the rest of Region Süd. Judged on invoices due at \
             least 152 days before the log's end."
        );
    let fr = TextContext {
        language: Language::Fr,
        ..en.clone()
    };
    assert_eq!(
            finding_sentence(&f, &OutcomeId::WrittenOff, Some(&m), &fr),
            "Parmi les factures avec Region Süd, celles avec cost centre 121 sont passées en perte dans les 152 \
             jours suivant leur échéance dans 63 % des cas (IC 95 % 61–65 %) contre 32 % pour les autres \
             factures avec Region Süd : 760 factures passées en perte de plus que si elles se comportaient \
             comme le reste de Region Süd. Jugé sur les factures échues depuis au moins 152 jours à la fin du \
             journal."
        );
    let opts = InsightsOptions::default();
    assert_eq!(
            outcome_definition(&OutcomeId::WrittenOff, Some(&m), &opts),
            "Written off within 152 days of the due date. The 152 days are the 90th percentile of due date to \
             write-off over 96 cases of this log. Judged on the 4,210 invoices due at least 152 days before the \
             log's end; 812 more recent ones are left out, as they may not show it yet. Cancelled invoices are \
             left out."
        );
    let opts_fr = InsightsOptions {
        language: Language::Fr,
        ..opts
    };
    assert_eq!(
            outcome_definition(&OutcomeId::WrittenOff, Some(&m), &opts_fr),
            "Passée en perte dans les 152 jours suivant l'échéance. Ces 152 jours sont le 90e centile de \
             l'échéance à la passation en perte sur 96 dossiers de ce journal. Jugé sur les 4 210 factures échues \
             depuis au moins 152 jours à la fin du journal ; 812 plus récentes sont écartées, faute de recul. Les \
             factures annulées sont écartées."
        );
    // Late payment is decided the day after the due date: no window in the verb.
    let late = Maturity {
        window_days: 1.0,
        basis: MaturityBasis::Definition,
        ..m
    };
    let s = finding_sentence(&finding(), &OutcomeId::LatePayment, Some(&late), &en);
    assert!(
        s.starts_with("Invoices with Region Süd are paid late 63 % of the time"),
        "{s}"
    );
    assert!(
        s.ends_with("(4.1 M€ at risk). Judged on invoices past their due date at the log's end."),
        "{s}"
    );
}
