//! What the partner tests share: an afweging with parties made through
//! the forms, an invitation made on the partners page, and a partner who
//! accepts it through the invitation page.

#![allow(dead_code)]

use axum::http::StatusCode;
use wikken_test_support::{Answer, PASSWORD, Visitor};

/// An afweging with these parties (the first the corporatie, as eigenaar;
/// the others beslissers), a problem of the first, and two criteria; its
/// id.
pub async fn case_with_parties(staff: &Visitor<'_>, question: &str, parties: &[&str]) -> String {
    let path = staff.start_case(question).await;
    for (i, name) in parties.iter().enumerate() {
        let role = if i == 0 { "eigenaar" } else { "beslisser" };
        staff
            .fill(
                &path,
                &format!("{path}/deelnemers"),
                &[("participant_name", name), ("participant_role", role)],
            )
            .await
            .redirect("participant");
    }
    staff
        .fill(
            &path,
            &format!("{path}/problemen"),
            &[
                ("problem_text", "Te weinig onderhoud"),
                ("problem_owner", &wikken_core::case::ids::slug(parties[0])),
            ],
        )
        .await
        .redirect("problem");
    for criterion in ["Leefbaarheid", "Veiligheid"] {
        staff
            .fill(
                &format!("{path}/weging"),
                &format!("{path}/criteria"),
                &[
                    ("criterion_name", criterion),
                    ("criterion_direction", "max"),
                ],
            )
            .await
            .redirect("criterion");
    }
    path.trim_start_matches("/afwegingen/").to_string()
}

/// The invitation link a page shows (`/uitnodiging/` and 64 hex digits).
pub fn link_in(body: &str) -> String {
    let at = body.find("/uitnodiging/").expect("an invitation link");
    body[at..at + "/uitnodiging/".len() + 64].to_string()
}

/// Invites `email` of `organisation` (a gemeente) to afweging `case` as
/// `party`, on the partners page; the link's path.
pub async fn invite(
    staff: &Visitor<'_>,
    email: &str,
    organisation: &str,
    case: &str,
    party: &str,
) -> String {
    let answer = staff
        .fill(
            "/partners",
            "/partners/uitnodigen",
            &[
                ("email", email),
                ("organisatie", organisation),
                ("soort", "gemeente"),
                ("onderwerp", "afweging"),
                ("afweging", case),
                ("partij", party),
            ],
        )
        .await;
    link_in(answer.expect(StatusCode::OK, "invitation"))
}

/// Accepts the invitation at `link` as someone new called `name`.
pub async fn accept_new(v: &Visitor<'_>, link: &str, name: &str) -> Answer {
    v.fill(
        link,
        link,
        &[
            ("naam", name),
            ("wachtwoord", PASSWORD),
            ("herhaling", PASSWORD),
        ],
    )
    .await
}

/// A unique e-mail address at `domain`.
pub fn email(domain: &str) -> String {
    format!(
        "p-{}@{domain}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}
