//! Lets the `relance` binary (and its tests) find the prebuilt libduckdb.so at run time: the directory
//! libduckdb-sys linked against (`DUCKDB_LIB_DIR`, set by `.cargo/config.toml`) goes into the runtime
//! search path, so `cargo run`, the tests and `target/release/relance` work without LD_LIBRARY_PATH.

fn main() {
    println!("cargo:rerun-if-env-changed=DUCKDB_LIB_DIR");
    if std::env::var_os("CARGO_FEATURE_WAREHOUSE").is_none() {
        return;
    }
    match std::env::var("DUCKDB_LIB_DIR") {
        Ok(dir) => {
            let dir = std::fs::canonicalize(&dir)
                .map(|p| p.display().to_string())
                .unwrap_or(dir);
            if !std::path::Path::new(&dir).join("libduckdb.so").is_file() {
                println!(
                    "cargo:warning=no libduckdb.so in {dir}: run scripts/setup.sh (npm ci) first, or build with --no-default-features"
                );
            }
            println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
        }
        Err(_) => println!(
            "cargo:warning=DUCKDB_LIB_DIR is not set: the warehouse feature needs libduckdb.so (scripts/setup.sh)"
        ),
    }
}
