//! The signal page as HTML, from a [`SignalsView`].

use maud::{Markup, html};

use super::index_view::SignalsView;
use super::ranked_list::{SignalRow, WeightRow};
use crate::layout;

fn weights_table(weights: &[WeightRow]) -> Markup {
    html! {
        (layout::table_wrap("Kengetallen en gewichten van het signaal", html! { table {
            thead { tr { th scope="col" { "Kengetal" } th scope="col" { "Richting" } th.num scope="col" { "Gewicht" } th.num scope="col" { "Jaar" } } }
            tbody { @for w in weights {
                tr {
                    td { (w.name) }
                    td { @if let Some(d) = w.direction { (d) } }
                    td.num { (w.weight) }
                    td.num { @match w.year { Some(y) => (y), None => span.muted { "geen gegevens" } } }
                }
            } }
        } }))
    }
}

fn rows(rows: &[SignalRow]) -> Markup {
    html! {
        @for row in rows {
            tr data-code=[&row.data_code] {
                td.num { (row.rank) }
                td { a href=(row.href) { (row.name) } }
                td {
                    @match &row.level {
                        Some(l) => {
                            span.level.(l.class) { (l.label) }
                            " " span.muted { "(" (l.score) ")" }
                        },
                        None => span.muted { "geen gegevens" },
                    }
                }
                td { ul.drivers { @for d in &row.drivers { li { (d) } } } @for c in &row.caveats { p.caveat { "Let op: " (c) } } }
            }
        }
    }
}

/// The page's body.
pub fn render(view: &SignalsView) -> Markup {
    html! {
        h1 { "Signalen: onder druk" }
        p.lead { "Welke buurten en complexen schuiven af? Een doorzichtige score uit gekozen kengetallen." }
        details {
            summary { "Hoe de score werkt" }
            p { "Elk kengetal wordt gestandaardiseerd over de vergeleken gebieden (buurten van de gemeente, of complexen van de corporatie): hoeveel standaarddeviaties ligt de waarde boven of onder het gemiddelde. Waar hoger beter is, telt een lage waarde als druk. De score is het gewogen gemiddelde over de kengetallen die er voor het gebied zijn, in het laatste jaar dat bekend is." }
            p { "Vanaf 0,5 heet een gebied " strong { "onder druk" } ", vanaf 1,0 " strong { "sterk onder druk" } ". Per gebied staan de kengetallen die de score het meest opdrijven erbij." }
        }
        @if let Some(f) = &view.small_form {
            form.filters method="get" action="/signalen" {
                @if !view.gemeenten.is_empty() {
                    div.field {
                        label for="gemeente" { "Gemeente" }
                        select #gemeente name="gemeente" data-autosubmit {
                            @for o in &view.gemeenten { option value=(o.value) selected[o.selected] { (o.label) } }
                        }
                    }
                } @else if let Some(g) = &f.gemeente {
                    input type="hidden" name="gemeente" value=(g);
                }
                div.field {
                    label for="min_inwoners" { "Buurten met minder inwoners dan" }
                    input #min_inwoners type="text" inputmode="numeric" name="min_inwoners" value=(f.min) size="7"
                        aria-describedby=[f.error.as_ref().map(|_| "min_inwoners-fout")] aria-invalid=[f.error.as_ref().map(|_| "true")];
                    @if let Some(e) = &f.error { span.field-error #min_inwoners-fout { (e) } }
                }
                div.field {
                    label for="klein" { "zijn niet goed te vergelijken:" }
                    select #klein name="klein" {
                        @for o in &f.modes { option value=(o.value) selected[o.selected] { (o.label) } }
                    }
                }
                div { button type="submit" { "Toon" } }
            }
        }
        div.actions {
            @for a in &view.actions {
                a.button.button-secondary href=(a.href) download[a.download] { (a.label) }
            }
        }
        @if let Some(b) = &view.buurten {
            h2 { (b.heading) }
            p.counts { (b.list.summary)
                @if let Some(n) = &b.small_note { " " (n) }
                @if b.defaults { " " span.muted { "(Standaardinstelling: de organisatie heeft nog geen eigen keuze gemaakt.)" } } }
            @if !b.left_out.is_empty() { p.muted { "Weggelaten: " (b.left_out.join(", ")) "." } }
            h3 { "Kengetallen in de score" }
            (weights_table(&b.list.weights))
            (layout::table_wrap("Buurten op volgorde van de score", html! { table {
                caption { "Buurten op volgorde van de score, hoogste eerst" }
                thead { tr { th.num scope="col" { "#" } th scope="col" { "Buurt" } th scope="col" { "Signaal" } th scope="col" { "Drijft de score" } } }
                tbody { (rows(&b.list.rows)) }
            } }))
            @if !b.list.small.is_empty() {
                h3 { (b.small_heading) }
                p { "Hun score rust op weinig mensen (een bedrijventerrein, een nieuwbouwwijk) en is niet goed te vergelijken met die van de andere buurten; ze staan daarom apart, op volgorde van hun eigen score." }
                (layout::table_wrap(&b.small_heading, html! { table {
                    caption { (b.small_heading) ", niet meegeteld" }
                    thead { tr { th.num scope="col" { "#" } th scope="col" { "Buurt" } th scope="col" { "Signaal" } th scope="col" { "Drijft de score" } } }
                    tbody { (rows(&b.list.small)) }
                } }))
            }
        } @else {
            p { "Er zijn nog geen gemeenten geïmporteerd." }
        }
        h2 { "Complexen" }
        @if let Some(c) = &view.complexes {
            p { (c.summary) }
            h3 { "Kengetallen in de score" }
            (weights_table(&c.weights))
            (layout::table_wrap("Complexen op volgorde van de score", html! { table {
                caption { "Complexen op volgorde van de score, hoogste eerst" }
                thead { tr { th.num scope="col" { "#" } th scope="col" { "Complex" } th scope="col" { "Signaal" } th scope="col" { "Drijft de score" } } }
                tbody { (rows(&c.rows)) }
            } }))
        } @else {
            p { "Er zijn nog geen complexen geïmporteerd." }
        }
    }
}
