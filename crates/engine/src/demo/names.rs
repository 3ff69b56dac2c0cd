//! The demo's people and words: customer names, trades and legal forms, the clerks of each team, and
//! the dispute reasons with how often they come and how often they end in a credit note.

pub(super) const SURNAMES: [&str; 24] = [
    "Martin",
    "Bernard",
    "Dubois",
    "Lefèvre",
    "Moreau",
    "Laurent",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Kessler",
    "Schmitt",
    "Fontaine",
    "Chevalier",
];
pub(super) const TRADES: [&str; 12] = [
    "Industrie",
    "Transports",
    "Bâtiment",
    "Distribution",
    "Services",
    "Imprimerie",
    "Logistique",
    "Agro",
    "Métallurgie",
    "Conseil",
    "Électricité",
    "Emballages",
];
pub(super) const FORMS: [&str; 5] = ["SARL", "SAS", "SA", "& Fils", "Groupe"];

pub(super) const BILLING: [&str; 3] = ["Camille", "Hugo", "Léa"];
pub(super) const COLLECTORS: [&str; 4] = ["Nadia", "Thomas", "Sofia", "Marc"];
pub(super) const NIGHT_COLLECTOR: &str = "Night shift";
pub(super) const CASH_CLERKS: [&str; 3] = ["Olivier", "Inès", "Paul"];
pub(super) const SLOW_CLERK: &str = "Olivier";
pub(super) const CREDIT_ANALYSTS: [&str; 2] = ["Julien", "Chloé"];

/// Dispute reasons with (median resolution days, share ending in a credit note).
pub(super) const DISPUTES: [(&str, f64, f64); 5] = [
    ("Pricing", 45.0, 0.35),
    ("Quantity", 9.0, 0.5),
    ("Damaged goods", 8.0, 0.85),
    ("Missing PO", 7.0, 0.1),
    ("Duplicate invoice", 5.0, 0.6),
];
