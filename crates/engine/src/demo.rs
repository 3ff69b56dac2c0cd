//! The built-in demo log: a synthetic credit-and-collections process for a French B2B seller.
//!
//! One case per invoice: credit check for new customers, invoice created and sent, due date passed,
//! reminders by level and channel, calls, promises to pay (kept or broken), disputes with reasons and
//! credit notes, payments received and posted, clearing, agency hand-over and write-offs. Timestamps are
//! Paris wall-clock time written with their offset (`+01:00` / `+02:00`); the extract stops at
//! [`DemoOptions::as_of`], so recent invoices are still open. The log is written in English (the
//! default) or as a French ERP would export it ([`DemoLanguage`]): the same events, so every collections
//! figure is the same in both, which the tests check.
//!
//! The generator is deterministic for a seed (a SplitMix64 stream, no platform randomness). It plants
//! effects the collections views must reveal, each listed in [`PLANTED`] and checked by the tests:
//! level-1 reminders by phone work far better than by e-mail; pricing disputes take about five times
//! longer than the others and damaged-goods disputes mostly end in a credit note; one cash-application
//! clerk posts payments days late; SME customers break most of their promises; and a handful of policy
//! and legal breaches (reminders before the due date, write-offs without a reminder, calls at night, a
//! debt called over seven times in seven days, contact after a cease-contact request, reminder levels
//! out of order, payment terms over 60 days). For the insights view, invoice-time attributes carry two
//! effects: the customers of one region pay late far more often, and long payment terms go with
//! write-offs; the sales rep has no effect at all.

use crate::calendar::{civil_from_days, days_from_civil, Civil, MS_PER_DAY};
use std::io::{self, Write};

mod names;
use names::*;

mod planted;
use planted::*;

mod cycle;
use cycle::*;

/// What the demo log contains, in words, for the app's banner and the README.
pub const PLANTED: [&str; 10] = [
    "Level-1 reminders by phone are paid within 14 days far more often than those sent by e-mail",
    "Pricing disputes take about five times longer to resolve than other disputes",
    "Damaged-goods disputes mostly end in a credit note",
    "Olivier posts received payments about a week late; the other clerks within a day",
    "SME customers keep well under half of their promises to pay; the other segments most of them",
    "About 1% of first reminders go out before the due date; a few write-offs have no prior reminder",
    "A night-shift collector calls after 21:00, and one customer's invoices get more than 7 calls in 7 days",
    "Some customers are still contacted after asking to cease contact",
    "Customers in region Sud-Est pay late far more often: about 85 % of their invoices against about 55 % elsewhere",
    "Invoices on 60-day payment terms are written off several times more often than the others (weak customers were \
     granted long terms); the sales rep makes no difference",
];

/// Demo size, seed and language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// Invoices (cases).
    pub invoices: usize,
    /// Random seed.
    pub seed: u64,
    /// Extract date: nothing after it is written (UTC ms).
    pub as_of: i64,
    /// How the log is written; the events are the same in every language.
    pub language: DemoLanguage,
    /// Write Windows-1252 bytes instead of UTF-8, as many French and German ERPs and Excel still do
    /// (every character the demo writes exists in Windows-1252).
    pub windows_1252: bool,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self {
            invoices: 5_000,
            seed: 7,
            as_of: days_from_civil(2025, 7, 31) * MS_PER_DAY,
            language: DemoLanguage::English,
            windows_1252: false,
        }
    }
}

/// The export the demo imitates. Both languages write the same events at the same instants with the
/// same amounts, so every collections figure must come out the same; only names and formats differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DemoLanguage {
    /// `,`-separated, ISO-8601 timestamps with their offset, decimal point, English names ([`HEADER`]).
    #[default]
    English,
    /// What a French ERP exports ([`HEADER_FR`]): `;`-separated with CRLF line ends, decimal comma with
    /// space thousands separators (`18 000,00`), `dd/mm/yyyy HH:MM:SS` Paris wall-clock time followed by
    /// its offset (`15/07/2024 14:00:00 +02:00`: the offset keeps the instant, so the log reads back
    /// exactly), dates `dd/mm/yyyy`, French activity names in their natural gender and number ("Facture
    /// émise", "Relance 1 envoyée", "Limite de crédit approuvée", "Passée en perte"), French segments,
    /// channels, dispute reasons and system users. UTF-8.
    French,
}

impl DemoLanguage {
    /// The CSV header.
    pub fn header(self) -> &'static str {
        match self {
            DemoLanguage::English => HEADER,
            DemoLanguage::French => HEADER_FR,
        }
    }

    /// How a name the English demo writes (activity, segment, channel, dispute reason, system user) is
    /// written in this language; names without a translation (people, companies) are kept.
    pub fn name(self, english: &str) -> &str {
        match self {
            DemoLanguage::English => english,
            DemoLanguage::French => FRENCH
                .iter()
                .find(|(en, _)| *en == english)
                .map_or(english, |(_, fr)| fr),
        }
    }

    fn delimiter(self) -> char {
        match self {
            DemoLanguage::English => ',',
            DemoLanguage::French => ';',
        }
    }

    fn line_end(self) -> &'static str {
        match self {
            DemoLanguage::English => "\n",
            DemoLanguage::French => "\r\n",
        }
    }

    /// An instant as written in the timestamp column.
    fn timestamp(self, utc_ms: i64) -> String {
        let off = paris_offset_min(utc_ms);
        let c = Civil::from_ms(utc_ms + off * 60_000);
        match self {
            DemoLanguage::English => paris_iso(utc_ms),
            DemoLanguage::French => format!(
                "{:02}/{:02}/{:04} {:02}:{:02}:{:02} +{:02}:{:02}",
                c.day,
                c.month,
                c.year,
                c.hour,
                c.minute,
                c.second,
                off / 60,
                off % 60
            ),
        }
    }

    /// A Paris calendar date (due dates, promised dates).
    fn date(self, utc_ms: i64) -> String {
        let (y, m, d) =
            civil_from_days((utc_ms + paris_offset_min(utc_ms) * 60_000).div_euclid(MS_PER_DAY));
        match self {
            DemoLanguage::English => format!("{y:04}-{m:02}-{d:02}"),
            DemoLanguage::French => format!("{d:02}/{m:02}/{y:04}"),
        }
    }

    /// An amount with two decimals.
    fn amount(self, amount: f64) -> String {
        let s = format!("{amount:.2}");
        match self {
            DemoLanguage::English => s,
            DemoLanguage::French => {
                let (int, dec) = s.split_once('.').unwrap_or((&s, "00"));
                let (sign, digits) = match int.strip_prefix('-') {
                    Some(d) => ("-", d),
                    None => ("", int),
                };
                let mut grouped = String::new();
                for (i, ch) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i) % 3 == 0 {
                        grouped.push(' ');
                    }
                    grouped.push(ch);
                }
                format!("{sign}{grouped},{dec}")
            }
        }
    }

    /// A field, quoted when it holds the delimiter, a quote or a line break.
    fn field(self, s: &str) -> String {
        if s.contains([self.delimiter(), '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }
}

/// Header of the demo CSV.
pub const HEADER: &str =
    "invoice_id,activity,timestamp,resource,customer,segment,amount,currency,due_date,channel,dunning_level,dispute_reason,promise_date,region,payment_terms,sales_rep";

/// Header of the French demo CSV: the same columns in the same order.
pub const HEADER_FR: &str =
    "N° facture;Activité;Date;Utilisateur;Client;Segment;Montant;Devise;Échéance;Canal;Niveau de relance;Motif de litige;Date promise;Région;Délai de paiement;Commercial";

/// English name → French name, for every name the generator writes that a French export would
/// translate. Activities take the gender and number of what they are about: "Facture émise" (la
/// facture), "Passée en perte" (la créance), "Transmis au recouvrement" (le dossier).
pub const FRENCH: &[(&str, &str)] = &[
    ("Credit check requested", "Demande de limite de crédit"),
    ("Credit limit approved", "Limite de crédit approuvée"),
    ("Invoice created", "Facture émise"),
    ("Invoice sent", "Facture envoyée"),
    ("Invoice cancelled", "Facture annulée"),
    ("Dispute raised", "Litige ouvert"),
    ("Dispute resolved", "Litige résolu"),
    ("Credit note issued", "Avoir émis"),
    ("Invoice cleared", "Facture soldée"),
    ("Due date passed", "Échéance dépassée"),
    ("Cease contact requested", "Demande d'arrêt des relances"),
    ("Reminder 1 sent", "Relance 1 envoyée"),
    ("Reminder 2 sent", "Relance 2 envoyée"),
    ("Reminder 3 sent", "Relance 3 envoyée"),
    ("Final notice sent", "Mise en demeure envoyée"),
    ("Call attempted", "Appel sortant"),
    ("Conversation held", "Entretien avec le client"),
    ("Promise to pay", "Promesse de paiement"),
    ("Promise broken", "Promesse non tenue"),
    ("Payment received", "Paiement reçu"),
    ("Payment posted", "Paiement imputé"),
    ("Sent to collection agency", "Transmis au recouvrement"),
    ("Written off", "Passée en perte"),
    ("System", "Système"),
    ("Bank", "Banque"),
    ("Night shift", "Équipe de nuit"),
    ("Enterprise", "Grands comptes"),
    ("Mid-market", "ETI"),
    ("SME", "PME"),
    ("Public sector", "Secteur public"),
    ("Email", "Courriel"),
    ("Letter", "Courrier"),
    ("Phone", "Téléphone"),
    ("Pricing", "Prix"),
    ("Quantity", "Quantité"),
    ("Damaged goods", "Marchandise endommagée"),
    ("Missing PO", "Bon de commande manquant"),
    ("Duplicate invoice", "Facture en double"),
];

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn f(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.f() < p
    }
    /// Uniform integer in [lo, hi].
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        // The modulo on 64 bits: `next() as usize` keeps only the low 32 bits in wasm32, and the
        // browser's demo was another log than the CLI's (685 events more on the default demo).
        &items[(self.next() % items.len() as u64) as usize]
    }
    /// Exponential with the given mean.
    fn exp(&mut self, mean: f64) -> f64 {
        -mean * libm::log(1.0 - self.f())
    }
    /// Log-normal around `median`, spread `sigma`.
    fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        // Box-Muller
        let (u1, u2) = (1.0 - self.f(), self.f());
        // libm, not std: the same log on every platform (see Cargo.toml).
        let z = (-2.0 * libm::log(u1)).sqrt() * libm::cos(std::f64::consts::TAU * u2);
        median * libm::exp(sigma * z)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Behaviour {
    Prompt,
    Late,
    Chronic,
    Defaulter,
}

struct Customer {
    name: String,
    segment: &'static str,
    behaviour: Behaviour,
    ceased: bool,
}

/// Paris offset in minutes at a UTC instant (EU rule: +2 from the last Sunday of March 01:00 UTC to the
/// last Sunday of October 01:00 UTC).
pub fn paris_offset_min(utc_ms: i64) -> i64 {
    let (y, _, _) = civil_from_days(utc_ms.div_euclid(MS_PER_DAY));
    // ISO weekday of day z is (z + 3) mod 7 with 0 = Monday, so 6 is Sunday.
    let last_sunday = |month: u32| {
        let last = days_from_civil(y, month, 31);
        last - ((last + 3).rem_euclid(7) + 1) % 7
    };
    let start = last_sunday(3) * MS_PER_DAY + 3_600_000;
    let end = last_sunday(10) * MS_PER_DAY + 3_600_000;
    if (start..end).contains(&utc_ms) {
        120
    } else {
        60
    }
}

/// ISO-8601 with the Paris offset: `2024-03-05T09:14:00+01:00`.
fn paris_iso(utc_ms: i64) -> String {
    let off = paris_offset_min(utc_ms);
    let c = Civil::from_ms(utc_ms + off * 60_000);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+{:02}:{:02}",
        c.year,
        c.month,
        c.day,
        c.hour,
        c.minute,
        c.second,
        off / 60,
        off % 60
    )
}

/// A Paris wall-clock time on a given day, as a UTC instant.
fn at_local(day: i64, hour: i64, minute: i64) -> i64 {
    let local = day * MS_PER_DAY + (hour * 60 + minute) * 60_000;
    local - paris_offset_min(local - 60 * 60_000) * 60_000
}

/// Moves a day number forward to Monday when it falls on a weekend.
fn weekday_on_or_after(day: i64) -> i64 {
    match (day + 3).rem_euclid(7) {
        5 => day + 2,
        6 => day + 1,
        _ => day,
    }
}

fn day_of(utc_ms: i64) -> i64 {
    (utc_ms + paris_offset_min(utc_ms) * 60_000).div_euclid(MS_PER_DAY)
}

/// One event row.
struct Ev {
    t: i64,
    activity: String,
    resource: &'static str,
    channel: &'static str,
    level: u8,
    reason: &'static str,
    promise: Option<i64>,
}

impl Ev {
    fn new(t: i64, activity: impl Into<String>, resource: &'static str) -> Ev {
        Ev {
            t,
            activity: activity.into(),
            resource,
            channel: "",
            level: 0,
            reason: "",
            promise: None,
        }
    }
}

/// Writes the demo log as CSV.
pub fn write_demo(opts: DemoOptions, out: &mut impl Write) -> io::Result<()> {
    if opts.windows_1252 {
        let mut latin = Windows1252(out);
        return write_rows(opts, &mut latin);
    }
    write_rows(opts, out)
}

/// Re-encodes the UTF-8 it is given as Windows-1252. The generator writes whole `str` pieces (one per
/// `write!` argument), so a character never straddles two writes; a character outside Windows-1252 would
/// become `?`, and the demo writes none.
struct Windows1252<'a, W: Write>(&'a mut W);

impl<W: Write> Write for Windows1252<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text =
            std::str::from_utf8(buf).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let bytes: Vec<u8> = text
            .chars()
            .map(|c| match c as u32 {
                // Latin-1 agrees with Windows-1252 outside 0x80-0x9F.
                n @ (0..=0x7F | 0xA0..=0xFF) => n as u8,
                0x20AC => 0x80, // €
                0x0153 => 0x9C, // œ
                0x2019 => 0x92, // ’
                _ => b'?',
            })
            .collect();
        self.0.write_all(&bytes)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

fn write_rows(opts: DemoOptions, out: &mut impl Write) -> io::Result<()> {
    let mut rng = Rng(opts.seed ^ 0x5EED_0FC0_FFEE);
    let n_customers = (opts.invoices / 8).clamp(40, 20_000);
    let customers: Vec<Customer> = (0..n_customers)
        .map(|i| {
            let segment = *rng.pick(&[
                "Enterprise",
                "Mid-market",
                "Mid-market",
                "SME",
                "SME",
                "SME",
                "SME",
                "Public sector",
            ]);
            let r = rng.f();
            let behaviour = if r < 0.45 {
                Behaviour::Prompt
            } else if r < 0.80 {
                Behaviour::Late
            } else if r < 0.95 {
                Behaviour::Chronic
            } else {
                Behaviour::Defaulter
            };
            let name = format!(
                "{} {} {}",
                SURNAMES[i % SURNAMES.len()],
                TRADES[(i / SURNAMES.len()) % TRADES.len()],
                FORMS[(i / (SURNAMES.len() * TRADES.len())) % FORMS.len()]
            );
            let name = if i >= SURNAMES.len() * TRADES.len() * FORMS.len() {
                format!("{name} {}", i)
            } else {
                name
            };
            Customer {
                name,
                segment,
                behaviour,
                ceased: rng.chance(0.01),
            }
        })
        .collect();
    // The customer who gets called too often: a chronic late payer, so the calls do happen.
    let harassed = 3 % n_customers;
    let mut customers = customers;
    customers[harassed].behaviour = Behaviour::Chronic;
    customers[harassed].ceased = false;
    let mut planted = Planted::new(opts.seed, &customers);

    let lang = opts.language;
    let sep = lang.delimiter();
    let eol = lang.line_end();
    write!(out, "{}{eol}", lang.header())?;
    let first_day = days_from_civil(2024, 1, 2);
    let last_day = days_from_civil(2025, 6, 30);
    let mut events: Vec<Ev> = Vec::with_capacity(32);
    for inv in 0..opts.invoices {
        events.clear();
        let cust_i = if inv % 97 == 0 {
            harassed
        } else {
            rng.int(0, n_customers as i64 - 1) as usize
        };
        let cust = &customers[cust_i];
        let issue_day = weekday_on_or_after(rng.int(first_day, last_day));
        let amount = {
            let median = match cust.segment {
                "Enterprise" => 18_000.0,
                "Mid-market" => 6_500.0,
                "Public sector" => 9_000.0,
                _ => 1_400.0,
            };
            (rng.lognormal(median, 0.8) * 100.0).round() / 100.0
        };
        let terms = match (cust.segment, rng.f()) {
            (_, r) if r < 0.01 => 90, // planted: terms over the French 60-day cap
            ("Public sector", _) => 45,
            ("Enterprise", r) if r < 0.3 => 60,
            _ => 30,
        };
        let terms = planted.terms(cust, terms);
        let billing = *rng.pick(&BILLING);
        let mut t = at_local(issue_day, rng.int(8, 11), rng.int(0, 59));

        if rng.chance(0.06) {
            let analyst = *rng.pick(&CREDIT_ANALYSTS);
            let req = t - (rng.int(2, 6) * MS_PER_DAY);
            events.push(Ev::new(req, "Credit check requested", billing));
            let wait = rng.exp(1.5).max(0.1) * MS_PER_DAY as f64;
            events.push(Ev::new(req + wait as i64, "Credit limit approved", analyst));
        }
        events.push(Ev::new(t, "Invoice created", billing));
        t += (rng.exp(0.4) * MS_PER_DAY as f64) as i64 + 3_600_000;
        let mut sent = Ev::new(t, "Invoice sent", billing);
        sent.channel = if rng.chance(0.7) { "Email" } else { "Letter" };
        events.push(sent);
        if rng.chance(0.03) {
            // Rework: cancelled and re-issued under the same number.
            t += rng.int(1, 4) * MS_PER_DAY;
            events.push(Ev::new(t, "Invoice cancelled", billing));
            t += rng.int(0, 2) * MS_PER_DAY + 7_200_000;
            events.push(Ev::new(t, "Invoice created", billing));
            t += 3_600_000;
            let mut s = Ev::new(t, "Invoice sent", billing);
            s.channel = "Email";
            events.push(s);
        }
        let due = at_local(day_of(t) + terms, 0, 0);

        // Dispute.
        let mut dispute_end = None;
        let mut credit_note = false;
        if rng.chance(0.08) {
            let (reason, median, cn) = *rng.pick(&DISPUTES);
            let raised = at_local(
                weekday_on_or_after(day_of(t) + rng.int(3, 20)),
                rng.int(9, 17),
                rng.int(0, 59),
            );
            let &raiser = rng.pick(&COLLECTORS);
            let mut e = Ev::new(raised, "Dispute raised", raiser);
            e.reason = reason;
            events.push(e);
            let resolved = raised + (rng.lognormal(median, 0.35) * MS_PER_DAY as f64) as i64;
            let &resolver = rng.pick(&COLLECTORS);
            let mut r = Ev::new(resolved, "Dispute resolved", resolver);
            r.reason = reason;
            events.push(r);
            if rng.chance(cn) {
                credit_note = true;
                events.push(Ev::new(
                    resolved + 3 * 3_600_000,
                    "Credit note issued",
                    billing,
                ));
            }
            dispute_end = Some(resolved);
        }

        // When would the customer pay on their own?
        let own_delay_days = match cust.behaviour {
            Behaviour::Prompt => rng.int(-12, 2) as f64,
            // Left alone, late payers pay weeks after the due date: what the reminders change shows.
            Behaviour::Late => rng.int(25, 55) as f64 + rng.exp(5.0),
            Behaviour::Chronic => rng.int(45, 100) as f64 + rng.exp(15.0),
            Behaviour::Defaulter => 10_000.0,
        };
        let mut pay_at: Option<i64> = Some(due + (own_delay_days * MS_PER_DAY as f64) as i64)
            .filter(|_| cust.behaviour != Behaviour::Defaulter);
        if let (Some(end), Some(p)) = (dispute_end, pay_at) {
            if p < end {
                pay_at = Some(end + rng.int(2, 10) * MS_PER_DAY);
            }
        }
        if credit_note && rng.chance(0.3) {
            pay_at = None; // fully credited: cleared by the credit note
            let cn_t = dispute_end.unwrap_or(t) + 5 * 3_600_000;
            events.push(Ev::new(cn_t, "Invoice cleared", "System"));
        }

        // Planted: a reminder before the due date (about 1%), and out-of-order levels (rare).
        if rng.chance(0.01) {
            let mut e = Ev::new(
                due - rng.int(2, 8) * MS_PER_DAY + 10 * 3_600_000,
                "Reminder 1 sent",
                "System",
            );
            e.channel = "Email";
            e.level = 1;
            events.push(e);
        }

        let settled = events.iter().any(|e| e.activity == "Invoice cleared");
        let mut paid: Option<i64> = None;
        if !settled {
            paid = dun(&mut rng, &mut events, cust, cust_i == harassed, due, pay_at);
        }
        if let Some(p) = paid {
            let p = at_local(
                weekday_on_or_after(day_of(p)),
                rng.int(8, 16),
                rng.int(0, 59),
            );
            events.push(Ev::new(p, "Payment received", "Bank"));
            let clerk = *rng.pick(&CASH_CLERKS);
            let lag_days = if clerk == SLOW_CLERK {
                rng.lognormal(6.0, 0.3)
            } else {
                rng.lognormal(0.6, 0.5)
            };
            let posted = p + (lag_days * MS_PER_DAY as f64) as i64;
            events.push(Ev::new(posted, "Payment posted", clerk));
            events.push(Ev::new(posted + 20 * 60_000, "Invoice cleared", "System"));
        }

        // Planted: write-off with no reminder at all, for small balances.
        if !settled && paid.is_none() && !events.iter().any(|e| e.activity.starts_with("Reminder"))
        {
            events.push(Ev::new(due + 40 * MS_PER_DAY, "Written off", "Chloé"));
        }

        events.sort_by_key(|e| e.t);
        let invoice = format!("INV-{:06}", 100_000 + inv);
        let due_s = lang.date(due);
        let amount_s = lang.field(&lang.amount(amount));
        let customer = lang.field(&cust.name);
        let segment = lang.field(lang.name(cust.segment));
        let (region, terms_s, rep) = planted.columns(cust_i, terms);
        let extra = format!(
            "{}{sep}{terms_s}{sep}{}",
            lang.field(region),
            lang.field(rep)
        );
        for e in events.iter().filter(|e| e.t <= opts.as_of) {
            let promise = e.promise.map(|p| lang.date(p)).unwrap_or_default();
            let level = if e.level > 0 {
                e.level.to_string()
            } else {
                String::new()
            };
            write!(
                out,
                "{invoice}{sep}{}{sep}{}{sep}{}{sep}{customer}{sep}{segment}{sep}{amount_s}{sep}EUR{sep}{due_s}{sep}{}{sep}{level}{sep}{}{sep}{promise}{sep}{extra}{eol}",
                lang.field(lang.name(&e.activity)),
                lang.timestamp(e.t),
                lang.field(lang.name(e.resource)),
                lang.name(e.channel),
                lang.field(lang.name(e.reason)),
            )?;
        }
    }
    Ok(())
}

/// The demo log as a CSV string (UTF-8 whatever [`DemoOptions::windows_1252`] says; [`demo_bytes`]
/// for the bytes).
pub fn demo_csv(opts: DemoOptions) -> String {
    let bytes = demo_bytes(DemoOptions {
        windows_1252: false,
        ..opts
    });
    String::from_utf8(bytes).unwrap_or_default()
}

/// The demo log as the bytes of a file, in the encoding the options ask for.
pub fn demo_bytes(opts: DemoOptions) -> Vec<u8> {
    let mut out = Vec::with_capacity(opts.invoices * 900);
    // Writing to a Vec cannot fail.
    let _ = write_demo(opts, &mut out);
    out
}

#[cfg(test)]
mod tests;
