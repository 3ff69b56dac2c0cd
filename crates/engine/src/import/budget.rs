//! How much memory an import may take, and the estimate that refuses a file before it outgrows it.
//!
//! A log that does not fit must be refused while it can still be said why: a browser worker that runs
//! out of memory traps and loses everything, a native process aborts in the allocator ("memory
//! allocation of 1073741824 bytes failed") with no word on the file. So the importer, given a
//! [`MemoryBudget`], extrapolates from what the first slices took: the heap of the events read so far
//! (their columns and distinct strings), scaled by the share of the input they came from (compressed
//! bytes for gzip, so a row bomb's ratio is in the scale), times [`PEAK_FACTOR`] for the sorted copy the
//! log is built into at the end. It checks again after every slice, and refuses as soon as the estimate
//! passes the budget.
//!
//! The browser passes [`MemoryBudget::BROWSER`]; the native command line derives its budget from the
//! process's address-space limit and the machine's available memory. Past the budget the answer is
//! warehouse mode (`relance warehouse`), which runs the same analyses in DuckDB and spills to disk.

use std::fmt;

/// Building the sorted log copies the columns (the strings mostly move): the peak is about 2.2 times
/// the columns read, measured on the reference logs.
pub const PEAK_FACTOR: f64 = 2.2;

/// Input decoded (after inflating) before the estimate extrapolates: the first lines of a file (its
/// header, the first distinct strings) say little about the rest before this. Below it, only what was
/// read counts.
pub const MIN_SAMPLE_BYTES: u64 = 1 << 20;

/// What importing a whole file is expected to take, extrapolated from the part read so far.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemoryEstimate {
    /// Events in the whole file.
    pub events: u64,
    /// Peak heap bytes: the events' columns and strings as they are read, and the sorted log built
    /// from them at the end (about as large again).
    pub peak_bytes: u64,
}

impl MemoryEstimate {
    /// The estimate for a whole input of `total_input` bytes when `read_input` of them gave `rows` rows
    /// whose columns and strings take `heap` bytes. An unknown total, a total smaller than what was read
    /// or a sample under [`MIN_SAMPLE_BYTES`] (`decoded` bytes after inflating) is not extrapolated:
    /// what was read is then a floor.
    pub fn extrapolate(
        heap: usize,
        rows: u64,
        read_input: u64,
        decoded: u64,
        total_input: Option<u64>,
    ) -> MemoryEstimate {
        let scale = match total_input {
            Some(total) if read_input > 0 && decoded >= MIN_SAMPLE_BYTES => {
                (total as f64 / read_input as f64).max(1.0)
            }
            _ => 1.0,
        };
        MemoryEstimate {
            events: (rows as f64 * scale) as u64,
            peak_bytes: (heap as f64 * scale * PEAK_FACTOR) as u64,
        }
    }
}

/// The most memory an import may take, and where that figure comes from (it is said in the refusal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MemoryBudget {
    /// Bytes.
    pub bytes: u64,
    /// Where the figure comes from.
    pub source: BudgetSource,
}

/// Where a [`MemoryBudget`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetSource {
    /// What a browser tab can hold.
    Browser,
    /// The process's address-space limit (`ulimit -v`, `RLIMIT_AS`), less what it already maps.
    AddressSpace,
    /// The container's memory limit (cgroup `memory.max`), less what it already uses.
    Container,
    /// The machine's available memory (`MemAvailable`).
    AvailableMemory,
    /// Given by the user.
    Given,
}

impl MemoryBudget {
    /// What a browser tab can be expected to hold for the log: wasm32 memory stops at 4 GiB, one
    /// allocation at 2 GiB, and the page and the analyses need room too.
    pub const BROWSER: MemoryBudget = MemoryBudget {
        bytes: 2_500_000_000,
        source: BudgetSource::Browser,
    };

    /// A budget the user set.
    pub fn given(bytes: u64) -> MemoryBudget {
        MemoryBudget {
            bytes,
            source: BudgetSource::Given,
        }
    }

    /// Whether an estimate passes the budget.
    pub fn refuses(&self, estimate: &MemoryEstimate) -> bool {
        estimate.peak_bytes > self.bytes
    }
}

impl fmt::Display for MemoryBudget {
    /// "2.5 GB a browser tab can hold".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.source {
            BudgetSource::Browser => "a browser tab can hold",
            BudgetSource::AddressSpace => {
                "this process may still map (its address-space limit, ulimit -v)"
            }
            BudgetSource::Container => "this container may still use (its memory limit)",
            BudgetSource::AvailableMemory => "available on this machine",
            BudgetSource::Given => "of the memory budget given",
        };
        write!(f, "{} {what}", gigabytes(self.bytes))
    }
}

/// "9.6 GB" (decimal gigabytes, one decimal; "0.4 GB" under one).
pub fn gigabytes(bytes: u64) -> String {
    format!("{:.1} GB", bytes as f64 / 1e9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_slice_is_scaled_to_the_whole_input() {
        // 4 MiB of a 400 MiB file gave 50,000 rows taking 1.5 MB: the file holds 100 times that, and the
        // sorted copy comes on top.
        let mib = 1u64 << 20;
        let e = MemoryEstimate::extrapolate(1_500_000, 50_000, 4 * mib, 4 * mib, Some(400 * mib));
        assert_eq!(e.events, 5_000_000);
        assert_eq!(e.peak_bytes, (1_500_000.0 * 100.0 * PEAK_FACTOR) as u64);
    }

    #[test]
    fn gzip_is_scaled_by_compressed_bytes() {
        // A row bomb: 16 KiB of a 23 MB gzip file inflated to 5.6 MiB, 100,000 rows in 2.4 MB of
        // columns. Scaled by the compressed share (about 1,400 times), not by the inflated bytes.
        let e = MemoryEstimate::extrapolate(
            2_400_000,
            100_000,
            16 << 10,
            5_600_000 + (1 << 20),
            Some(23_000_000),
        );
        let scale = 23_000_000.0 / 16_384.0;
        assert_eq!(e.events, (100_000.0 * scale) as u64);
        assert!(e.peak_bytes > 7_000_000_000, "{e:?}");
        assert!(MemoryBudget::BROWSER.refuses(&e));
    }

    #[test]
    fn a_small_sample_or_an_unknown_size_is_a_floor() {
        let small = MemoryEstimate::extrapolate(1000, 10, 500, 500, Some(1 << 30));
        assert_eq!(small.events, 10);
        assert_eq!(small.peak_bytes, 2200);
        let unknown = MemoryEstimate::extrapolate(3 << 20, 10, 2 << 20, 2 << 20, None);
        assert_eq!(unknown.events, 10);
        // A total smaller than what was read (a file that grew) never scales down.
        let grew = MemoryEstimate::extrapolate(3 << 20, 10, 2 << 20, 2 << 20, Some(1 << 20));
        assert_eq!(grew.events, 10);
    }

    #[test]
    fn a_budget_says_its_size_and_where_it_comes_from() {
        assert_eq!(
            MemoryBudget::BROWSER.to_string(),
            "2.5 GB a browser tab can hold"
        );
        let b = MemoryBudget {
            bytes: 3_000_000_000,
            source: BudgetSource::AddressSpace,
        };
        assert!(b
            .to_string()
            .starts_with("3.0 GB this process may still map"));
        assert!(!b.refuses(&MemoryEstimate {
            events: 1,
            peak_bytes: 3_000_000_000
        }));
        assert!(b.refuses(&MemoryEstimate {
            events: 1,
            peak_bytes: 3_000_000_001
        }));
    }
}
