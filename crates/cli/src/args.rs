//! Command-line flags, parsed with clap; converted to engine options by [`ImportFlags::options`].

use anyhow::{bail, Result};
use clap::{Args, Parser, Subcommand};
use relance_engine::import::{ColumnRole, DateOrder, ImportOptions};
use std::path::PathBuf;

/// Private process mining for credit management and collections.
#[derive(Parser, Debug)]
#[command(name = "relance", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Language of the text output (`en` or `fr`; default: the environment's, from `LC_ALL`,
    /// `LC_MESSAGES` or `LANG`). JSON output is the same in every language. For `demo`, the
    /// language of the export (default `en`).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Import a log and print activities, directly-follows graph, variants and case durations.
    Analyze(AnalyzeArgs),
    /// Collections KPIs, dunning, disputes, cash application, promises and compliance checks.
    Collections(CollectionsArgs),
    /// Waiting times of every step (the transition heatmap), optionally split by a column.
    Bottlenecks(BottlenecksArgs),
    /// Write the built-in demo collections log as CSV on standard output.
    Demo(DemoArgs),
    /// What goes with late payment, disputes, write-offs and slow cash (or any outcome): attribute
    /// values ranked by impact, with intervals and multiple-testing correction.
    Insights(InsightsArgs),
    /// Two populations side by side (two views, or before / after a date): KPIs with intervals, map
    /// edges, variants, and what sets the second apart.
    Compare(CompareArgs),
    /// The log against an ideal process (BPMN, PNML, or mined from the top variants): fitness,
    /// deviations ranked by impact, what-if scenarios.
    // The process model takes `--model`; the data model of several tables moves to `--data-model`.
    #[command(mut_arg("model", |a| a.long("data-model")))]
    Conformance(ConformanceArgs),
    /// Print the analyses as SQL for a warehouse (DuckDB, PostgreSQL, Spark, Snowflake, BigQuery).
    Sql(SqlArgs),
    /// Run the analyses where the data lives (embedded DuckDB, or PostgreSQL) and print the summary.
    Warehouse(WarehouseArgs),
    /// Assemble the saved results of `relance sql --all` (CSV, JSON or Parquet) into the summary.
    Bundle(BundleArgs),
    /// When each open invoice will be paid (with an 80 % interval, the late and write-off probabilities
    /// and the reasons), cash by week for 13 weeks, and a walk-forward backtest against two baselines.
    Forecast(ForecastArgs),
    /// One self-contained HTML report to hand over (log, process map, collections KPIs, insights,
    /// forecast, conformance), in English or French (`--lang`); prints to PDF from any browser.
    // The process model takes `--model`; the data model of several tables moves to `--data-model`.
    #[command(mut_arg("model", |a| a.long("data-model")))]
    Report(ReportArgs),
}

/// How to read the input file.
#[derive(Args, Debug, Clone)]
pub struct ImportFlags {
    /// Event log: CSV, XES (either gzip-compressed), an Excel or OpenDocument workbook (.xlsx, .xlsm,
    /// .xlsb, .xls, .ods) or Parquet; or several tables (CSV, workbooks, Parquet, or a .zip of them)
    /// sharing a key such as the invoice number, joined into one log.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The sheet to read from workbooks (default: the one that looks most like a table).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// A data model (JSON, as saved by the app or printed by `analyze --json` under "tables") saying
    /// how several tables make one log, instead of the proposed one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Case id column (CSV).
    #[arg(long, value_name = "COL")]
    pub case: Option<String>,
    /// Activity column (CSV).
    #[arg(long, value_name = "COL")]
    pub activity: Option<String>,
    /// Timestamp column (CSV).
    #[arg(long, value_name = "COL")]
    pub timestamp: Option<String>,
    /// Resource column (CSV).
    #[arg(long, value_name = "COL")]
    pub resource: Option<String>,
    /// Field delimiter: a character, or `tab`.
    #[arg(long, value_name = "C")]
    pub delimiter: Option<String>,
    /// Read dd/mm/yyyy dates.
    #[arg(long, conflicts_with = "month_first")]
    pub day_first: bool,
    /// Read mm/dd/yyyy dates.
    #[arg(long)]
    pub month_first: bool,
    /// Keep only events of this lifecycle transition (only `complete` is supported).
    #[arg(long, value_name = "TRANSITION")]
    pub lifecycle: Option<String>,
    /// A view file saved by the app: its filters (and roles) apply, so the report matches the screen.
    #[arg(long, value_name = "FILE")]
    pub view: Option<PathBuf>,
    /// Print how long the import and the analyses took on standard error (for benchmarks).
    #[arg(long)]
    pub timings: bool,
    /// The most memory the import may take (`6GB`, `800MB`, `1.5GiB`; `none`: no check). A log
    /// estimated past it, from its first slices, is refused early; `relance warehouse` reads it
    /// instead. Default: the least of what the address-space limit (ulimit -v), the container and the
    /// machine's available memory allow.
    #[arg(long, value_name = "SIZE")]
    pub memory_budget: Option<String>,
}

impl ImportFlags {
    /// Engine import options for these flags.
    pub fn options(&self) -> Result<ImportOptions> {
        let mut roles = Vec::new();
        for (col, role) in [
            (&self.case, ColumnRole::Case),
            (&self.activity, ColumnRole::Activity),
            (&self.timestamp, ColumnRole::Timestamp),
            (&self.resource, ColumnRole::Resource),
        ] {
            if let Some(c) = col {
                roles.push((c.clone(), role));
            }
        }
        let delimiter = match self.delimiter.as_deref() {
            None => None,
            Some("tab" | "\\t" | "\t") => Some(b'\t'),
            Some(d) if d.len() == 1 && d.is_ascii() => Some(d.as_bytes()[0]),
            Some(d) => bail!("--delimiter must be one ASCII character or `tab`, not {d:?}"),
        };
        let complete_only = match self.lifecycle.as_deref() {
            None => false,
            Some(l) if l.eq_ignore_ascii_case("complete") => true,
            Some(l) => bail!("--lifecycle accepts only `complete`, not {l:?}"),
        };
        let date_order = if self.day_first {
            DateOrder::DayFirst
        } else if self.month_first {
            DateOrder::MonthFirst
        } else {
            DateOrder::Auto
        };
        Ok(ImportOptions {
            csv: None,
            roles,
            delimiter,
            date_order,
            complete_only,
            core_only: false,
            size_hint: None,
            memory_budget: crate::memory::budget(self.memory_budget.as_deref())?,
            notes: Vec::new(),
        })
    }
}

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub import: ImportFlags,
    /// Print one JSON document instead of a summary.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct CollectionsArgs {
    #[command(flatten)]
    pub import: ImportFlags,
    /// Activity and column roles (JSON, as saved by the app); unnamed ones are guessed.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Rule pack (JSON), instead of the built-in packs; repeat for several.
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
    /// Days after a reminder within which a payment counts as its effect.
    #[arg(long, default_value_t = 14.0, value_name = "N")]
    pub window_days: f64,
    /// Grace days after a promised payment date.
    #[arg(long, default_value_t = 3.0, value_name = "N")]
    pub promise_grace_days: f64,
    /// When a receivable closes in DSO, CEI and aging: `ledger` (the payment applied: cleared or
    /// posted) or `cash` (the payment received).
    #[arg(long, default_value = "ledger", value_parser = ["ledger", "cash"], value_name = "BASIS")]
    pub basis: String,
    /// Also break every headline measure down by this case attribute (as named in the file).
    #[arg(long, value_name = "COLUMN")]
    pub by: Option<String>,
    /// Write every compliance violation to this CSV file (the report lists the first 1,000 of each
    /// rule).
    #[arg(long, value_name = "FILE")]
    pub violations_csv: Option<PathBuf>,
    /// Print one JSON document instead of a summary.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct BottlenecksArgs {
    #[command(flatten)]
    pub import: ImportFlags,
    /// Split every step by this column (as named in the file): a case attribute gives the case's value,
    /// an event attribute the value on the arriving event.
    #[arg(long, value_name = "COLUMN")]
    pub by: Option<String>,
    /// Print JSON rows instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Number of invoices (cases).
    #[arg(long, default_value_t = 5000)]
    pub invoices: usize,
    /// Random seed.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Write Windows-1252 bytes instead of UTF-8 (as many ERPs and Excel do).
    #[arg(long = "windows-1252")]
    pub windows_1252: bool,
}

/// `--lang`: the language of text output and, for `relance demo`, of the export: `en` (`,`, ISO
/// timestamps) or `fr` (what a French ERP writes: `;`, decimal comma, dd/mm/yyyy, French names; the
/// events are the same).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
}

/// Flags shared by `insights` and `compare`.
#[derive(Args, Debug)]
pub struct InsightsFlags {
    /// Activity and column roles (JSON, as saved by the app); unnamed ones are guessed.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// A group needs at least this many cases (and so does the rest).
    #[arg(long, default_value_t = 30, value_name = "N")]
    pub min_cases: u64,
    /// Language of the sentences: `en` or `fr` (default: `--lang` for text output, `en` for JSON).
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,
    /// Print one JSON document instead of sentences.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct InsightsArgs {
    #[command(flatten)]
    pub import: ImportFlags,
    /// Outcome to explain (`late_payment`, `disputed`, `written_off`, `invoice_to_cash_days`,
    /// `dunning_unanswered`, `case_duration_days`, `passes_through:ACTIVITY`, `ends_with:ACTIVITY`);
    /// repeat for several; default: every outcome the log supports.
    #[arg(long, value_name = "ID")]
    pub outcome: Vec<String>,
    /// List every value tested, not only the findings with q ≤ 0.05.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub flags: InsightsFlags,
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    #[command(flatten)]
    pub import: ImportFlags,
    /// View file whose filters define population A.
    #[arg(
        long,
        value_name = "VIEW",
        requires = "b",
        required_unless_present = "before"
    )]
    pub a: Option<PathBuf>,
    /// View file whose filters define population B.
    #[arg(long, value_name = "VIEW", requires = "a")]
    pub b: Option<PathBuf>,
    /// A: cases starting before this date (or instant); B: on or after it.
    #[arg(long, value_name = "DATE", conflicts_with_all = ["a", "b"])]
    pub before: Option<String>,
    #[command(flatten)]
    pub flags: InsightsFlags,
}

/// The table and columns the SQL reads.
#[derive(Args, Debug, Clone)]
pub struct TableFlags {
    /// Case id column.
    #[arg(long, value_name = "COL")]
    pub case: Option<String>,
    /// Activity column.
    #[arg(long, value_name = "COL")]
    pub activity: Option<String>,
    /// Timestamp column (a timestamp type holding instants).
    #[arg(long, value_name = "COL")]
    pub timestamp: Option<String>,
    /// Resource column.
    #[arg(long, value_name = "COL")]
    pub resource: Option<String>,
    /// Row-number column that orders events at the same instant (file order, as the engine keeps it).
    #[arg(long, value_name = "COL")]
    pub order: Option<String>,
    /// Activity and column roles (JSON, as saved by the app): adds the collections analyses.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Most variants returned (the most frequent; the document counts the rest).
    #[arg(long, default_value_t = relance_sql::VARIANTS_CAP, value_name = "N")]
    pub variants_cap: u64,
    /// Days after a reminder within which a payment counts as its effect (collections).
    #[arg(long, default_value_t = 14.0, value_name = "N")]
    pub window_days: f64,
    /// Grace days after a promised payment date (collections).
    #[arg(long, default_value_t = 3.0, value_name = "N")]
    pub promise_grace_days: f64,
    /// IANA time zone whose local midnight on the 1st ends each month of dso_monthly (a table of
    /// instants has no UTC offsets to read it from), e.g. Europe/Paris.
    #[arg(long, default_value = "UTC", value_name = "ZONE")]
    pub time_zone: String,
    /// When a receivable closes in dso_monthly: `ledger` (the payment applied: cleared or posted) or
    /// `cash` (the payment received), as `relance collections --basis`.
    #[arg(long, default_value = "ledger", value_parser = ["ledger", "cash"], value_name = "BASIS")]
    pub basis: String,
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["analysis", "all"])))]
pub struct SqlArgs {
    /// SQL dialect: duckdb, postgres, spark, snowflake or bigquery.
    #[arg(long, value_name = "NAME")]
    pub dialect: String,
    /// The table (printed as given: a name, a qualified name, or a parenthesised query).
    #[arg(long, value_name = "T")]
    pub table: String,
    #[command(flatten)]
    pub cols: TableFlags,
    /// One analysis: log, activities, start_activities, end_activities, dfg, variants, case_durations,
    /// or with --mapping dso_monthly, dunning, disputes, cash_application, promises.
    #[arg(long, value_name = "NAME")]
    pub analysis: Option<String>,
    /// Every analysis (the collections ones too with --mapping), one statement each.
    #[arg(long)]
    pub all: bool,
}

#[derive(Args, Debug)]
pub struct WarehouseArgs {
    /// An event log file (CSV, optionally gzip-compressed, or Parquet) to analyse in embedded DuckDB.
    #[arg(required_unless_present_any = ["duckdb", "postgres"])]
    pub file: Option<PathBuf>,
    /// A DuckDB database file holding the table.
    #[arg(long, value_name = "DB", conflicts_with_all = ["file", "postgres"], requires = "table")]
    pub duckdb: Option<PathBuf>,
    /// A PostgreSQL connection URL (run through psql).
    #[arg(long, value_name = "URL", conflicts_with = "file", requires = "table")]
    pub postgres: Option<String>,
    /// The table (with --duckdb or --postgres).
    #[arg(long, value_name = "T")]
    pub table: Option<String>,
    #[command(flatten)]
    pub cols: TableFlags,
    /// CSV field delimiter: a character, or `tab` (default: guessed).
    #[arg(long, value_name = "C")]
    pub delimiter: Option<String>,
    /// Also the collections measures, with roles guessed from activity and column names (a --mapping
    /// overrides the guesses).
    #[arg(long)]
    pub collections: bool,
    /// Print one JSON document instead of a summary.
    #[arg(long)]
    pub json: bool,
    /// Print how long loading and each query took on standard error.
    #[arg(long)]
    pub timings: bool,
    /// Embedded DuckDB's memory limit (e.g. `4GB`; default: 80 % of the machine's memory). Past it,
    /// DuckDB spills to a temporary folder.
    #[arg(long, value_name = "SIZE")]
    pub memory_limit: Option<String>,
    /// Also save each query's result in this folder as NAME.json (JSON lines), as `relance bundle`
    /// reads them.
    #[arg(long, value_name = "DIR")]
    pub save: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct BundleArgs {
    /// A folder holding one result per analysis: NAME.csv, NAME.json (array or JSON lines),
    /// NAME.parquet, or a folder NAME/ of such parts (as Spark writes them).
    pub dir: PathBuf,
    /// Where the results came from (an engine name), for the document.
    #[arg(long, default_value = "warehouse", value_name = "NAME")]
    pub engine: String,
    /// Print one JSON document instead of a summary.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ForecastArgs {
    #[command(flatten)]
    pub import: ImportFlags,
    /// The as-of date (YYYY-MM-DD): the forecast uses what was known at the end of that day (default:
    /// the day of the last event).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Activity and column roles (JSON, as saved by the app); unnamed ones are guessed.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Open invoices listed in the text output, most amount at risk first (JSON lists them all).
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
    /// Also write the worklist of every open invoice as CSV to this file (headers and reasons in the
    /// `--lang` language).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Print one JSON document instead of a summary.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ConformanceArgs {
    #[command(flatten)]
    pub import: ImportFlags,
    /// The ideal process: a BPMN 2.0 diagram (.bpmn) or a Petri net (.pnml); or --happy-path, or a
    /// --view file saved by the app with one.
    #[arg(
        long = "model",
        id = "process_model",
        value_name = "FILE.bpmn|FILE.pnml",
        required_unless_present_any = ["happy_path", "view"],
        conflicts_with = "happy_path"
    )]
    pub process_model: Option<PathBuf>,
    /// Mine the ideal process (inductive miner) from the most frequent variants covering N % of the
    /// cases.
    #[arg(long, value_name = "N")]
    pub happy_path: Option<f64>,
    /// IMf noise threshold for --happy-path, 0 to 1 (0: every chosen variant fits the model).
    #[arg(long, default_value_t = 0.0, value_name = "X", requires = "happy_path")]
    pub noise: f64,
    /// Write the model as BPMN (with its diagram) or PNML, by the file's extension.
    #[arg(long, value_name = "OUT.bpmn|OUT.pnml")]
    pub export_model: Option<PathBuf>,
    /// Pair a model activity with a log activity of another name (`MODEL=LOG`; `MODEL=` for none);
    /// repeat for several. Same or similar names are paired without it.
    #[arg(long = "map-activity", value_name = "MODEL=LOG")]
    pub map_activity: Vec<String>,
    /// What-if scenarios (a JSON array, as the app saves them) instead of the default ones.
    #[arg(long, value_name = "FILE")]
    pub scenarios: Option<PathBuf>,
    /// Activity and column roles (JSON, as saved by the app); unnamed ones are guessed.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Most states one variant's alignment may explore before it is reported as not aligned.
    #[arg(long, default_value_t = 1_000_000, value_name = "N")]
    pub max_states: usize,
    /// Print one JSON document instead of a summary.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[command(flatten)]
    pub import: ImportFlags,
    /// Activity and column roles (JSON, as saved by the app); unnamed ones are guessed.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Where to write the report (HTML).
    #[arg(short = 'o', long = "output", value_name = "OUT.html")]
    pub output: PathBuf,
    /// Hold the log against this ideal process (BPMN 2.0 or PNML) in the conformance section.
    #[arg(
        long = "model",
        id = "process_model",
        value_name = "FILE.bpmn|FILE.pnml",
        conflicts_with = "happy_path"
    )]
    pub process_model: Option<PathBuf>,
    /// Mine the ideal process from the most frequent variants covering N % of the cases (the
    /// conformance section).
    #[arg(long, value_name = "N")]
    pub happy_path: Option<f64>,
    /// Compare the cases starting before this date (or instant) with the others.
    #[arg(long, value_name = "DATE")]
    pub compare_before: Option<String>,
    /// When a receivable closes: `ledger` (the payment applied) or `cash` (the payment received).
    #[arg(long, default_value = "ledger", value_parser = ["ledger", "cash"], value_name = "BASIS")]
    pub basis: String,
    /// Leave out the insights (the slowest section on large logs).
    #[arg(long)]
    pub no_insights: bool,
    /// Leave out the forecast.
    #[arg(long)]
    pub no_forecast: bool,
}
