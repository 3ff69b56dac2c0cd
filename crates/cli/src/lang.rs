//! The words of the readable (non-JSON) output in English and French.
//!
//! The language is `--lang en|fr`, else the environment's as POSIX orders it (`LC_ALL`, then
//! `LC_MESSAGES`, then `LANG`; the first one set and not empty): French when it starts with `fr`,
//! English otherwise. JSON never changes with it: it is a contract for programs, not text for people.
//!
//! Messages are a table of `(key, English, French)`; `{name}` in a message is filled by [`tf`]. The app
//! has its own Fluent files (`locales/*.ftl`); the CLI keeps this small table so that it does not
//! depend on the app.

use relance_engine::collections::availability::{code, Unavailable};
use relance_engine::collections::ActivityRole;
use relance_engine::insights::Language;
use std::fmt::Display;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether text output is in French (one process, one language).
static FRENCH: AtomicBool = AtomicBool::new(false);

/// Sets the language of text output: at start, and by `insights` and `compare` when `--language`
/// asks for their sentences in another one (the words around them follow).
pub fn set(l: Language) {
    FRENCH.store(l == Language::Fr, Ordering::Relaxed);
}

/// The language of text output.
pub fn current() -> Language {
    if FRENCH.load(Ordering::Relaxed) {
        Language::Fr
    } else {
        Language::En
    }
}

/// The environment's language.
pub fn from_env() -> Language {
    from_vars(|k| std::env::var(k).ok())
}

/// The language the first set, non-empty locale variable names (`LC_ALL`, `LC_MESSAGES`, `LANG`).
fn from_vars(get: impl Fn(&str) -> Option<String>) -> Language {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| get(k))
        .find(|v| !v.is_empty())
        .unwrap_or_default();
    if locale.to_ascii_lowercase().starts_with("fr") {
        Language::Fr
    } else {
        Language::En
    }
}

/// The engine's definitions of a receivable in French (one text, shared with the report).
pub use relance_engine::collections::facts::{
    RECEIVABLE_DEFINITION_FR, RECEIVABLE_DEFINITION_LEDGER_FR,
};

/// `(key, English, French)`.
const MESSAGES: &[(&str, &str, &str)] = &[
    // analyze
    ("summary", "{cases} cases, {events} events, {activities} activities, {variants} variants, {first} to {last}", "{cases} dossiers, {events} événements, {activities} activités, {variants} variantes, du {first} au {last}"),
    ("import", "import", "import"),
    ("delimiter", "delimiter", "séparateur"),
    ("rows", "{rows} rows, {skipped} skipped, timestamps {format}", "{rows} lignes, {skipped} écartées, horodatages {format}"),
    ("problem", "line {line}, column \"{column}\": {message} (\"{value}\")", "ligne {line}, colonne « {column} » : {message} (« {value} »)"),
    ("note", "note", "remarque"),
    ("case-duration", "case duration: median {median}, mean {mean}, p90 {p90}, max {max}", "durée des dossiers : médiane {median}, moyenne {mean}, p90 {p90}, max {max}"),
    ("activities-head", "activities (events, cases):", "activités (événements, dossiers) :"),
    ("paths-head", "top paths (count, median wait):", "principaux chemins (nombre, attente médiane) :"),
    ("variants-head", "top variants (cases, share, median duration):", "principales variantes (dossiers, part, durée médiane) :"),
    ("unit-day", "d", "j"),
    // collections
    ("invoices-as-of", "{invoices} invoices, as of {as_of}", "{invoices} factures, au {as_of}"),
    ("without-invoice", " ({n} cases without an invoice left out)", " ({n} dossiers sans facture laissés de côté)"),
    ("on-time", "on-time payment rate {value}", "taux de paiement à l'échéance {value}"),
    ("itc", "invoice to cash: {value}", "délai d'encaissement : {value}"),
    ("itc-median-p90", "invoice to cash: median {median}, p90 {p90}", "délai d'encaissement : médiane {median}, p90 {p90}"),
    ("cei", "CEI (last 12 months) {value}", "CEI (12 derniers mois) {value}"),
    ("dso-at", "DSO at {month}: simple {simple}, countback {countback}, best possible {best}, days delinquent {add}", "DSO à fin {month} : simple {simple}, par épuisement {countback}, meilleur possible {best}, retard moyen {add}"),
    ("dso", "DSO: {value}", "DSO : {value}"),
    ("dso-partial", "  ({n} later month-ends partial: {why}; shown in the series, not headlined)", "  ({n} fins de mois ultérieures partielles : {why} ; dans la série, pas en titre)"),
    ("after_issuing", "their window reaches past the last invoice of the extract", "leur fenêtre dépasse la dernière facture de l'extraction"),
    ("month_not_over", "the month is not over at the as-of date", "le mois n'est pas fini à la date d'arrêté"),
    ("before_issuing", "their 3 months of sales begin before the first invoice of the extract", "leurs 3 mois de ventes commencent avant la première facture de l'extraction"),
    ("basis", "receivables basis: {basis}", "base des créances : {basis}"),
    ("ledger", "ledger (closed when the payment is applied)", "comptable (soldées à l'imputation du paiement)"),
    ("cash", "cash (closed when the payment is received)", "trésorerie (soldées à la réception du paiement)"),
    ("aging-as-of", "aging as of {date}", "balance âgée au {date}"),
    ("write-offs-full", "write-offs: {n} invoices, {amount}, rate {rate}, via an agency first {agency}", "passages en perte : {n} factures, {amount}, taux {rate}, d'abord confiées à une agence {agency}"),
    ("write-offs", "write-offs: {value}", "passages en perte : {value}"),
    ("credit-full", "credit requests: {n}, approved {approved}, rejected {rejected}, pending {pending}, median decision {median}", "demandes de crédit : {n}, acceptées {approved}, refusées {rejected}, en attente {pending}, décision médiane {median}"),
    ("credit", "credit requests: {value}", "demandes de crédit : {value}"),
    ("rework", "cancelled and re-issued: {reissued}, cancelled: {cancelled}", "annulées puis réémises : {reissued}, annulées : {cancelled}"),
    ("days", "{value} days", "{value} jours"),
    ("dunning-head", "dunning (paid within window / sent)", "relances (payées dans la fenêtre / envoyées)"),
    ("disputes-head", "disputes by reason (resolved, open, median days)", "litiges par motif (résolus, ouverts, jours médians)"),
    ("cash-head", "cash application (payments, median lag days)", "lettrage (paiements, délai médian en jours)"),
    ("promises-head", "promises to pay by segment (kept / promises)", "promesses de paiement par segment (tenues / promesses)"),
    ("compliance-head", "compliance:", "conformité :"),
    ("receivables", "receivables", "créances"),
    ("breakdown-by", "By {by}:", "Par {by} :"),
    ("breakdown-cols", "value|invoices|on time|to cash d|DSO|dunning|disputes|kept", "valeur|factures|à l'éch.|encaiss. j|DSO|relances|litiges|tenues"),
    ("n-a", "n/a", "n.d."),
    ("not-recognised", "no activity recognised as {roles}", "aucune activité reconnue comme {roles}"),
    ("no-due-date", "no due-date column and no activity recognised as {roles}", "ni colonne d'échéance ni activité reconnue comme {roles}"),
    ("never-closes", "no activity recognised as {roles}: no invoice would ever close", "aucune activité reconnue comme {roles} : aucune facture ne serait jamais soldée"),
    ("no_paid_invoice_with_due_date", "no paid invoice with a due date in the selection", "aucune facture payée avec une échéance dans la sélection"),
    ("no_paid_invoice", "no paid invoice in the selection", "aucune facture payée dans la sélection"),
    ("no_invoice_before_as_of", "no invoice issued before the as-of date in the selection", "aucune facture émise avant la date d'arrêté dans la sélection"),
    ("nothing_collectible", "nothing was collectible over the period: receivables at its start plus its sales, less the current receivables at its end, are 0 or less", "rien n'était recouvrable sur la période : l'encours de début plus les ventes, moins l'encours non échu de fin, est nul ou négatif"),
    ("no_write_off", "no invoice written off in the selection", "aucune facture passée en perte dans la sélection"),
    ("no_credit_decision", "no decided credit request in the selection", "aucune demande de crédit tranchée dans la sélection"),
    ("or", "or", "ou"),
    // insights and compare
    ("cases-caveat", "{cases} cases. {caveat}", "{cases} dossiers. {caveat}"),
    ("not-available", "{what}: not available ({why})", "{what} : non disponible ({why})"),
    ("median-days", "median {value} days", "médiane {value} jours"),
    ("outcome", "{label}: {value} of {cases} cases ({tested} values tested). {definition}", "{label} : {value} sur {cases} dossiers ({tested} valeurs testées). {definition}"),
    ("no-finding", "no finding", "aucun constat"),
    ("headline-head", "Headline. {note}", "À retenir. {note}"),
    ("no-headline", "no finding adds cases with an outcome", "aucun constat n'ajoute de cas à un résultat"),
    ("left-out", "left out:", "écartés :"),
    ("populations", "A: {a} cases, B: {b} cases ({both} in both)", "A : {a} dossiers, B : {b} dossiers ({both} dans les deux)"),
    ("kpis-head", "KPIs (95 % intervals; change = B − A):", "Indicateurs (intervalles à 95 % ; écart = B − A) :"),
    ("kpi-na", "not available ({why})", "non disponible ({why})"),
    ("change", "change", "écart"),
    ("to", "to", "à"),
    ("pts", "pts", "pts"),
    ("edges-head", "map edges with the largest change of share of cases:", "chemins de la carte dont la part de dossiers change le plus :"),
    ("ci", "95 % CI", "IC 95 %"),
    ("variants-change-head", "variants that grew or shrank:", "variantes en hausse ou en baisse :"),
    ("apart-head", "what sets B apart:", "ce qui distingue B :"),
    // warehouse and bundle
    ("variants-other", "{variants} more variants ({cases} cases) beyond the cap are counted but not listed", "{variants} variantes de plus ({cases} dossiers) au-delà du plafond sont comptées mais pas listées"),
    ("computed-by", "computed by {engine} from {input}", "calculé par {engine} à partir de {input}"),
    // forecast
    ("forecast-head", "forecast as of {as_of}: {n} open invoices, {open} open, {risk} at risk of being paid late", "prévision au {as_of} : {n} factures ouvertes, {open} en cours, {risk} exposés à un retard"),
    ("backtest-head", "backtest at {cutoffs} ({n} invoices paid since): dates off by {mae} days on average; due date {due}, due date + customer's average delay {customer}", "backtest aux {cutoffs} ({n} factures payées depuis) : dates décalées de {mae} jours en moyenne ; échéance {due}, échéance + retard moyen du client {customer}"),
    ("backtest-scores", "80 % interval held {coverage} of dates; Brier score of the late probability {brier} (baseline {baseline_brier}); weekly cash within its band {cash} of weeks", "l'intervalle à 80 % a contenu {coverage} des dates ; score de Brier de la probabilité de retard {brier} (référence {baseline_brier}) ; trésorerie hebdomadaire dans sa bande {cash} des semaines"),
    ("forecast-cash-head", "cash expected by week (80 % band):", "encaissements attendus par semaine (bande à 80 %) :"),
    ("cash-week", "week from {start}: {expected} ({low} – {high})", "semaine du {start} : {expected} ({low} – {high})"),
    ("n-invoices", "{n} invoices", "{n} factures"),
    ("worklist-head", "the {n} open invoices most at risk (amount × probability late):", "les {n} factures ouvertes les plus exposées (montant × probabilité de retard) :"),
    ("due", "due {date}", "échéance {date}"),
    ("late", "late {p}", "retard {p}"),
    ("write-off", "write-off {p}", "perte {p}"),
    ("expected", "expected {date} (80 %: {low} to {high})", "attendue le {date} (80 % : du {low} au {high})"),
    ("baseline-date", "baseline {date}", "référence {date}"),
    ("no-date", "no date: {why}", "pas de date : {why}"),
    // bottlenecks
    ("bottlenecks-cols", "count|median d|p90 d|total d|step", "nombre|médiane j|p90 j|total j|étape"),
    // conformance
    ("cf-head", "{cases} cases against the model: {model}", "{cases} dossiers face au modèle : {model}"),
    ("cf-fitness", "fitness {fitness} (average trace fitness {average}); {fit} cases fit the model ({share})", "adéquation {fitness} (moyenne par dossier {average}) ; {fit} dossiers suivent le modèle ({share})"),
    ("cf-model", "model: {activities} activities, {transitions} transitions ({silent} silent), {places} places; {sound}", "modèle : {activities} activités, {transitions} transitions ({silent} silencieuses), {places} places ; {sound}"),
    ("cf-sound", "sound", "correct (sound)"),
    ("cf-unsound", "not sound (see the notes)", "incorrect (voir les remarques)"),
    ("cf-unchecked", "soundness not checked (too large)", "correction non vérifiée (trop grand)"),
    ("cf-deviations-head", "deviations, ranked by impact:", "écarts, classés par impact :"),
    ("cf-no-deviation", "none: every case follows the model", "aucun : tous les dossiers suivent le modèle"),
    ("cf-more", "… and {n} more (--json lists them all)", "… et {n} de plus (--json les liste tous)"),
    ("cf-variants-head", "top variants (cases, deviations, fitness):", "principales variantes (dossiers, écarts, adéquation) :"),
    ("cf-scenarios-head", "what-if scenarios (estimates from the log, not promises):", "scénarios (estimations d'après le journal, pas des promesses) :"),
    ("cf-exported", "model written to {path}", "modèle écrit dans {path}"),
];

/// The message `key` in the current language; the key itself when there is none.
pub fn t(key: &str) -> &str {
    in_language(key, current())
}

fn in_language(key: &str, lang: Language) -> &str {
    match MESSAGES.iter().find(|(k, _, _)| *k == key) {
        Some((_, en, fr)) => match lang {
            Language::En => en,
            Language::Fr => fr,
        },
        None => key,
    }
}

/// The message `key` with each `{name}` replaced by its value.
pub fn tf(key: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut s = t(key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), &value.to_string());
    }
    s
}

/// A number with `decimals` places: as Rust writes it in English (`1234.5`, what scripts reading the
/// text output have always seen), grouped with a decimal comma in French (`1 234,5`).
pub fn num(x: f64, decimals: usize) -> String {
    match current() {
        Language::En => format!("{x:.decimals$}"),
        Language::Fr => relance_engine::insights::text::number(x, decimals, Language::Fr),
    }
}

/// A share 0..1 as a percentage with one decimal: `33.5 %`, `33,5 %`; `-` when not a number.
pub fn pct(p: f64) -> String {
    if p.is_finite() {
        format!("{} %", num(p * 100.0, 1))
    } else {
        "-".into()
    }
}

/// How an activity role is named in a reason ("payment received", "paiement reçu"): the report's words.
fn role_words(r: ActivityRole) -> String {
    relance_engine::report::words::role_words(r, current())
}

/// Why a collections figure is not available, in the current language: from the engine's code and
/// roles, else its English words.
pub fn reason(u: &Unavailable) -> String {
    let roles = || {
        u.roles
            .iter()
            .map(|&r| role_words(r))
            .collect::<Vec<_>>()
            .join(&format!(" {} ", t("or")))
    };
    match u.code.as_str() {
        code::NOT_RECOGNISED => tf("not-recognised", &[("roles", &roles())]),
        code::NO_DUE_DATE => tf("no-due-date", &[("roles", &roles())]),
        code::NEVER_CLOSES => tf("never-closes", &[("roles", &roles())]),
        "" => u.reason.clone(),
        other => match t(other) {
            text if text == other => u.reason.clone(),
            text => text.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_decides_in_posix_order() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            from_vars(move |k| {
                vars.iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| v.to_string())
            })
        };
        assert_eq!(env(&[("LANG", "fr_FR.UTF-8")]), Language::Fr);
        assert_eq!(env(&[("LANG", "en_GB.UTF-8")]), Language::En);
        assert_eq!(env(&[]), Language::En);
        assert_eq!(env(&[("LANG", "C")]), Language::En);
        // LC_ALL wins over LANG, LC_MESSAGES too; an empty variable counts as unset.
        assert_eq!(
            env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "fr_FR.UTF-8")]),
            Language::En
        );
        assert_eq!(
            env(&[("LC_MESSAGES", "fr_CA"), ("LANG", "en_US")]),
            Language::Fr
        );
        assert_eq!(
            env(&[("LC_ALL", ""), ("LANG", "fr_BE.UTF-8")]),
            Language::Fr
        );
    }

    #[test]
    fn every_message_has_both_languages_and_a_unique_key() {
        for (i, (key, en, fr)) in MESSAGES.iter().enumerate() {
            assert!(!en.is_empty() && !fr.is_empty(), "{key}");
            assert!(
                MESSAGES[..i].iter().all(|(k, _, _)| k != key),
                "{key} twice"
            );
            // The same placeholders in both.
            let names = |s: &str| {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                    .collect();
                v.sort();
                v
            };
            assert_eq!(names(en), names(fr), "{key}");
        }
        assert_eq!(in_language("no-finding", Language::Fr), "aucun constat");
        assert_eq!(in_language("no-such-key", Language::Fr), "no-such-key");
    }
}
