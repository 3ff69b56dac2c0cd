//! The ideal process: a model read from a file (BPMN or PNML) or mined from chosen variants, with its
//! activity mapping, serialisable so a view file can keep it.

use super::bpmn::{self, Bpmn};
use super::convert::{bpmn_to_petri, petri_to_bpmn, tree_to_bpmn};
use super::draw::{bpmn_graph, petri_graph, ModelGraph};
use super::inductive::{mine, MinerOptions};
use super::mapping::ActivityMapping;
use super::petri::PetriNet;
use super::pnml;
use super::reduce::reduce_silent;
use super::tree::ProcessTree;
use crate::analysis::variants;
use crate::error::Error;
use crate::filter::Selection;
use crate::insights::text::{number, percent};
use crate::insights::Language;
use crate::log::EventLog;
use serde::{Deserialize, Serialize};

/// Which variants a model is mined from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VariantChoice {
    /// These activity sequences (the variants ticked on the variants screen).
    Sequences {
        /// The sequences.
        sequences: Vec<Vec<String>>,
    },
    /// The most frequent variants until they cover `percent` of the cases.
    TopCoverage {
        /// Share of the cases, 0 to 100.
        percent: f64,
    },
}

/// Where a model comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelSource {
    /// Mined with the inductive miner.
    Mined {
        /// The variants it was mined from.
        choice: VariantChoice,
        /// IMf's noise threshold.
        noise_threshold: f64,
        /// Variants used.
        variants: u64,
        /// Their cases.
        cases: u64,
        /// Share of the selected cases they cover.
        share: f64,
    },
    /// Read from a BPMN file.
    Bpmn {
        /// File name.
        file: String,
    },
    /// Read from a PNML file.
    Pnml {
        /// File name.
        file: String,
    },
}

/// A model of the ideal process.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProcessModel {
    /// Where it comes from.
    pub source: ModelSource,
    /// One line saying so.
    pub description: String,
    /// The Petri net the alignments use.
    pub net: PetriNet,
    /// The diagram (imported, or made from the tree); `null` for a PNML model.
    pub bpmn: Option<Bpmn>,
    /// The process tree of a mined model.
    pub tree: Option<ProcessTree>,
    /// Which log activity each model activity stands for (empty until bound to a log).
    pub mapping: ActivityMapping,
    /// What reading the file noted.
    pub notes: Vec<String>,
}

/// Model file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelFormat {
    /// BPMN 2.0 XML.
    Bpmn,
    /// PNML.
    Pnml,
}

impl ModelFormat {
    /// The format of a file, from its name (`.bpmn`, `.pnml`) or else its root element.
    pub fn detect(name: &str, bytes: &[u8]) -> Option<ModelFormat> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".bpmn") || lower.ends_with(".bpmn20.xml") || lower.ends_with(".bpmn2") {
            return Some(ModelFormat::Bpmn);
        }
        if lower.ends_with(".pnml") {
            return Some(ModelFormat::Pnml);
        }
        let head = &bytes[..bytes.len().min(4096)];
        let text = String::from_utf8_lossy(head);
        if text.contains("<pnml") {
            Some(ModelFormat::Pnml)
        } else if text.contains("definitions") {
            Some(ModelFormat::Bpmn)
        } else {
            None
        }
    }
}

impl ProcessModel {
    /// Reads a BPMN or PNML file (`name` decides by its extension, else the content does).
    pub fn read(name: &str, bytes: &[u8]) -> Result<ProcessModel, Error> {
        match ModelFormat::detect(name, bytes) {
            Some(ModelFormat::Bpmn) => {
                let (b, notes) = bpmn::read(bytes)?;
                let net = reduce_silent(&bpmn_to_petri(&b));
                net.validate("BPMN")?;
                Ok(ProcessModel {
                    source: ModelSource::Bpmn {
                        file: name.to_string(),
                    },
                    description: format!(
                        "BPMN diagram {name}: {} activities",
                        b.activities().len()
                    ),
                    net,
                    bpmn: Some(b),
                    tree: None,
                    mapping: ActivityMapping::default(),
                    notes,
                })
            }
            Some(ModelFormat::Pnml) => {
                let (net, notes) = pnml::read(bytes)?;
                Ok(ProcessModel {
                    source: ModelSource::Pnml {
                        file: name.to_string(),
                    },
                    description: format!(
                        "Petri net {name}: {} activities, {} transitions ({} silent), {} places",
                        net.labels().len(),
                        net.transitions.len(),
                        net.silent_count(),
                        net.places.len()
                    ),
                    net,
                    bpmn: None,
                    tree: None,
                    mapping: ActivityMapping::default(),
                    notes,
                })
            }
            None => Err(Error::Invalid(format!(
                "{name}: not a model file (expected BPMN 2.0 with <definitions>, or PNML with <pnml>)"
            ))),
        }
    }

    /// Mines a model from the chosen variants of the selected cases.
    pub fn mine(
        log: &EventLog,
        sel: &Selection,
        choice: &VariantChoice,
        opts: MinerOptions,
        lang: Language,
    ) -> Result<ProcessModel, Error> {
        let vs = variants(log, sel);
        let total: u64 = vs.variants.iter().map(|v| v.cases).sum();
        if total == 0 {
            return Err(Error::Invalid(
                "no case selected: nothing to mine a model from".into(),
            ));
        }
        let mut picked: Vec<usize> = Vec::new();
        match choice {
            VariantChoice::TopCoverage { percent } => {
                if !percent.is_finite() || *percent <= 0.0 || *percent > 100.0 {
                    return Err(Error::Invalid(format!(
                        "the share of cases to cover must be above 0 and at most 100 %, not {percent}"
                    )));
                }
                let want = percent / 100.0;
                let mut covered = 0u64;
                for (i, v) in vs.variants.iter().enumerate() {
                    picked.push(i);
                    covered += v.cases;
                    // A relative tolerance keeps 100 % from missing the last variant to rounding.
                    if covered as f64 >= want * total as f64 * (1.0 - 1e-12) {
                        break;
                    }
                }
            }
            VariantChoice::Sequences { sequences } => {
                for s in sequences {
                    let found = vs.variants.iter().position(|v| {
                        v.activities.len() == s.len()
                            && v.activities
                                .iter()
                                .zip(s)
                                .all(|(&a, name)| log.activity_name(a) == name)
                    });
                    match found {
                        Some(i) if !picked.contains(&i) => picked.push(i),
                        Some(_) => {}
                        None => {
                            return Err(Error::Invalid(format!(
                                "no selected case follows the variant {}",
                                s.join(" → ")
                            )))
                        }
                    }
                }
                if picked.is_empty() {
                    return Err(Error::Invalid(
                        "no variant chosen to mine a model from".into(),
                    ));
                }
            }
        }
        // Activities numbered in name order, as the miner expects.
        let mut names: Vec<String> = picked
            .iter()
            .flat_map(|&i| {
                vs.variants[i]
                    .activities
                    .iter()
                    .map(|&a| log.activity_name(a).to_string())
            })
            .collect();
        names.sort();
        names.dedup();
        let traces: Vec<(Vec<u32>, u64)> = picked
            .iter()
            .map(|&i| {
                let v = &vs.variants[i];
                (
                    v.activities
                        .iter()
                        .map(|&a| {
                            names
                                .binary_search_by(|n| n.as_str().cmp(log.activity_name(a)))
                                .unwrap_or(0) as u32
                        })
                        .collect(),
                    v.cases,
                )
            })
            .collect();
        let tree = mine(&traces, &names, opts);
        let net = tree.to_petri();
        net.validate("the mined model")?;
        let cases: u64 = picked.iter().map(|&i| vs.variants[i].cases).sum();
        let share = cases as f64 / total as f64;
        let miner = if opts.noise_threshold > 0.0 {
            format!(
                "IMf, noise threshold {}",
                number(opts.noise_threshold, 2, lang)
            )
        } else {
            "IM".to_string()
        };
        let description = match (choice, lang) {
            (VariantChoice::TopCoverage { percent: p }, Language::En) => format!(
                "mined with the inductive miner ({miner}) from the top {} variants covering {} of cases ({} of {}; asked for {} %)",
                picked.len(),
                percent(share, lang),
                number(cases as f64, 0, lang),
                number(total as f64, 0, lang),
                number(*p, 1, lang)
            ),
            (VariantChoice::TopCoverage { percent: p }, Language::Fr) => format!(
                "découvert par l'inductive miner ({miner}) à partir des {} variantes les plus fréquentes, qui couvrent {} des dossiers ({} sur {} ; demandé : {} %)",
                picked.len(),
                percent(share, lang),
                number(cases as f64, 0, lang),
                number(total as f64, 0, lang),
                number(*p, 1, lang)
            ),
            (VariantChoice::Sequences { .. }, Language::En) => format!(
                "mined with the inductive miner ({miner}) from {} chosen variants covering {} of cases",
                picked.len(),
                percent(share, lang)
            ),
            (VariantChoice::Sequences { .. }, Language::Fr) => format!(
                "découvert par l'inductive miner ({miner}) à partir de {} variantes choisies, qui couvrent {} des dossiers",
                picked.len(),
                percent(share, lang)
            ),
        };
        Ok(ProcessModel {
            source: ModelSource::Mined {
                choice: choice.clone(),
                noise_threshold: opts.noise_threshold,
                variants: picked.len() as u64,
                cases,
                share,
            },
            description,
            bpmn: Some(tree_to_bpmn(&tree)),
            net,
            tree: Some(tree),
            mapping: ActivityMapping::default(),
            notes: Vec::new(),
        })
    }

    /// The model's activities (labels of visible transitions), sorted.
    pub fn activities(&self) -> Vec<String> {
        self.net.labels()
    }

    /// Pairs the model's activities with the log's (keeping the user's choices), and refuses a model
    /// that shares no activity with the log.
    pub fn bind(&mut self, log: &EventLog) -> Result<(), Error> {
        self.mapping = ActivityMapping::for_log(&self.activities(), log, Some(&self.mapping));
        self.mapping.check_overlap(log)
    }

    /// The model as BPMN 2.0 XML, with its diagram; notes say when a Petri net had to be turned into
    /// one.
    pub fn to_bpmn(&self) -> (String, Vec<String>) {
        match &self.bpmn {
            Some(b) => (bpmn::write(b), Vec::new()),
            None => (
                bpmn::write(&petri_to_bpmn(&self.net)),
                vec!["the Petri net was turned into a BPMN diagram: places with several inputs or outputs are exclusive gateways, transitions with several are parallel gateways (exact for free-choice nets such as those the inductive miner makes)".into()],
            ),
        }
    }

    /// The model's Petri net as PNML.
    pub fn to_pnml(&self) -> String {
        pnml::write(&self.net, "relance_model")
    }

    /// The model to draw: its BPMN diagram when it has one, else its Petri net.
    pub fn graph(&self) -> ModelGraph {
        match &self.bpmn {
            Some(b) => bpmn_graph(b),
            None => petri_graph(&self.net),
        }
    }
}
