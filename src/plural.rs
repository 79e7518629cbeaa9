//! English for the counts in messages: "1 document", "2 documents".

/// `n` and the noun, singular for one: `count(1, "document")` is "1 document",
/// `count(3, "document")` "3 documents". Nouns here take a plain `s`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_the_rest_plural() {
        assert_eq!(count(0, "document"), "0 documents");
        assert_eq!(count(1, "byte"), "1 byte");
        assert_eq!(count(2, "period"), "2 periods");
    }
}
