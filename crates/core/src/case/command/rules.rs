//! The rules of each command: what [`CaseDoc::apply`] checks and changes
//! for a question, nulalternatief, count, pre-selection, effects,
//! weighing and besluit (the settings are in `settings.rs`).

use super::*;
use crate::case::Decision;

/// Collects objections while a command is checked.
#[derive(Default)]
pub(super) struct Objections(Vec<Objection>);

impl Objections {
    pub(super) fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(Objection {
            field: field.into(),
            message: message.into(),
            theirs: None,
        });
    }

    pub(super) fn clashes(&mut self, merger: Merger) {
        for c in merger.clashes {
            self.0.push(Objection {
                message: format!(
                    "Iemand anders heeft dit intussen gewijzigd in: {}. Uw invoer staat er nog; sla opnieuw op om die te bewaren, of neem hun waarde over.",
                    c.theirs
                ),
                field: c.field,
                theirs: Some(c.theirs),
            });
        }
    }

    pub(super) fn done(self) -> Result<(), Refusal> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Refusal { objections: self.0 })
        }
    }
}

/// A text change with both sides trimmed.
fn trimmed(c: &Change<String>) -> Change<String> {
    Change::from(
        c.was.as_ref().map(|w| w.trim().to_string()),
        c.now.trim().to_string(),
    )
}

/// A text that must be filled in, within `limit`.
fn required(o: &mut Objections, field: &str, value: &str, what: &str, limit: limits::Limit) {
    let v = value.trim();
    if v.is_empty() {
        o.add(field, format!("Vul {what} in."));
    } else if let Err(e) = limit.check_text(v) {
        o.add(field, format!("Te lang ({what}): {e}."));
    }
}

/// A text that may be empty, within `limit`.
fn within(o: &mut Objections, field: &str, value: &str, limit: limits::Limit) {
    if let Err(e) = limit.check_text(value.trim()) {
        o.add(field, format!("Te lang: {e}."));
    }
}

impl CaseDoc {
    pub(super) fn set_question(
        &mut self,
        change: &Change<QuestionValues>,
    ) -> Result<String, Refusal> {
        let now = &change.now;
        let mut o = Objections::default();
        required(
            &mut o,
            "question",
            &now.question,
            "de beslisvraag",
            limits::LINE_CHARS,
        );
        if let Some(m) = &now.decision_moment
            && format::parse_date(m).is_none()
        {
            o.add("decision_moment", DATE_HINT);
        }
        o.done()?;
        let was = change.was.as_ref();
        let mut m = Merger::default();
        let current = QuestionValues::of(self);
        let question = m.pick(
            "question",
            &Change::from(
                was.map(|w| w.question.clone()),
                now.question.trim().to_string(),
            ),
            &current.question,
            Clone::clone,
        );
        let level = m.pick(
            "level",
            &Change::from(was.map(|w| w.level), now.level),
            &current.level,
            |l| l.label().to_string(),
        );
        let moment = m.pick(
            "decision_moment",
            &Change::from(
                was.map(|w| w.decision_moment.clone()),
                now.decision_moment.as_deref().and_then(format::parse_date),
            ),
            &current.decision_moment,
            |d| d.as_deref().map_or("geen".into(), format::dutch_date),
        );
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        self.question = question;
        self.level = level;
        self.decision_moment = moment;
        Ok("Vraag, niveau en beslismoment gewijzigd".into())
    }

    pub(super) fn set_baseline(
        &mut self,
        description: &Change<String>,
        assumptions: &Change<String>,
    ) -> Result<String, Refusal> {
        let mut o = Objections::default();
        if description.now.trim().is_empty() {
            o.add(
                "baseline.description",
                "Beschrijf wat er zonder nieuw beleid gebeurt.",
            );
        } else {
            within(
                &mut o,
                "baseline.description",
                &description.now,
                limits::TEXT_CHARS,
            );
        }
        within(
            &mut o,
            "baseline.assumptions",
            &assumptions.now,
            limits::TEXT_CHARS,
        );
        o.done()?;
        let mut m = Merger::default();
        let d = m.pick(
            "baseline.description",
            &trimmed(description),
            &self.baseline.description,
            Clone::clone,
        );
        let a = m.pick(
            "baseline.assumptions",
            &trimmed(assumptions),
            &self.baseline.assumptions,
            Clone::clone,
        );
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        self.baseline.description = d;
        self.baseline.assumptions = a;
        Ok("Nulalternatief beschreven".into())
    }

    pub(super) fn set_quantity(&mut self, id: &str, quantity: f64) -> Result<String, Refusal> {
        if !(quantity > 0.0 && quantity <= 1_000_000.0) {
            return Err(Refusal::at(
                "option.quantity",
                "Het aantal is een getal groter dan 0.",
            ));
        }
        let o = self
            .option_mut(id)
            .ok_or_else(|| Refusal::at("option", "Deze optie bestaat niet (meer)."))?;
        let Some(old) = o.quantity.filter(|q| *q > 0.0) else {
            return Err(Refusal::at(
                "option.quantity",
                "Deze optie heeft geen aantal (het bedrag geldt voor het hele project).",
            ));
        };
        let factor = quantity / old;
        for f in &mut o.spec.flows {
            f.amount *= factor;
            f.uncertainty = f
                .uncertainty
                .as_ref()
                .map(|d| crate::case::catalogue::scale_distribution(d, factor));
        }
        o.quantity = Some(quantity);
        Ok(format!(
            "Aantal van {} gewijzigd van {} in {}",
            o.spec.name,
            format::number(old, 0),
            format::number(quantity, 0)
        ))
    }

    pub(super) fn preselect(&mut self, rows: &[PreselectRow]) -> Result<String, Refusal> {
        let mut m = Merger::default();
        let problems: Vec<String> = self.problems.iter().map(|p| p.id.clone()).collect();
        for row in rows {
            // an option removed since the form was shown has nothing to keep
            let Some(o) = self.options.iter_mut().find(|o| o.spec.id == row.option) else {
                continue;
            };
            for (problem, change) in &row.addresses {
                if !problems.contains(problem) {
                    continue;
                }
                let current = o.addresses.get(problem).copied().unwrap_or(0);
                let v = m
                    .pick(
                        format!("addresses.{}.{problem}", row.option),
                        change,
                        &current,
                        |v| ADDRESS_LABELS[usize::from(*v).min(3)].to_string(),
                    )
                    .min(3);
                if v == 0 {
                    o.addresses.shift_remove(problem);
                } else {
                    o.addresses.insert(problem.clone(), v);
                }
            }
            o.shortlisted = m.pick(
                format!("keep.{}", row.option),
                &row.keep,
                &o.shortlisted,
                |k| if *k { "gehouden" } else { "niet gehouden" }.into(),
            );
        }
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        let kept: Vec<&str> = self.shortlist().map(|o| o.spec.name.as_str()).collect();
        Ok(format!(
            "Voorselectie: {} gehouden ({})",
            kept.len(),
            kept.join(", ")
        ))
    }

    pub(super) fn set_effects(
        &mut self,
        id: &str,
        change: &EffectsChange,
    ) -> Result<String, Refusal> {
        let current = EffectsValues::of(self, id)
            .ok_or_else(|| Refusal::at("option", "Deze optie bestaat niet (meer)."))?;
        let mut o = Objections::default();
        required(
            &mut o,
            "name",
            &change.name.now,
            "de naam",
            limits::NAME_CHARS,
        );
        within(&mut o, "note", &change.note.now, limits::TEXT_CHARS);
        if let Some(flows) = &change.flows
            && let Err(e) = limits::FLOWS_PER_OPTION.check(flows.now.len())
        {
            o.add("flows", format!("Te veel regels: {e} per optie."));
        }
        if let Some(pm) = &change.pm
            && let Err(e) = limits::PM_PER_OPTION.check(pm.now.len())
        {
            o.add("pm", format!("Te veel regels: {e} per optie."));
        }
        o.done()?;
        let mut m = Merger::default();
        let name = m.pick("name", &trimmed(&change.name), &current.name, Clone::clone);
        let note = m.pick("note", &trimmed(&change.note), &current.note, Clone::clone);
        let flows = match (&change.flows, &current.flows) {
            (Some(c), Some(cur)) => Some(m.pick_rows("flows", c, cur, show_flow)),
            _ => None,
        };
        let pm = match (&change.pm, &current.pm) {
            (Some(c), Some(cur)) => Some(m.pick_rows("pm", c, cur, |p| p.label.clone())),
            _ => None,
        };
        let mut scores = current.scores.clone();
        for (criterion, c) in &change.scores {
            if let Some(stored) = current.scores.get(criterion) {
                let v = m.pick(format!("scores.{criterion}"), c, stored, |x| {
                    format::number(*x, 1)
                });
                scores.insert(criterion.clone(), v);
            }
        }
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        let option = self.option_mut(id).expect("checked above");
        option.spec.name = name.clone();
        option.note = note;
        option.spec.scores = scores;
        if let Some(flows) = flows {
            option.spec.flows = flows;
        }
        if let Some(pm) = pm {
            option.spec.pm = pm;
        }
        if let Some(p) = crate::validate::validate(&self.to_model()).iter().next() {
            return Err(Refusal::at("", format!("Het model klopt zo niet: {p}")));
        }
        Ok(format!("Effecten van {name} gewijzigd"))
    }

    pub(super) fn set_weighting(
        &mut self,
        holder: &WeightHolder,
        change: &Change<Weighting>,
    ) -> Result<String, Refusal> {
        if let Err(e) = change.now.weights(&self.criteria) {
            let message = format::capitalised(&e.to_string());
            return Err(Refusal::at("weighting", format!("{message}.")));
        }
        let current = holder
            .weighting(self)
            .cloned()
            .unwrap_or_else(|| Weighting::equal(&self.criteria));
        let mut m = Merger::default();
        let w = m.pick("weighting", change, &current, |w| {
            describe_weighting(w, &self.criteria)
        });
        let mut o = Objections::default();
        o.clashes(m);
        o.done()?;
        let name = holder.name(self);
        let method = w.method.label();
        match holder {
            WeightHolder::Shared => self.weighting = w,
            WeightHolder::Party(id) => self
                .set_party_weighting(id, w)
                .map_err(|e| Refusal::edit("weighting", e))?,
        }
        Ok(format!("{name} opgeslagen ({method})"))
    }

    pub(super) fn decide(
        &mut self,
        chosen: &[String],
        [rationale, dissent, conditions]: [&String; 3],
        decided_by: &str,
        decided_at: i64,
    ) -> Result<String, Refusal> {
        let mut o = Objections::default();
        for m in self.missing_for_results() {
            o.add("decision", m);
        }
        if chosen.is_empty() {
            o.add(
                "decision.chosen",
                "Kies ten minste één optie uit de voorselectie.",
            );
        } else if let Some(c) = chosen
            .iter()
            .find(|c| !self.shortlist().any(|o| o.spec.id == **c))
        {
            o.add(
                "decision.chosen",
                format!(
                    "Optie {c} staat niet (meer) in de voorselectie; kies uit de voorselectie."
                ),
            );
        }
        if rationale.trim().is_empty() {
            o.add(
                "decision.rationale",
                "Schrijf op waarom: een besluit zonder onderbouwing is niet uitlegbaar.",
            );
        }
        for (field, text) in [
            ("decision.rationale", rationale),
            ("decision.dissent", dissent),
            ("decision.conditions", conditions),
        ] {
            within(&mut o, field, text, limits::TEXT_CHARS);
        }
        o.done()?;
        let mut unique: Vec<String> = Vec::new();
        for c in chosen {
            if !unique.contains(c) {
                unique.push(c.clone());
            }
        }
        let names: Vec<String> = unique
            .iter()
            .filter_map(|c| self.option(c))
            .map(|o| o.spec.name.clone())
            .collect();
        self.decision = Some(Decision {
            chosen: unique,
            rationale: rationale.trim().to_string(),
            dissent: dissent.trim().to_string(),
            conditions: conditions.trim().to_string(),
            decided_by: decided_by.to_string(),
            decided_at,
        });
        Ok(format!("Besluit vastgelegd: {}", names.join(", ")))
    }
}

/// A weighing in one line of Dutch ("Direct gewicht: Veiligheid 2, Kosten 1").
fn describe_weighting(w: &Weighting, criteria: &[crate::model::Criterion]) -> String {
    match w.weights(criteria) {
        Ok(weights) => format!(
            "{}: {}",
            w.method.label(),
            criteria
                .iter()
                .zip(weights)
                .map(|(c, x)| format!("{} {}", c.name, format::percent(x, 0)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Err(_) => w.method.label().to_string(),
    }
}
