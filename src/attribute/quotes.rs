//! Direct quotes: where each one opens and closes, across sentences and,
//! by the wire convention of re-opening a quote at each new paragraph,
//! across paragraphs.

use std::ops::Range;

use super::tokens::{Facing, quote_at, quote_marks, starts_with_quote};

/// The quoted stretches of a report's body, quote marks included, in order;
/// `ascii` says that the text is ASCII, as most reports are.
pub fn quote_regions(text: &str, ascii: bool, paragraphs: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    // A quote left open at the end of the previous paragraph, to be carried on.
    let mut carried: Option<usize> = None;
    for (p, para) in paragraphs.iter().enumerate() {
        let mut open: Option<usize> = None;
        let para_text = &text[para.clone()];
        let first_is_quote = starts_with_quote(para_text);
        for i in quote_marks(para_text, ascii) {
            let Some((len, facing)) = quote_at(&para_text[i..]) else { continue };
            let at = para.start + i;
            let opens = match facing {
                Facing::Open => true,
                // `”Fear. I am afraid ...”`: a closing mark where a quote
                // opens, after a blank or nothing and before a word, is a
                // slip for an opening one.
                Facing::Close => open.is_none() && in_opening_place(para_text, i, len),
                Facing::Either => open.is_none(),
            };
            match (opens, open) {
                (true, None) => {
                    // A quote carried from the previous paragraph resumes here.
                    open = Some(if i == 0 { carried.take().unwrap_or(at) } else { at });
                }
                (false, Some(s)) => {
                    out.push(s..at + len);
                    open = None;
                }
                // A second opening mark, or a closing one with nothing open: keep the first reading.
                _ => {}
            }
        }
        if !first_is_quote {
            carried = None;
        }
        if let Some(s) = open {
            let next_opens_with_quote = paragraphs.get(p + 1).is_some_and(|n| starts_with_quote(&text[n.clone()]));
            if next_opens_with_quote {
                carried = Some(s);
            } else {
                out.push(s..para.end);
            }
        }
    }
    out
}

/// Whether a mark at `text[at..at + len]` stands where quotes open: at the
/// start or after white space, and right before a letter or a digit.
fn in_opening_place(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    before.is_none_or(char::is_whitespace) && after.is_some_and(char::is_alphanumeric)
}

/// The region that contains byte `at`, if any.
pub fn region_at(regions: &[Range<usize>], at: usize) -> Option<&Range<usize>> {
    let i = regions.partition_point(|r| r.end <= at);
    regions.get(i).filter(|r| r.start <= at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut pos = 0;
        for p in text.split("\n\n") {
            out.push(pos..pos + p.len());
            pos += p.len() + 2;
        }
        out
    }

    /// The quoted stretches of `t`, as text.
    fn quoted(t: &str) -> Vec<&str> {
        quote_regions(t, t.is_ascii(), &paras(t)).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn straight_and_curly_quotes_pair() {
        let t = "\"We hold the bridge,\" he said. He said \u{201c}it is ours\u{201d} now.";
        assert_eq!(quoted(t), ["\"We hold the bridge,\"", "\u{201c}it is ours\u{201d}"]);
    }

    #[test]
    fn a_quote_reopened_in_the_next_paragraph_is_one_region() {
        let t = "He said: \"The town fell at dawn.\n\n\"We lost ten men,\" he added.";
        let r = quote_regions(t, t.is_ascii(), &paras(t));
        assert_eq!(r.len(), 1);
        assert!(t[r[0].clone()].starts_with("\"The town"));
        assert!(t[r[0].clone()].ends_with("men,\""));
    }

    #[test]
    fn doubled_apostrophes_are_quotes() {
        assert_eq!(quoted("''It is over,'' he said."), ["''It is over,''"]);
    }

    #[test]
    fn a_closing_mark_where_a_quote_opens_opens_it() {
        let t = "Readers wrote in.\n\n\u{201d}Fear. He will win.\u{201d} \u{2015} Jane Doe\n\u{201c}He is wrong,\u{201d} she said.";
        assert_eq!(quoted(t), ["\u{201d}Fear. He will win.\u{201d}", "\u{201c}He is wrong,\u{201d}"]);
    }

    #[test]
    fn an_unclosed_quote_ends_with_its_paragraph() {
        assert_eq!(quoted("He said \"no deal\n\nThen fighting resumed."), ["\"no deal"]);
    }
}
