//! Step 3 as HTML, from a [`Step3View`]; the form widgets (hidden fields,
//! text inputs, errors) keep what a refused form sent.

use maud::{Markup, html};

use super::ADDRESS_LABELS;
use super::additions_view::Additions;
use super::step3_view::{Preselection, Step3View};
use crate::layout::{self, Ctx};
use crate::pages::case::form::{FormState, css_id, text_input};
use crate::pages::case::kit::{base_field, form_fields};
use crate::pages::case::{Loaded, Step, case_header, submit_button};

/// The "Dit aantal klopt" box of a refused count.
fn confirm_box(id: Option<&String>) -> Markup {
    html! {
        @if let Some(id) = id {
            div.check {
                input type="checkbox" name="confirm" value="on" id=(id);
                label for=(id) { "Dit aantal klopt" }
            }
        }
    }
}

fn preselection(ctx: &Ctx, case: &Loaded, state: &FormState, p: &Preselection) -> Markup {
    let edit = p.edit;
    html! {
        form method="post" action=(p.action) data-warn-unsaved {
            (form_fields(ctx, state, "voorselectie"))
            (base_field(state, &p.base))
            (layout::table_wrap("Voorselectie van de opties", html! { table.preselection {
                caption { "Voorselectie: hoeveel pakt elke optie elk probleem aan, tegen welke meerkosten (contante waarde van alle kosten)?" }
                thead { tr {
                    th scope="col" { "Optie" }
                    @for problem in &p.problems { th scope="col" { (problem) } }
                    th.num scope="col" { "Totaal" }
                    th.num scope="col" { "Meerkosten (CW)" }
                    th.num scope="col" { "Punten per € mln" }
                    th.num scope="col" { "B/K" }
                    @if p.picked_by.is_some() { th.num scope="col" { "Gekozen in werkatelier" } }
                    th scope="col" { "Houden" }
                    @if edit { th scope="col" { span.visually-hidden { "Acties" } } }
                } }
                tbody {
                    @for row in &p.rows {
                        tr {
                            th scope="row" {
                                a href=(row.href) { (row.name) }
                                br; span.muted { (row.detail) }
                            }
                            @for cell in &row.cells {
                                td {
                                    select name=(cell.name) aria-label=(cell.label) disabled[!edit] {
                                        @for (k, l) in ADDRESS_LABELS.iter().enumerate() { option value=(k) selected[k == cell.chosen] { (k) " " (l) } }
                                    }
                                }
                            }
                            td.num { (row.total) }
                            td.num { (row.cost) }
                            td.num { @if let Some(points) = &row.points_per_million { (points) } @else { "–" } }
                            td.num {
                                (row.bcr)
                                @if let Some((text, off)) = &row.benchmark { br; span.muted.negative[*off] { (text) } }
                                @if let Some(partial) = &row.partial { br; span.muted { (partial) } }
                            }
                            @if let Some(n) = row.picked { td.num { (n) } }
                            td { input type="checkbox" name=(row.keep_name) checked[row.keep] disabled[!edit] aria-label=(row.keep_label); }
                            @if let Some(remove) = &row.remove { td { button.link-button type="submit" formaction=(remove.action) data-confirm=(remove.confirm) { "Verwijderen" } @if let Some(e) = &remove.error { span.field-error id=(format!("{}-fout", css_id(&remove.field))) { (e) } } } }
                        }
                    }
                }
            } }))
            @if let Some(by) = &p.picked_by { p.hint { "‘Gekozen in werkatelier’: hoe vaak deelnemers de optie kozen in de voorselectie van " (by) "." } }
            p { strong { (p.kept) } " van de " (p.options) " opties gaan door naar de weging en de resultaten."
                @if let Some(warning) = p.warning { " " span.warning { (warning) } }
            }
            (submit_button(case, ctx, "Voorselectie opslaan"))
        }
        @if !p.quantities.is_empty() {
            section aria-labelledby="aantallen-kop" {
                h2 #aantallen-kop { "Aantallen" }
                p.hint { "De bedragen van een optie uit de catalogus gelden per woning of per huishouden. Wijzig het aantal: de kosten en baten schalen mee; de voorselectie en de scores blijven." }
                @for q in &p.quantities {
                    form.inline-form method="post" action=(q.action) {
                        (form_fields(ctx, state, &q.name))
                        (text_input(state, &q.name, &q.label, &q.value, ""))
                        (confirm_box(q.confirm.as_ref()))
                        button type="submit" { "Aantal wijzigen" }
                    }
                }
            }
        }
    }
}

fn additions(ctx: &Ctx, state: &FormState, a: &Additions) -> Markup {
    let c = &a.catalogue;
    html! {
        section aria-labelledby="catalogus-kop" {
            h2 #catalogus-kop { "Uit de interventiecatalogus" }
            form.filters method="get" action=(c.filter_action) {
                @for f in &c.filters {
                    div.field {
                        label for=(f.name) { (f.label) }
                        select id=(f.name) name=(f.name) {
                            option value="" { "alle" }
                            @for o in &f.options { option value=(o.value) selected[o.selected] { (o.label) } }
                        }
                    }
                }
                button type="submit" { "Filteren" }
            }
            @if c.templates.is_empty() { p { "Geen sjablonen met deze kenmerken." } }
            ul.catalogue {
                @for t in &c.templates {
                    li {
                        form method="post" action=(c.add_action) {
                            (form_fields(ctx, state, &t.form))
                            input type="hidden" name="template" value=(t.key);
                            h3 { (t.name) " " span.badge { (t.category) } }
                            p { (t.description) }
                            p.muted { (t.traits) }
                            @if let Some(q) = &t.quantity {
                                div.field {
                                    label for=(q.id) { (q.label) }
                                    @if let Some(hint) = &q.hint { span.hint { (hint) } }
                                    input type="text" id=(q.id) name="quantity" inputmode="decimal" value=(q.value);
                                    (state.message(&q.id))
                                }
                                (confirm_box(q.confirm.as_ref()))
                            }
                            button type="submit" { "Toevoegen" }
                        }
                    }
                }
            }
        }
        section aria-labelledby="nieuw-kop" {
            h2 #nieuw-kop { "Een eigen optie" }
            form.inline-form method="post" action=(a.new_action) data-warn-unsaved {
                (form_fields(ctx, state, "nieuw"))
                (text_input(state, "option_name", "Naam", "", ""))
                div.field {
                    label for="option_category" { "Soort" }
                    select #option_category name="option_category" {
                        @for o in &a.categories { option value=(o.value) selected[o.selected] { (o.label) } }
                    }
                }
                button type="submit" { "Optie maken" }
            }
        }
        @if let Some((action, members)) = &a.package {
            section aria-labelledby="pakket-kop" {
                h2 #pakket-kop { "Een pakket van opties" }
                p { "Stenen en sociaal gaan vaak samen. Een pakket telt de kosten en baten van zijn onderdelen op; in de portefeuille sluit het zijn eigen onderdelen uit." }
                form method="post" action=(action) data-warn-unsaved {
                    (form_fields(ctx, state, "pakket"))
                    (text_input(state, "package_name", "Naam van het pakket", "", ""))
                    fieldset {
                        legend { "Onderdelen" }
                        @for m in members {
                            div.check {
                                input type="checkbox" name="member" value=(m.id) id=(m.html_id) checked[m.ticked];
                                label for=(m.html_id) { (m.name) }
                            }
                        }
                        (state.message("package_members"))
                    }
                    button type="submit" { "Pakket maken" }
                }
            }
        }
    }
}

/// The page's body: the case header, the pre-selection and the additions.
pub fn render(
    ctx: &Ctx,
    case: &Loaded,
    state: &FormState,
    aside: &Markup,
    view: &Step3View,
) -> Markup {
    html! {
        (case_header(case, Step::Options, aside))
        h1 { "Opties" }
        p.lead { "Alle bedragen zijn verschillen ten opzichte van het nulalternatief. Kies uit de catalogus, begin van nul, of combineer opties tot een pakket. Houd daarna met de voorselectie de beste drie tot vijf over." }
        (state.summary())
        @if let Some(p) = &view.preselection {
            (preselection(ctx, case, state, p))
        } @else {
            p { "Nog geen opties." }
        }
        @if let Some(a) = &view.additions { (additions(ctx, state, a)) }
        p { a.button href=(view.next) { "Verder: effecten" } }
    }
}
