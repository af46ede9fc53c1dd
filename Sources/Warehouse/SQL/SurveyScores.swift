import ScorecardIngest
import ScorecardWarehouse

/// The dimension scores of a window's surveys (SPEC §3.4), packed while the surveys are read
/// (`forEachSurvey`): each row a survey's position among the distinct survey ids, a dimension's
/// among the distinct names and the score, about 16 bytes, not a dictionary per survey. Put in
/// survey order once all are added (`index`), a survey's scores are then made into its record's
/// dictionary as the survey is read, and dropped with it (issue 29).
struct SurveyScores {
    private var surveyIDs = IDTable()
    private var names = InternedTexts()
    /// One entry per row: the survey's position, the name's, the score, in the order added.
    private var surveyOf: [Int32] = []
    private var nameOf: [Int32] = []
    private var score: [Int] = []
    /// After `index`: the entries by survey, and where each survey's end.
    private var order: [Int32] = []
    private var ends: [Int32] = []

    /// One row of `survey_dimensions`; a row without a score is no score (as a missing row).
    mutating func add(survey: String, dimension: String, score: Int?) {
        guard let score else { return }
        var survey = survey
        let s = survey.withUTF8 { surveyIDs.insert($0).position }
        let n = names.position(of: dimension)
        precondition(surveyOf.count < Int(Int32.max), "more dimension scores than a window holds")
        surveyOf.append(Int32(s))
        nameOf.append(Int32(n))
        self.score.append(score)
    }

    /// Puts the entries in survey order, each survey's in the order added (a counting sort).
    mutating func index() {
        var ends = [Int32](repeating: 0, count: surveyIDs.count)
        for s in surveyOf { ends[Int(s)] += 1 }
        var total: Int32 = 0
        for i in ends.indices { (total, ends[i]) = (total + ends[i], total) }  // each survey's start, for now
        var order = [Int32](repeating: 0, count: surveyOf.count)
        for (entry, s) in surveyOf.enumerated() {
            order[Int(ends[Int(s)])] = Int32(entry)
            ends[Int(s)] += 1
        }
        (self.order, self.ends) = (order, ends)
        surveyOf = []
    }

    /// A survey's scores by dimension name (a name given twice: its last score), none for an id without any.
    func dimensions(of survey: String) -> [String: Int] {
        var survey = survey
        guard let s = survey.withUTF8({ surveyIDs.index(of: $0) }) else { return [:] }
        let start = s == 0 ? 0 : Int(ends[s - 1])
        var out: [String: Int] = [:]
        for entry in order[start..<Int(ends[s])] { out[names[Int(nameOf[Int(entry)])]] = score[Int(entry)] }
        return out
    }
}
