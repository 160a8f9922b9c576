//! A werkatelier as the pages show it: its rows, and what the answers of
//! the rounds that may be shown come to. Loaded once per event: every
//! change writes an event, so a session read at event N stays right until
//! event N+1, and the phones and screens of one process share it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use wikken_core::werkatelier::live::collect::{
    Given, PickCount, median_scores, pick_counts, to_answers,
};
use wikken_core::werkatelier::live::{AnswerBody, Revision, Round, RoundState};
use wikken_core::werkatelier::{Answers, WorkshopResult, evaluate_answers, validate};
use wikken_storage::{
    AnswerRow, PinRow, RoundRow, StorageError, Store, WorkshopId, WorkshopParticipant,
    WorkshopParticipantId, WorkshopProblem, WorkshopRow,
};

/// Sessions kept per process: at most this many werkateliers at once.
pub const KEPT: usize = 64;

/// A werkatelier with everything its pages show.
#[derive(Debug)]
pub struct Session {
    /// The werkatelier.
    pub workshop: WorkshopRow,
    /// Its rounds in order.
    pub rounds: Vec<RoundRow>,
    /// Its participants in the order they joined.
    pub participants: Vec<WorkshopParticipant>,
    /// Every answer, first and revised.
    pub answers: Vec<AnswerRow>,
    /// The pins.
    pub pins: Vec<PinRow>,
    /// The problems made of pins.
    pub problems: Vec<WorkshopProblem>,
    /// The event it was read at.
    pub seq: i64,
    /// What the shown rounds come to.
    pub outcome: Outcome,
}

/// What the answers of the shown rounds (revealed or closed) come to.
#[derive(Debug)]
pub struct Outcome {
    /// Each participant's latest answers in shown rounds.
    pub given: Vec<Given>,
    /// The same in the spec's file format (anonymised).
    pub answers: Answers,
    /// The spec's figures; `None` when the answers break the spec (which
    /// the forms prevent; logged).
    pub result: Option<WorkshopResult>,
    /// The voorselectie tallied.
    pub picks: Vec<PickCount>,
}

impl Session {
    /// A round's state (`Wacht` for a round the werkatelier does not have).
    pub fn state(&self, round: Round) -> RoundState {
        self.rounds
            .iter()
            .find(|r| r.round == round)
            .map_or(RoundState::Wacht, |r| r.state)
    }

    /// Whether a round's outcome may be shown.
    pub fn shows(&self, round: Round) -> bool {
        self.state(round).shows_outcome(round)
    }

    /// How many participants answered a round, and how many revised.
    pub fn answered(&self, round: Round) -> (usize, usize) {
        let mut first = std::collections::HashSet::new();
        let mut revised = 0;
        for a in self.answers.iter().filter(|a| a.round == round) {
            match a.revision {
                Revision::First => {
                    first.insert(&a.participant_id);
                }
                Revision::Revised => revised += 1,
            }
        }
        (first.len(), revised)
    }

    /// Per role id: participants, and how many answered `round`.
    pub fn answered_by_role(&self, round: Round) -> Vec<(String, usize, usize)> {
        self.workshop
            .setup
            .roles
            .iter()
            .map(|r| {
                let members: Vec<&WorkshopParticipant> = self
                    .participants
                    .iter()
                    .filter(|p| p.role == r.id)
                    .collect();
                let answered = members
                    .iter()
                    .filter(|p| {
                        self.answers
                            .iter()
                            .any(|a| a.round == round && a.participant_id == p.id)
                    })
                    .count();
                (r.label.clone(), members.len(), answered)
            })
            .collect()
    }

    /// A participant's own latest answer to a round, and whether it is the
    /// revision.
    pub fn own(&self, p: &WorkshopParticipantId, round: Round) -> Option<(&AnswerRow, bool)> {
        let mine: Vec<&AnswerRow> = self
            .answers
            .iter()
            .filter(|a| a.participant_id == *p && a.round == round)
            .collect();
        let revised = mine.iter().find(|a| a.revision == Revision::Revised);
        revised
            .map(|a| (*a, true))
            .or_else(|| mine.first().map(|a| (*a, false)))
    }

    /// The anonymous id of a participant (`d1`, … in the order they joined).
    pub fn anonymous(&self, p: &WorkshopParticipantId) -> Option<String> {
        self.participants
            .iter()
            .position(|x| x.id == *p)
            .map(|i| format!("d{}", i + 1))
    }

    /// What every answer comes to, shown or not (when the werkatelier
    /// closes, every round's outcome is shown).
    pub fn outcome_of_all(&self) -> Outcome {
        outcome(
            &self.workshop,
            given(
                &self.workshop,
                &self.rounds,
                &self.participants,
                &self.answers,
                true,
            ),
        )
    }

    /// The role label of a role id.
    pub fn role_label(&self, id: &str) -> String {
        self.workshop
            .setup
            .role(id)
            .map_or_else(|| id.to_string(), |r| r.label.clone())
    }
}

/// The latest answer per participant and shown round.
fn given(
    workshop: &WorkshopRow,
    rounds: &[RoundRow],
    participants: &[WorkshopParticipant],
    answers: &[AnswerRow],
    all: bool,
) -> Vec<Given> {
    let shown = |round: Round| {
        all || rounds
            .iter()
            .any(|r| r.round == round && r.state.shows_outcome(round))
    };
    participants
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let mut latest: Vec<(&AnswerRow, bool)> = Vec::new();
            for a in answers
                .iter()
                .filter(|a| a.participant_id == p.id && shown(a.round))
            {
                let revised = a.revision == Revision::Revised;
                match latest.iter_mut().find(|(x, _)| x.round == a.round) {
                    Some(slot) if revised || !slot.1 => *slot = (a, revised),
                    Some(_) => {}
                    None => latest.push((a, revised)),
                }
            }
            let bodies: Vec<AnswerBody> = latest.into_iter().map(|(a, _)| a.body.clone()).collect();
            (!bodies.is_empty()).then(|| Given {
                participant: format!("d{}", i + 1),
                role: p.role.clone(),
                answers: bodies,
            })
        })
        .filter(|g| workshop.setup.role(&g.role).is_some())
        .collect()
}

fn outcome(workshop: &WorkshopRow, given: Vec<Given>) -> Outcome {
    let answers = to_answers(&workshop.setup, &given);
    let result = match validate(&answers) {
        Ok(()) => Some(evaluate_answers(&answers)),
        Err(e) => {
            tracing::error!(workshop = %workshop.id, problems = ?e, "werkatelier-antwoorden passen niet bij de spec");
            None
        }
    };
    let picks = pick_counts(&workshop.setup, &given);
    Outcome {
        given,
        answers,
        result,
        picks,
    }
}

impl Outcome {
    /// The group's median scores per option and criterion.
    pub fn medians(
        &self,
        workshop: &WorkshopRow,
    ) -> indexmap::IndexMap<String, indexmap::IndexMap<String, Option<f64>>> {
        median_scores(&workshop.setup, &self.given)
    }
}

async fn load(store: &Store, w: WorkshopRow, seq: i64) -> Result<Session, StorageError> {
    let rounds = store.workshop_rounds(&w.id).await?;
    let participants = store.workshop_participants(&w.id).await?;
    let answers = store.workshop_answers(&w.id).await?;
    let pins = store.workshop_pins(&w.id).await?;
    let problems = store.workshop_problems(&w.id).await?;
    let outcome = outcome(&w, given(&w, &rounds, &participants, &answers, false));
    Ok(Session {
        workshop: w,
        rounds,
        participants,
        answers,
        pins,
        problems,
        seq,
        outcome,
    })
}

/// The sessions of this process, by werkatelier.
#[derive(Debug, Default)]
pub struct Sessions {
    kept: Mutex<HashMap<WorkshopId, Arc<Session>>>,
    /// One load at a time per werkatelier: when 60 phones answer at once,
    /// each answer is a new event and each phone then loads its page; the
    /// requests that arrive while a load runs wait for it and share it
    /// (or the next one), instead of each loading the werkatelier again.
    loading: Mutex<HashMap<WorkshopId, Arc<tokio::sync::Mutex<()>>>>,
}

impl Sessions {
    /// The kept session of a werkatelier if it is as of event `seq` or later.
    fn kept(&self, id: &WorkshopId, seq: i64) -> Option<Arc<Session>> {
        self.kept
            .lock()
            .expect("sessions lock")
            .get(id)
            .filter(|s| s.seq >= seq)
            .cloned()
    }

    /// The werkatelier's session as of its latest event (or a later one).
    pub async fn get(&self, store: &Store, w: &WorkshopRow) -> Result<Arc<Session>, StorageError> {
        let seq = store.workshop_last_event(&w.id).await?;
        if let Some(s) = self.kept(&w.id, seq) {
            return Ok(s);
        }
        let turn = self
            .loading
            .lock()
            .expect("sessions lock")
            .entry(w.id.clone())
            .or_default()
            .clone();
        let _turn = turn.lock().await;
        // Loaded by the request this one waited for?
        if let Some(s) = self.kept(&w.id, seq) {
            return Ok(s);
        }
        let seq = store.workshop_last_event(&w.id).await?;
        // Read the row again: its state may have changed with the event.
        let fresh = store
            .workshop(&w.organisation_id, &w.id)
            .await?
            .unwrap_or_else(|| w.clone());
        let s = Arc::new(load(store, fresh, seq).await?);
        let mut kept = self.kept.lock().expect("sessions lock");
        if kept.len() >= KEPT && !kept.contains_key(&w.id) {
            let oldest = kept
                .iter()
                .min_by_key(|(_, s)| s.workshop.created_at)
                .map(|(k, _)| k.clone());
            if let Some(k) = oldest {
                kept.remove(&k);
                self.loading.lock().expect("sessions lock").remove(&k);
            }
        }
        kept.insert(w.id.clone(), s.clone());
        Ok(s)
    }
}
