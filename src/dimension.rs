//! The three dimensions of an assessment: a leaf of the shared vocabulary, like [`crate::span`].

use serde::{Deserialize, Serialize};

/// The three dimensions of an assessment of relations, in the fixed order used by every output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    /// Conflict, threat, coercion or enmity between the two states.
    Hostility,
    /// Movement toward better relations: negotiation, agreement, settlement.
    Rapprochement,
    /// How hedged or uncertain the writer's assessment is.
    Uncertainty,
}

impl Dimension {
    /// Every dimension, in output order.
    pub const ALL: [Dimension; 3] = [
        Dimension::Hostility,
        Dimension::Rapprochement,
        Dimension::Uncertainty,
    ];

    /// The lower-case name used in files and outputs.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Hostility => "hostility",
            Dimension::Rapprochement => "rapprochement",
            Dimension::Uncertainty => "uncertainty",
        }
    }

    /// The unit of the dimension's score: uncertainty is not a rate per 1,000 words (see the
    /// README, "How the scores are computed").
    pub fn unit(self) -> &'static str {
        match self {
            Dimension::Uncertainty => "per √(1,000 words)",
            Dimension::Hostility | Dimension::Rapprochement => "per 1,000 words",
        }
    }

    /// Position in [`Dimension::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Parse a lower-case name.
    pub fn from_name(name: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.name() == name)
    }
}

impl std::fmt::Display for Dimension {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimension_names_round_trip() {
        for d in Dimension::ALL {
            assert_eq!(Dimension::from_name(d.name()), Some(d));
        }
        assert_eq!(Dimension::from_name("hostilty"), None);
    }
}
