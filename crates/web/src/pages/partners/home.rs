//! `/partner`: where a partner's user lands. Per corporation, what it
//! shared with the partner's organisation: afwegingen (to read and work in
//! as its party) and prestatieafspraken.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use wikken_storage::{ShareKind, ShareRow};

use crate::AppState;
use crate::error::AppError;
use crate::layout::{self, Ctx, Section};

/// The shares of one corporation, in the order they came.
fn by_owner(shares: &[ShareRow]) -> Vec<(&str, Vec<&ShareRow>)> {
    let mut out: Vec<(&str, Vec<&ShareRow>)> = Vec::new();
    for s in shares {
        match out.last_mut() {
            Some((_, list)) if list[0].owner == s.owner => list.push(s),
            _ => out.push((&s.owner_name, vec![s])),
        }
    }
    out
}

/// GET /partner
pub async fn page(State(app): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    if !ctx.user.is_partner() {
        let own = if ctx.user.role.can_edit() {
            "/partners"
        } else {
            ctx.user.home()
        };
        return Ok(Redirect::to(own).into_response());
    }
    let shares = app.store.shares_of_partner(&ctx.user.org).await?;
    let groups = by_owner(&shares);
    let body = html! {
        h1 { "Gedeeld met " (ctx.org_name) }
        p.lead { "Hier staat wat corporaties met uw organisatie hebben gedeeld. In een gedeelde afweging leest u alles, en werkt u mee als uw partij: haar problemen, haar weging en haar opmerkingen." }
        @if groups.is_empty() {
            p { "Er is nog niets met uw organisatie gedeeld. Een corporatie nodigt u uit met een link; open die link terwijl u bent ingelogd om het hier te zien." }
        }
        @for (owner, list) in &groups {
            section.shared-by {
                h2 { (owner) }
                @let cases: Vec<&&ShareRow> = list.iter().filter(|s| s.subject.kind == ShareKind::Afweging).collect();
                @let deals: Vec<&&ShareRow> = list.iter().filter(|s| s.subject.kind == ShareKind::Afspraken).collect();
                @if !cases.is_empty() {
                    (layout::table_wrap(&format!("Afwegingen van {owner}"), html! { table {
                        caption { "Afwegingen" }
                        thead { tr { th scope="col" { "Vraag" } th scope="col" { "Uw partij" } th scope="col" { "Gedeeld op" } } }
                        tbody { @for s in &cases { tr {
                            td { a href=(format!("{}/{}", crate::pages::case::SHARED_BASE, s.subject.id)) { (s.subject.title) } }
                            td { (s.subject.party) }
                            td { (crate::dates::day(s.created_at)) }
                        } } }
                    } }))
                }
                @if !deals.is_empty() {
                    (layout::table_wrap(&format!("Prestatieafspraken van {owner}"), html! { table {
                        caption { "Prestatieafspraken" }
                        thead { tr { th scope="col" { "Afspraken" } th scope="col" { "Kenmerk" } th scope="col" { "Uw partij" } th scope="col" { "Gedeeld op" } } }
                        tbody { @for s in &deals { tr {
                            td { a href=(format!("/prestatieafspraken/{}", s.subject.id)) { (s.subject.title) } }
                            td { code { (s.subject.id) } }
                            td { (s.subject.party) }
                            td { (crate::dates::day(s.created_at)) }
                        } } }
                    } }))
                }
            }
        }
    };
    Ok(layout::page(&ctx, Section::Shared, "Gedeeld met u", body).into_response())
}
