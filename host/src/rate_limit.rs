//! A sliding-window rate limit, kept in the app's state (one per process): public forms count
//! per (municipality, client) to stop floods without accounts or captchas; the staff sign-in
//! counts per client and per user name ([`SignInLimits`]) to stop password guessing.
//!
//! Who the client is: the connection's peer, or — only when the peer is one of the
//! operator's trusted reverse proxies — the nearest address in `X-Forwarded-For` that is not
//! itself a trusted proxy (a client can put anything in that header; only what our own
//! proxies appended is believed). IPv6 clients count by a prefix (default /56: what a
//! provider hands one customer), so a customer cannot multiply the quota by rotating
//! addresses inside their own network.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ipnet::IpNet;

use crate::db::Id;

/// The IPv6 prefix length clients are counted by unless configured: providers delegate /56
/// (sometimes /48) to one customer, and /64 would give a /56 customer 256 quotas.
pub const DEFAULT_IPV6_PREFIX: u8 = 56;

/// The client behind a request: the peer unless the peer is a trusted proxy, then the
/// nearest untrusted address its `X-Forwarded-For` chain names (the rightmost one that is
/// not a trusted proxy). A malformed entry ends the walk at the last trusted hop.
pub fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    let hops = forwarded_for
        .iter()
        .flat_map(|header| header.split(','))
        .map(str::trim)
        .rev();
    for hop in hops {
        match hop.parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(&ip) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

/// What the limit counts: an IPv4 address itself (also when mapped into IPv6), an IPv6
/// address by its first `v6_prefix` bits.
pub fn client_key(ip: IpAddr, v6_prefix: u8) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let bits = u128::from(v6);
                let prefix = u32::from(v6_prefix.min(128));
                let mask = u128::MAX.checked_shl(128 - prefix).unwrap_or(0);
                IpAddr::V6((bits & mask).into())
            }
        },
    }
}

pub type Key = (Id, IpAddr);

/// Keys kept before expired ones are swept out; bounds memory under a flood of addresses.
const SWEEP_ABOVE: usize = 10_000;

/// A sliding-window counter per key: the instants of the admitted attempts within the
/// window. Public intake counts by [`Key`] (municipality id, address).
pub struct Limiter<K = Key> {
    seen: Mutex<HashMap<K, VecDeque<Instant>>>,
}

impl<K> Default for Limiter<K> {
    fn default() -> Self {
        Limiter {
            seen: Mutex::new(HashMap::new()),
        }
    }
}

/// The sign-in limits of this process: attempts per client address (IPv6 by prefix, see
/// [`client_key`]) and per user name as typed, lower-cased, whether the account exists or
/// not — so the limit says nothing about which names exist.
#[derive(Default)]
pub struct SignInLimits {
    pub by_address: Limiter<IpAddr>,
    pub by_name: Limiter<String>,
}

impl<K: Eq + Hash> Limiter<K> {
    /// Counts an attempt at `now`, or says after how long the next one will be admitted.
    pub fn admit(
        &self,
        key: K,
        now: Instant,
        limit: u32,
        window: Duration,
    ) -> Result<(), Duration> {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if seen.len() > SWEEP_ABOVE {
            seen.retain(|_, times| times.back().is_some_and(|t| now - *t < window));
        }
        let times = seen.entry(key).or_default();
        while times.front().is_some_and(|t| now - *t >= window) {
            times.pop_front();
        }
        if times.len() >= limit as usize {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(window.saturating_sub(now - oldest));
        }
        times.push_back(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or(IpAddr::from([0; 4]))
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_prefix() {
        let (a, b) = (ip("2001:db8:1:2a::1"), ip("2001:db8:1:2b:ffff::2"));
        let other = ip("2001:db8:1:100::1");
        assert_eq!(client_key(a, 56), client_key(b, 56));
        assert_ne!(client_key(a, 56), client_key(other, 56));
        assert_ne!(client_key(a, 64), client_key(b, 64));
        assert_eq!(client_key(a, 0), client_key(other, 0));
        assert_eq!(client_key(ip("::ffff:192.0.2.7"), 56), ip("192.0.2.7"));
        assert_eq!(client_key(ip("192.0.2.7"), 56), ip("192.0.2.7"));
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap_or_else(|_| unreachable!())];
        let proxy = ip("10.0.0.5");
        // Directly connected clients are who they are, whatever they claim.
        assert_eq!(
            client_address(ip("192.0.2.9"), &["198.51.100.1"], &trusted),
            ip("192.0.2.9")
        );
        // Behind our proxy: the address the proxy appended, not what the client forged.
        let chain = ["198.51.100.1, 192.0.2.9"];
        assert_eq!(client_address(proxy, &chain, &trusted), ip("192.0.2.9"));
        // Two of our proxies in a row are skipped.
        let chain = ["192.0.2.9, 10.0.0.7"];
        assert_eq!(client_address(proxy, &chain, &trusted), ip("192.0.2.9"));
        // No header, or garbage: the proxy itself.
        assert_eq!(client_address(proxy, &[], &trusted), proxy);
        assert_eq!(client_address(proxy, &["unbekannt"], &trusted), proxy);
    }

    #[test]
    fn the_limit_admits_n_per_window_and_frees_slots_as_they_age() {
        let limiter = Limiter::default();
        let key = (
            Id::new(),
            "192.0.2.1".parse().unwrap_or(IpAddr::from([0; 4])),
        );
        let other = (Id::new(), key.1);
        let start = Instant::now();
        let window = Duration::from_secs(600);
        for i in 0..3 {
            let at = start + Duration::from_secs(i * 60);
            assert_eq!(limiter.admit(key, at, 3, window), Ok(()));
        }
        let late = start + Duration::from_secs(300);
        assert_eq!(
            limiter.admit(key, late, 3, window),
            Err(Duration::from_secs(300))
        );
        // Another municipality counts separately.
        assert_eq!(limiter.admit(other, late, 3, window), Ok(()));
        // Once the first submission is older than the window, one more is admitted.
        let after = start + Duration::from_secs(601);
        assert_eq!(limiter.admit(key, after, 3, window), Ok(()));
        assert!(limiter.admit(key, after, 3, window).is_err());
    }
}
