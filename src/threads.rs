//! Work spread over plain threads, one a core, keeping the order of the results: what
//! `build` and `check` use for plans, instead of rayon (see [`on_threads`]).

/// Runs `f` on every item on plain threads (one a core), keeping the order of the results.
/// Not rayon: typst lays out with rayon itself, and a rayon worker waiting inside typst would
/// steal whole plans and stack them up, using far more memory.
pub fn on_threads<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<Option<R>>> =
        items.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            std::thread::Builder::new()
                .name("ourplan-build".into())
                .stack_size(16 * 1024 * 1024)
                .spawn_scoped(scope, || {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        let r = f(item);
                        *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
                    }
                })
                .expect("cannot start a build thread");
        }
    });
    slots
        .into_iter()
        .filter_map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}
