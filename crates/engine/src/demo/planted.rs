//! The invoice-time attributes planted for the insights view: region, payment terms and sales rep,
//! drawn from their own random stream so that the rest of the demo log stays as it was.

use super::*;

/// The invoice-time attributes for the insights view (region, payment terms, sales rep), drawn from
/// their own random stream so that the rest of the log stays as it was. Planted: customers who pay late
/// sit in Sud-Est far more often (35 % of them against 10 % of prompt payers), and defaulters get
/// 60-day terms on 70 % of their invoices.
pub(super) struct Planted {
    rng: Rng,
    regions: Vec<&'static str>,
}

pub(super) const REGIONS: [&str; 5] = ["Île-de-France", "Nord", "Sud-Est", "Ouest", "Est"];
pub(super) const SALES_REPS: [&str; 4] = ["Amélie", "Bruno", "Claire", "David"];

impl Planted {
    pub(super) fn new(seed: u64, customers: &[Customer]) -> Planted {
        let mut rng = Rng(seed ^ 0x1A5_16E7);
        let regions = customers
            .iter()
            .map(|c| {
                let sud_est = if c.behaviour == Behaviour::Prompt {
                    0.10
                } else {
                    0.35
                };
                if rng.chance(sud_est) {
                    "Sud-Est"
                } else {
                    *rng.pick(&["Île-de-France", "Nord", "Ouest", "Est"])
                }
            })
            .collect();
        Planted { rng, regions }
    }

    pub(super) fn terms(&mut self, cust: &Customer, terms: i64) -> i64 {
        if cust.behaviour == Behaviour::Defaulter && terms < 60 && self.rng.chance(0.7) {
            60
        } else {
            terms
        }
    }

    /// The region, payment terms and sales rep of an invoice.
    pub(super) fn columns(
        &mut self,
        customer: usize,
        terms: i64,
    ) -> (&'static str, String, &'static str) {
        let region = self.regions.get(customer).copied().unwrap_or(REGIONS[0]);
        (region, terms.to_string(), *self.rng.pick(&SALES_REPS))
    }
}
