//! Requests per client address, in memory (`governor`). Sign-in attempts: at most
//! `ADDRESS_BURST` at once, refilled at `ADDRESS_PER_SECOND`; licence verification lookups: a
//! configured number a minute with a burst (`AddressLimiter::per_minute`). The instances live in
//! `AppState`.

use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

/// Sign-in attempts one address may make at once, and how fast that refills: an office of 250
/// arriving at the same moment gets in, a script trying passwords gets 2 a second (7,200 an
/// hour across all accounts, each of which stops after a few failures anyway).
pub const ADDRESS_BURST: u32 = 250;
pub const ADDRESS_PER_SECOND: u32 = 2;

/// The per-address limiter.
pub struct AddressLimiter(DefaultKeyedRateLimiter<IpAddr>);

impl AddressLimiter {
    pub fn new() -> AddressLimiter {
        let quota =
            Quota::per_second(NonZeroU32::new(ADDRESS_PER_SECOND).unwrap_or(NonZeroU32::MIN))
                .allow_burst(NonZeroU32::new(ADDRESS_BURST).unwrap_or(NonZeroU32::MIN));
        AddressLimiter(RateLimiter::keyed(quota))
    }

    /// `per_minute` requests a minute from one address, at most `burst` at once (both at least 1).
    pub fn per_minute(per_minute: u32, burst: u32) -> AddressLimiter {
        let quota = Quota::per_minute(NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN))
            .allow_burst(NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN));
        AddressLimiter(RateLimiter::keyed(quota))
    }

    /// Counts one attempt from `address`; false when it is over the limit.
    pub fn allow(&self, address: IpAddr) -> bool {
        self.check(address).is_ok()
    }

    /// Counts one request from `address`; over the limit, how long until the next one is let in.
    pub fn check(&self, address: IpAddr) -> Result<(), Duration> {
        // Addresses that went quiet are forgotten, so the map stays small.
        if self.0.len() > 10_000 {
            self.0.retain_recent();
        }
        self.0
            .check_key(&address)
            .map_err(|not_until| not_until.wait_time_from(self.0.clock().now()))
    }
}

impl Default for AddressLimiter {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_office_behind_one_address_is_not_stopped() {
        let limiter = AddressLimiter::new();
        let office: IpAddr = "192.0.2.10".parse().expect("ip");
        assert!((0..200).all(|_| limiter.allow(office)));
        // A script hammering from one address is.
        let script: IpAddr = "198.51.100.7".parse().expect("ip");
        let allowed = (0..1000).filter(|_| limiter.allow(script)).count();
        assert!(allowed < 400, "{allowed}");
    }

    #[test]
    fn a_per_minute_limit_counts_each_address_apart_and_says_how_long_to_wait() {
        let limiter = AddressLimiter::per_minute(6, 3);
        let one: IpAddr = "192.0.2.1".parse().expect("ip");
        let other: IpAddr = "192.0.2.2".parse().expect("ip");
        assert!((0..3).all(|_| limiter.check(one).is_ok()));
        let wait = limiter.check(one).expect_err("over the burst");
        // one request every 10 s refills
        assert!(
            wait > Duration::from_secs(5) && wait <= Duration::from_secs(10),
            "{wait:?}"
        );
        assert!(limiter.check(other).is_ok());
    }
}
