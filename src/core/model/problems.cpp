// The problem log: one line per problem, grouped summaries for stderr.
#include "core/model/problems.hpp"

#include <algorithm>

namespace ca::model {

const char* to_string(Severity severity) {
    switch (severity) {
        case Severity::Note: return "note";
        case Severity::Warning: return "warning";
        case Severity::Error: return "error";
    }
    return "";
}

std::string Problem::place() const {
    std::string out = file;
    auto part = [&out](const std::string& text) {
        if (text.empty()) return;
        if (!out.empty()) out += ", ";
        out += text;
    };
    if (!layer.empty()) part("layer " + layer);
    if (id >= 0) part((is_row ? "row " : "feature ") + std::to_string(id));
    return out;
}

std::string Problem::line() const {
    const std::string where = place();
    return where.empty() ? message : where + ": " + message;
}

void ProblemLog::add(Problem problem) { m_problems.push_back(std::move(problem)); }

void ProblemLog::report(const std::string& kind, std::string message, Severity severity) {
    Problem p;
    p.severity = severity;
    p.kind = kind;
    p.message = std::move(message);
    m_problems.push_back(std::move(p));
}

void ProblemLog::append(const ProblemLog& other) {
    m_problems.insert(m_problems.end(), other.m_problems.begin(), other.m_problems.end());
}

bool ProblemLog::has_errors() const {
    return std::any_of(m_problems.begin(), m_problems.end(), [](const Problem& p) { return p.severity == Severity::Error; });
}

std::map<std::string, std::size_t> ProblemLog::counts() const {
    std::map<std::string, std::size_t> counts;
    for (const Problem& p : m_problems) ++counts[p.kind];
    return counts;
}

std::vector<std::string> ProblemLog::summary() const {
    // Groups in order of first appearance, keyed by kind and file.
    struct Group {
        std::string kind, file;
        std::vector<const Problem*> members;
    };
    std::vector<Group> groups;
    for (const Problem& p : m_problems) {
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.kind == p.kind && g.file == p.file; });
        if (it == groups.end()) it = groups.insert(groups.end(), Group{p.kind, p.file, {}});
        it->members.push_back(&p);
    }
    std::vector<std::string> lines;
    for (const Group& g : groups) {
        const Problem& first = *g.members.front();
        if (g.members.size() == 1) {
            lines.push_back(std::string(to_string(first.severity)) + ": " + first.line());
            continue;
        }
        std::string ids;
        std::size_t shown = 0;
        for (const Problem* p : g.members) {
            if (p->id < 0) continue;
            if (shown == kIdsInSummary) {
                ids += ", …";
                break;
            }
            ids += (shown++ ? ", " : "") + std::to_string(p->id);
        }
        std::string line = std::string(to_string(first.severity)) + ": " + std::to_string(g.members.size()) + " × " + g.kind;
        if (!g.file.empty()) line += " in " + g.file;
        if (!ids.empty()) line += (first.is_row ? " (rows " : " (features ") + ids + ")";
        line += ", first: " + first.message + "; all in `countyatlas check`";
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace ca::model
