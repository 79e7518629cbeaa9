//! Scoring on real sentences from the seed documents.

use super::*;

fn analyzer() -> Analyzer {
    Analyzer::builtin().expect("builtin lexicon")
}

fn hits(text: &str) -> Vec<Hit> {
    let a = analyzer();
    let mut ws = Workspace::default();
    a.score(&Document::new("t", text), &mut ws, true)
        .hits
        .expect("explain")
}

fn hit<'a>(hits: &'a [Hit], term: &str) -> &'a Hit {
    hits.iter()
        .find(|h| h.term == term)
        .unwrap_or_else(|| panic!("no hit for {term:?} in {hits:#?}"))
}

/// The hit of `term` in dimension `d` (a cue and its presupposition share a term).
fn hit_in<'a>(hits: &'a [Hit], term: &str, d: Dimension) -> &'a Hit {
    hits.iter()
        .find(|h| h.term == term && h.dimension == d)
        .unwrap_or_else(|| panic!("no {d} hit for {term:?} in {hits:#?}"))
}

/// The words of a text's uncertainty hits, as written.
fn unc(text: &str) -> Vec<String> {
    hits(text)
        .into_iter()
        .filter(|h| h.dimension == Dimension::Uncertainty)
        .map(|h| h.text)
        .collect()
}

fn kinds(h: &Hit) -> Vec<ModifierKind> {
    h.modifiers.iter().map(|m| m.kind).collect()
}

#[test]
fn negated_rapprochement_in_grew_1940() {
    // seed 001 (Grew, 1940)
    let text = "On his own initiative and without prompting the Soviet Ambassador expressed the opinion that at the present time there could not be anticipated an improvement of relations between Soviet Russia and Japan.";
    let h = hits(text);
    let imp = hit(&h, "improvement");
    assert!(imp.negated, "{imp:#?}");
    assert!(imp.weight < 0.0);
    assert_eq!(imp.dimension, Dimension::Rapprochement);
    assert!(kinds(imp).contains(&ModifierKind::Negated));
    // the sentence names both sides: no dyad discount
    assert!(!kinds(imp).contains(&ModifierKind::OffDyad));
    assert_eq!(imp.actors, vec!["soviet_union", "japan"]);
    assert_eq!(&text[imp.start as usize..imp.end as usize], "improvement");
}

#[test]
fn negated_hostility_in_henderson_1936() {
    let text = "The Kremlin does not believe that the Japanese Government is deliberately planning a war against the Soviet Union this spring.";
    let h = hits(text);
    let war = hit(&h, "war");
    assert!(war.negated && war.weight < 0.0, "{war:#?}");
    let text = "It is determined, however, not to be provoked into a war as long as these incidents do not constitute a serious invasion of Soviet territory.";
    let h = hits(text);
    assert!(hit(&h, "provoke").negated);
    assert!(hit(&h, "war").negated);
    // "these incidents" lies beyond the first negator's reach and before the second
    assert!(!hit(&h, "incident").negated);
    let inv = hit(&h, "invasion");
    assert!(inv.negated);
    // "serious" intensifies, "however" comes before: after contrast
    assert!(kinds(inv).contains(&ModifierKind::Intensified), "{inv:#?}");
    assert!(
        kinds(inv).contains(&ModifierKind::AfterContrast),
        "{inv:#?}"
    );
}

#[test]
fn negation_reaches_through_an_epistemic_noun() {
    // frus1933v03-d442: "no possibility of armed conflict" is calm, not conflict
    let text = "The Russians and the Japanese were still far apart on the price; there was no possibility of armed conflict inasmuch as the railway was entirely under the control of the Japanese.";
    let h = hits(text);
    let conflict = hit(&h, "armed conflict");
    assert!(conflict.negated && conflict.weight < 0.0, "{conflict:#?}");
    // without the negator, the possibility hedges the conflict and does not turn it around
    let h = hits("There was a possibility of armed conflict between Japan and the Soviet Union.");
    assert!(!hit(&h, "armed conflict").negated);
}

#[test]
fn ending_fighting_reverses_it_when_done_not_when_proposed() {
    // frus1939v01-d500: the truce ended the fighting; the truce itself is not ended
    let text = "A truce to terminate the fighting on the Mongolian-Manchurian frontier had been signed in Moscow between Japan and the Soviet Union on September 15, 1939.";
    let h = hits(text);
    assert!(hit(&h, "fighting").negated, "{h:#?}");
    assert!(!hit(&h, "truce").negated, "{h:#?}");
    // frus1938v03-d465: a proposal to end the fighting says it is still going on
    let text = "The Soviet Ambassador is proposing to terminate military actions by Japan and the Soviet Union on the frontier.";
    let h = hits(text);
    assert!(!hit(&h, "military action").negated, "{h:#?}");
    let text = "If the Japanese will terminate the attacks on Soviet territory, the Soviet Government will negotiate.";
    assert!(!hit(&hits(text), "attack").negated);
    // a claim denied as unfounded
    let text = "The Japanese claim of a Soviet attack on the frontier was unfounded.";
    assert!(hit(&hits(text), "attack").negated);
}

#[test]
fn file_captions_hold_no_cue() {
    // frus1939v01-d500 and frus1937v03-d561: the archive's file designation is not an event
    let h =
        hits("740.0011 European War 1939/601: Telegram. Japan and the Soviet Union are at war.");
    let wars: Vec<_> = h.iter().filter(|x| x.term == "war").collect();
    assert_eq!(wars.len(), 1, "{h:#?}");
    assert!(wars[0].start > 40, "{h:#?}");
    let h = hits("761.9312 (Aggressor)/4: Telegram. The Soviet Union called Japan the aggressor.");
    assert_eq!(
        h.iter().filter(|x| x.term == "aggressor").count(),
        1,
        "{h:#?}"
    );
    // a number in prose is no caption
    let h = hits("In 1938 Japan and the Soviet Union fought a war over 1.5 miles of hills.");
    assert!(h.iter().any(|x| x.term == "war"), "{h:#?}");
}

#[test]
fn treaty_terms_are_not_hostility_reported() {
    // frus1937v03-d553: the terms of the Sino-Soviet treaty, not an act of aggression
    let text = "The treaty provides that neither party would take aggressive action against the other, and that where a third party takes aggressive action against either of the parties, neither party will assist the aggressor; Japan and the Soviet Union were informed.";
    let h = hits(text);
    let aggr = h
        .iter()
        .find(|x| x.dimension == Dimension::Hostility && !x.negated)
        .expect("an affirmed hostility cue");
    assert!(kinds(aggr).contains(&ModifierKind::TreatyTerm), "{aggr:#?}");
    assert!(aggr.weight < 0.25 * aggr.base_weight, "{aggr:#?}");
    let treaty = hit(&h, "treaty");
    assert!(!kinds(treaty).contains(&ModifierKind::TreatyTerm));
    // without the treaty's parties, aggression is reported as such
    let h = hits("Japan took aggressive action against the Soviet Union on the frontier.");
    assert!(
        h.iter()
            .all(|x| !kinds(x).contains(&ModifierKind::TreatyTerm))
    );
}

#[test]
fn estimates_and_idioms_of_degree_are_no_hedges() {
    // an estimate says how many, not whether
    let t = "Japan has perhaps thirty divisions facing the Soviet Union on the frontier.";
    assert!(unc(t).is_empty(), "{:?}", unc(t));
    let t = "Japan has perhaps moved its divisions to the Soviet frontier.";
    assert_eq!(unc(t), ["perhaps"]);
    // frus1932v04-d8: "all possible aid" is a degree, not a possibility
    let t = "The Soviet Government would give all possible aid to the commission on Japan.";
    assert!(unc(t).is_empty(), "{:?}", unc(t));
    // frus1931v03-d31 and frus1932v03-d667: hearsay and likelihood are uncertainty
    let t = "He is perturbed by reports in the press of Soviet troops concentrating against Japan.";
    assert_eq!(unc(t), ["reports in the press"]);
    let t = "Clashes between Japanese troops and Soviet patrols are likely to take place.";
    assert_eq!(unc(t), ["likely"]);
    // frus1936v04-d341 (Tokyo, 1936): the month, not the modal
    let t = "As will be recalled the present treaty expired in May, 1936, and had been extended to provide further time for negotiations.";
    assert!(unc(t).is_empty(), "{:?}", unc(t));
}

#[test]
fn what_is_apparent_is_evident_and_a_writers_formula_is_no_hedge() {
    // frus1934v03-d74 (1934): "it was apparent that" states a conclusion
    let t = "Although the Ambassador did not say so, it was apparent that the failure of the Soviet to recognize Manchukuo had nothing to do with the infringement by Japan of treaties with other nations.";
    assert!(unc(t).is_empty(), "{:?}", unc(t));
    // frus1934v03-d130 (1934): an "apparent" failure only seems one
    let t = "His feeling of pessimism seemed to be caused in considerable part by the apparent abrupt failure of the renewed negotiations for the sale of the Chinese Eastern Railway.";
    assert!(unc(t).contains(&"apparent".to_string()), "{:?}", unc(t));
    // seed frus1939v03-d58 (Moscow, 1939): "it may be observed that" presents, it doubts nothing
    let text = "In this connection it may be observed that the attacks against Japan which in the past have been characteristic of the Soviet press have recently subsided.";
    let h = hits(text);
    assert!(unc(text).is_empty(), "{:?}", unc(text));
    assert!(!kinds(hit(&h, "attack")).contains(&ModifierKind::Hedged));
}

#[test]
fn each_hit_says_what_kind_of_statement_it_is_in() {
    use crate::score::StatementKind as K;
    let kind = |text: &str, term: &str| hit(&hits(text), term).statement;
    // frus1935v03-d5, frus1933v03-d442, frus1939v01-d500, frus1937v03-d553, frus1938v03-d471
    let cases = [
        (
            "Japanese troops attacked the Soviet frontier post.",
            "attack",
            K::Asserted,
        ),
        (
            "He remarked that the Russians had been afraid of a Japanese attack.",
            "attack",
            K::Feared,
        ),
        (
            "There was no possibility of armed conflict between the Russians and the Japanese.",
            "armed conflict",
            K::Denied,
        ),
        (
            "A truce to terminate the fighting had been signed between Japan and the Soviet Union.",
            "fighting",
            K::Ended,
        ),
        (
            "If Japan should attack the Soviet Union, Britain would stand aside.",
            "attack",
            K::Hypothetical,
        ),
        (
            "Japan advanced proposals concerning the cessation of military operations against the Soviet Union.",
            "military operations",
            K::Proposed,
        ),
        (
            "The Soviet Government is resolved to denounce the treaty and then attack Japan.",
            "attack",
            K::Intended,
        ),
        (
            "The Ambassador said that Soviet troops had attacked the Japanese.",
            "attack",
            K::Reported,
        ),
        (
            "The Japanese Mission confirmed newspaper reports stating that Soviet planes attacked Japanese posts.",
            "attack",
            K::Endorsed,
        ),
        (
            "It is rumored that Soviet troops have attacked the Japanese.",
            "attack",
            K::Doubted,
        ),
        (
            "The treaty provides that neither party would attack the other; Japan and the Soviet Union signed it.",
            "attack",
            K::TreatyTerm,
        ),
        (
            "Should one party become the object of military action by a third power, the other will remain neutral; Japan and the Soviet Union signed it.",
            "military action",
            K::TreatyTerm,
        ),
    ];
    for (text, term, want) in cases {
        assert_eq!(kind(text, term), want, "{text}");
    }
}

#[test]
fn negation_stops_at_the_clause() {
    let text = "Japan has no desire for an immediate war with the Soviet Union, there is grave danger that some incident may occur.";
    let h = hits(text);
    assert!(hit(&h, "war").negated);
    let danger = hit(&h, "danger");
    assert!(!danger.negated, "the comma ends the negator's clause");
    assert!(kinds(danger).contains(&ModifierKind::Intensified));
}

#[test]
fn a_second_that_clause_is_a_clause_of_its_own() {
    // frus1935v03-d5 (Bullitt, Tokyo, 1935): what is "out of the question" is the war, not the
    // negotiations of the clause before "and that"
    let text = "He replied that he was most certainly an advocate of peace and understanding, that he was convinced that the Chinese Eastern Railway negotiations would come to a successful conclusion and that war between Russia and Japan was out of the question.";
    let h = hits(text);
    let negotiations = hit(&h, "negotiation");
    assert!(
        !negotiations.negated && negotiations.weight > 0.0,
        "{negotiations:#?}"
    );
    assert_eq!(negotiations.statement, StatementKind::Hypothetical);
    let war = hit(&h, "war");
    assert!(kinds(war).contains(&ModifierKind::Reversed), "{war:#?}");
}

#[test]
fn not_only_but_asserts_both_halves() {
    // frus1933v03-d506 (1933): the Soviet Ambassador on meeting a Japanese menace
    let text = "Mr. Yureneff however asserted that Soviet Russia is already fully prepared to meet any Japanese menace that may develop at any time, not only in defensive measures but in conducting vigorous offensive operations, on the ground that offense is the best method of defense.";
    let h = hits(text);
    let defense = h
        .iter()
        .find(|h| h.text == "defensive")
        .unwrap_or_else(|| panic!("{h:#?}"));
    assert!(!defense.negated, "{defense:#?}");
    // both halves stand after the sentence's "however", and the "but" contrasts nothing
    for half in [defense, hit(&h, "offensive")] {
        let contrast: Vec<&str> = half
            .modifiers
            .iter()
            .filter(|m| {
                matches!(
                    m.kind,
                    ModifierKind::BeforeContrast | ModifierKind::AfterContrast
                )
            })
            .map(|m| m.term.as_str())
            .collect();
        assert_eq!(contrast, ["however"], "{half:#?}");
    }
    // a "not" after "not only" still negates: the construction of frus1938v03-d482 (Moscow,
    // 1938, "Germany would not only not render material assistance but counseled Japan's
    // moderation"), with a cue in its first half
    let text = "Germany would not only not support the Japanese protest but counseled Japan's moderation in relation to the incident.";
    let h = hits(text);
    assert!(hit(&h, "protest").negated, "{h:#?}");
    assert!(!hit(&h, "incident").negated, "{h:#?}");
}

#[test]
fn what_failed_to_improve_and_grew_worse_is_worsening() {
    // a report in the manner of the Moscow telegrams: the "not" of "not only" is spent on
    // nothing, "failed" ends the improvement, and "grown worse" is worsening
    let text = "Litvinoff told me this afternoon that Russo-Japanese relations had not only failed to improve but had grown worse since the Manchukuoan authorities arrested Soviet employees of the Chinese Eastern Railway.";
    let h = hits(text);
    let improvement = hit(&h, "improvement");
    assert!(
        improvement.negated && improvement.weight < 0.0,
        "{improvement:#?}"
    );
    assert_eq!(
        improvement.statement,
        StatementKind::Ended,
        "{improvement:#?}"
    );
    let worse = hit(&h, "grown worse");
    assert!(worse.weight > 0.0 && !worse.negated, "{worse:#?}");
    assert!(
        !kinds(worse).contains(&ModifierKind::AfterContrast),
        "{worse:#?}"
    );
}

#[test]
fn little_is_a_negative_quantifier() {
    // frus1940v01-d687 (Grew, Tokyo, 1940): no understanding in sight
    let text = "He could see little basis upon which an understanding between the two countries could be reached and he unburdened himself with respect to the vexations and difficulties which confronted him here.";
    let h = hits(text);
    let understanding = hit(&h, "understanding");
    assert!(
        understanding.negated && understanding.statement == StatementKind::Denied,
        "{understanding:#?}"
    );
    // frus1936v04-d98 (Harbin, 1936): "little doubt" is confidence, not doubt
    let text = "Although the Commissioner for Foreign Affairs and the Japanese Consulate General were unable to confirm that the Foreign Office actually gave out the statement, they had little doubt that Kokutsu reported correctly.";
    let doubt = hits(text)
        .into_iter()
        .find(|x| x.term == "doubt")
        .expect("doubt");
    assert!(
        doubt.negated && doubt.statement == StatementKind::Denied,
        "{doubt:#?}"
    );
    // frus1937v03-d600 (1937): "little more than" means "only", and negates nothing
    let text = "With reference to the treaty itself, it may be stated that ostensibly it contains little more than the obligations of non-aggression and non-assistance to aggressors usually found in non-aggression pacts of this type.";
    let aggressors = hits(text)
        .into_iter()
        .find(|x| x.term == "aggressor")
        .expect("aggressor");
    assert!(!aggressors.negated, "{aggressors:#?}");
}

#[test]
fn hedges_feed_uncertainty_and_damp_the_cue() {
    let text = "It is rumoured that a non-aggression pact may soon be signed by Moscow and Tokyo.";
    let h = hits(text);
    let pact = hit(&h, "non-aggression pact");
    assert_eq!(pact.dimension, Dimension::Rapprochement);
    assert!(kinds(pact).contains(&ModifierKind::Hedged));
    assert!(pact.weight < pact.base_weight);
    assert_eq!(pact.actors, vec!["soviet_union", "japan"]);
    let unc: Vec<&str> = h
        .iter()
        .filter(|x| x.dimension == Dimension::Uncertainty)
        .map(|x| x.term.as_str())
        .collect();
    assert!(unc.contains(&"rumour") && unc.contains(&"may"), "{unc:?}");
}

#[test]
fn a_modal_hedges_its_own_clause_and_what_follows_not_what_went_before() {
    // frus1934v03-d52 (Bullitt, 1934): the fear of an attack is stated before "but", the coup
    // that "might" come after it
    let text = "Litvinov said that he was less apprehensive of an immediate Japanese attack than he had been in December but that the Japanese Government might be overthrown and replaced by extreme Fascist government which might decide to attack the Soviet Union.";
    let h = hits(text);
    let attacks: Vec<&Hit> = h.iter().filter(|x| x.term == "attack").collect();
    assert_eq!(attacks.len(), 2, "{h:#?}");
    assert!(!kinds(attacks[0]).contains(&ModifierKind::Hedged));
    assert_eq!(attacks[0].statement, StatementKind::Feared);
    assert!(kinds(attacks[1]).contains(&ModifierKind::Hedged));
    assert_eq!(attacks[1].statement, StatementKind::Doubted);
    assert!(kinds(hit(&h, "fascist")).contains(&ModifierKind::Hedged));
    // an evidential bears on the whole sentence wherever it stands, a modal only from its
    // clause on (frus1938v03-d463)
    let h = hits(
        "Whether the motive was to divert Japanese forces from operations against China, as has been suggested, or some other, the Soviets have apparently precipitated a situation which may become impossible either for the Soviet Union or Japan to control.",
    );
    let hedge = |term: &str| {
        let m = hit(&h, term)
            .modifiers
            .iter()
            .find(|m| m.kind == ModifierKind::Hedged);
        m.map(|m| m.term.clone())
    };
    assert_eq!(hedge("force").as_deref(), Some("apparently"), "{h:#?}");
    // and a modal's reach ends at "but" (frus1938v03-d467, London, 1938)
    let text = "The Times says Russia may have wished to make a diversion in the north to relieve the pressure on the Chinese but this explanation is weakened by two considerations: (1) The Japanese have for some weeks past been reinforcing on the frontier, and (2) that the self-contained expedition now advancing on Hankow would hardly be much affected by a flurry in the north.";
    let h = hits(text);
    let reinforcing = hit(&h, "reinforcements");
    assert!(
        !kinds(reinforcing).contains(&ModifierKind::Hedged),
        "{reinforcing:#?}"
    );
}

#[test]
fn no_doubt_is_negated_uncertainty() {
    let text = "There is no doubt that the Kremlin is doing whatever it can to utilize the communist armies against Japan.";
    let h = hits(text);
    let d = hit(&h, "doubt");
    assert!(d.negated && d.weight < 0.0);
}

#[test]
fn reversal_and_double_negation() {
    // seed 002: the attacks have subsided
    let text = "the attacks against Japan which in the past have been characteristic of the Soviet press have recently subsided";
    let h = hits(text);
    let a = hit(&h, "attack");
    assert!(
        a.negated && kinds(a).contains(&ModifierKind::Reversed),
        "{a:#?}"
    );
    // seed 003: nothing has occurred to diminish the bitterness -> the bitterness stands
    let text = "Nothing has occurred to diminish in any degree the disillusionment and bitterness occasioned in Moscow by the conclusion of the German-Japanese pact.";
    let h = hits(text);
    let b = hit(&h, "bitterness");
    assert!(!b.negated, "{b:#?}");
    assert!(b.weight > 0.0);
    // the negator is spent on the reverser, not on the cue after it
    let d = hit(&h, "disillusionment");
    assert!(!d.negated && d.weight > 0.0, "{d:#?}");
    let text = "The Soviet Ambassador said that his Government had no intention of breaking off the negotiations with Japan.";
    let h = hits(text);
    let n = hit(&h, "negotiation");
    assert!(!n.negated && n.weight > 0.0, "{n:#?}");
}

#[test]
fn an_alignment_eliminated_is_an_alignment_ended() {
    // frus1940v01-d699 (Steinhardt, Moscow, 1940)
    let text = "It will be recalled in this connection that one of the chief advantages which the Soviet Union obtained through the nonaggression pact with Germany last August was the elimination of German-Japanese cooperation directed against the Soviet Union.";
    let h = hits(text);
    let cooperation = hit(&h, "cooperation");
    assert!(kinds(cooperation).contains(&ModifierKind::Alignment));
    assert!(
        kinds(cooperation).contains(&ModifierKind::Reversed),
        "{cooperation:#?}"
    );
    assert_eq!(cooperation.statement, StatementKind::Ended);
}

#[test]
fn a_reverser_reaches_what_the_ended_cue_governs() {
    // frus1934v03-d130 (Grew, Tokyo, 1934): the failed negotiations end the sale they were for
    let text = "His feeling of pessimism seemed to be caused in considerable part by the apparent abrupt failure of the renewed negotiations for the sale of the Chinese Eastern Railway and for this reason it is believed desirable to report certain circumstances attendant upon the resumption of the Sale Conference.";
    let h = hits(text);
    for term in ["negotiation", "sale of the chinese eastern railway"] {
        let x = hit(&h, term);
        assert!(kinds(x).contains(&ModifierKind::Reversed), "{x:#?}");
        assert_eq!(x.statement, StatementKind::Ended);
    }
}

#[test]
fn third_party_sentences_count_less() {
    // no participant of its own: the sentence names a third party and not both sides
    let text = "Relations between Japan and the Soviet Union were quiet. The Chinese press was full of talk of war.";
    let h = hits(text);
    let w = hit(&h, "war");
    assert!(w.participants.is_empty(), "{w:#?}");
    let off = w
        .modifiers
        .iter()
        .find(|m| m.kind == ModifierKind::OffDyad)
        .unwrap();
    assert_eq!(off.factor, rules::dyad_weight::THIRD_PARTY);
    // with a participant of its own, the cue is that pair's: "the war in China"
    let text = "Relations between Japan and the Soviet Union were quiet. Soviet Russian aid to China continued and the war in China went on.";
    let h = hits(text);
    let w = hit(&h, "war");
    assert_eq!(w.participants, vec!["china"]);
    assert!(kinds(w).contains(&ModifierKind::OtherPair), "{w:#?}");
}

#[test]
fn a_name_with_a_nations_word_in_it_names_no_third_party() {
    // frus1935v03-d5 (Bullitt, 1935): Hirota on the railway sale talks with the Soviet Union;
    // the Chinese Eastern Railway is a railway, and China is no party to this sentence
    let text = "He replied that he was most certainly an advocate of peace and understanding, that he was convinced that the Chinese Eastern Railway negotiations would come to a successful conclusion and that war between Russia and Japan was out of the question.";
    let h = hits(text);
    let n = hit(&h, "negotiation");
    assert!(!kinds(n).contains(&ModifierKind::OtherPair), "{n:#?}");
    assert!(!kinds(n).contains(&ModifierKind::OffDyad), "{n:#?}");
    // "Chinese" alone still names China
    let text = "He was convinced that the Chinese negotiations would come to a successful conclusion and that war between Russia and Japan was out of the question.";
    let h = hits(text);
    assert!(
        kinds(hit(&h, "negotiation")).contains(&ModifierKind::OtherPair),
        "{h:#?}"
    );
}

#[test]
fn a_compound_runs_into_the_two_word_name_after_it() {
    // frus1936v04-d98 (Harbin, 1936): an agreement between the Soviet Union and its ally is
    // another pair's business, and the agreement named next refers back to it
    let text = "I have the honor to attach hereto a copy of a Kokutsu despatch from Hsinking dated April 6, 1936, containing a translation of a statement concerning the reported Soviet-Outer Mongolian agreement. The statement first assumes that in making the agreement, Soviet Russia broke Article V of the Sino-Soviet Agreement of 1924 regarding China's territorial integrity.";
    let h = hits(text);
    let first = hit(&h, "agreement");
    assert_eq!(
        first.participants,
        ["soviet_union", "outer_mongolia"],
        "{first:#?}"
    );
    assert!(
        kinds(first).contains(&ModifierKind::OtherPair),
        "{first:#?}"
    );
    let second = h
        .iter()
        .filter(|x| x.term == "agreement")
        .nth(1)
        .unwrap_or_else(|| panic!("{h:#?}"));
    assert!(
        kinds(second).contains(&ModifierKind::OtherPair),
        "{second:#?}"
    );
}

#[test]
fn combining_forms_name_their_state_and_allies_fight_together() {
    // frus1938v03-d236 (1938): "Russo-" names the Soviet Union, so the war is the dyad's
    let text = "From the point of view of the Chinese Reds the most advantageous moment for a Russo-Japanese war would be after the Japanese capture of Wuhan when the Central Government may be expected to be critically weakened.";
    let h = hits(text);
    let war = hit(&h, "war");
    assert_eq!(war.participants, ["soviet_union", "japan"], "{war:#?}");
    assert!(!kinds(war).contains(&ModifierKind::OffDyad), "{war:#?}");
    // the same compound printed with an en dash
    let h = hits(&text.replace("Russo-Japanese", "Russo\u{2013}Japanese"));
    assert_eq!(
        hit(&h, "war").participants,
        ["soviet_union", "japan"],
        "{h:#?}"
    );
    // frus1936v04-d83 (Moscow, 1936): Japanese and Manchukuoan detachments are one side's
    // forces, not a pair of their own; the sentence names whom they fight
    let text = "The Soviet press this morning reports that fighting is in progress between \u{201c}Japano-Manchurian detachments and forces of the Mongolian People's Republic\u{201d} and alleges that the fighting is taking place at a point 45 kilometers inside Mongolian territory.";
    let h = hits(text);
    let d = hit(&h, "detachments");
    assert_eq!(d.participants, ["japan", "manchukuo"], "{d:#?}");
    assert!(!kinds(d).contains(&ModifierKind::OtherPair), "{d:#?}");
    assert!(!kinds(d).contains(&ModifierKind::OffDyad), "{d:#?}");
}

#[test]
fn a_cause_is_no_target() {
    // frus1934v03-d52 (Moscow, 1934): the pact was to be Chinese-Soviet; "because of fear of
    // the Japanese" gives the cause, not a party
    let text = "Litvinov who is still ill received me in his bedroom this afternoon. He told me that Chiang Kai-shek had stopped the negotiations with the Soviet Union for a pact of nonaggression because of fear of the Japanese.";
    let h = hits(text);
    let p = hit(&h, "pact of nonaggression");
    assert_eq!(p.participants, ["soviet_union", "china"], "{p:#?}");
    assert!(kinds(p).contains(&ModifierKind::OtherPair), "{p:#?}");
}

#[test]
fn the_other_sides_militarists_are_the_vocabulary_of_hostility() {
    // frus1938v03-d461 (Moscow, 1938): the Soviet press on the Changkufeng fighting
    let text = "They suggest that the above mentioned accounts have been purposely spread by the Japanese militarists in order to justify their repeated attacks on Soviet territory and the enormous losses which they are suffering.";
    let h = hits(text);
    let m = hit(&h, "militarist");
    assert_eq!(m.dimension, Dimension::Hostility, "{m:#?}");
    assert!(m.weight > 0.0 && !m.negated, "{m:#?}");
    assert_eq!(m.participants, ["japan"], "{m:#?}");
}

#[test]
fn korea_stands_on_japans_side() {
    // frus1938v03-d459 (Tokyo, 1938): the Foreign Office spokesman on Soviet incursions
    let text = "Mr. Suma said that according to latest reports Soviet airplanes had made incursions into Korean territory.";
    let h = hits(text);
    let i = hit(&h, "incursion");
    assert_eq!(i.participants, ["soviet_union", "korea"], "{i:#?}");
    assert!(!kinds(i).contains(&ModifierKind::OffDyad), "{i:#?}");
    assert!(!kinds(i).contains(&ModifierKind::OtherPair), "{i:#?}");
}

#[test]
fn a_sentence_after_one_on_a_third_party_does_not_borrow_its_side() {
    // frus1938v03-d201 (Bullitt, Paris, 1938): the Japanese divisions' losses follow a sentence
    // on Soviet arms for China; that is China's war, and the Soviet Union named there does not
    // make the artillery Soviet-Japanese
    let text = "Sun Fo who returned to Paris recently from Moscow said to me that his negotiations in Moscow had been most successful. The Soviet Government had promised to continue to supply China with arms and munitions on credit. He asserted that six Japanese divisions had lost all their heavy artillery and tanks as a result of the Yellow River inundations.";
    let h = hits(text);
    let off = hit(&h, "artillery")
        .modifiers
        .iter()
        .find(|m| m.kind == ModifierKind::OffDyad)
        .map(|m| m.factor);
    assert_eq!(off, Some(rules::dyad_weight::CONTEXT), "{h:#?}");
}

#[test]
fn concessive_clause_is_conceded() {
    let text = "Although the Soviet Government is confident that the pact will be ratified within the next few days, it has grave doubts with respect to French dependability.";
    let h = hits(text);
    let pact = hit(&h, "pact");
    assert!(
        kinds(pact).contains(&ModifierKind::BeforeContrast),
        "{pact:#?}"
    );
}

#[test]
fn offsets_point_into_the_original_text() {
    let text = include_str!("../../../shared/seeds/004_5d10813698d0fa4d.txt");
    let h = hits(text);
    assert!(h.len() > 20);
    for x in &h {
        let written = &text[x.start as usize..x.end as usize];
        assert_eq!(collapse(written), x.text);
        assert_eq!(&x.context[x.context_match.range()], x.text);
    }
    let bi = hit(&h, "border incident");
    assert_eq!(
        &text[bi.start as usize..bi.end as usize],
        "border incidents"
    );
}

#[test]
fn scores_follow_the_formula_and_are_finite() {
    let a = analyzer();
    let mut ws = Workspace::default();
    for f in [
        "000_20e20530329bb00a.txt",
        "001_e38c27670da1ab01.txt",
        "002_f7dd297497f529c9.txt",
        "003_fe2760461df57255.txt",
        "004_5d10813698d0fa4d.txt",
    ] {
        let path = format!("{}/../shared/seeds/{f}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let s = a.score(&Document::new(f, text), &mut ws, false);
        for v in s.scores.to_array().iter().chain(&s.features.values) {
            assert!(v.is_finite());
        }
        assert!(
            (s.scores.tension
                - round6(tension(
                    s.scores.hostility,
                    s.scores.rapprochement,
                    s.features.get("hostility_level").unwrap()
                )))
            .abs()
                < 1e-9
        );
        let iv = s.interval;
        assert!(iv.tension.low <= s.scores.tension && s.scores.tension <= iv.tension.high);
        assert!(iv.hostility.low <= s.scores.hostility && s.scores.hostility <= iv.hostility.high);
    }
}

#[test]
fn empty_and_odd_documents() {
    let a = analyzer();
    let mut ws = Workspace::default();
    for t in ["", "   ", ".", "[Page 3]", &"x".repeat(10_000)] {
        let s = a.score(&Document::new("odd", t), &mut ws, true);
        assert_eq!(s.scores.hostility, 0.0);
        assert_eq!(s.scores.tension, TENSION_BASE);
    }
}

#[test]
fn presupposition_survives_negation() {
    let text = "Litvinov stated that the Soviet Government could agree to no cessation of hostilities until the Japanese troops had withdrawn.";
    let h = hits(text);
    let term = "cessation of hostilities";
    assert_eq!(h.iter().filter(|x| x.term == term).count(), 2, "{h:#?}");
    let rap = hit_in(&h, term, Dimension::Rapprochement);
    let hos = hit_in(&h, term, Dimension::Hostility);
    assert!(rap.negated && rap.weight < 0.0);
    assert!(!hos.negated && hos.weight > 0.0);
    assert!(kinds(hos).contains(&ModifierKind::Presupposed));
    // a cessation of hostilities presupposes fighting, not a mere dispute
    assert_eq!(hos.level, Some(8.0));
    assert_eq!(rap.level, None);
    assert_eq!((hos.start, hos.end), (rap.start, rap.end));
}

#[test]
fn a_border_commission_presupposes_the_frontier_disputes_it_settles() {
    // frus1938v03-d481 (Moscow, 1938)
    let text = "I understand that in the course of the negotiations between Litvinov and the Japanese Ambassador during the past few days an agreement was reached as to delegates of the Boundary Commission to discuss the frontier in the region of Lake Khasan.";
    let h = hits(text);
    let term = "boundary commission";
    assert_eq!(h.iter().filter(|x| x.term == term).count(), 2, "{h:#?}");
    let hos = hit_in(&h, term, Dimension::Hostility);
    assert!(kinds(hos).contains(&ModifierKind::Presupposed));
    // a standing strain on the frontier, not fighting
    assert_eq!(hos.level, Some(6.0));
}

/// Hearsay in the passive ("is said to have declined", frus1938v03-d460) damps the cue it
/// reports, as "it is said" does.
#[test]
fn passive_hearsay_is_a_hedge() {
    let text = "The Soviet official, however, is said to have declined to discuss the matter with the Japanese representative stating that the matter was too serious to be discussed between subordinates.";
    let h = hits(text);
    let declined = hit(&h, "declined to");
    assert!(
        kinds(declined).contains(&ModifierKind::Hedged),
        "{declined:#?}"
    );
    assert!(
        h.iter()
            .any(|x| x.term == "is said to" && x.dimension == Dimension::Uncertainty)
    );
}

/// A contested claim relayed by the writer is a sign of uncertainty of its own, besides
/// damping the cues it reports (seed 000, Henderson 1936).
#[test]
fn contested_claims_add_uncertainty() {
    let text = "He indicated vaguely and indefinitely that his Government was more apprehensive than it had been with regard to German designs upon the Soviet Union, but, as he always does, insisted that Russia had nothing to fear because of her own completely satisfactory national defense situation.";
    let h = hits(text);
    let insisted = hit(&h, "insisted");
    assert_eq!(insisted.dimension, Dimension::Uncertainty);
    assert_eq!(insisted.base_weight, 0.5);
    // a plain reporting verb is not
    let h = hits("Litvinov stated that the Soviet Government would not recede.");
    assert!(h.iter().all(|x| x.term != "stated"), "{h:#?}");
}

/// The trend: fighting reads as relations getting worse, more than a protest does; a truce
/// that ended the fighting (frus1938v03-d476) as relations getting better.
#[test]
fn trend_follows_what_the_report_says_is_changing() {
    let a = analyzer();
    let mut ws = Workspace::default();
    let trend_of = |ws: &mut Workspace, text: &str| {
        let s = a.score(&Document::new("t", text), ws, false);
        s.features.get("trend").unwrap()
    };
    let fighting = trend_of(
        &mut ws,
        "Japanese forces yesterday repelled Russian forces which penetrated Manchurian territory north of disputed position, and in addition after batteries newly established at this point opened fire on them. Russian heavy tanks also were in action. This morning same batteries shelled Korean village across Tumen and exchange artillery fire is in progress, seven Japanese casualties up to last night.",
    );
    let protest = trend_of(
        &mut ws,
        "I understand that the messages received by the Japanese Ambassador yesterday instructed him to protest in person to Litvinov against the violation of Manchurian territory by Soviet troops and to resume discussion on the general controversy.",
    );
    let truce = trend_of(
        &mut ws,
        "Tass communiqué issued last night states that as agreed between the Soviet Union and Japan on August 10 hostilities in the zone of Lake Khasan ceased on August 11 at 13:30 local time. The first meeting of military representatives of both sides for the purpose of fixation of the position of troops took place south of Height Zaozernaya (Changkufeng) on the evening of August 11.",
    );
    assert!(fighting < -1.0, "{fighting}");
    assert!(
        fighting < protest && protest < 0.0 + 1e-9,
        "{fighting} {protest}"
    );
    assert!(truce > 0.5, "{truce}");
    assert!((-2.0..=2.0).contains(&fighting) && (-2.0..=2.0).contains(&truce));
    assert_eq!(trend(0.0, 0.0), 0.0);
    assert!((trend(50.0, 0.0) - 2.0 * 1f64.tanh()).abs() < 1e-12);
}

/// A title that holds a cue is not one: "the War Office" (the Japanese War Office in
/// frus1938v03-d458) reports no war, while "war" alone still counts.
#[test]
fn titles_hold_no_cue() {
    let h = hits(
        "In response to inquiry by us, the Foreign Office and the War Office both stated that all information received in official Japanese quarters has been made available to: the press.",
    );
    assert!(
        h.iter().all(|x| x.dimension != Dimension::Hostility),
        "{h:#?}"
    );
    let h = hits(
        "It is determined, however, not to be provoked into a war as long as these incidents do not constitute a serious invasion of Soviet territory.",
    );
    assert!(h.iter().any(|x| x.term == "war"), "{h:#?}");
}

#[test]
fn tension_formula() {
    // no hostility: "correct but cool", whatever its level
    assert_eq!(tension(0.0, 0.0, 8.0), 3.0);
    // tension heads for the level of the conflict reported, and gets there with its amount
    assert!((tension(25.0, 0.0, 8.0) - (3.0 + 5.0 * (1.0 - (-1f64).exp()))).abs() < 1e-12);
    assert!(tension(40.0, 0.0, 8.0) < tension(60.0, 0.0, 8.0));
    assert!(tension(1e9, 0.0, 5.0) <= 5.0 && tension(1e9, 0.0, 10.0) == 10.0);
    // the same amount of a graver kind of conflict is more tense
    assert!(tension(30.0, 0.0, 5.0) < tension(30.0, 0.0, 7.0));
    // rapprochement lowers tension by 0.5 ln(1 + R/10)
    assert!((tension(0.0, 40.0, 3.0) - (3.0 - 0.5 * 5f64.ln())).abs() < 1e-12);
    assert!(tension(10.0, 10.0, 7.0) < tension(10.0, 0.0, 7.0));
    assert_eq!(tension(0.0, 1e12, 3.0), 0.0);
}

/// The level of the conflict a report describes sets where its tension heads: a protest
/// (frus1938v03-d460) against a report of fighting (frus1938v03-d453).
#[test]
fn fighting_is_more_tense_than_protest() {
    let a = analyzer();
    let mut ws = Workspace::default();
    let protest = "I understand that the messages received by the Japanese Ambassador yesterday \
        instructed him to protest in person to Litvinov against the violation of Manchurian \
        territory by Soviet troops and to resume discussion on the general controversy. The \
        Soviet official, however, is said to have declined to discuss the matter with the \
        Japanese representative stating that the matter was too serious to be discussed between \
        subordinates.";
    let fighting = "Japanese forces yesterday repelled Russian forces which penetrated Manchurian \
        territory north of disputed position, and in addition after batteries newly established \
        at this point opened fire on them. Russian heavy tanks also were in action. This morning \
        same batteries shelled Korean village across Tumen and exchange artillery fire is in \
        progress, seven Japanese casualties up to last night.";
    let p = a.score(&Document::new("p", protest), &mut ws, true);
    let f = a.score(&Document::new("f", fighting), &mut ws, true);
    let level = |s: &DocScore| s.features.get("hostility_level").unwrap();
    assert!(level(&p) < 6.5, "{} {:#?}", level(&p), p.hits);
    assert!(level(&f) > 7.0, "{} {:#?}", level(&f), f.hits);
    // at the protest's amount of hostility, the fighting's level would be more tense
    let (h, r) = (p.scores.hostility, p.scores.rapprochement);
    assert!(tension(h, r, level(&f)) > p.scores.tension + 1.0);
    assert!(f.scores.tension > p.scores.tension);
    // every hostility hit says its level; other dimensions have none
    for h in p.hits.iter().chain(&f.hits).flatten() {
        assert_eq!(
            h.level.is_some(),
            h.dimension == Dimension::Hostility,
            "{h:?}"
        );
    }
    assert_eq!(hit(f.hits.as_ref().unwrap(), "artillery").level, Some(8.0));
    assert_eq!(
        hit(p.hits.as_ref().unwrap(), "protest").level,
        Some(DEFAULT_LEVEL)
    );
}

/// Denied fighting does not make a document read like a battle report: only hostility the
/// writer reports (a positive weight) counts toward the level.
#[test]
fn denied_fighting_does_not_raise_the_level() {
    let a = analyzer();
    let mut ws = Workspace::default();
    let text = "The Japanese Government lodged a protest with the Soviet Government. \
        There has been no fighting between Soviet and Japanese troops.";
    let s = a.score(&Document::new("d", text), &mut ws, true);
    let hits = s.hits.as_ref().unwrap();
    assert!(hit(hits, "fighting").weight < 0.0, "{hits:?}");
    assert!(s.features.get("hostility_level").unwrap() < 7.0, "{hits:?}");
}

#[test]
fn dyad_resolution() {
    let lex = Lexicon::builtin().unwrap();
    let d = Dyad::parse("Soviet Union,Japan", &lex).unwrap();
    let mongolia = lex.find_actor("outer_mongolia").unwrap();
    let manchukuo = lex.find_actor("Manchukuo").unwrap();
    assert!(d.a_mask & (1 << mongolia) != 0);
    assert!(d.b_mask & (1 << manchukuo) != 0);
    assert!(
        Dyad::parse("Japan", &lex)
            .unwrap_err()
            .message
            .contains("two actors")
    );
    assert!(
        Dyad::parse("Japan,Atlantis", &lex)
            .unwrap_err()
            .message
            .contains("unknown actor \"Atlantis\"")
    );
    assert!(Dyad::parse("China,Japan", &lex).is_ok());
}

/// Several dyads: a pair given twice is refused by any of its names, in either order; an
/// actor on the other's side is that side by itself.
#[test]
fn several_dyads_resolve_each_pair_once() {
    let lex = Lexicon::builtin().unwrap();
    let d = Dyad::parse_all(&["Soviet Union,Japan", "Japan,China"], &lex).unwrap();
    assert_eq!(
        d.iter().map(|d| d.label.as_str()).collect::<Vec<_>>(),
        ["Soviet Union–Japan", "Japan–China"]
    );
    let e = Dyad::parse_all(&["Soviet Union,Japan", "japan,soviet_union"], &lex).unwrap_err();
    assert!(
        e.message.contains(
            "\"japan,soviet_union\" names the same pair as --dyad \"Soviet Union,Japan\""
        ),
        "{}",
        e.message
    );
    let e = Dyad::parse_all(&["Soviet Union,Japan", "Japan,Mars"], &lex).unwrap_err();
    assert!(
        e.message
            .starts_with("unknown actor \"Mars\" in --dyad \"Japan,Mars\""),
        "{}",
        e.message
    );
    assert!(Dyad::parse_all::<&str>(&[], &lex).is_err());
    // Manchukuo is on Japan's side, but as the other side of a dyad it is only itself
    let jm = Dyad::parse("Japan,Manchukuo", &lex).unwrap();
    let manchukuo = 1u64 << lex.find_actor("Manchukuo").unwrap();
    assert_eq!(jm.a_mask & jm.b_mask, 0);
    assert_eq!(jm.b_mask, manchukuo);
    assert!(jm.a_mask & (1 << jm.a) != 0);
}

/// Scoring a document for several dyads at once gives, dyad by dyad, what an analyzer of that
/// dyad alone gives (the words are read once and shared), plus the dyad's label.
#[test]
fn several_dyads_score_as_each_alone() {
    let pairs = ["Soviet Union,Japan", "Japan,China", "Germany,Soviet Union"];
    let both = Analyzer::with_dyads(Lexicon::builtin().unwrap(), &pairs).unwrap();
    let alone: Vec<Analyzer> = pairs
        .iter()
        .map(|p| Analyzer::new(Lexicon::builtin().unwrap(), p).unwrap())
        .collect();
    let docs = crate::corpus::bundled();
    let all = both.score_all(&docs, true);
    assert_eq!(all.len(), docs.len() * pairs.len());
    let mut ws = Workspace::default();
    for (i, doc) in docs.iter().enumerate() {
        for (k, a) in alone.iter().enumerate() {
            let got = &all[i * pairs.len() + k];
            let want = a.score(doc, &mut ws, true);
            assert_eq!(got.dyad.as_deref(), Some(a.dyad().label.as_str()));
            assert_eq!(
                DocScore {
                    dyad: None,
                    ..got.clone()
                },
                want,
                "{} {}",
                doc.id,
                pairs[k]
            );
        }
        // and the sentences, dyad after dyad
        let sentences = both.score_sentences(doc, &mut ws);
        let single: Vec<_> = alone
            .iter()
            .flat_map(|a| a.score_sentences(doc, &mut ws))
            .collect();
        assert_eq!(sentences.len(), single.len());
        for (s, t) in sentences.iter().zip(&single) {
            assert!(s.dyad.is_some() && t.dyad.is_none());
            assert_eq!(
                (&s.hits, s.hostility, s.tension),
                (&t.hits, t.hostility, t.tension)
            );
        }
    }
    // the pairs differ somewhere: each dyad is really scored for itself
    assert!(
        all.chunks(pairs.len())
            .any(|c| c[0].scores.hostility != c[1].scores.hostility)
    );
}

#[test]
fn same_result_alone_or_in_a_corpus() {
    let a = analyzer();
    let d1 = Document::new(
        "a",
        "The border incidents were grave. No agreement was reached between Moscow and Tokyo.",
    );
    let d2 = Document::new(
        "b",
        "A neutrality pact was signed by Japan and the Soviet Union.",
    );
    let alone = a.score(&d1, &mut Workspace::default(), true);
    let both = a.score_all(&[d2.clone(), d1.clone(), d2], true);
    assert_eq!(alone, both[1]);
}

/// A document that says nothing about the dyad has no tension; one that does, has.
#[test]
fn relevance_nulls_tension_without_dyad_content() {
    let a = analyzer();
    let mut ws = Workspace::default();
    let off = "The Chinese Government protested to the British Embassy. Trade with Germany grew.";
    let d = a.score(&Document::new("off", off), &mut ws, false);
    assert!(
        d.relevance < RELEVANCE_MIN && d.tension().is_none(),
        "{d:#?}"
    );
    let json = serde_json::to_value(&d).unwrap();
    assert!(json["tension"].is_null() && json["relevance"].is_number());
    let on = "The Soviet Government protested to Japan against the border incident.";
    let d = a.score(&Document::new("on", on), &mut ws, false);
    assert!(
        d.is_relevant() && d.tension() == Some(d.scores.tension),
        "{d:#?}"
    );
}

/// Who acts on whom: a cue's participants decide which relationship it is about.
mod participants {
    use super::*;

    #[test]
    fn a_compound_naming_another_pair_takes_the_cue_off_the_dyad() {
        // frus1939v03-d239 (Chungking, 1939)
        let text = "Rumors here to the effect that Russia is trying to settle the Sino-Japanese conflict through negotiation have increased in Japan.";
        let h = hits(text);
        let conflict = hit(&h, "conflict");
        assert_eq!(conflict.participants, vec!["japan", "china"]);
        assert!(
            kinds(conflict).contains(&ModifierKind::OtherPair),
            "{conflict:#?}"
        );
        let m = conflict
            .modifiers
            .iter()
            .find(|m| m.kind == ModifierKind::OtherPair);
        assert_eq!(m.map(|m| m.factor), Some(rules::OTHER_PAIR));
    }

    #[test]
    fn between_the_two_sides_counts_in_full_whatever_else_the_sentence_names() {
        // frus1939v01-d500 (Moscow, 1939): the sentence names Manchukuo and Outer Mongolia too
        let text = "A truce to terminate the fighting on the Mongolian-Manchurian frontier had been signed in Moscow between Japan and the Soviet Union on September 15, 1939.";
        let h = hits(text);
        let truce = hit_in(&h, "truce", Dimension::Rapprochement);
        assert_eq!(truce.participants, vec!["soviet_union", "japan"]);
        assert!(!kinds(truce).contains(&ModifierKind::OffDyad));
        // a war between China and Japan is that pair's war, however the sentence is built
        let text = "The Soviet Ambassador spoke of the war between China and Japan.";
        let war = hits(text)
            .into_iter()
            .find(|h| h.term == "war")
            .expect("war");
        assert_eq!(war.participants, vec!["japan", "china"]);
        assert!(kinds(&war).contains(&ModifierKind::OtherPair));
    }

    #[test]
    fn an_agent_and_a_target_make_the_pair() {
        let text = "The Japanese Ambassador protested to the Soviet Government against the seizure of the vessel.";
        let h = hits(text);
        let protest = hit(&h, "protest");
        assert_eq!(protest.participants, vec!["soviet_union", "japan"]);
        assert!(
            protest.weight > 0.0 && kinds(protest).is_empty(),
            "{protest:#?}"
        );
        let text = "Japanese troops launched an attack upon Chinese positions near Hankow.";
        let attack = hits(text)
            .into_iter()
            .find(|h| h.term == "attack")
            .expect("attack");
        assert!(
            kinds(&attack).contains(&ModifierKind::OtherPair),
            "{attack:#?}"
        );
    }

    #[test]
    fn the_object_of_a_nominalization_is_its_target() {
        // frus1939v03-d239 (Chungking, 1939): the sentence names both sides ("Sino-Japanese",
        // "the Soviet Government"), but the invasion is of Poland
        let text = "The Chinese Government had not asked the Soviet Government for a definition of its attitude toward the Sino-Japanese conflict following the Soviet invasion of Poland.";
        let h = hits(text);
        let invasion = hit(&h, "invasion");
        assert_eq!(invasion.participants, vec!["soviet_union", "poland"]);
        assert!(
            kinds(invasion).contains(&ModifierKind::OtherPair),
            "{invasion:#?}"
        );
        // an invasion of the other side is the dyad's
        let text = "The Soviet Government feared a Japanese invasion of the Maritime Province.";
        let h = hits(text);
        let invasion = hit(&h, "invasion");
        assert_eq!(invasion.participants, vec!["soviet_union", "japan"]);
        assert!(!kinds(invasion).contains(&ModifierKind::OtherPair));
    }

    #[test]
    fn where_an_event_takes_place_is_its_arena() {
        // frus1932v04-d8 (Geneva, 1932): Litvinov's reply to the League names no Soviet-Japanese
        // fighting; the armed conflicts "taking place in China" are China's
        let text = "The Soviet Government would be disposed to give all possible aid to the work of any commission that would be sincerely actuated by a desire to make clear the actual state of affairs in Manchuria and which would really desire to put an end to the armed conflicts which are taking place in China.";
        let h = hits(text);
        let conflict = hit(&h, "armed conflict");
        assert_eq!(conflict.participants, vec!["china"]);
        assert!(
            kinds(conflict).contains(&ModifierKind::OtherPair),
            "{conflict:#?}"
        );
    }

    #[test]
    fn a_reciprocal_names_the_parties_before_it() {
        // frus1939v03-d60 (Grew, Tokyo, 1939): the German-Soviet treaty, not a Soviet-Japanese one
        let text = "Sir: Although Tokyo was no more than a secondary focal point in the series of events beginning with the announcements of August 21, 1939 by the German and Soviet Governments of their intention to conclude between themselves a treaty of non-aggression, it would need a more facile hand than mine to do justice to the dramatic elements in the effects of those events on Japan.";
        let h = hits(text);
        let treaty = hit(&h, "treaty");
        assert_eq!(treaty.participants, vec!["soviet_union", "germany"]);
        assert!(
            kinds(treaty).contains(&ModifierKind::OtherPair),
            "{treaty:#?}"
        );
    }

    #[test]
    fn an_anti_compound_names_whom_an_alignment_is_aimed_at() {
        // frus1941v01-d332 (1941): the agreement is aimed at the Comintern, not made with it
        let text = "The Japanese Government proposed that there should be concluded an anti-Comintern agreement between the two countries in consonance with the spirit of the anti-Comintern Agreement between Japan, Germany and Italy.";
        let h = hits(text);
        let agreements: Vec<&Hit> = h.iter().filter(|h| h.term == "agreement").collect();
        assert_eq!(agreements.len(), 2, "{h:#?}");
        for a in &agreements {
            assert_eq!(a.dimension, Dimension::Hostility, "{a:#?}");
            assert!(kinds(a).contains(&ModifierKind::Alignment), "{a:#?}");
            assert!(!a.participants.contains(&"soviet_union".to_string()));
            // an alliance against a state is a threat to it
            assert_eq!(a.level, Some(rules::ALIGNMENT_LEVEL));
        }
        assert_eq!(
            agreements[1].participants,
            vec!["japan", "germany", "italy"]
        );
        // the compound names the alignment's aim, which the alignment counts: not twice
        let anti: Vec<&Hit> = h.iter().filter(|h| h.term == "anti-comintern").collect();
        assert_eq!(anti.len(), 2, "{h:#?}");
        for (a, agreement) in anti.iter().zip(&agreements) {
            assert_eq!(a.weight, 0.0, "{a:#?}");
            let m = a
                .modifiers
                .iter()
                .find(|m| m.kind == ModifierKind::Alignment);
            assert_eq!(m.map(|m| (m.start, m.factor)), Some((agreement.start, 0.0)));
        }
    }

    #[test]
    fn an_understanding_of_a_matter_and_to_accord_are_no_agreement() {
        // frus1934v03-d130 (Grew, Tokyo, 1934)
        let text = "It is believed that these circumstances should contribute to an understanding of (the expected reaction in Japan when the failure of negotiations becomes generally known.";
        let h = hits(text);
        assert!(
            h.iter()
                .all(|x| x.dimension != Dimension::Rapprochement || x.term != "understanding"),
            "{h:#?}"
        );
        // the failed negotiations still count, as ended
        assert_eq!(hit(&h, "negotiation").statement, StatementKind::Ended);
        // nor is the verb "to accord" an accord (frus1938v03-d484, Moscow, 1938)
        let h = hits("(1) to accord most-favored-nation treatment to each other\u{2019}s Consuls;");
        assert!(h.iter().all(|x| x.term != "accord"), "{h:#?}");
    }

    #[test]
    fn the_materiel_of_war_is_no_fighting() {
        // frus1941v04-d292 (Tokyo, 1941)
        let text = "The Soviet Government in its reply stated that it was of no concern to the Soviet Government where Japan obtained its war materials, and considered the representations made by the Japanese Government to be unfriendly.";
        let h = hits(text);
        assert!(
            h.iter()
                .all(|h| h.dimension != Dimension::Hostility || h.term != "war"),
            "{h:#?}"
        );
        let hostile: Vec<&str> = h
            .iter()
            .filter(|h| h.dimension == Dimension::Hostility && h.weight > 0.0)
            .map(|h| h.term.as_str())
            .collect();
        assert_eq!(hostile, vec!["representations", "unfriendly"]);
    }

    #[test]
    fn an_alignment_aimed_at_the_other_side_is_hostility() {
        let text = "The Soviet Government is convinced that a secret agreement has been initialled between Japan and Germany directed against the Soviet Union.";
        let h = hits(text);
        let agreement = hit(&h, "agreement");
        assert_eq!(agreement.dimension, Dimension::Hostility);
        assert_eq!(agreement.participants, vec!["japan", "germany"]);
        assert!(kinds(agreement).contains(&ModifierKind::Alignment));
        assert!(agreement.weight > 0.0);
        // the same agreement reported for itself is the other pair's business
        let text = "The Soviet press reported that an agreement had been signed between Japan and Germany.";
        let h = hits(text);
        let agreement = hit(&h, "agreement");
        assert_eq!(agreement.dimension, Dimension::Rapprochement);
        assert!(kinds(agreement).contains(&ModifierKind::OtherPair));
    }
}

#[test]
fn the_pact_refers_back_to_the_pact_named_with_its_parties() {
    // frus1940v01-d698 (Moscow, 1940): the Tripartite Pact seen from the Soviet press
    let text = "The first direct comment which has been published in the Soviet press concerning the German-Italian-Japanese pact is contained in a leading editorial on the subject in Pravda today. After stating that there is no need to discuss the contents of the pact since the text has been made public, the editorial asserts that this pact was no surprise to the Soviet Union.";
    let h = hits(text);
    let pacts: Vec<&Hit> = h.iter().filter(|x| x.term == "pact").collect();
    assert_eq!(pacts.len(), 3, "{h:#?}");
    for later in &pacts[1..] {
        assert!(
            kinds(later).contains(&ModifierKind::Antecedent),
            "{later:#?}"
        );
        assert_eq!(later.participants, pacts[0].participants, "{later:#?}");
        // another pair's agreement, though the sentence names the Soviet Union and Japan
        assert!(
            kinds(later).contains(&ModifierKind::OtherPair),
            "{later:#?}"
        );
        let antecedent = later
            .modifiers
            .iter()
            .find(|m| m.kind == ModifierKind::Antecedent);
        assert_eq!(antecedent.map(|m| m.start), Some(pacts[0].start));
    }
    assert!(
        pacts[0].participants.contains(&"germany".to_string()),
        "{:#?}",
        pacts[0]
    );
}

#[test]
fn partners_with_with_and_telegrams_without_articles() {
    // frus1937v03-d553 (Johnson, Nanking, 1937): "signed with the Soviet Government" names the
    // second party, and the telegram's bare "treaty" is the treaty just named
    let text = "552. The Minister for Foreign Affairs invited the British and the French Ambassadors and myself to receive from him this morning the announcement that on August 21 the Chinese Government signed with the Soviet Government a non-aggression treaty. He stated that text of treaty with accompanying statement has been communicated to Chinese missions abroad for communication to other governments and for the press. Treaty is to be made public in tomorrow\u{2019}s press in China. He stated that treaty was simple in nature providing (1) that neither party would take direct aggressive action against the other, (2) that where a third party takes aggressive action against either of the parties to the treaty, neither party will assist the aggressor against the other, (3) that all treaties bilateral and multi-lateral to which the contracting parties are signatories are not affected by newly signed treaty.";
    let h = hits(text);
    let treaties: Vec<&Hit> = h.iter().filter(|x| x.term == "treaty").collect();
    assert_eq!(treaties[0].participants, vec!["soviet_union", "china"]);
    assert!(kinds(treaties[0]).contains(&ModifierKind::OtherPair));
    let bare = |x: &&&Hit| x.sentence > 0 && !text[..x.start as usize].ends_with("all ");
    for later in treaties.iter().filter(bare) {
        assert!(
            kinds(later).contains(&ModifierKind::Antecedent),
            "{later:#?}"
        );
        assert_eq!(later.participants, treaties[0].participants);
    }
    // a bare plural speaks of treaties in general
    let all = treaties.iter().find(|x| !bare(x)).expect("all treaties");
    assert!(!kinds(all).contains(&ModifierKind::Antecedent), "{all:#?}");
    // frus1936v01-d304 (Bullitt, Moscow, 1936): the cooperation the agreement provides for is
    // its parties' cooperation, aimed at the Soviet Union
    let text = "3. The Soviet Government has additional information which convinces it that a further secret agreement has been initialled between Japan and Germany providing for cooperation and mutual assistance between those two countries in case either of them becomes involved in a war with the Soviet Union.";
    let h = hits(text);
    let cooperation = hit(&h, "cooperation");
    assert_eq!(cooperation.participants, vec!["japan", "germany"]);
    assert_eq!(cooperation.dimension, Dimension::Hostility);
    assert!(kinds(cooperation).contains(&ModifierKind::Alignment));
}

#[test]
fn the_condition_of_a_treatys_terms_is_not_the_alignments() {
    // frus1936v01-d304 (Henderson, Moscow, 1936): the agreement is initialled; only the war
    // its terms provide for is conditional
    let text = "3. The Soviet Government has additional information which convinces it that a further secret agreement has been initialled between Japan and Germany providing for cooperation and mutual assistance between those two countries in case either of them becomes involved in a war with the Soviet Union.";
    let h = hits(text);
    let agreement = hit(&h, "agreement");
    assert!(kinds(agreement).contains(&ModifierKind::Alignment));
    assert!(
        !kinds(agreement).contains(&ModifierKind::Hedged),
        "{agreement:#?}"
    );
    assert_ne!(agreement.statement, StatementKind::Hypothetical);
    let war = hit(&h, "war");
    assert_eq!(war.statement, StatementKind::TreatyTerm);
    assert!(kinds(war).contains(&ModifierKind::Hedged), "{war:#?}");
}

#[test]
fn a_new_agreement_does_not_refer_back() {
    // frus1937v03-d553 (Nanking, 1937): the Sino-Soviet treaty, then one offered to Japan
    let text = "The Minister announced that a treaty of non-aggression was signed between China and the Soviet Union. He said that China was equally prepared to enter into a similar treaty with Japan.";
    let h = hits(text);
    let later = h.iter().rfind(|x| x.term == "treaty").expect("treaty");
    assert!(
        !kinds(later).contains(&ModifierKind::Antecedent),
        "{later:#?}"
    );
    // and an agreement in a document that names one side only is no one's business
    let h = hits(
        "Hsinking announces that the German-Manchukuo Treaty of Amity was signed yesterday. The text of the present treaty shall be in the Manchurian and German languages.",
    );
    assert!(h.iter().all(|x| x.weight == 0.0), "{h:#?}");
}

#[test]
fn a_military_alignment_with_a_third_party_is_hostility_toward_the_other_side() {
    // frus1936v04-d80 (Moscow, 1936): the Soviet-Mongolian protocol, read as aimed at Japan
    let text = "This constitutes the first semiofficial admission by the Soviet Government that an agreement involving mutual assistance between the Soviet Union and the Mongolian People's Republic has been concluded. Stomoniakoff replied by a question: would you rather have Outer Mongolia in the hands of the Japanese?";
    let h = hits(text);
    let agreement = hit(&h, "agreement");
    assert_eq!(agreement.dimension, Dimension::Hostility, "{agreement:#?}");
    let alignment = agreement
        .modifiers
        .iter()
        .find(|m| m.kind == ModifierKind::Alignment)
        .expect("alignment");
    assert_eq!(alignment.term, "mutual assistance");
    // the same agreement without its military clause is the two allies' business
    let text = "This constitutes the first semiofficial admission by the Soviet Government that an agreement concerning trade between the Soviet Union and the Mongolian People's Republic has been concluded. Stomoniakoff replied by a question: would you rather have Outer Mongolia in the hands of the Japanese?";
    let h = hits(text);
    assert_eq!(hit(&h, "agreement").dimension, Dimension::Rapprochement);
}

#[test]
fn an_alliance_against_one_side_is_hostility_toward_it_though_its_parties_are_elsewhere() {
    // frus1936v04-d98 (Hsinking, 1936): the Manchukuo view of the same protocol
    let text = "It then says that the U.S.S.R. desires to place Outer Mongolia in its power; that it is a military alliance against Manchukuo and Japan.";
    let h = hits(text);
    let alliance = hit(&h, "alliance");
    assert_eq!(alliance.dimension, Dimension::Hostility, "{alliance:#?}");
    // what it is aimed at is not a party to it
    assert!(alliance.participants.is_empty(), "{alliance:#?}");
}

#[test]
fn a_modal_of_courtesy_is_no_hedge() {
    // frus1932v04-d8 (Geneva, 1932): the Lytton Commission asks for Soviet help
    let text = "The Commission feels that during its stay in Manchuria it might be of great help for it to be able to receive any information which officials of the Soviet Government in Manchuria might be authorized to furnish to it. I should be very grateful for any help or advice which you might give us in this matter.";
    let h = hits(text);
    let mights: Vec<&Hit> = h.iter().filter(|x| x.term == "might").collect();
    // "might be of great help" and "you might give us" ask; "might be authorized" doubts
    assert_eq!(mights.len(), 1, "{h:#?}");
    assert_eq!(&text[mights[0].end as usize..][..14], " be authorized");
}

#[test]
fn an_alliance_against_the_spaced_u_s_s_r_is_hostility_toward_it() {
    // frus1939v03-d20 (Tokyo, 1939), as printed: "U. S. S. R." names the Soviet Union as
    // "U.S.S.R." does, so the alliance it is aimed at is hostility toward it, not an alignment
    // of Japan's with nobody in particular
    let text = "On my\npointing out that an alliance directed against U. S. S. R. was\nlikely sooner or later to involve Japan in the very European\nentanglements to which the country was opposed, Air. Arita\nreplied that if Great Britain were now to invite Soviet Russia\nto take part in any combination of powers dangerous repercussion\non Anglo-Japanese relations was inevitable.";
    let h = hits(text);
    let alliance = hit(&h, "alliance");
    assert_eq!(alliance.dimension, Dimension::Hostility, "{alliance:#?}");
    assert!(
        alliance
            .modifiers
            .iter()
            .any(|m| m.kind == ModifierKind::Alignment),
        "{alliance:#?}"
    );
    // the same with the dots closed up
    let joined = text.replace("U. S. S. R.", "U.S.S.R.");
    assert_eq!(
        hit(&hits(&joined), "alliance").dimension,
        Dimension::Hostility
    );
}

#[test]
fn a_war_out_of_the_question_is_denied() {
    // frus1935v03-d5 (Tokyo, 1935): Hirota on the railway talks
    let text = "He replied that he was convinced that the Chinese Eastern Railway negotiations would come to a successful conclusion and that war between Russia and Japan was out of the question.";
    let h = hits(text);
    let war = hit(&h, "war");
    assert!(war.negated && war.weight < 0.0, "{war:#?}");
    assert_eq!(war.statement, StatementKind::Ended);
}

#[test]
fn what_a_source_had_learned_is_hearsay() {
    // frus1940v01-d692 (Moscow, 1940)
    let text = "In the course of a conversation this afternoon the British Ambassador stated to me that he had learned that the Japanese Emperor had approved an agreement between Japan and Germany providing that Germany is to arrange with the Soviet Union for the transit of supplies to Japan.";
    let h = hits(text);
    let learned = hit(&h, "learned that");
    assert_eq!(learned.dimension, Dimension::Uncertainty);
    assert!(learned.weight > 0.0);
    let agreement = hit(&h, "agreement");
    assert!(
        kinds(agreement).contains(&ModifierKind::Hedged),
        "{agreement:#?}"
    );
}

#[test]
fn one_list_of_proposal_words_frames_cues_and_reversers() {
    use crate::score::rules::statement::PROPOSAL;
    // frus1938v03-d465, with each word of proposal or demand in place of "is proposing": the
    // fighting it would end goes on, and the agreement it asks for is proposed
    for w in PROPOSAL {
        let text = format!(
            "The Soviet Ambassador {w} to terminate military actions by Japan and the Soviet Union on the frontier."
        );
        let h = hits(&text);
        let actions = hit(&h, "military action");
        assert!(!actions.negated, "{w}: {actions:#?}");
        assert_eq!(actions.statement, StatementKind::Proposed, "{w}");
    }
    // frus1931v03-d477: asking another to prevent something is not a proposal frame of the
    // reverser (see REQUEST in statement.rs); frus1935v03-d297: "insisted that" asserts
    let text = "Ohashi called on Soviet Consul Orloff whom he assured that the Japanese troops had no intention of harming the interests of the railway and upon Ting Chao, commander of the railway guard troops, whom he urged to prevent defeated Tsitsihar soldiers from coming to Harbin.";
    assert!(hit(&hits(text), "soldiers").negated);
    let text = "The Japanese Ambassador insisted that this had constituted a violation of the comity of nations and could not but have serious consequences for Japanese-Soviet relations.";
    assert_ne!(
        hit(&hits(text), "violation").statement,
        StatementKind::Proposed
    );
}

#[test]
fn a_treaty_term_in_case_of_war_is_no_war() {
    // frus1936v01-d304 (Moscow, 1936): "in case" opens a condition as "in case of" does
    let text = "The Soviet Government has information that a secret agreement has been initialled between Japan and Germany providing for cooperation and mutual assistance in case either of them becomes involved in a war with the Soviet Union.";
    let h = hits(text);
    let war = hit(&h, "war");
    assert_eq!(war.statement, StatementKind::TreatyTerm, "{war:#?}");
    assert!(war.weight < war.base_weight * 0.5, "{war:#?}");
    // the alliance that states the terms is not itself a hypothesis
    let agreement = hit(&h, "agreement");
    assert_eq!(agreement.dimension, Dimension::Hostility);
    assert!(
        !kinds(agreement).contains(&ModifierKind::TreatyTerm),
        "{agreement:#?}"
    );
    // "either country" is a treaty's party as "either party" is (frus1940v01-d723)
    let text = "The Soviet Ambassador said that in the event that either country became involved in war with Japan the other would maintain strict neutrality.";
    let war = hits(text)
        .into_iter()
        .find(|h| h.term == "war")
        .expect("war");
    assert_eq!(war.statement, StatementKind::TreatyTerm, "{war:#?}");
}

#[test]
fn to_refrain_from_fighting_is_not_to_fight() {
    // frus1937v03-d913 (Hankow, 1937)
    let text = "He admitted recently that the Russian flyers here have been deliberately shirking their duties against the Japanese and said they would undoubtedly refrain from real fighting until the Ambassador arrives.";
    let h = hits(text);
    let fighting = hit(&h, "fighting");
    assert!(fighting.negated && fighting.weight < 0.0, "{fighting:#?}");
}

#[test]
fn a_treaty_cited_as_the_law_is_no_agreement_made() {
    // frus1937v03-d1052 (Tokyo, 1937): the Amur islands
    let text = "The Japanese naval authorities state that the international boundary line prescribed by treaty is in the middle of the channel and that the three islands recently occupied by Soviet forces are on the Manchukuo side.";
    let h = hits(text);
    assert!(
        h.iter()
            .all(|h| h.dimension != Dimension::Rapprochement || h.weight == 0.0),
        "{h:#?}"
    );
    assert!(hit(&h, "occupied").weight > 0.0);
}

#[test]
fn troops_moving_toward_the_border_are_a_military_move() {
    // frus1941v04-d840 (Tokyo, 1941)
    let text = "There is accumulating evidence of unusual military activity in Manchuria and according to some of these reports movements of troops in the direction of the Soviet border.";
    let h = hits(text);
    for term in ["military activity", "movements of troops"] {
        let x = hit(&h, term);
        assert_eq!(x.dimension, Dimension::Hostility);
        assert!(x.weight > 0.0 && x.level == Some(6.0), "{x:#?}");
    }
}

#[test]
fn no_solution_of_a_controversy_leaves_it_standing() {
    // frus1939v03-d73 (Tokyo, 1939): Ambassador Togo on Soviet-Japanese questions
    let text = "He said that he saw no present solution of the controversy involving the oil concessions in Sakhalin. He said that he personally believed that it was entirely outside the realm of possibility for any real understanding to be reached between Japan and the Soviet Union.";
    let h = hits(text);
    let solution = hit(&h, "solution");
    assert!(solution.negated && solution.weight < 0.0, "{solution:#?}");
    let controversy = hit(&h, "controversy");
    assert!(
        !controversy.negated && controversy.weight > 0.0,
        "{controversy:#?}"
    );
    let understanding = hit(&h, "understanding");
    assert!(understanding.negated, "{understanding:#?}");
}

#[test]
fn a_possible_attack_is_a_contingency_not_a_doubt() {
    // frus1941v04-d840 (Tokyo, 1941) and frus1932v04-d269 (Harbin, 1932)
    let text = "There are rumors that the Japanese Government is making preparation for a possible attack on Russia. It is very possible that after recognition of Manchukuo by Japan the Japanese Army will take over the guarding of the Soviet railway.";
    let h = hits(text);
    let possible: Vec<&Hit> = h.iter().filter(|h| h.term == "possible").collect();
    assert_eq!(possible.len(), 1, "{h:#?}");
    assert_eq!(possible[0].sentence, 1);
    // the attack is damped by the rumor, not by "possible"
    let attack = hit(&h, "attack");
    assert!(
        attack.modifiers.iter().all(|m| m.term != "possible"),
        "{attack:#?}"
    );
}

#[test]
fn what_a_speaker_asserts_is_reported_not_contested() {
    // frus1935v03-d254 (Moscow, 1935): Litvinov on Japan; "claimed" keeps its distance
    let text = "He asserted positively that the Japanese Government had not demanded the sale of the Soviet oil concessions. The Japanese claimed that Soviet troops had crossed the border.";
    let h = hits(text);
    let uncertain: Vec<&str> = h
        .iter()
        .filter(|h| h.dimension == Dimension::Uncertainty && h.weight > 0.0)
        .map(|h| h.term.as_str())
        .collect();
    assert_eq!(uncertain, vec!["claimed"], "{h:#?}");
    assert!(kinds(hit(&h, "demand")).contains(&ModifierKind::Attributed));
}

#[test]
fn an_idiom_of_degree_hedges_nothing() {
    // frus1935v03-d122 (Nanking, 1935)
    let text = "He stated that the Soviet Ambassador had received instructions to collaborate with Japan in every way possible.";
    let h = hits(text);
    let c = hit(&h, "collaboration");
    assert!(!kinds(c).contains(&ModifierKind::Hedged), "{c:#?}");
    assert_eq!(c.statement, StatementKind::Reported);
}

#[test]
fn what_allies_agree_between_themselves_is_not_the_dyads_business() {
    // frus1936v04-d98 (Nanking, 1936)
    let text = "I have the honor to attach a copy of a Kokutsu despatch from Hsinking containing the text of a statement of the Manchukuo Foreign Office regarding the Soviet-Mongolian agreement.";
    let h = hits(text);
    let agreement = hit(&h, "agreement");
    assert_eq!(
        agreement.participants,
        vec!["soviet_union", "outer_mongolia"]
    );
    assert!(
        kinds(agreement).contains(&ModifierKind::OtherPair),
        "{agreement:#?}"
    );
}

#[test]
fn pessimism_about_relations_is_a_view_that_they_are_bad() {
    // frus1934v03-d130 (Tokyo, 1934)
    let text = "The Soviet Ambassador was very pessimistic regarding the future relations between the two countries, Japan and the Soviet Union.";
    let h = hits(text);
    let p = hit(&h, "pessimis");
    assert_eq!(p.dimension, Dimension::Hostility);
    assert!(p.weight > 1.5, "intensified by 'very': {p:#?}");
}

#[test]
fn a_critical_situation_anticipated_is_feared() {
    // frus1939v03-d85 (Tokyo, 1939)
    let text = "Japanese officers are said to have sought an understanding with the Soviet Union prior to and in anticipation of any critical situation arising out of the tension in Europe.";
    let h = hits(text);
    let c = hit(&h, "critical situation");
    assert_eq!(c.dimension, Dimension::Hostility);
    assert_eq!(c.statement, StatementKind::Feared, "{c:#?}");
    assert!(c.weight > 0.0 && c.level == Some(6.0));
}
