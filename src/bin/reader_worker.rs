//! The reader worker: workbooks, Parquet files and sets of tables, started only when such a file is
//! opened (its wasm is loaded then, not with the page).

fn main() {
    relance_app::features::data_in::reader::worker::run();
}
