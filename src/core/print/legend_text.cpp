// Legend headings and per-township class counts. The classes are recomputed here rather than read
// from the scene because the scene keeps only the county's counts.
#include "core/print/legend_text.hpp"

#include <algorithm>
#include <cmath>

#include "core/analysis/classification.hpp"
#include "core/analysis/metrics.hpp"

namespace ca::print {
namespace {

const char* method_text(analysis::ClassMethod method, bool zh) {
    switch (method) {
        case analysis::ClassMethod::Quantile: return zh ? "分位数" : "quantiles";
        case analysis::ClassMethod::EqualInterval: return zh ? "等间距" : "equal intervals";
        case analysis::ClassMethod::NaturalBreaks: return zh ? "自然断点" : "natural breaks";
        case analysis::ClassMethod::StandardDeviation: return zh ? "标准差" : "standard deviations";
        case analysis::ClassMethod::Manual: return zh ? "手动分级" : "manual breaks";
    }
    return "";
}

// The values scene::build classes and, per village of the statistics, the index of its value.
struct ClassedValues {
    std::vector<double> values;
    std::vector<std::size_t> unit_of_village;
};

ClassedValues classed_values(const model::Project& project, const scene::Choropleth& c, const analysis::Statistics& stats) {
    ClassedValues out;
    out.unit_of_village.resize(stats.villages.size());
    if (c.metric.rfind("field:", 0) == 0) {
        const std::string field = c.metric.substr(6);
        for (const auto* layer : project.layers_with(model::Role::Villages)) {
            const auto column = std::find(layer->field_names.begin(), layer->field_names.end(), field);
            for (const auto& f : layer->features)
                out.values.push_back(column == layer->field_names.end()
                                         ? NAN
                                         : model::to_number(f.values[static_cast<std::size_t>(column - layer->field_names.begin())]).value_or(NAN));
        }
        for (std::size_t i = 0; i < out.unit_of_village.size(); ++i) out.unit_of_village[i] = i;
    } else if (c.by_township) {
        for (std::size_t t = 0; t < stats.townships.size(); ++t) {
            out.values.push_back(analysis::metric_value(stats.townships[t], c.metric).value_or(NAN));
            for (std::size_t i = 0; i < stats.villages.size(); ++i)
                if (stats.villages[i].township == stats.townships[t].township) out.unit_of_village[i] = t;
        }
    } else {
        for (const auto& v : stats.villages) out.values.push_back(analysis::metric_value(v, c.metric).value_or(NAN));
        for (std::size_t i = 0; i < out.unit_of_village.size(); ++i) out.unit_of_village[i] = i;
    }
    return out;
}

}  // namespace

std::string metric_caption(const std::string& metric, model::Language language) {
    const bool zh = language == model::Language::Chinese;
    if (metric.rfind("field:", 0) == 0) return metric.substr(6);
    if (metric == "lisa") return zh ? "贫困发生率局部聚类（LISA）" : "Local clusters of the poverty rate (LISA)";
    if (const analysis::Metric* m = analysis::find_metric(metric)) {
        const std::string unit(zh ? m->unit_zh : m->unit_en), name(zh ? m->zh : m->en);
        if (unit.empty()) return name;
        return zh ? name + "（" + unit + "）" : name + " (" + unit + ")";
    }
    return metric;
}

std::string legend_heading(const scene::Choropleth& c, std::size_t classes, model::Language language) {
    const bool zh = language == model::Language::Chinese;
    std::string heading = metric_caption(c.metric, language);
    if (c.metric == "lisa") return heading;
    const std::string sep = zh ? "，" : ", ";
    heading += sep + method_text(c.method, zh) + sep + std::to_string(classes) + (zh ? " 级" : classes == 1 ? " class" : " classes");
    if (c.by_township) heading += sep + (zh ? "按乡镇" : "by township");
    return heading;
}

std::optional<std::vector<int>> township_class_counts(const model::Project& project, const scene::Choropleth& c,
                                                      const analysis::Statistics& stats, const std::string& township) {
    if (c.metric == "lisa") return std::nullopt;
    const ClassedValues classed = classed_values(project, c, stats);
    const auto bounds = analysis::class_bounds(classed.values, c.method, c.classes, c.manual_breaks);
    if (bounds.size() < 2) return std::nullopt;
    std::vector<int> counts(bounds.size() - 1, 0);
    for (std::size_t i = 0; i < stats.villages.size(); ++i) {
        if (stats.villages[i].township != township || classed.unit_of_village[i] >= classed.values.size()) continue;
        if (const int k = analysis::class_of(classed.values[classed.unit_of_village[i]], bounds); k >= 0) ++counts[static_cast<std::size_t>(k)];
    }
    return counts;
}

}  // namespace ca::print
