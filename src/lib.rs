//! raqqa-events: structured data from conflict reports.
//!
//! A report flows once through a row of stages, each adding its own output:
//! [`read`] (header, dateline, paragraphs) → [`segment`] (sentences) →
//! [`tag`] (gazetteer entities, discovered names, times) → [`attribute`]
//! (sources, claims) → [`events`] (events, focus) → a [`model::Document`].
//! [`report`] turns many documents into timelines and summaries, and
//! [`output`] prints them.

pub mod allocator;
pub mod app;
pub mod attribute;
pub mod batch;
pub mod calendar;
pub mod error;
pub mod events;
pub mod gazetteer;
pub mod input;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod read;
pub mod report;
pub mod segment;
pub mod tag;
pub mod text;
pub mod words;

pub use pipeline::Analyzer;
