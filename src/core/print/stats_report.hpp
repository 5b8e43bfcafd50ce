// The statistics as the workbook an office hands in: Chinese (or English) headings, 万元, rates
// as percentages, subtotals, notes and the rows left out; io::write_report_workbook writes it.
#pragma once

#include <string>
#include <vector>

#include "core/print/stats_table.hpp"
#include "core/analysis/statistics.hpp"
#include "core/io/report_workbook.hpp"
#include "core/model/language.hpp"
#include "core/model/project.hpp"

namespace ca::print {

struct ReportOptions {
    std::string title;  // empty: "扶贫项目乡镇统计表" / "扶贫项目村级统计表" (or the English)
    model::Language language = model::Language::Chinese;
};

// The table sheet (township rows, or village rows grouped by township with a subtotal each,
// then 合计; notes on thresholds, sources with their dates and rows not counted) and the sheet
// 未计入 listing the rows counted nowhere, each with its file, row as the sheet shows it, reason.
std::vector<io::ReportSheet> stats_report(const model::Project& project, const analysis::Statistics& stats, StatsLevel level,
                                          const ReportOptions& options);

// The report workbook written to `path` (through a temporary file; ca::Error on failure).
void write_stats_report(const model::Project& project, const analysis::Statistics& stats, StatsLevel level, const ReportOptions& options,
                        const std::string& path);

}  // namespace ca::print
