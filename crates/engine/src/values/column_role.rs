//! What a column means: the role a column plays in a log (case, activity, timestamp, amount, due
//! date...). Guessing it from header names is the import's work (`import::roles`); the role itself
//! sits here, below the log, because the log's columns carry it.

use serde::{Deserialize, Serialize};

/// What a column means.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// Case identifier (the invoice, the order line, the fine).
    Case,
    /// Activity name.
    Activity,
    /// When the event happened (completed).
    Timestamp,
    /// When the activity started, for logs that record both.
    StartTimestamp,
    /// Who performed the event.
    Resource,
    /// XES lifecycle transition (`start`, `complete`, ...).
    Lifecycle,
    /// Invoice or open amount.
    Amount,
    /// Currency code.
    Currency,
    /// Customer (debtor) id or name.
    Customer,
    /// Customer segment.
    Segment,
    /// Invoice due date.
    DueDate,
    /// Contact channel (letter, email, phone, SMS).
    Channel,
    /// Dunning (reminder) level.
    DunningLevel,
    /// Dispute reason.
    DisputeReason,
    /// Date promised in a promise to pay.
    PromiseDate,
    /// Any other attribute, kept as is.
    #[default]
    Attribute,
    /// Not imported.
    Ignore,
}

/// Each role with its key (JSON, command line) and its label (mapping screen), in the mapping
/// screen's order.
const NAMES: [(ColumnRole, &str, &str); 17] = [
    (ColumnRole::Case, "case", "Case id"),
    (ColumnRole::Activity, "activity", "Activity"),
    (ColumnRole::Timestamp, "timestamp", "Timestamp"),
    (
        ColumnRole::StartTimestamp,
        "start_timestamp",
        "Start timestamp",
    ),
    (ColumnRole::Resource, "resource", "Resource"),
    (ColumnRole::Lifecycle, "lifecycle", "Lifecycle"),
    (ColumnRole::Amount, "amount", "Amount"),
    (ColumnRole::Currency, "currency", "Currency"),
    (ColumnRole::Customer, "customer", "Customer"),
    (ColumnRole::Segment, "segment", "Segment"),
    (ColumnRole::DueDate, "due_date", "Due date"),
    (ColumnRole::Channel, "channel", "Channel"),
    (ColumnRole::DunningLevel, "dunning_level", "Dunning level"),
    (
        ColumnRole::DisputeReason,
        "dispute_reason",
        "Dispute reason",
    ),
    (ColumnRole::PromiseDate, "promise_date", "Promise date"),
    (ColumnRole::Attribute, "attribute", "Attribute"),
    (ColumnRole::Ignore, "ignore", "Ignore"),
];

impl ColumnRole {
    /// Every role, in the order the mapping screen lists them.
    pub const ALL: [ColumnRole; 17] = {
        let mut all = [ColumnRole::Attribute; 17];
        let mut i = 0;
        while i < all.len() {
            all[i] = NAMES[i].0;
            i += 1;
        }
        all
    };

    fn names(self) -> (&'static str, &'static str) {
        // Every role is in NAMES (a test checks it); the fallback is never reached.
        NAMES
            .iter()
            .find(|n| n.0 == self)
            .map_or(("attribute", "Attribute"), |n| (n.1, n.2))
    }

    /// The snake_case name used in JSON and on the command line.
    pub fn key(self) -> &'static str {
        self.names().0
    }

    /// A label for the mapping screen.
    pub fn label(self) -> &'static str {
        self.names().1
    }

    /// Parses [`key`](Self::key).
    pub fn from_key(key: &str) -> Option<ColumnRole> {
        Self::ALL.into_iter().find(|r| r.key() == key)
    }

    /// Roles at most one column can have.
    pub fn is_unique(self) -> bool {
        !matches!(self, ColumnRole::Attribute | ColumnRole::Ignore)
    }

    /// Roles whose values are dates.
    pub fn is_time(self) -> bool {
        matches!(
            self,
            ColumnRole::Timestamp
                | ColumnRole::StartTimestamp
                | ColumnRole::DueDate
                | ColumnRole::PromiseDate
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_once_with_its_own_key_and_label() {
        let mut keys: Vec<&str> = ColumnRole::ALL.iter().map(|r| r.key()).collect();
        crate::values::order::sort_by(&mut keys, |a, b| a.cmp(b));
        keys.dedup();
        assert_eq!(keys.len(), 17);
        for r in ColumnRole::ALL {
            assert_eq!(ColumnRole::from_key(r.key()), Some(r));
            assert!(NAMES.iter().any(|n| n.0 == r && n.2 == r.label()), "{r:?}");
        }
        assert_eq!(ColumnRole::StartTimestamp.key(), "start_timestamp");
        assert_eq!(ColumnRole::DueDate.label(), "Due date");
    }
}
