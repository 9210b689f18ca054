//! Exports of a plan for other systems, made from the same views as the copies so that an
//! export for someone holds no more than their copy. One format: FHIR R4 ([`fhir`]).

pub mod fhir;
