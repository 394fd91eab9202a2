//! Sign-in attempts per client address, in memory (`governor`): at most `ADDRESS_BURST` at once,
//! refilled at `ADDRESS_PER_SECOND`. One instance lives in `AppState`.

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;

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

    /// Counts one attempt from `address`; false when it is over the limit.
    pub fn allow(&self, address: IpAddr) -> bool {
        // Addresses that went quiet are forgotten, so the map stays small.
        if self.0.len() > 10_000 {
            self.0.retain_recent();
        }
        self.0.check_key(&address).is_ok()
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
}
