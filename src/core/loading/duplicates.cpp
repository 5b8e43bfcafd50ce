// Content fingerprints of layers and overlaps of project lists.
#include "core/loading/duplicates.hpp"

#include <cmath>
#include <filesystem>
#include <map>
#include <string_view>

#include "core/model/text.hpp"

namespace ca::loading {
namespace {

// FNV-1a, 64 bit: enough to tell layers apart, and stable across runs.
struct Hasher {
    std::uint64_t value = 14695981039346656037ull;
    void bytes(const void* data, std::size_t size) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) value = (value ^ p[i]) * 1099511628211ull;
    }
    void integer(std::int64_t v) { bytes(&v, sizeof v); }
    void text(std::string_view t) { bytes(t.data(), t.size()), integer(static_cast<std::int64_t>(t.size())); }
};

}  // namespace

std::uint64_t content_fingerprint(const model::Layer& layer) {
    Hasher h;
    h.integer(static_cast<std::int64_t>(layer.role));
    h.integer(static_cast<std::int64_t>(layer.features.size()));
    for (const auto& f : layer.features) {
        for (const model::Vec2& p : f.geometry.coords) h.integer(std::llround(p.x * 1e7)), h.integer(std::llround(p.y * 1e7));
        for (const auto& v : f.values) {
            // 12.5 typed in Excel and "12.5" read from its CSV export are one value.
            if (const auto n = model::to_number(v)) h.integer(std::llround(*n * 1e6));
            else h.text(model::normalize_text(model::to_text(v)));
        }
    }
    return h.value;
}

void leave_out_repeated_layers(std::vector<model::Layer>& layers, model::ProblemLog& problems) {
    std::map<std::uint64_t, std::size_t> first_with;
    std::vector<model::Layer> kept;
    for (auto& layer : layers) {
        if (layer.features.empty()) {
            kept.push_back(std::move(layer));
            continue;
        }
        const auto [it, inserted] = first_with.emplace(content_fingerprint(layer), kept.size());
        if (inserted) {
            kept.push_back(std::move(layer));
            continue;
        }
        const model::Layer& original = kept[it->second];
        problems.add({model::Severity::Warning, "same data twice", layer.file_name(), layer.name, -1, false,
                      "holds the same " + std::to_string(layer.features.size()) + " features as " + original.file_name() + " (layer " +
                          original.name + "); left out so they are not counted twice"});
    }
    layers = std::move(kept);
}

void report_overlapping_sites(const std::vector<model::Layer>& layers, model::ProblemLog& problems) {
    using model::Meaning;
    // project key -> first layer and row holding it
    std::map<std::string, std::pair<std::size_t, std::int64_t>> seen;
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const model::Layer& layer = layers[l];
        if (layer.role != model::Role::Sites || !layer.mapping.has(Meaning::ProjectName)) continue;
        std::map<std::size_t, std::vector<std::int64_t>> repeats;  // earlier layer -> rows here
        for (const auto& f : layer.features) {
            const std::string name = model::normalize_text(model::to_text(layer.value(f, Meaning::ProjectName)));
            if (name.empty()) continue;
            const std::string key = name + "\n" + model::normalize_text(model::to_text(layer.value(f, Meaning::VillageName))) + "\n" +
                                    model::normalize_text(model::to_text(layer.value(f, Meaning::Year)));
            const auto [it, inserted] = seen.emplace(key, std::pair{l, f.fid});
            if (!inserted && it->second.first != l) repeats[it->second.first].push_back(f.fid);
        }
        for (const auto& [earlier, rows] : repeats) {
            std::string ids;
            for (std::size_t i = 0; i < rows.size() && i < 5; ++i) ids += (i ? ", " : "") + std::to_string(rows[i]);
            if (rows.size() > 5) ids += ", …";
            problems.add({model::Severity::Warning, "projects in two lists", layer.file_name(), layer.name, rows.front(), layer.fids_are_rows,
                          std::to_string(rows.size()) + " projects here (" + (layer.fids_are_rows ? "rows " : "features ") + ids + ") are also in " + layers[earlier].file_name() +
                              " (same name, village and year) and are counted twice; remove one copy"});
        }
    }
}

}  // namespace ca::loading
