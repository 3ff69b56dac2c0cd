//! View files: what an analyst set up (filters, roles, map sliders), saved as a small JSON document with
//! no log data in it, so a batch report (`relance analyze --view`) shows what the analyst saw.

use crate::collections::RoleMap;
use crate::error::Error;
use crate::filter::FilterStack;
use serde::{Deserialize, Serialize};

/// Map slider positions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MapView {
    /// Activities slider, percent.
    pub activity_pct: f64,
    /// Paths slider, percent.
    pub paths_pct: f64,
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
}
