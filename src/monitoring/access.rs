//! Who may read `/metrics`: a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`, or one
//! connecting from an address in `METRICS_ALLOW` (comma-separated addresses or networks, e.g.
//! `10.1.0.0/16, 127.0.0.1`). The address is the connection's own, never a forwarded header,
//! which anyone can write. With neither set, `/metrics` does not exist (404): the counters say
//! how many people sign in and fail, which is not for the internet.

use ipnet::IpNet;
use std::net::IpAddr;

/// The shortest token accepted: long enough that guessing is hopeless.
pub const MIN_TOKEN_LEN: usize = 24;

/// The configured rule.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetricsAccess {
    token: Option<String>,
    allow: Vec<IpNet>,
}

/// A setting that cannot be read: the variable and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub name: &'static str,
    pub value: String,
    pub reason: &'static str,
}

impl MetricsAccess {
    /// From `METRICS_TOKEN` and `METRICS_ALLOW` (unset or blank: not given).
    pub fn from_settings(token: Option<&str>, allow: Option<&str>) -> Result<Self, Invalid> {
        let token = match token.map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) if t.len() < MIN_TOKEN_LEN => {
                return Err(Invalid {
                    name: "METRICS_TOKEN",
                    value: "(hidden)".to_owned(),
                    reason: "expected at least 24 characters, e.g. from `openssl rand -hex 24`",
                });
            }
            t => t.map(str::to_owned),
        };
        let mut networks = Vec::new();
        for part in allow.unwrap_or_default().split(',').map(str::trim) {
            if part.is_empty() {
                continue;
            }
            let network = part
                .parse::<IpNet>()
                .or_else(|_| part.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| Invalid {
                    name: "METRICS_ALLOW",
                    value: part.to_owned(),
                    reason: "expected addresses or networks, e.g. 10.1.0.0/16, 127.0.0.1",
                })?;
            networks.push(network);
        }
        Ok(MetricsAccess {
            token,
            allow: networks,
        })
    }

    /// Whether `/metrics` is served at all.
    pub fn is_enabled(&self) -> bool {
        self.token.is_some() || !self.allow.is_empty()
    }

    /// Whether a request from `peer` with this `Authorization` header value may read metrics.
    pub fn permits(&self, peer: Option<IpAddr>, authorization: Option<&str>) -> bool {
        let by_address = peer.is_some_and(|ip| {
            let ip = ip.to_canonical();
            self.allow.iter().any(|n| n.contains(&ip))
        });
        let by_token = match (&self.token, authorization) {
            (Some(token), Some(header)) => header
                .strip_prefix("Bearer ")
                .is_some_and(|given| same(given.trim().as_bytes(), token.as_bytes())),
            _ => false,
        };
        by_address || by_token
    }

    /// For the start-up summary: how access is granted, without the token.
    pub fn describe(&self) -> String {
        match (self.token.is_some(), self.allow.is_empty()) {
            (false, true) => "off (set METRICS_TOKEN or METRICS_ALLOW)".to_owned(),
            (true, true) => "with the token".to_owned(),
            (has_token, false) => {
                let nets: Vec<String> = self.allow.iter().map(ToString::to_string).collect();
                let from = nets.join(", ");
                if has_token {
                    format!("with the token, or from {from}")
                } else {
                    format!("from {from}")
                }
            }
        }
    }
}

/// Compares in time that does not depend on where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef01234567";

    #[test]
    fn off_unless_a_token_or_an_address_is_set() {
        let off = MetricsAccess::from_settings(None, Some(" ")).expect("blank");
        assert!(!off.is_enabled());
        assert!(!off.permits(Some("127.0.0.1".parse().expect("ip")), None));
    }

    #[test]
    fn the_token_must_be_sent_exactly_and_be_long() {
        let access = MetricsAccess::from_settings(Some(TOKEN), None).expect("token");
        assert!(access.permits(None, Some(&format!("Bearer {TOKEN}"))));
        assert!(!access.permits(None, Some(&format!("Bearer {TOKEN}x"))));
        assert!(!access.permits(None, Some(TOKEN)));
        assert!(!access.permits(Some("127.0.0.1".parse().expect("ip")), None));
        let short = MetricsAccess::from_settings(Some("short"), None).expect_err("short");
        assert_eq!(short.name, "METRICS_TOKEN");
        assert!(!short.value.contains("short"), "the token is never echoed");
    }

    #[test]
    fn addresses_and_networks_are_matched_on_the_connection() {
        let access =
            MetricsAccess::from_settings(None, Some("10.1.0.0/16, 127.0.0.1")).expect("allow");
        let ip = |s: &str| Some(s.parse::<IpAddr>().expect("ip"));
        assert!(access.permits(ip("10.1.200.3"), None));
        assert!(access.permits(ip("127.0.0.1"), None));
        assert!(access.permits(ip("::ffff:127.0.0.1"), None));
        assert!(!access.permits(ip("10.2.0.1"), None));
        assert!(!access.permits(None, None));
        let bad = MetricsAccess::from_settings(None, Some("10.1.0.0/99")).expect_err("bad");
        assert_eq!(bad.value, "10.1.0.0/99");
    }
}
