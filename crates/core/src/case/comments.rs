//! The parties' comments on an afweging: a party (a participant) says what
//! it thinks of the question, the options or the results, in its own
//! words. A comment belongs to one party, names who wrote it and when, and
//! is bounded in length ([`limits::COMMENT_CHARS`]) and in number per
//! afweging ([`limits::COMMENTS`]). Comments do not enter the model.

use serde::{Deserialize, Serialize};

use super::CaseDoc;
use super::command::Refusal;
use super::ids::unique;
use crate::limits;

/// One comment of a party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyComment {
    /// Unique within the afweging (`c1`, `c2`, …).
    pub id: String,
    /// The participant id of the party it belongs to.
    pub party: String,
    /// Who wrote it (a user's name).
    pub author: String,
    /// When (Unix seconds).
    pub at: i64,
    /// What they say.
    pub text: String,
}

impl CaseDoc {
    /// The name of the party a comment belongs to (its id when the party
    /// has left the afweging since).
    pub fn comment_party_name<'a>(&'a self, comment: &'a PartyComment) -> &'a str {
        self.participant(&comment.party)
            .map_or(comment.party.as_str(), |p| p.name.as_str())
    }

    /// Adds a comment of `party` by `author` at `at`; the line of history.
    pub(super) fn add_comment(
        &mut self,
        party: &str,
        author: &str,
        at: i64,
        text: &str,
    ) -> Result<String, Refusal> {
        let text = text.trim();
        let author = author.trim();
        let Some(who) = self.participant(party) else {
            return Err(Refusal::at(
                "comment.party",
                "Kies een partij die meedoet in deze afweging.",
            ));
        };
        let who = who.name.clone();
        if text.is_empty() {
            return Err(Refusal::at("comment.text", "Vul de opmerking in."));
        }
        if let Err(e) = limits::COMMENT_CHARS.check_text(text) {
            return Err(Refusal::at(
                "comment.text",
                format!("Te lang (de opmerking): {e}."),
            ));
        }
        if author.is_empty() || limits::NAME_CHARS.check_text(author).is_err() {
            return Err(Refusal::at(
                "comment.author",
                "Een opmerking heeft een schrijver met een naam van hoogstens 200 tekens.",
            ));
        }
        if self.comments.len() >= limits::COMMENTS.max {
            return Err(Refusal::at("comment.text", limits::COMMENTS.full()));
        }
        let taken: Vec<&str> = self.comments.iter().map(|c| c.id.as_str()).collect();
        let id = unique(&format!("c{}", self.comments.len() + 1), &taken);
        self.comments.push(PartyComment {
            id,
            party: party.to_string(),
            author: author.to_string(),
            at,
            text: text.to_string(),
        });
        Ok(format!("Opmerking van {who} toegevoegd: {}", short(text)))
    }

    /// Removes a comment; the line of history.
    pub(super) fn remove_comment(&mut self, id: &str) -> Result<String, Refusal> {
        let pos = self
            .comments
            .iter()
            .position(|c| c.id == id)
            .ok_or_else(|| Refusal::at("comment", "Deze opmerking bestaat niet (meer)."))?;
        let removed = self.comments.remove(pos);
        Ok(format!(
            "Opmerking van {} verwijderd: {}",
            self.comment_party_name(&removed),
            short(&removed.text)
        ))
    }
}

/// The start of a text, for a line of history: at most 80 characters.
fn short(text: &str) -> String {
    let mut out: String = text.chars().take(80).collect();
    if text.chars().nth(80).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::command::CaseCommand;
    use crate::case::{CaseArea, DecisionLevel, ParticipantRole};

    fn doc() -> CaseDoc {
        let mut d = CaseDoc::new("Vraag", DecisionLevel::Wijk, CaseArea::default(), 2027);
        d.add_participant("Gemeente", ParticipantRole::Beslisser)
            .unwrap();
        d
    }

    fn comment(party: &str, text: &str) -> CaseCommand {
        CaseCommand::AddComment {
            party: party.into(),
            author: "Ans de Wit".into(),
            at: 1_800_000_000,
            text: text.into(),
        }
    }

    #[test]
    fn a_comment_belongs_to_a_party_with_its_author() {
        let mut d = doc();
        let line = d
            .apply(&comment("gemeente", "  Denk aan de school.  "))
            .unwrap();
        assert_eq!(
            line,
            "Opmerking van Gemeente toegevoegd: Denk aan de school."
        );
        assert_eq!(
            d.comments,
            vec![PartyComment {
                id: "c1".into(),
                party: "gemeente".into(),
                author: "Ans de Wit".into(),
                at: 1_800_000_000,
                text: "Denk aan de school.".into(),
            }]
        );
        let line = d
            .apply(&CaseCommand::RemoveComment { id: "c1".into() })
            .unwrap();
        assert!(
            line.starts_with("Opmerking van Gemeente verwijderd"),
            "{line}"
        );
        assert!(d.comments.is_empty());
    }

    #[test]
    fn a_comment_needs_a_party_text_and_room() {
        let mut d = doc();
        let e = d.apply(&comment("politie", "Ja")).unwrap_err();
        assert_eq!(e.objections[0].field, "comment.party");
        let e = d.apply(&comment("gemeente", "   ")).unwrap_err();
        assert_eq!(e.objections[0].field, "comment.text");
        let long = "x".repeat(limits::COMMENT_CHARS.max + 1);
        let e = d.apply(&comment("gemeente", &long)).unwrap_err();
        assert!(
            e.objections[0]
                .message
                .contains("2.001 tekens, maximaal 2.000"),
            "{e}"
        );
        assert!(d.comments.is_empty(), "a refused comment changes nothing");
        for i in 0..limits::COMMENTS.max {
            d.apply(&comment("gemeente", &format!("Nummer {i}")))
                .unwrap();
        }
        let e = d.apply(&comment("gemeente", "Nog een")).unwrap_err();
        assert!(e.objections[0].message.contains("500 opmerkingen"), "{e}");
        let e = d
            .apply(&CaseCommand::RemoveComment { id: "c9999".into() })
            .unwrap_err();
        assert_eq!(e.objections[0].field, "comment");
    }

    #[test]
    fn a_comment_outlives_its_party_by_id() {
        let mut d = doc();
        d.apply(&comment("gemeente", "Eens")).unwrap();
        d.remove_participant("gemeente").unwrap();
        assert_eq!(d.comment_party_name(&d.comments[0]), "gemeente");
    }

    #[test]
    fn comments_round_trip_and_are_absent_when_there_are_none() {
        let mut d = doc();
        let json = serde_json::to_string(&d).unwrap();
        assert!(!json.contains("comments"));
        d.apply(&comment("gemeente", "Eens")).unwrap();
        let back: CaseDoc = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(back, d);
    }
}
