//! Reports across documents: pure functions from analysed documents to
//! something a printer prints.

pub mod entities;
pub mod gazetteer;
pub mod sources;
pub mod timeline;
pub mod times;
