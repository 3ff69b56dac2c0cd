//! `relance`: the Relance engine on the command line. Batch JSON reports for the same numbers the app
//! shows, on files of any size.
//!
//! Flags are parsed into [`args::Cli`], turned into engine options, and each command prints one JSON
//! document (`--json`) or a readable summary. Errors print one line on stderr and exit with status 2.

mod args;
mod commands;
mod lang;
mod memory;
mod text;

use clap::Parser;

fn main() {
    let cli = args::Cli::parse();
    lang::set(match cli.lang {
        Some(args::Lang::Fr) => relance_engine::insights::Language::Fr,
        Some(args::Lang::En) => relance_engine::insights::Language::En,
        None => lang::from_env(),
    });
    let result = match cli.command {
        args::Command::Analyze(a) => commands::analyze::run(&a),
        args::Command::Collections(c) => commands::collections::run(&c),
        args::Command::Bottlenecks(b) => commands::bottlenecks::run(&b),
        args::Command::Demo(d) => commands::demo::run(&d, cli.lang.unwrap_or(args::Lang::En)),
        args::Command::Insights(i) => commands::insights::run(&i),
        args::Command::Compare(c) => commands::compare::run(&c),
        args::Command::Conformance(c) => commands::conformance::run(&c),
        args::Command::Sql(s) => commands::sql::run(&s),
        args::Command::Warehouse(w) => commands::warehouse::run(&w),
        args::Command::Bundle(b) => commands::bundle::run(&b),
        args::Command::Forecast(f) => commands::forecast::run(&f),
        args::Command::Report(r) => commands::report::run(&r),
    };
    if let Err(e) = result {
        // A closed pipe (`relance demo | head`) is not an error worth reporting.
        if e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        {
            std::process::exit(0);
        }
        // Messages quote paths, column names and values from the file: escaped like all text output.
        eprintln!("relance: {}", text::clean(&format!("{e:#}")));
        std::process::exit(2);
    }
}
