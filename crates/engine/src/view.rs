//! View files: what an analyst set up (filters, roles, map sliders), saved as a small JSON document with
//! no log data in it, so a batch report (`relance analyze --view`) shows what the analyst saw.

use crate::collections::RoleMap;
use crate::error::Error;
use crate::filter::FilterStack;
use crate::import::{ColumnRole, DateOrder, Format, ImportOptions, ImportReport};
use serde::{Deserialize, Serialize};

/// Map slider positions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    /// Activities slider, percent.
    pub activity_pct: f64,
    /// Paths slider, percent.
    pub paths_pct: f64,
}

/// How the file's columns were read (the mapping screen's choices), by column name so the view applies
/// to the next export of the same report.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ColumnsView {
    /// Role of every column, as `[column, role]` pairs.
    #[serde(default)]
    pub roles: Vec<(String, ColumnRole)>,
    /// Field delimiter, when it was chosen rather than guessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// Day/month order.
    #[serde(default)]
    pub date_order: DateOrder,
    /// Only `complete` lifecycle events.
    #[serde(default)]
    pub complete_only: bool,
}

impl ColumnsView {
    /// The columns as an import read them (`None` for XES, whose attributes have fixed names).
    pub fn from_report(report: &ImportReport) -> Option<ColumnsView> {
        if report.format != Format::Csv {
            return None;
        }
        let c = &report.columns;
        let mut roles = vec![
            (c.case.clone(), ColumnRole::Case),
            (c.activity.clone(), ColumnRole::Activity),
            (c.timestamp.clone(), ColumnRole::Timestamp),
        ];
        if let Some(s) = &c.start_timestamp {
            roles.push((s.clone(), ColumnRole::StartTimestamp));
        }
        if let Some(r) = &c.resource {
            roles.push((r.clone(), ColumnRole::Resource));
        }
        for (key, column) in &c.other_roles {
            if let Some(role) = ColumnRole::from_key(key) {
                roles.push((column.clone(), role));
            }
        }
        Some(ColumnsView {
            roles,
            delimiter: report.delimiter,
            date_order: report.date_order,
            complete_only: report.filtered_rows > 0,
        })
    }

    /// Puts these choices into import options, under `opts`' own (a command-line flag wins over the
    /// view).
    pub fn apply_to(&self, opts: &mut ImportOptions) {
        for (column, role) in &self.roles {
            let taken = opts
                .roles
                .iter()
                .any(|(c, r)| c == column || (*r == *role && role.is_unique()));
            if !taken {
                opts.roles.push((column.clone(), *role));
            }
        }
        if opts.delimiter.is_none() {
            opts.delimiter = self.delimiter.filter(char::is_ascii).map(|c| c as u8);
        }
        if opts.date_order == DateOrder::Auto {
            opts.date_order = self.date_order;
        }
        opts.complete_only |= self.complete_only;
    }
}

/// A saved view.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ViewFile {
    /// Format version (1).
    #[serde(default = "one")]
    pub relance_view: u32,
    /// The filter stack.
    #[serde(default)]
    pub filters: FilterStack,
    /// Role overrides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<RoleMap>,
    /// Map sliders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<MapView>,
    /// How the columns were read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub columns: Option<ColumnsView>,
}

fn one() -> u32 {
    1
}

impl ViewFile {
    /// Parses a view file.
    pub fn from_json(text: &str) -> Result<ViewFile, Error> {
        let v: ViewFile = serde_json::from_str(text).map_err(|e| Error::Json {
            what: "view file",
            message: e.to_string(),
        })?;
        if v.relance_view != 1 {
            return Err(Error::Invalid(format!(
                "view file version {} is not supported (expected 1)",
                v.relance_view
            )));
        }
        Ok(v)
    }

    /// The view as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::{Filter, FilterItem};

    #[test]
    fn round_trips_and_rejects_other_versions() {
        let v = ViewFile {
            relance_view: 1,
            filters: FilterStack {
                items: vec![FilterItem {
                    filter: Filter::Activities {
                        names: vec!["Payment".into()],
                    },
                    keep: false,
                }],
            },
            mapping: None,
            map: Some(MapView {
                activity_pct: 80.0,
                paths_pct: 20.0,
            }),
            columns: Some(ColumnsView {
                roles: vec![("Dossier".into(), ColumnRole::Case)],
                delimiter: Some(';'),
                date_order: DateOrder::DayFirst,
                complete_only: false,
            }),
        };
        let text = v.to_json();
        assert!(text.contains("\"kind\": \"activities\""));
        assert_eq!(ViewFile::from_json(&text).unwrap(), v);
        assert!(ViewFile::from_json(r#"{"relance_view": 2}"#).is_err());
        assert!(ViewFile::from_json("{")
            .unwrap_err()
            .to_string()
            .starts_with("invalid view file"));
        assert_eq!(ViewFile::from_json("{}").unwrap().relance_view, 1);
    }

    #[test]
    fn columns_come_from_the_report_and_yield_to_flags() {
        let csv = "Dossier;Etape;Quand;Note\nD1;Ouverture;03/04/2024 08:00;a\nD1;Fin;25/04/2024 08:00;b\n";
        let imported =
            crate::import::import_bytes(csv.as_bytes(), ImportOptions::default()).unwrap();
        let cols = ColumnsView::from_report(&imported.report).unwrap();
        assert_eq!(
            cols.roles,
            vec![
                ("Dossier".to_string(), ColumnRole::Case),
                ("Etape".to_string(), ColumnRole::Activity),
                ("Quand".to_string(), ColumnRole::Timestamp),
            ]
        );
        assert_eq!(
            (cols.delimiter, cols.date_order),
            (Some(';'), DateOrder::DayFirst)
        );
        // A flag (here the activity column and the date order) wins; the rest comes from the view.
        let mut opts = ImportOptions {
            roles: vec![("Note".into(), ColumnRole::Activity)],
            date_order: DateOrder::MonthFirst,
            ..Default::default()
        };
        cols.apply_to(&mut opts);
        assert_eq!(
            opts.roles,
            vec![
                ("Note".to_string(), ColumnRole::Activity),
                ("Dossier".to_string(), ColumnRole::Case),
                ("Quand".to_string(), ColumnRole::Timestamp),
            ]
        );
        assert_eq!(
            (opts.delimiter, opts.date_order),
            (Some(b';'), DateOrder::MonthFirst)
        );
    }
}
