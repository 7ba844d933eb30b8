//! The layout benchmarks, outside the pure layout: `plain_graph` reads `{nodes, links}` graph
//! files (`../shared/benchmarks`), `report` lays them and seeded random graphs out and prints
//! weighted crossings and times (`influence-flows layout-bench`).

pub mod plain_graph;
pub mod report;
pub mod stable;
