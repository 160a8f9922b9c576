//! Stand-ins for list elements that could not be read, so that the
//! elements after them keep their index in problem paths.

use indexmap::IndexMap;

use crate::model::*;

/// A stand-in for an element that could not be read.
pub trait Placeholder {
    /// The stand-in value.
    fn placeholder() -> Self;
}

impl Placeholder for Actor {
    fn placeholder() -> Self {
        Actor {
            id: String::new(),
            name: String::new(),
        }
    }
}

impl Placeholder for Criterion {
    fn placeholder() -> Self {
        Criterion {
            id: String::new(),
            name: String::new(),
            direction: Direction::Max,
            weight: 1.0,
        }
    }
}

impl Placeholder for OptionSpec {
    fn placeholder() -> Self {
        OptionSpec {
            id: String::new(),
            name: String::new(),
            category: Category::Stenen,
            flows: Vec::new(),
            scores: IndexMap::new(),
            pm: Vec::new(),
            value: None,
        }
    }
}

impl Placeholder for Flow {
    fn placeholder() -> Self {
        Flow {
            actor: String::new(),
            kind: FlowKind::Cost,
            label: String::new(),
            amount: 0.0,
            from_year: 0,
            to_year: None,
            growth: 0.0,
            adjust: None,
            uncertainty: None,
        }
    }
}

impl Placeholder for PmItem {
    fn placeholder() -> Self {
        PmItem {
            label: String::new(),
            actor: None,
            sign: PmSign::Zero,
            note: None,
        }
    }
}

impl Placeholder for WeightSet {
    fn placeholder() -> Self {
        WeightSet {
            stakeholder: String::new(),
            weights: IndexMap::new(),
        }
    }
}

impl Placeholder for Budget {
    fn placeholder() -> Self {
        Budget {
            actor: String::new(),
            from_year: 0,
            to_year: 0,
            max: 0.0,
        }
    }
}

impl Placeholder for Group {
    fn placeholder() -> Self {
        Group {
            id: String::new(),
            options: Vec::new(),
        }
    }
}

impl Placeholder for [String; 2] {
    fn placeholder() -> Self {
        [String::new(), String::new()]
    }
}

impl Placeholder for Synergy {
    fn placeholder() -> Self {
        Synergy {
            options: Vec::new(),
            bonus: 0.0,
        }
    }
}
