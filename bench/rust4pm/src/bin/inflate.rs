//! Inflate a .gz file with flate2 (the decoder process_mining's XES import uses) and count the bytes:
//! the cost of decompression alone. Usage: inflate FILE.gz
use std::io::Read;

fn main() {
    let path = std::env::args().nth(1).expect("usage: inflate FILE.gz");
    let t0 = std::time::Instant::now();
    let file = std::io::BufReader::new(std::fs::File::open(&path).expect("open"));
    let mut gz = flate2::read::GzDecoder::new(file);
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        let n = gz.read(&mut buf).expect("inflate");
        if n == 0 {
            break;
        }
        total += n as u64;
    }
    println!("{total} bytes");
    eprintln!("timing inflate_s={:.3}", t0.elapsed().as_secs_f64());
}
