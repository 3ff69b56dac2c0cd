//! The log's memory budget: at most about 64 bytes per event plus the distinct strings, for a log of
//! case, activity, timestamp and resource.

use relance_engine::import::{import_bytes, ImportOptions};

#[test]
fn a_four_column_log_costs_under_64_bytes_per_event_plus_its_strings() {
    let (events, cases) = (120_000usize, 24_000usize);
    let mut csv = String::from("case,activity,timestamp,resource\n");
    for i in 0..events {
        let case = i % cases;
        csv.push_str(&format!(
            "INV-{case:07},Step {},2024-{:02}-{:02}T{:02}:{:02}:00Z,clerk{}\n",
            (i / cases) % 12,
            1 + (i / cases) % 12,
            1 + case % 28,
            i % 24,
            i % 60,
            i % 40
        ));
    }
    let log = import_bytes(csv.as_bytes(), ImportOptions::default())
        .unwrap()
        .log;
    assert_eq!(log.event_count(), events);
    assert_eq!(log.case_count(), cases);
    // The distinct strings, counted as their text only: what is left is the per-event and per-case
    // columns and the index structures.
    let strings: usize = (0..log.case_count())
        .map(|c| log.case_id(c).len())
        .sum::<usize>()
        + log.activity_names().map(str::len).sum::<usize>()
        + (0..log.resource_count())
            .filter_map(|r| log.resource_name(relance_engine::ResourceId(r as u32)))
            .map(str::len)
            .sum::<usize>();
    let per_event = (log.heap_bytes() - strings) as f64 / events as f64;
    assert!(
        per_event <= 64.0,
        "{per_event:.1} bytes per event beyond the strings"
    );
    eprintln!("{per_event:.1} bytes per event beyond the distinct strings");
}

// ---- The import's memory budget (issue 16, point 5) ----

use relance_engine::import::{import_bytes_parallel, Importer, MemoryBudget};
use relance_engine::Error;

/// A gzip row bomb: a header member, then the same member of `rows` rows again and again (concatenated
/// gzip members inflate one after the other), so gigabytes of rows cost a few KiB each to make.
struct Bomb {
    header: Vec<u8>,
    block: Vec<u8>,
    /// Inflated bytes of one block.
    block_bytes: u64,
}

impl Bomb {
    fn csv(rows: usize) -> Bomb {
        let mut text = String::new();
        for i in 0..rows {
            text.push_str(&format!(
                "INV-{:06},Send reminder {},2024-03-{:02}T10:{:02}:00Z\n",
                i % 20,
                i % 3,
                1 + i % 4,
                i % 5
            ));
        }
        Bomb {
            header: gzip(b"case,activity,timestamp\n"),
            block_bytes: text.len() as u64,
            block: gzip(text.as_bytes()),
        }
    }

    /// One trace that never ends: its events wait in the decoder until the trace closes.
    fn xes(events: usize) -> Bomb {
        let mut text = String::new();
        for i in 0..events {
            text.push_str(&format!(
                "<event><string key=\"concept:name\" value=\"Send reminder {}\"/>\
                 <date key=\"time:timestamp\" value=\"2024-03-{:02}T10:{:02}:00Z\"/></event>\n",
                i % 3,
                1 + i % 4,
                i % 5
            ));
        }
        Bomb {
            header: gzip(
                b"<?xml version=\"1.0\"?>\n<log xes.version=\"1.0\">\n<trace><string key=\"concept:name\" value=\"T\"/>\n",
            ),
            block_bytes: text.len() as u64,
            block: gzip(text.as_bytes()),
        }
    }

    /// Compressed size of a bomb of `blocks` blocks.
    fn size(&self, blocks: u64) -> u64 {
        self.header.len() as u64 + self.block.len() as u64 * blocks
    }

    /// Feeds the bomb of `blocks` blocks in 4 MiB slices (as the browser and the CLI read) until the
    /// importer stops; returns its error and how many inflated bytes it had taken by then.
    fn feed(&self, blocks: u64, budget: MemoryBudget) -> (Error, u64) {
        let mut imp = Importer::new(ImportOptions {
            memory_budget: Some(budget),
            size_hint: Some(self.size(blocks)),
            ..Default::default()
        });
        let mut slice = self.header.clone();
        let mut fed = 0;
        while fed < blocks {
            while slice.len() < 4 << 20 && fed < blocks {
                slice.extend_from_slice(&self.block);
                fed += 1;
            }
            if let Err(e) = imp.feed(&slice) {
                return (e, imp.inflated_bytes());
            }
            slice.clear();
        }
        match imp.finish() {
            Ok(i) => panic!("the bomb was read whole: {} events", i.log.event_count()),
            Err(e) => (e, 0),
        }
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn a_gzip_row_bomb_is_refused_from_its_first_slices() {
    let bomb = Bomb::csv(100_000);
    // About 8 GB inflated from a file of a few MB.
    let blocks = 8_000_000_000 / bomb.block_bytes;
    let ratio = (bomb.block_bytes * blocks) as f64 / bomb.size(blocks) as f64;
    assert!(ratio > 100.0, "not a bomb: {ratio:.0}:1");
    let budget = MemoryBudget::given(3_000_000_000);
    let (e, inflated) = bomb.feed(blocks, budget);
    let Error::TooBig {
        estimate,
        budget: b,
    } = e
    else {
        panic!("expected a refusal for size, got {e:?}");
    };
    assert_eq!(b, budget);
    // Refused within the first tens of MB, not after filling the budget.
    assert!(inflated < 64 << 20, "refused after {inflated} bytes");
    // The estimate is of the right size: every row of the 8 GB (within a tenth), more memory than the
    // budget.
    let rows = 100_000 * blocks;
    assert!(
        (estimate.events as f64 - rows as f64).abs() < rows as f64 / 10.0,
        "{} events estimated, {rows} in the file",
        estimate.events
    );
    assert!(estimate.peak_bytes > budget.bytes);
    let message = Error::TooBig { estimate, budget }.to_string();
    assert!(
        message.contains("3.0 GB of the memory budget given")
            && message.contains("relance warehouse"),
        "{message}"
    );
}

#[test]
fn one_endless_xes_trace_is_refused_too() {
    // The events of an open trace are not rows yet: the trace's buffer counts.
    let bomb = Bomb::xes(50_000);
    let blocks = 4_000_000_000 / bomb.block_bytes;
    let (e, inflated) = bomb.feed(blocks, MemoryBudget::given(1_000_000_000));
    assert!(matches!(e, Error::TooBig { .. }), "{e:?}");
    assert!(inflated < 64 << 20, "refused after {inflated} bytes");
}

#[test]
fn a_log_within_its_budget_imports_the_same_as_without_one() {
    let bomb = Bomb::csv(20_000);
    let mut file = bomb.header.clone();
    for _ in 0..10 {
        file.extend_from_slice(&bomb.block);
    }
    let plain = import_bytes(&file, ImportOptions::default()).unwrap();
    let budgeted = import_bytes(
        &file,
        ImportOptions {
            memory_budget: Some(MemoryBudget::given(1_000_000_000)),
            size_hint: Some(file.len() as u64),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(format!("{:?}", plain.log), format!("{:?}", budgeted.log));
    assert_eq!(
        format!("{:?}", plain.report),
        format!("{:?}", budgeted.report)
    );
}

#[test]
fn a_plain_file_held_whole_is_refused_before_its_parts_are_read() {
    // The parallel read holds the whole file besides the log: both count.
    let mut csv = String::from("case,activity,timestamp\n");
    for i in 0..400_000 {
        csv.push_str(&format!(
            "INV-{:06},Step {},2024-03-{:02}T10:{:02}:00Z\n",
            i % 9973,
            i % 7,
            1 + i % 28,
            i % 60
        ));
    }
    // The file alone fills this budget.
    let budget = MemoryBudget::given(csv.len() as u64);
    let opts = ImportOptions {
        memory_budget: Some(budget),
        ..Default::default()
    };
    match import_bytes_parallel(csv.as_bytes(), opts, 4) {
        Err(Error::TooBig { estimate, .. }) => {
            assert!(estimate.peak_bytes > csv.len() as u64, "{estimate:?}");
            assert!(
                (390_000..410_000).contains(&estimate.events),
                "{estimate:?}"
            );
        }
        other => panic!(
            "expected a refusal, got {:?}",
            other.map(|i| i.log.event_count())
        ),
    }
    // With room, the same read goes through.
    let roomy = ImportOptions {
        memory_budget: Some(MemoryBudget::given(csv.len() as u64 * 20)),
        ..Default::default()
    };
    assert_eq!(
        import_bytes_parallel(csv.as_bytes(), roomy, 4)
            .unwrap()
            .log
            .event_count(),
        400_000
    );
}

/// The command line inflates gzip on its own thread and feeds the inflated chunks with how far into the
/// compressed file they reach: the log is the one the gzip gives fed whole, and the estimate scales by
/// the compressed bytes as it does there.
#[test]
fn inflated_chunks_fed_with_their_compressed_position_read_like_the_gzip() {
    use std::io::Read;
    let bomb = Bomb::csv(20_000);
    let mut file = bomb.header.clone();
    for _ in 0..30 {
        file.extend_from_slice(&bomb.block);
    }
    let whole = import_bytes(&file, ImportOptions::default()).unwrap();
    let opts = ImportOptions {
        size_hint: Some(file.len() as u64),
        memory_budget: Some(MemoryBudget::given(u64::MAX)),
        ..Default::default()
    };
    let mut imp = Importer::new(opts.clone());
    let mut gz = flate2::read::MultiGzDecoder::new(&file[..]);
    let mut inflated = Vec::new();
    gz.read_to_end(&mut inflated).unwrap();
    // Chunks of 1 MiB, each said to come from the same share of the compressed file.
    let step = 1 << 20;
    for (k, chunk) in inflated.chunks(step).enumerate() {
        let end = (k * step + chunk.len()) as u64;
        let read = end * file.len() as u64 / inflated.len() as u64;
        imp.feed_inflated(chunk, read).unwrap();
        if k == 2 {
            let e = imp.estimate(file.len() as u64).unwrap();
            let rows = 20_000 * 30;
            assert!(
                (e.events as f64 - rows as f64).abs() < rows as f64 / 10.0,
                "{e:?} for {rows} rows"
            );
        }
    }
    let fed = imp.finish().unwrap();
    assert_eq!(format!("{:?}", fed.log), format!("{:?}", whole.log));
    // The same chunks fed as plain bytes would be scaled by the inflated size: far fewer events.
    let mut plain = Importer::new(opts);
    for chunk in inflated.chunks(step).take(3) {
        plain.feed(chunk).unwrap();
    }
    let e = plain.estimate(file.len() as u64).unwrap();
    assert!(e.events < 20_000 * 30 / 5, "{e:?}");
}
