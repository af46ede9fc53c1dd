/// Parses the numbers, amounts and scores real exports write (SPEC §2.1): pure functions on
/// text (`+Numbers`, `+Scores`). Dates and times are `Moment.parse`'s (ScorecardModel).
package enum ValueParser {
}
