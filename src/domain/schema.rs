//! JSON Schemas of the two file formats, generated from the types that read and write
//! them, so the published schema cannot drift from the code.

use serde_json::Value;

use super::{Catalog, Inspection};

/// The schema of `kind` ("inspection" or "catalog"); anything else is the inspection's.
pub fn of(kind: &str) -> Value {
    let schema = match kind {
        "catalog" => schemars::schema_for!(Catalog),
        _ => schemars::schema_for!(Inspection),
    };
    schema.to_value()
}
