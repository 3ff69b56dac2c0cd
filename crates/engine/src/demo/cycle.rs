//! The dunning cycle of one demo invoice after its due date: reminders by level and channel, calls,
//! promises kept or broken, disputes, the agency and the write-off, each drawn from the customer's behaviour.

use super::*;

/// The dunning cycle after the due date. Returns when the invoice gets paid, if it does.
pub(super) fn dun(
    rng: &mut Rng,
    events: &mut Vec<Ev>,
    cust: &Customer,
    harassed: bool,
    due: i64,
    mut pay_at: Option<i64>,
) -> Option<i64> {
    if pay_at.is_some_and(|p| p <= due) {
        return pay_at;
    }
    if cust.behaviour == Behaviour::Defaulter && rng.chance(0.08) {
        return None; // left to the no-reminder write-off below (planted)
    }
    events.push(Ev::new(
        due + MS_PER_DAY + 2 * 3_600_000,
        "Due date passed",
        "System",
    ));
    let sme = cust.segment == "SME";
    let mut ceased_at: Option<i64> = None;
    if cust.ceased {
        let c = due + rng.int(3, 9) * MS_PER_DAY + 11 * 3_600_000;
        events.push(Ev::new(c, "Cease contact requested", "Nadia"));
        ceased_at = Some(c);
    }
    let levels: [(i64, &str, u8); 4] = [
        (7, "Reminder 1 sent", 1),
        (21, "Reminder 2 sent", 2),
        (35, "Reminder 3 sent", 3),
        (50, "Final notice sent", 4),
    ];
    let swap_levels = rng.chance(0.004);
    let mut promise_until = i64::MIN;
    for (step, &(offset, activity, level)) in levels.iter().enumerate() {
        let day = weekday_on_or_after(day_of(due) + offset);
        let t = at_local(day, rng.int(7, 9), rng.int(0, 59));
        if pay_at.is_some_and(|p| p <= t) {
            return pay_at;
        }
        let contact_allowed = ceased_at.is_none_or(|c| t < c);
        // After a cease-contact request, letters stop; a few collectors keep calling (planted below).
        if !contact_allowed && !rng.chance(0.5) {
            continue;
        }
        let channel = match (level, rng.f()) {
            (4, _) => "Letter",
            (1, r) if r < 0.55 => "Email",
            (1, r) if r < 0.75 => "Letter",
            (1, _) => "Phone",
            (_, r) if r < 0.4 => "Email",
            (_, r) if r < 0.75 => "Letter",
            _ => "Phone",
        };
        let (activity, level) = if swap_levels && step < 2 {
            (levels[1 - step].1, levels[1 - step].2)
        } else {
            (activity, level)
        };
        let resource = if channel == "Phone" {
            *rng.pick(&COLLECTORS)
        } else {
            "System"
        };
        let mut e = Ev::new(t, activity, resource);
        e.channel = channel;
        e.level = level;
        events.push(e);
        // Effect of the reminder: chance of payment within 14 days, by channel (planted: phone >> email).
        let base = match cust.behaviour {
            Behaviour::Prompt | Behaviour::Late => 0.8,
            Behaviour::Chronic => 0.45,
            Behaviour::Defaulter => 0.0,
        };
        let factor = match (level, channel) {
            (1, "Phone") => 1.0,
            (1, "Letter") => 0.5,
            (1, _) => 0.15,
            (_, "Phone") => 0.8,
            (_, "Letter") => 0.6,
            _ => 0.45,
        };
        if rng.chance(base * factor) {
            let p = t + rng.int(1, 13) * MS_PER_DAY;
            if pay_at.is_none_or(|q| p < q) {
                pay_at = Some(p);
            }
        }
        // Calls between reminders from level 2 on.
        if level >= 2 {
            let calls = if harassed { 9 } else { rng.int(0, 2) };
            let mut ct = t + MS_PER_DAY;
            for _ in 0..calls {
                // No call while a promise is running.
                ct = ct.max(promise_until);
                let day = weekday_on_or_after(day_of(ct));
                let night = rng.chance(0.03);
                let (h, who) = if night {
                    (rng.int(21, 22), NIGHT_COLLECTOR)
                } else {
                    (rng.int(9, 17), *rng.pick(&COLLECTORS))
                };
                let call_t = at_local(day, h, rng.int(0, 59));
                if pay_at.is_some_and(|p| p <= call_t) {
                    break;
                }
                if ceased_at.is_some_and(|c| call_t > c) && !rng.chance(0.3) {
                    break;
                }
                events.push(Ev::new(call_t, "Call attempted", who));
                // The over-called customer's invoices get a second call three hours later: over seven
                // calls in seven days on one debt (Regulation F counts per debt). No random draw, so
                // the rest of the log is unchanged.
                let again = call_t + 3 * 3_600_000;
                if harassed && pay_at.is_none_or(|p| p > again) {
                    events.push(Ev::new(again, "Call attempted", who));
                }
                // The over-called customer never picks up.
                if !harassed && rng.chance(0.55) {
                    events.push(Ev::new(call_t + 6 * 60_000, "Conversation held", who));
                    // Defaulters seldom bother to promise.
                    let promise_chance = if cust.behaviour == Behaviour::Defaulter {
                        0.1
                    } else {
                        0.6
                    };
                    if rng.chance(promise_chance) {
                        let promised = call_t + rng.int(3, 12) * MS_PER_DAY;
                        promise_until = promised + 5 * MS_PER_DAY;
                        let mut pe = Ev::new(call_t + 9 * 60_000, "Promise to pay", who);
                        pe.promise = Some(promised);
                        events.push(pe);
                        let keep = if sme { 0.35 } else { 0.85 };
                        if cust.behaviour != Behaviour::Defaulter && rng.chance(keep) {
                            let p = promised - rng.int(0, 2) * MS_PER_DAY;
                            if pay_at.is_none_or(|q| p < q) {
                                pay_at = Some(p);
                            }
                        } else {
                            events.push(Ev::new(
                                promised + 4 * MS_PER_DAY + 8 * 3_600_000,
                                "Promise broken",
                                "System",
                            ));
                            if pay_at.is_some_and(|q| q < promised + 4 * MS_PER_DAY) {
                                pay_at = Some(promised + (rng.int(6, 20) * MS_PER_DAY));
                            }
                        }
                    }
                }
                ct = call_t
                    + if harassed {
                        16 * 3_600_000
                    } else {
                        rng.int(2, 5) * MS_PER_DAY
                    };
            }
        }
    }
    if pay_at.is_some_and(|p| p <= due + 75 * MS_PER_DAY) {
        return pay_at;
    }
    let agency = at_local(weekday_on_or_after(day_of(due) + 75), 10, 0);
    events.push(Ev::new(agency, "Sent to collection agency", "Julien"));
    if cust.behaviour != Behaviour::Defaulter && rng.chance(0.7) || rng.chance(0.3) {
        return Some(agency + rng.int(10, 80) * MS_PER_DAY);
    }
    events.push(Ev::new(
        agency + rng.int(60, 120) * MS_PER_DAY,
        "Written off",
        "Chloé",
    ));
    None
}
