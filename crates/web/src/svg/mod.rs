//! Pictures drawn by the server as SVG: choropleth maps, line charts, and
//! the class breaks and colours they share. Pure functions of their input.

pub mod case_charts;
pub mod chart;
pub mod classes;
pub mod keys;
pub mod map;
