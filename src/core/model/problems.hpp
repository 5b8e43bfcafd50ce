// Everything loading and counting decided or met in the user's data, each with where it is: the
// list `countyatlas check` prints, the viewer's Problems tab shows, and stderr sums up.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ca::model {

enum class Severity {
    Note,     // a decision taken for the user: encoding, CRS, header row, money unit
    Warning,  // data left out, repaired or doubtful; the figures are still counted
    Error,    // the data cannot be counted as it is (check exits 2)
};
const char* to_string(Severity severity);

struct Problem {
    Severity severity = Severity::Warning;
    std::string kind;     // short and stable, for grouping: "encoding", "unmatched site"...
    std::string file;     // the file's name as the user knows it (no folder)
    std::string layer;    // empty for a whole file
    std::int64_t id = -1; // the feature id, or the row number the user sees; -1: the whole layer
    bool is_row = false;  // `id` is a spreadsheet or CSV row, else a feature id
    std::string message;  // what and what to do, without the place

    // "projects.xlsx, layer Sheet1, row 14: message" (the parts that are known).
    std::string line() const;
    std::string place() const;  // the same without the message
};

// Problems in the order met, every one kept: a province can have thousands of one kind, and
// `check` lists them all; summaries group them by kind.
class ProblemLog {
public:
    static constexpr std::size_t kIdsInSummary = 5;

    void add(Problem problem);
    // A problem without a place (a project file's note, a whole-run decision).
    void report(const std::string& kind, std::string message, Severity severity = Severity::Warning);
    void append(const ProblemLog& other);

    const std::vector<Problem>& all() const { return m_problems; }
    bool empty() const { return m_problems.empty(); }
    bool has_errors() const;
    std::map<std::string, std::size_t> counts() const;  // by kind
    // One line per kind and file, for stderr: the only one whole, or a count with the first few
    // ids ("12 × unmatched site in projects.xlsx (rows 4, 9, 17, 20, 31, …); see countyatlas check").
    std::vector<std::string> summary() const;

private:
    std::vector<Problem> m_problems;
};

}  // namespace ca::model
