//! Importing a file from disk: streamed in 4 MiB chunks, or natively read whole and split across
//! threads when the file is large enough to gain from it.

use super::*;

/// Imports a file from disk, streaming it in 4 MiB chunks.
pub fn import_path(path: &std::path::Path, opts: ImportOptions) -> Result<Imported, Error> {
    use std::io::Read;
    // The caller knows the path (the CLI puts it in front of the message): the error only says why.
    let mut f = std::fs::File::open(path).map_err(|e| Error::Io(e.to_string()))?;
    let mut opts = opts;
    if opts.size_hint.is_none() {
        opts.size_hint = f.metadata().ok().map(|m| m.len());
    }
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(imported) = import_path_parallel(&mut f, &opts) {
        return imported;
    }
    let mut imp = Importer::new(opts);
    let mut buf = vec![0u8; 4 << 20];
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::Io(e.to_string()))?;
        if n == 0 {
            break;
        }
        imp.feed(&buf[..n])?;
    }
    imp.finish()
}

/// Reads a plain CSV file of a few MiB to 2 GiB whole and imports it on every core; `None` leaves the
/// file to the streaming import.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn import_path_parallel(
    f: &mut std::fs::File,
    opts: &ImportOptions,
) -> Option<Result<Imported, Error>> {
    let size = opts.size_hint?;
    // RELANCE_THREADS=1 forces the streaming import (to compare, or to save memory).
    let threads = std::env::var("RELANCE_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if threads < 2 || !(8 << 20..=2 << 30).contains(&size) {
        return None;
    }
    // The whole file sits in memory beside the log: only when the budget holds about three times the
    // file (the file, and a log of up to its size with the sorted copy's share on top). Otherwise the
    // streaming read, which holds one 4 MiB slice, estimates as it goes.
    if opts
        .memory_budget
        .is_some_and(|b| size.saturating_mul(3) > b.bytes)
    {
        return None;
    }
    let bytes = match read_whole(f, size as usize, threads) {
        Ok(Some(b)) => b,
        Ok(None) => return None,
        Err(e) => return Some(Err(Error::Io(e.to_string()))),
    };
    Some(import_bytes_parallel(&bytes, opts.clone(), threads))
}

/// Reads a file of `size` bytes with one positioned read per thread (the copy out of the page cache
/// and the page faults of the buffer are shared out too). `None` when the file is gzip-compressed or
/// no longer `size` bytes long.
#[cfg(unix)]
pub(super) fn read_whole(
    f: &std::fs::File,
    size: usize,
    threads: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    use std::os::unix::fs::FileExt;
    let mut magic = [0u8; 2];
    f.read_exact_at(&mut magic, 0)?;
    if is_gzip(&magic) {
        return Ok(None);
    }
    // Up to 2 GiB at once: a refusal leaves the file to the streaming read.
    let mut probe: Vec<u8> = Vec::new();
    if probe.try_reserve_exact(size).is_err() {
        return Ok(None);
    }
    drop(probe);
    // Zeroed pages straight from the system (room for them was just found): writing the zeros here
    // would fault in and clear every page on this one thread before the reads (0.75 s for 1.5 GB),
    // where the reading threads now fault in their own halves at once.
    let mut bytes = vec![0u8; size];
    let per = size.div_ceil(threads);
    std::thread::scope(|scope| {
        let jobs: Vec<_> = bytes
            .chunks_mut(per)
            .enumerate()
            .map(|(k, part)| scope.spawn(move || f.read_exact_at(part, (k * per) as u64)))
            .collect();
        jobs.into_iter().try_for_each(|j| {
            j.join()
                .unwrap_or_else(|_| Err(std::io::Error::other("read failed")))
        })
    })?;
    // A file that grew meanwhile goes to the streaming import, which reads to its end.
    if f.read_at(&mut [0u8; 1], size as u64)? != 0 {
        return Ok(None);
    }
    Ok(Some(bytes))
}

#[cfg(all(not(unix), not(target_arch = "wasm32")))]
pub(super) fn read_whole(
    f: &mut std::fs::File,
    size: usize,
    _threads: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::{Read, Seek};
    let mut bytes = Vec::new();
    if bytes.try_reserve_exact(size + 1).is_err() {
        return Ok(None);
    }
    f.read_to_end(&mut bytes)?;
    f.seek(std::io::SeekFrom::Start(0))?;
    if is_gzip(&bytes) || bytes.len() != size {
        return Ok(None);
    }
    Ok(Some(bytes))
}
