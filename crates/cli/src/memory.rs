//! The import's memory budget on this machine: what the process may still map under its address-space
//! limit (`getrlimit(RLIMIT_AS)`, `ulimit -v`), what its container may still use (cgroup v2
//! `memory.max`), and the machine's available memory (`MemAvailable` plus free swap), whichever is
//! least. The engine refuses a log whose estimate passes it (see `relance_engine::import::budget`);
//! `--memory-budget` sets it by hand.

use anyhow::{bail, Result};
use relance_engine::import::{BudgetSource, MemoryBudget};

/// Of the address space left under a limit, the share the log may take: the rest goes to what the
/// estimate does not count (thread stacks, the allocator's per-thread arenas of 64 MiB of address space
/// each, the analyses' own working sets).
const ADDRESS_SPACE_SHARE: f64 = 0.8;

/// The budget `--memory-budget` gives (`6GB`, `800MB`, `1.5GiB`, bytes; `none` for no check), else the
/// one this machine allows; `None` when there is nothing to check against.
pub fn budget(flag: Option<&str>) -> Result<Option<MemoryBudget>> {
    match flag {
        Some(text) => parse_size(text).map(|b| b.map(MemoryBudget::given)),
        None => Ok(this_process()),
    }
}

/// The least of what the address-space limit, the container and the machine allow.
pub fn this_process() -> Option<MemoryBudget> {
    least([
        address_space(),
        container(),
        available().map(|bytes| MemoryBudget {
            bytes,
            source: BudgetSource::AvailableMemory,
        }),
    ])
}

fn least(candidates: [Option<MemoryBudget>; 3]) -> Option<MemoryBudget> {
    candidates.into_iter().flatten().min_by_key(|b| b.bytes)
}

/// The address space left under the soft `RLIMIT_AS` (unlimited: `None`), less what is mapped now.
#[cfg(unix)]
fn address_space() -> Option<MemoryBudget> {
    let limit = rustix::process::getrlimit(rustix::process::Resource::As).current?;
    let mapped = proc_kb("/proc/self/status", "VmSize:").unwrap_or(0);
    Some(MemoryBudget {
        bytes: (limit.saturating_sub(mapped) as f64 * ADDRESS_SPACE_SHARE) as u64,
        source: BudgetSource::AddressSpace,
    })
}

#[cfg(not(unix))]
fn address_space() -> Option<MemoryBudget> {
    None
}

/// cgroup v2: the memory the process's group may still use (`memory.max` less `memory.current`).
fn container() -> Option<MemoryBudget> {
    let groups = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let path = groups.lines().find_map(|l| l.strip_prefix("0::"))?;
    let dir = std::path::Path::new("/sys/fs/cgroup").join(path.trim_start_matches('/'));
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let max: u64 = read("memory.max")?.trim().parse().ok()?; // "max" (no limit) does not parse
    let current: u64 = read("memory.current")
        .and_then(|c| c.trim().parse().ok())
        .unwrap_or(0);
    Some(MemoryBudget {
        bytes: max.saturating_sub(current),
        source: BudgetSource::Container,
    })
}

/// The memory the kernel can still give without killing anything: `MemAvailable` and free swap.
fn available() -> Option<u64> {
    let available = proc_kb("/proc/meminfo", "MemAvailable:")?;
    Some(available.saturating_add(proc_kb("/proc/meminfo", "SwapFree:").unwrap_or(0)))
}

/// A `Key:   123 kB` line of a /proc file, in bytes.
fn proc_kb(file: &str, key: &str) -> Option<u64> {
    let text = std::fs::read_to_string(file).ok()?;
    kb_field(&text, key)
}

fn kb_field(text: &str, key: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line[key.len()..].split_whitespace().next()?.parse().ok()?;
    Some(kb.saturating_mul(1024))
}

/// `6GB`, `6G`, `1.5GiB`, `800MB`, `123456` (bytes); `none` (or `off`, `unlimited`) for no budget.
pub fn parse_size(text: &str) -> Result<Option<u64>> {
    let t = text.trim().to_ascii_lowercase();
    if matches!(t.as_str(), "none" | "off" | "unlimited") {
        return Ok(None);
    }
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let scale: f64 = match unit.trim() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "t" | "tb" => 1e12,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        "tib" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => {
            bail!("--memory-budget {text:?}: expected a size such as 6GB, 800MB or 1.5GiB, or none")
        }
    };
    match number.parse::<f64>() {
        Ok(n) if n.is_finite() && n > 0.0 => Ok(Some((n * scale) as u64)),
        _ => {
            bail!("--memory-budget {text:?}: expected a size such as 6GB, 800MB or 1.5GiB, or none")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_decimal_and_binary_units() {
        assert_eq!(parse_size("6GB").unwrap(), Some(6_000_000_000));
        assert_eq!(parse_size("6g").unwrap(), Some(6_000_000_000));
        assert_eq!(parse_size("1.5GiB").unwrap(), Some(1_610_612_736));
        assert_eq!(parse_size(" 800 MB ").unwrap(), Some(800_000_000));
        assert_eq!(parse_size("123456").unwrap(), Some(123_456));
        assert_eq!(parse_size("none").unwrap(), None);
        for bad in ["", "GB", "-1GB", "6 parsecs", "0"] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn proc_lines_read_in_bytes() {
        let meminfo = "MemTotal:       24576000 kB\nMemAvailable:   12000000 kB\nSwapFree: 0 kB\n";
        assert_eq!(kb_field(meminfo, "MemAvailable:"), Some(12_288_000_000));
        assert_eq!(kb_field(meminfo, "SwapFree:"), Some(0));
        assert_eq!(kb_field(meminfo, "Cached:"), None);
    }

    #[test]
    fn the_least_budget_wins_and_says_where_it_comes_from() {
        let b = |bytes, source| Some(MemoryBudget { bytes, source });
        let got = least([
            b(3_000_000_000, BudgetSource::AddressSpace),
            None,
            b(12_000_000_000, BudgetSource::AvailableMemory),
        ]);
        assert_eq!(got, b(3_000_000_000, BudgetSource::AddressSpace));
        assert_eq!(least([None, None, None]), None);
    }
}
