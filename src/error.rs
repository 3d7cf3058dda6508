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
    #[error("{size} is over the --max-bytes limit of {limit}; raise the limit to read it")]
    TooLarge { size: Size, limit: u64 },
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

/// How big an input over the limit is: counted to its end, or, for a
/// stream that went on past what is worth reading only to count it, a
/// lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Exactly(u64),
    MoreThan(u64),
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Size::Exactly(n) => write!(f, "{n} bytes"),
            Size::MoreThan(n) => write!(f, "more than {n} bytes"),
        }
    }
}

/// Why a gazetteer file could not be loaded.
#[derive(Debug, Error)]
#[error("{file}, line {line}: {message}")]
pub struct GazetteerError {
    pub file: String,
    pub line: usize,
    pub message: String,
}
