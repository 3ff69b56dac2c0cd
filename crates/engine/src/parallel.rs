//! Two independent computations at once where the platform has threads (the native CLI), one after
//! the other where it has not (the browser's worker is one thread). Results are the same either way:
//! only the wall-clock time differs.

/// `(a(), b())`, with `b` on a second thread natively.
pub fn both<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|s| {
            let other = s.spawn(b);
            let first = a();
            // A panic in `b` is a bug; it goes on as if `b` had run here.
            let second = other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (first, second)
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        (a(), b())
    }
}

/// `f(i, item)` for every item, in order: the first half and the second half at once natively.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    map_owned(items.iter().collect(), f)
}

/// `f(i, item)` for every item of a vector the work takes apart, in order: the first half and the
/// second half at once natively.
pub fn map_owned<T: Send, R: Send>(mut items: Vec<T>, f: impl Fn(usize, T) -> R + Sync) -> Vec<R> {
    let half = items.len().div_ceil(2);
    let second = items.split_off(half);
    let f = &f;
    let (mut a, b) = both(
        || {
            items
                .into_iter()
                .enumerate()
                .map(|(i, x)| f(i, x))
                .collect::<Vec<R>>()
        },
        || {
            second
                .into_iter()
                .enumerate()
                .map(|(i, x)| f(half + i, x))
                .collect::<Vec<R>>()
        },
    );
    a.extend(b);
    a
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_gives_each_result_in_its_place() {
        let data: Vec<u64> = (1..=1000).collect();
        let (sum, max) = super::both(|| data.iter().sum::<u64>(), || data.iter().max().copied());
        assert_eq!((sum, max), (500_500, Some(1000)));
    }

    #[test]
    fn map_keeps_the_order_and_the_indices() {
        for n in 0..7 {
            let items: Vec<u64> = (10..10 + n).collect();
            let got = super::map(&items, |i, x| (i, x * 2));
            let want: Vec<(usize, u64)> =
                items.iter().enumerate().map(|(i, x)| (i, x * 2)).collect();
            assert_eq!(got, want);
        }
    }
}
