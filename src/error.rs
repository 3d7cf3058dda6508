//! Errors the library reports. Each names what is wrong in words a user can act on;
//! the caller adds which input it was.

use thiserror::Error;

/// Why one input could not be read. The batch turns it into an error record.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error("not text: {0}")]
    Binary(String),
    #[error("{size} bytes is over the --max-bytes limit of {limit}; raise the limit to read it")]
    TooLarge { size: u64, limit: u64 },
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// Found wanting before it could be opened: missing, or a bad line of a JSON Lines file.
    #[error("{0}")]
    Unavailable(String),
    #[error("internal error while analysing this report (a bug in raqqa-events; please report it with the input)")]
    Internal,
    #[error("line {line}: {message}")]
    Record { line: usize, message: String },
}

/// Why a gazetteer file could not be loaded.
#[derive(Debug, Error)]
#[error("{file}, line {line}: {message}")]
pub struct GazetteerError {
    pub file: String,
    pub line: usize,
    pub message: String,
}
