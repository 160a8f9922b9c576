//! The calculation engine: one model in, one [`Report`] out, every formula
//! as `shared/spec/model-v1.md` gives it.

pub mod ahp;
pub mod gamma;
pub mod mca;
pub mod mkba;
pub mod montecarlo;
pub mod normal;
pub mod portfolio;
pub mod sampling;
pub mod sensitivity;
pub mod stats;

use indexmap::IndexMap;

use crate::input_error::InputErrors;
use crate::model::{Model, Preference};
use crate::report::*;
use crate::validate::validate;
use montecarlo::{Histogram, Progress, Simulation, UncertainFlow};
use portfolio::{BinaryProgram, PortfolioSolver, SolveError, Solved};

/// Why a model could not be evaluated.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The model breaks the spec; every problem is listed.
    #[error("{0}")]
    Invalid(InputErrors),
    /// The portfolio solver failed.
    #[error(transparent)]
    Solve(#[from] SolveError),
}

/// Evaluates a model: MKBA, MCA, Monte Carlo, tornado and portfolio.
/// The model is validated first; nothing is computed for an invalid one.
pub fn evaluate(
    model: &Model,
    solver: &dyn PortfolioSolver,
    progress: Option<Progress<'_>>,
) -> Result<Report, EvalError> {
    run(model, solver, progress, None).map(|(report, _)| report)
}

/// [`evaluate`], and per option a histogram of its Monte Carlo npvs in
/// `bins` bins, from the same iterations as the report's statistics
/// (empty when no flow is uncertain). The report is exactly `evaluate`'s.
pub fn evaluate_with_histograms(
    model: &Model,
    solver: &dyn PortfolioSolver,
    progress: Option<Progress<'_>>,
    bins: usize,
) -> Result<(Report, Vec<Histogram>), EvalError> {
    run(model, solver, progress, Some(bins))
}

fn run(
    model: &Model,
    solver: &dyn PortfolioSolver,
    progress: Option<Progress<'_>>,
    bins: Option<usize>,
) -> Result<(Report, Vec<Histogram>), EvalError> {
    let problems = validate(model);
    if !problems.is_empty() {
        return Err(EvalError::Invalid(problems));
    }
    let mut warnings = Vec::new();

    let mut options: Vec<OptionResult> = model
        .options
        .iter()
        .map(|o| {
            let pv = mkba::option_pv(model, o, model.discount_rate);
            let npv_at_rates = (!model.sensitivity_rates.is_empty()).then(|| {
                model
                    .sensitivity_rates
                    .iter()
                    // + 0.0 turns a rate of -0 into 0, keyed "0"
                    .map(|&r| (format!("{}", r + 0.0), mkba::option_npv(model, o, r)))
                    .collect()
            });
            OptionResult {
                id: o.id.clone(),
                name: o.name.clone(),
                category: o.category,
                pv_costs: pv.pv_costs,
                pv_benefits: pv.pv_benefits,
                npv: pv.npv(),
                bcr: pv.bcr(),
                by_actor: pv.by_actor,
                pm: o.pm.clone(),
                npv_at_rates,
                mca: None,
                uncertainty: None,
            }
        })
        .collect();

    let mca = multi_criteria(model, &mut warnings);
    if let Some((_, main)) = &mca {
        for (opt, score) in options.iter_mut().zip(main) {
            opt.mca = Some(*score);
        }
    }

    let (sensitivity, value_of_information, histograms) = if !model.has_uncertainty() {
        (None, None, Vec::new())
    } else {
        let sim = simulation(model);
        let iterations = model.uncertainty.iterations as usize;
        let seed = model.uncertainty.seed;
        let result = match bins {
            Some(b) => montecarlo::simulate_with_histograms(&sim, iterations, seed, progress, b),
            None => montecarlo::simulate(&sim, iterations, seed, progress),
        }
        .map_err(|e| {
            let mut p = InputErrors::default();
            p.push("uncertainty.iterations", e.to_string());
            EvalError::Invalid(p)
        })?;
        for (opt, s) in options.iter_mut().zip(&result.options) {
            opt.uncertainty = Some(*s);
        }
        (
            Some(sensitivity::tornado(model)),
            Some(ValueOfInformation { evpi: result.evpi }),
            result.histograms,
        )
    };

    let portfolio = match &model.portfolio {
        Some(p) => {
            let problem = BinaryProgram::from_model(model, p);
            let Solved { chosen, gap } = problem.solve_pruned(solver)?;
            Some(PortfolioResult {
                selected: model
                    .options
                    .iter()
                    .zip(&chosen)
                    .filter(|(_, c)| **c)
                    .map(|(o, _)| o.id.clone())
                    .collect(),
                objective: problem.objective(&chosen),
                spent: problem.spent(&chosen),
                optimal: gap.is_none(),
                gap,
            })
        }
        None => None,
    };

    let report = Report {
        title: model.title.clone(),
        options,
        mca: mca.map(|(r, _)| r),
        sensitivity,
        value_of_information,
        portfolio,
        warnings,
    };
    Ok((report, histograms))
}

/// The uncertain flows of a valid model, reduced for the simulation.
pub fn simulation(model: &Model) -> Simulation {
    let mut fixed_npv = Vec::with_capacity(model.options.len());
    let mut flows = Vec::new();
    for (i, o) in model.options.iter().enumerate() {
        let mut fixed = 0.0;
        for f in &o.flows {
            let coef =
                mkba::sign(f.kind) * mkba::pv_factor(f, model.horizon_years, model.discount_rate);
            match &f.uncertainty {
                Some(d) => flows.push(UncertainFlow {
                    option: i,
                    coef,
                    sampler: sampling::Sampler::new(f.amount, d),
                }),
                None => fixed += coef * f.amount,
            }
        }
        fixed_npv.push(fixed);
    }
    Simulation { fixed_npv, flows }
}

/// Each option's MCA score under the main weights, exactly as
/// [`evaluate`] reports it (`options[i].mca.score`); `None` when the model
/// has no criteria or is invalid.
pub fn main_mca_scores(model: &Model) -> Option<Vec<f64>> {
    if !validate(model).is_empty() {
        return None;
    }
    let (_, scores) = multi_criteria(model, &mut Vec::new())?;
    Some(scores.iter().map(|s| s.score).collect())
}

/// The MCA of a valid model: the overall result and each option's main
/// score; `None` without criteria.
fn multi_criteria(model: &Model, warnings: &mut Vec<String>) -> Option<(McaResult, Vec<McaScore>)> {
    if model.criteria.is_empty() {
        return None;
    }
    let ids: Vec<&str> = model.criteria.iter().map(|c| c.id.as_str()).collect();
    let x: Vec<Vec<f64>> = model
        .options
        .iter()
        .map(|o| ids.iter().map(|id| o.scores[*id]).collect())
        .collect();
    let directions: Vec<_> = model.criteria.iter().map(|c| c.direction).collect();
    let preferences: Vec<Preference> = ids
        .iter()
        .map(|id| {
            model
                .mca
                .preference
                .get(*id)
                .copied()
                .unwrap_or(Preference::Usual)
        })
        .collect();
    let matrix = mca::Matrix {
        x: &x,
        directions: &directions,
        preferences: &preferences,
    };
    let by_id = |w: &[f64]| -> IndexMap<String, f64> {
        ids.iter()
            .map(|id| id.to_string())
            .zip(w.iter().copied())
            .collect()
    };

    let (main, ahp_out) = match &model.mca.ahp {
        Some(a) => {
            let r = ahp::ahp(&a.matrix);
            if r.cr > ahp::CR_THRESHOLD {
                warnings.push(format!(
                    "mca.ahp: consistency ratio {:.2} exceeds {:.2}",
                    r.cr,
                    ahp::CR_THRESHOLD
                ));
            }
            let of: IndexMap<&str, f64> = a
                .criteria
                .iter()
                .map(String::as_str)
                .zip(r.weights.iter().copied())
                .collect();
            let main: Vec<f64> = ids.iter().map(|id| of[*id]).collect();
            let out = AhpOutput {
                weights: a
                    .criteria
                    .iter()
                    .cloned()
                    .zip(r.weights.iter().copied())
                    .collect(),
                lambda_max: r.lambda_max,
                ci: r.ci,
                cr: r.cr,
            };
            (main, Some(out))
        }
        None => {
            let raw: Vec<f64> = model.criteria.iter().map(|c| c.weight).collect();
            (mca::normalise(&raw), None)
        }
    };

    let method = model.mca.method;
    let scores = mca::scores(method, &matrix, &main);
    let ranks = mca::ranks(&scores);
    let option_ids = || model.options.iter().map(|o| o.id.clone());
    let by_weight_set = model
        .weight_sets
        .iter()
        .map(|set| {
            let raw: Vec<f64> = ids.iter().map(|id| set.weights[*id]).collect();
            let s = mca::scores(method, &matrix, &mca::normalise(&raw));
            let r = mca::ranks(&s);
            WeightSetResult {
                stakeholder: set.stakeholder.clone(),
                scores: option_ids().zip(s).collect(),
                ranks: option_ids().zip(r).collect(),
            }
        })
        .collect();
    let per_option = scores
        .iter()
        .zip(&ranks)
        .map(|(&score, &rank)| McaScore { score, rank })
        .collect();
    Some((
        McaResult {
            method,
            weights: by_id(&main),
            ahp: ahp_out,
            by_weight_set,
        },
        per_option,
    ))
}
