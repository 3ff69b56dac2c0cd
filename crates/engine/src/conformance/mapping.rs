//! Which log activity each model activity stands for.
//!
//! Models drawn by hand rarely spell activities as the ERP does ("Send reminder" against "Relance 1
//! envoyée"). By default a model activity matches the log activity of the same name; where none has
//! it, [`ActivityMapping::for_log`] proposes the one whose name is equal once case, accents, spaces and
//! punctuation are ignored, when exactly one is. The app's mapping screen edits the pairs; the mapping
//! is saved with the model.

use crate::error::Error;
use crate::log::EventLog;
use serde::{Deserialize, Serialize};

/// One model activity and the log activity it matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappedActivity {
    /// The activity as the model names it.
    pub model: String,
    /// The log's activity, `null` when none matches (the activity can then only be missing).
    pub log: Option<String>,
    /// How the pair was made: `same_name`, `similar_name`, `user` or `none`.
    pub how: MatchKind,
}

/// How a pair was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// Same name.
    SameName,
    /// Same name once case, accents, spaces and punctuation are ignored.
    SimilarName,
    /// Set by the user.
    User,
    /// No log activity.
    None,
}

/// The mapping of a model's activities to a log's.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActivityMapping {
    /// One pair per model activity, in the model's (sorted) order.
    pub pairs: Vec<MappedActivity>,
}

/// Lowercase letters and digits only, accents dropped: "Relance n°1 envoyée" → "relancen1envoyee".
fn key(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(crate::values::text::fold_accent)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

impl ActivityMapping {
    /// Pairs each model activity with the log activity of the same name, else of a similar name
    /// (when exactly one has it), else none. Pairs set by the user in `previous` are kept when their
    /// log activity exists.
    pub fn for_log(
        model_activities: &[String],
        log: &EventLog,
        previous: Option<&ActivityMapping>,
    ) -> ActivityMapping {
        let names: Vec<&str> = log.activity_names().collect();
        let pairs = model_activities
            .iter()
            .map(|m| {
                if let Some(p) = previous.and_then(|p| p.pairs.iter().find(|p| &p.model == m)) {
                    if p.how == MatchKind::User
                        && p.log
                            .as_deref()
                            .is_none_or(|l| log.find_activity(l).is_some())
                    {
                        return p.clone();
                    }
                }
                if log.find_activity(m).is_some() {
                    return MappedActivity {
                        model: m.clone(),
                        log: Some(m.clone()),
                        how: MatchKind::SameName,
                    };
                }
                let k = key(m);
                let similar: Vec<&&str> = names
                    .iter()
                    .filter(|n| !k.is_empty() && key(n) == k)
                    .collect();
                match similar.as_slice() {
                    [one] => MappedActivity {
                        model: m.clone(),
                        log: Some(one.to_string()),
                        how: MatchKind::SimilarName,
                    },
                    _ => MappedActivity {
                        model: m.clone(),
                        log: None,
                        how: MatchKind::None,
                    },
                }
            })
            .collect();
        ActivityMapping { pairs }
    }

    /// Sets (or clears) the log activity of a model activity, as the user chose it.
    pub fn set(&mut self, model: &str, log: Option<String>) {
        let pair = MappedActivity {
            model: model.to_string(),
            log,
            how: MatchKind::User,
        };
        match self.pairs.iter_mut().find(|p| p.model == model) {
            Some(p) => *p = pair,
            None => self.pairs.push(pair),
        }
    }

    /// The log activity a model activity stands for (its own name when unmapped).
    pub fn log_name<'a>(&'a self, model: &'a str) -> &'a str {
        match self.pairs.iter().find(|p| p.model == model) {
            Some(MappedActivity { log: Some(l), .. }) => l,
            _ => model,
        }
    }

    /// Refuses a mapping under which the model shares no activity with the log, naming both sides.
    pub fn check_overlap(&self, log: &EventLog) -> Result<(), Error> {
        if self.pairs.iter().any(|p| p.log.is_some()) {
            return Ok(());
        }
        let list = |v: Vec<String>| {
            let n = v.len();
            let shown: Vec<String> = v.into_iter().take(8).map(|s| format!("\"{s}\"")).collect();
            if n > 8 {
                format!("{} and {} more", shown.join(", "), n - 8)
            } else {
                shown.join(", ")
            }
        };
        let mut logs: Vec<String> = log.activity_names().map(str::to_string).collect();
        logs.sort();
        Err(Error::Invalid(format!(
            "the model shares no activity with the log: the model has {}; the log has {}. Map the \
             model's activities to the log's (activity mapping) or check that it is the right model",
            list(self.pairs.iter().map(|p| p.model.clone()).collect()),
            list(logs)
        )))
    }

    /// Model activities matching no log activity.
    pub fn unmatched(&self) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|p| p.log.is_none())
            .map(|p| p.model.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import_bytes, ImportOptions};

    #[test]
    fn same_then_similar_names_then_none() {
        let csv =
            "case,activity,timestamp\n1,Relance 1 envoyée,2024-01-01\n1,Paiement,2024-01-02\n";
        let log = import_bytes(csv.as_bytes(), ImportOptions::default())
            .unwrap()
            .log;
        let model = vec![
            "Paiement".to_string(),
            "relance 1 ENVOYEE".to_string(),
            "Litige".to_string(),
        ];
        let m = ActivityMapping::for_log(&model, &log, None);
        assert_eq!(m.pairs[0].how, MatchKind::SameName);
        assert_eq!(m.pairs[1].log.as_deref(), Some("Relance 1 envoyée"));
        assert_eq!(m.pairs[1].how, MatchKind::SimilarName);
        assert_eq!(m.unmatched(), ["Litige"]);
        assert!(m.check_overlap(&log).is_ok());
        // A user's choice survives a new proposal.
        let mut user = m.clone();
        user.set("Litige", Some("Paiement".into()));
        let again = ActivityMapping::for_log(&model, &log, Some(&user));
        assert_eq!(again.log_name("Litige"), "Paiement");
        let none = ActivityMapping::for_log(&["X".to_string()], &log, None);
        let e = none.check_overlap(&log).unwrap_err().to_string();
        assert!(
            e.contains("shares no activity") && e.contains("\"X\"") && e.contains("\"Paiement\""),
            "{e}"
        );
    }
}
