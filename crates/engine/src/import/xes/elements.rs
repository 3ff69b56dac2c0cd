//! What each XES element means: traces and events opened and closed (tolerating missing end tags),
//! attributes read as case or event values, global defaults, and each finished trace handed to the
//! log builder.

use super::*;

/// An event without a name, and without a time: the problem and its message.
const NO_NAME: (ProblemKind, &str) = (ProblemKind::MissingActivity, "imp-xes-no-name");
const NO_TIME: (ProblemKind, &str) = (ProblemKind::MissingTimestamp, "imp-xes-no-time");

impl XesDecoder {
    pub(super) fn tag(&mut self, src: Src, tag: &[u8]) {
        if let Some(name) = tag.strip_prefix(b"/") {
            self.end_tag(&src, name.trim_ascii());
            return;
        }
        let self_closing = tag.last() == Some(&b'/');
        let body = if self_closing {
            &tag[..tag.len() - 1]
        } else {
            tag
        };
        let name_end = body
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .unwrap_or(body.len());
        let name = &body[..name_end];
        let attrs = &body[name_end..];
        let parent = self.stack.last().map(|o| o.elem);
        let elem = match (parent, name) {
            (None, b"log") => Elem::Log,
            (Some(Elem::Log), b"trace") => {
                self.line_at(src.data, src.at);
                self.start_trace();
                Elem::Trace
            }
            // A trace opened inside an unclosed one: its `</trace>` is missing.
            (_, b"trace") if self.open(Elem::Trace) => {
                self.close_before(&src, Elem::Log, "<trace>");
                self.line_at(src.data, src.at);
                self.start_trace();
                Elem::Trace
            }
            (Some(Elem::Trace), b"event") => {
                self.start_event(&src);
                Elem::Event
            }
            // An event opened inside an unclosed one, or inside an unclosed attribute element (which
            // only sits in a trace or an event): the end tags in between are missing.
            (Some(Elem::Event | Elem::Attr), b"event") => {
                self.close_before(&src, Elem::Trace, "<event>");
                self.start_event(&src);
                Elem::Event
            }
            (
                Some(Elem::Trace | Elem::Event),
                b"string" | b"date" | b"int" | b"float" | b"boolean" | b"id",
            ) => {
                self.attribute(&src, attrs, parent == Some(Elem::Event));
                Elem::Attr
            }
            (Some(Elem::Log), b"global") => {
                let event =
                    xml_attributes(attrs).any(|(k, v)| k == b"scope" && v.trim_ascii() == b"event");
                Elem::Global(event)
            }
            (Some(Elem::Global(true)), _) => {
                self.global_default(&src, attrs);
                Elem::Other
            }
            _ => {
                // `event` with or without a namespace prefix.
                if name == b"event" || name.ends_with(b":event") {
                    self.stray_events += 1;
                    if self.first_stray == 0 {
                        self.first_stray = self.line_at(src.data, src.at);
                    }
                }
                Elem::Other
            }
        };
        if self_closing {
            if elem == Elem::Event {
                self.end_event();
            } else if elem == Elem::Trace {
                self.flush_trace();
            }
        } else {
            self.stack.push(Open {
                elem,
                name_at: self.names.len() as u32,
            });
            self.names.extend_from_slice(name);
        }
    }

    /// Whether an element of this kind is open.
    pub(super) fn open(&self, elem: Elem) -> bool {
        self.stack.iter().any(|o| o.elem == elem)
    }

    /// The name of the open element at stack index `i`.
    pub(super) fn name_of(&self, i: usize) -> &[u8] {
        let start = self.stack[i].name_at as usize;
        let end = self
            .stack
            .get(i + 1)
            .map_or(self.names.len(), |o| o.name_at as usize);
        self.names.get(start..end).unwrap_or_default()
    }

    /// Pops the top element, ending the event or trace it is.
    pub(super) fn pop(&mut self) {
        if let Some(o) = self.stack.pop() {
            self.names.truncate(o.name_at as usize);
            match o.elem {
                Elem::Event => self.end_event(),
                Elem::Trace => self.flush_trace(),
                _ => {}
            }
        }
    }

    /// Reports a malformed spot of the file at `line` (`value`: what stands there, if anything).
    pub(super) fn malformed(&mut self, line: u64, value: &str, message: Message) {
        self.report
            .problem(ProblemKind::Malformed, line, "", value, message);
    }

    /// Reports an event of trace `case` without its `key` (`concept:name` or `time:timestamp`), as
    /// the problem `kind` with the message `message_key`.
    fn event_without(
        &mut self,
        (kind, message_key): (ProblemKind, &str),
        line: u64,
        key: &str,
        case: &str,
    ) {
        let message = Message::new(
            message_key,
            format!("event in trace \"{}\" has no {key}", clip(case)),
        )
        .arg("trace", clip(case));
        self.report.problem(kind, line, key, "", message);
    }

    /// Closes the elements left open above the innermost `keep` element, as `opening` (a tag opened
    /// where they should have been closed) implies, and reports their missing end tags.
    pub(super) fn close_before(&mut self, src: &Src, keep: Elem, opening: &str) {
        let Some(at) = self.stack.iter().rposition(|o| o.elem == keep) else {
            return;
        };
        let missing = self.missing_ends(at + 1);
        let line = self.line_at(src.data, src.at);
        self.malformed(
            line,
            "",
            Message::new(
                "imp-xes-missing-ends-opening",
                format!("missing {missing} before this {opening}; closed here"),
            )
            .arg("missing", &missing)
            .arg("tag", opening),
        );
        while self.stack.len() > at + 1 {
            self.pop();
        }
    }

    /// `</a>, </b>` for the open elements from the top of the stack down to index `from` (the first
    /// few, then how many more).
    pub(super) fn missing_ends(&self, from: usize) -> String {
        const SHOWN: usize = 5;
        let open = self.stack.len().saturating_sub(from);
        let mut names: Vec<String> = (from..self.stack.len())
            .rev()
            .take(SHOWN)
            .map(|i| format!("</{}>", clip(&String::from_utf8_lossy(self.name_of(i)))))
            .collect();
        if open > SHOWN {
            names.push(format!("and {} more", open - SHOWN));
        }
        names.join(", ")
    }

    pub(super) fn end_tag(&mut self, src: &Src, name: &[u8]) {
        let Some(at) = (0..self.stack.len())
            .rev()
            .find(|&i| self.name_of(i) == name)
        else {
            let line = self.line_at(src.data, src.at);
            let shown = String::from_utf8_lossy(name);
            let message = if name.is_empty() {
                Message::new(
                    "imp-xes-nameless-end",
                    "a closing tag without a name (</>); ignored".into(),
                )
            } else {
                let tag = format!("</{}>", clip(&shown));
                Message::new(
                    "imp-xes-unopened-end",
                    format!("{tag} closes no open element; ignored"),
                )
                .arg("tag", tag)
            };
            self.malformed(line, &shown, message);
            return;
        };
        if at + 1 < self.stack.len() {
            let missing = self.missing_ends(at + 1);
            let line = self.line_at(src.data, src.at);
            self.malformed(line, "", {
                let tag = format!("</{}>", clip(&String::from_utf8_lossy(name)));
                Message::new(
                    "imp-xes-missing-ends",
                    format!("missing {missing} before {tag}; closed here"),
                )
                .arg("missing", &missing)
                .arg("tag", tag)
            });
        }
        while self.stack.len() > at {
            self.pop();
        }
    }

    pub(super) fn start_trace(&mut self) {
        self.trace.clear();
        self.trace.line = self.line;
        self.traces += 1;
    }

    pub(super) fn start_event(&mut self, src: &Src) {
        self.line_at(src.data, src.at);
        self.event = Some(PendingEvent {
            line: self.line,
            attrs: (self.trace.attrs.len() as u32, self.trace.attrs.len() as u32),
            ..Default::default()
        });
    }

    /// `key` and `value` of an attribute element, decoded and unescaped.
    pub(super) fn key_value<'a>(
        &mut self,
        src: &Src<'a>,
        attrs: &'a [u8],
    ) -> Option<(String, String)> {
        let (key, value) = self.decoded_key_value(src, attrs)?;
        Some((unescape(&key).into_owned(), unescape(&value).into_owned()))
    }

    /// `key` and `value` of an attribute element, decoded (noting text that was not UTF-8) but not
    /// yet unescaped.
    fn decoded_key_value<'a>(
        &mut self,
        src: &Src<'a>,
        attrs: &'a [u8],
    ) -> Option<(Cow<'a, str>, Cow<'a, str>)> {
        let (mut key, mut value) = (None, None);
        for (k, v) in xml_attributes(attrs) {
            match k {
                b"key" => key = Some(v),
                b"value" => value = Some(v),
                _ => {}
            }
        }
        let (key, value) = (src.text(key?), src.text(value?));
        if matches!(key, Cow::Owned(_)) || matches!(value, Cow::Owned(_)) {
            self.saw_non_utf8 = true;
        }
        Some((key, value))
    }

    /// An attribute declared in `<global scope="event">`: the default for `concept:name` is kept for the
    /// report.
    pub(super) fn global_default(&mut self, src: &Src, attrs: &[u8]) {
        if let Some((key, value)) = self.key_value(src, attrs) {
            if key == "concept:name" {
                self.global_name = Some(value);
            }
        }
    }

    pub(super) fn attribute(&mut self, src: &Src, attrs: &[u8], on_event: bool) {
        let Some((key, value)) = self.decoded_key_value(src, attrs) else {
            return;
        };
        let (key, value) = (unescape(&key), unescape(&value));
        if on_event {
            let Some(ev) = self.event.as_mut() else {
                return;
            };
            let range = {
                let start = self.trace.arena.len() as u32;
                self.trace.arena.push_str(&value);
                (start, self.trace.arena.len() as u32)
            };
            match key.as_ref() {
                "concept:name" => ev.activity = Some(range),
                "time:timestamp" => ev.time = Some(range),
                "org:resource" => ev.resource = Some(range),
                other => {
                    if other == "lifecycle:transition" {
                        ev.lifecycle = Some(range);
                    } else if self.opts.core_only {
                        return;
                    }
                    let idx = match self.event_attrs.get(other) {
                        Some(&i) => i,
                        None => {
                            let role = if other == "lifecycle:transition" {
                                ColumnRole::Lifecycle
                            } else {
                                ColumnRole::Attribute
                            };
                            let i = self.builder.add_attribute(other, Scope::Event, role);
                            self.event_attrs.insert(other.to_string(), i);
                            i
                        }
                    };
                    self.trace.attrs.push((idx, range));
                    ev.attrs.1 = self.trace.attrs.len() as u32;
                }
            }
        } else if key == "concept:name" {
            let r = self.trace.push(&value);
            self.trace.name = Some(r);
        } else if !self.opts.core_only {
            let idx = match self.trace_attrs.get(key.as_ref()) {
                Some(&i) => i,
                None => {
                    let i = self
                        .builder
                        .add_attribute(&key, Scope::Case, ColumnRole::Attribute);
                    self.trace_attrs.insert(key.to_string(), i);
                    i
                }
            };
            let r = self.trace.push(&value);
            self.trace.case_attrs.push((idx, r));
        }
    }

    pub(super) fn end_event(&mut self) {
        if let Some(ev) = self.event.take() {
            self.report.rows += 1;
            self.trace.events.push(ev);
        }
    }

    /// The case id for a trace named `name`: the name itself, or, when an earlier trace already gave
    /// its events that name, the name numbered ` (2)`, ` (3)`, ... (the first number free); and whether
    /// it was renumbered.
    pub(super) fn unique_case(&mut self, name: String) -> (String, bool) {
        if !self.builder.has_case(&name) {
            return (name, false);
        }
        // Each repeated name remembers its next number, so a thousand traces named alike cost a
        // thousand look-ups, not half a million.
        let mut n = self.renamed.next.get(&name).copied().unwrap_or(2);
        let unique = loop {
            let candidate = format!("{name} ({n})");
            n += 1;
            if !self.builder.has_case(&candidate) {
                break candidate;
            }
        };
        self.renamed.next.insert(name, n);
        (unique, true)
    }

    /// Turns the buffered trace into events. Once memory has run out, nothing more is pushed and the
    /// next [`feed`](Self::feed) or [`finish`](Self::finish) says so.
    pub(super) fn flush_trace(&mut self) {
        let mut t = std::mem::take(&mut self.trace);
        if !self.out_of_memory && self.push_trace(&t).is_err() {
            self.out_of_memory = true;
        }
        t.clear();
        self.trace = t;
    }

    pub(super) fn push_trace(&mut self, t: &TraceBuf) -> Result<(), NoRoom> {
        let name: String = match t.name {
            Some(r) if !t.get(r).is_empty() => t.get(r).to_string(),
            _ => {
                if !t.events.is_empty() {
                    self.report.say(Message::new(
                        "imp-xes-nameless-traces",
                        "some traces have no concept:name; they are named \"trace N\" by their position in the \
                         file"
                            .into(),
                    ));
                }
                format!("trace {}", self.traces)
            }
        };
        let (case, renamed) = self.unique_case(name);
        let mut pushed = 0usize;
        for ev in &t.events {
            if let (true, Some(lc)) = (self.opts.complete_only, ev.lifecycle) {
                if !t.get(lc).eq_ignore_ascii_case("complete") {
                    self.report.filtered_rows += 1;
                    continue;
                }
            }
            let activity = ev.activity.map(|r| t.get(r)).unwrap_or("");
            let raw_time = ev.time.map(|r| t.get(r)).unwrap_or("");
            if activity.is_empty() {
                self.nameless_events += 1;
                self.event_without(NO_NAME, ev.line, "concept:name", &case);
                continue;
            }
            if raw_time.is_empty() {
                self.event_without(NO_TIME, ev.line, "time:timestamp", &case);
                continue;
            }
            let Some(time) = parse_timestamp(raw_time, DateOrder::Auto) else {
                self.report.problem(
                    ProblemKind::UnreadableTimestamp,
                    ev.line,
                    "time:timestamp",
                    raw_time,
                    Message::new(
                        "imp-unreadable-time",
                        format!("cannot read \"{}\" as a date and time", clip(raw_time)),
                    )
                    .arg("value", clip(raw_time)),
                );
                continue;
            };
            let resource = ev.resource.map(|r| t.get(r));
            self.builder.push_event(
                &case,
                activity,
                time,
                resource,
                (ev.line, "time:timestamp", raw_time),
            )?;
            pushed += 1;
            for &(idx, r) in &t.attrs[ev.attrs.0 as usize..ev.attrs.1 as usize] {
                self.builder.set_attribute(idx, t.get(r))?;
            }
        }
        // A trace none of whose events could be read leaves no case (and takes no name).
        if pushed > 0 {
            if renamed {
                self.renamed.count += 1;
                if self.renamed.examples.len() < NAMED_RENAMED {
                    self.renamed.examples.push((case.clone(), t.line));
                }
            }
            for &(idx, r) in &t.case_attrs {
                self.builder.set_case_attribute(idx, &case, t.get(r))?;
            }
        }
        Ok(())
    }
}
