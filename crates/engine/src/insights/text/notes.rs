//! The caveats, notes and reasons around the findings: association is not cause, what the outcome's
//! window and maturity mean, and why a figure is not available.

use super::*;

/// How to read the findings.
pub fn caveat(lang: Language) -> &'static str {
    match lang {
        Language::En => "These are associations observed in this log, not proof of cause: a value can look bad \
            because of something else that goes with it. Invoices of one customer are not independent, so \
            customer-level attributes look surer than they are.",
        Language::Fr => "Ce sont des associations observées dans ce journal, pas la preuve d'une cause : une valeur \
            peut paraître mauvaise à cause d'autre chose qui l'accompagne. Les factures d'un même client ne sont pas \
            indépendantes : les attributs propres au client paraissent plus sûrs qu'ils ne le sont.",
    }
}

/// How to read the findings when the log has a customer column (`column`): the intervals allow for
/// invoices of one customer going together.
pub fn caveat_with_customers(lang: Language, column: &str) -> String {
    match lang {
        Language::En => format!(
            "These are associations observed in this log, not proof of cause: a value can look bad because \
             of something else that goes with it. Invoices of one customer go together; the intervals and \
             p-values allow for it (design effect by {column})."
        ),
        Language::Fr => format!(
            "Ce sont des associations observées dans ce journal, pas la preuve d'une cause : une valeur peut \
             paraître mauvaise à cause d'autre chose qui l'accompagne. Les factures d'un même client vont \
             ensemble ; intervalles et p-valeurs en tiennent compte (effet de plan par {column})."
        ),
    }
}

/// The assumptions behind a report, in `opts.language`.
pub fn notes(oc: &OutcomeContext, opts: &InsightsOptions, customers: Option<&str>) -> Vec<String> {
    let as_of = crate::calendar::format_iso_utc(oc.as_of());
    let (q, min) = (opts.max_q, opts.min_cases);
    if opts.language == Language::Fr {
        let min = number(min as f64, 0, Language::Fr);
        let q = number(q, 2, Language::Fr);
        return vec![
            "Les valeurs des attributs sont celles du premier événement de chaque dossier (les attributs du \
             dossier tels quels) ; une valeur notée plus tard pourrait être une conséquence du résultat."
                .into(),
            format!(
                "Les résultats sont mesurés au {as_of} (le dernier événement de la population, sauf choix \
                 contraire). Un résultat qui prend du temps n'est jugé que sur les dossiers assez anciens pour \
                 le montrer, sur ce qui s'est passé dans une fenêtre tirée des délais du journal lui-même (la \
                 définition de chaque résultat la donne, avec les dossiers écartés)."
            ),
            format!(
                "Constats : q ≤ {q} (Benjamini–Hochberg sur toutes les valeurs testées pour le résultat), groupes \
                 d'au moins {min} dossiers, classés par dossiers × la borne de l'intervalle la plus proche de zéro. \
                 Un sous-groupe (A × B) est testé face aux autres dossiers de sa valeur la plus forte seule, son \
                 parent, et n'est retenu que s'il en diffère."
            ),
            match customers {
                Some(c) => format!(
                    "Les dossiers d'un même {c} ne sont pas indépendants : chaque intervalle et chaque p-valeur \
                     utilise l'effet de plan de son groupe (sa variance robuste par {c} rapportée à la variance \
                     binomiale)."
                ),
                None => "Pas de colonne client : les dossiers sont traités comme indépendants, et les attributs \
                         partagés par les dossiers d'un même client peuvent paraître plus sûrs qu'ils ne le sont."
                    .into(),
            },
        ];
    }
    vec![
        "Attribute values are taken as of each case's first event (case attributes as they are); values \
         recorded later could be consequences of the outcome."
            .into(),
        format!(
            "Outcomes are measured as of {as_of} (the last event of the population unless set). Outcomes that \
             take time are judged only on cases old enough to show them, on what happened within a window \
             taken from the log's own timing (each outcome's definition gives it, with the cases left out)."
        ),
        format!(
            "Findings: q ≤ {q} (Benjamini–Hochberg over every value tested for the outcome), groups of at least \
             {min} cases, ranked by cases × the interval end nearest zero. A subgroup (A × B) is tested against \
             the other cases of its stronger value alone, its parent, and reported only when it differs from \
             them."
        ),
        match customers {
            Some(c) => format!(
                "Cases of one {c} are not independent: every interval and p-value uses each group's design \
                 effect (its cluster-robust variance by {c} over the binomial one)."
            ),
            None => "No customer column: cases are treated as independent, so attributes shared by the cases of \
                     one customer may look surer than they are."
                .into(),
        },
    ]
}

/// The sentence over the headline: how many findings it shows, how they are ranked, how many values
/// were tested.
pub fn headline_note(
    lang: Language,
    shown: usize,
    by_amount: bool,
    outcomes: usize,
    tested: u64,
) -> String {
    let n = number(shown as f64, 0, lang);
    let o = number(outcomes as f64, 0, lang);
    let t = number(tested as f64, 0, lang);
    match (lang, by_amount) {
        (Language::En, true) => format!(
            "The {n} findings with the most money at stake (amount at risk), from the {o} outcomes \
             looked at; {t} values tested in all, Benjamini–Hochberg within each outcome."
        ),
        (Language::En, false) => format!(
            "The {n} findings with the most excess cases (none has an amount at stake), from the {o} \
             outcomes looked at; {t} values tested in all, Benjamini–Hochberg within each outcome."
        ),
        (Language::Fr, true) => format!(
            "Les {n} constats aux montants en jeu les plus élevés, parmi les {o} résultats examinés ; \
             {t} valeurs testées en tout, Benjamini–Hochberg pour chaque résultat."
        ),
        (Language::Fr, false) => format!(
            "Les {n} constats aux cas en excès les plus nombreux (aucun n'a de montant en jeu), parmi \
             les {o} résultats examinés ; {t} valeurs testées en tout, Benjamini–Hochberg pour chaque \
             résultat."
        ),
    }
}

/// The reasons an outcome is not available, in the options' language (the report in French shows
/// them as they are).
fn say(lang: Language, en: String, fr: String) -> String {
    match lang {
        Language::En => en,
        Language::Fr => fr,
    }
}

/// The log has no collections roles.
pub fn reason_no_collections_roles(lang: Language) -> String {
    say(
        lang,
        "no activity has a collections role (invoice, payment, reminder...): not a receivables log".into(),
        "aucune activité n'a de rôle de recouvrement (facture, paiement, relance…) : ce n'est pas un \
         journal de créances"
            .into(),
    )
}

/// No due dates.
pub fn reason_no_due_dates(lang: Language) -> String {
    say(
        lang,
        "the log has no due date (no due-date column and no \"due date passed\" activity)".into(),
        "le journal n'a pas d'échéance (ni colonne d'échéance ni activité « échéance dépassée »)"
            .into(),
    )
}

/// No payments.
pub fn reason_no_payments(lang: Language) -> String {
    say(
        lang,
        "no activity records a payment (payment received or invoice cleared)".into(),
        "aucune activité n'enregistre de paiement (paiement reçu ou facture soldée)".into(),
    )
}

/// No activity with a role.
pub fn reason_no_role(role: &str, lang: Language) -> String {
    say(
        lang,
        format!("no activity has the role {role}"),
        format!("aucune activité n'a le rôle {role}"),
    )
}

/// No mature invoice.
pub fn reason_not_mature(days: f64, lang: Language) -> String {
    let d = number(days, 0, lang);
    say(
        lang,
        format!("no invoice was issued at least {d} days before the log's end"),
        format!("aucune facture n'a été émise au moins {d} jours avant la fin du journal"),
    )
}

/// No such activity.
pub fn reason_no_activity(name: &str, lang: Language) -> String {
    say(
        lang,
        format!("no activity \"{name}\" in the log"),
        format!("aucune activité « {name} » dans le journal"),
    )
}

/// No target selection.
pub fn reason_no_target(lang: Language) -> String {
    say(
        lang,
        "needs a current filter (a second selection) to compare with".into(),
        "il faut un filtre actif (une seconde sélection) à comparer".into(),
    )
}
