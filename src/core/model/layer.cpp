// Layer queries and role names.
#include "core/model/layer.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>

#include "core/model/database_source.hpp"
#include "core/model/text.hpp"

namespace ca::model {

std::string file_name(const std::string& path) {
    if (is_database_source(path)) return database_display_name(path);  // a database has no folders to drop
    return std::filesystem::path(path).filename().string();
}

SourceStamp stamp_of(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return {};
    const auto size = fs::file_size(path, ec);
    if (ec) return {};
    const auto modified = fs::last_write_time(path, ec);
    if (ec) return {};
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count();
    SourceStamp stamp{size, static_cast<std::int64_t>(ns), true};
    // A shapefile's attributes live in its .dbf: another program's edit may touch only that.
    fs::path dbf(path);
    if (fold_key(dbf.extension().string()) == ".shp") {
        for (const char* ext : {".dbf", ".DBF"}) {
            dbf.replace_extension(ext);
            if (!fs::is_regular_file(dbf, ec)) continue;
            const SourceStamp attributes = stamp_of(dbf.string());
            stamp.size += attributes.size;
            stamp.modified_ns = std::max(stamp.modified_ns, attributes.modified_ns);
            break;
        }
    }
    return stamp;
}

std::string Layer::file_name() const { return model::file_name(source_path); }

const char* to_string(Role role) {
    switch (role) {
        case Role::Unknown: return "unknown";
        case Role::Villages: return "villages";
        case Role::Townships: return "townships";
        case Role::Sites: return "sites";
        case Role::Lines: return "lines";
        case Role::Ponds: return "ponds";
        case Role::Dem: return "dem";
    }
    return "unknown";
}

Role role_from_string(std::string_view name) {
    const std::string key = fold_key(name);
    for (Role r : {Role::Villages, Role::Townships, Role::Sites, Role::Lines, Role::Ponds, Role::Dem})
        if (key == to_string(r)) return r;
    return Role::Unknown;
}

bool meaning_applies(Role role, Meaning m) {
    using enum Meaning;
    switch (role) {
        case Role::Villages:
            return m == VillageName || m == VillageCode || m == Township || m == TownshipCode || m == Households ||
                   m == Population || m == PoorHouseholds || m == PoorPopulation || m == IncomePerCapita;
        case Role::Townships:
            return m == Township || m == TownshipCode || m == Households || m == Population || m == PoorHouseholds ||
                   m == PoorPopulation || m == IncomePerCapita;
        case Role::Sites:
            return m == ProjectName || m == ProjectType || m == Funds || m == BeneficiaryHouseholds ||
                   m == BeneficiaryPeople || m == Status || m == Year || m == Batch || m == Township ||
                   m == VillageName || m == VillageCode || m == Lon || m == Lat;
        // A line's or pond's "name" is its own, not a village's: no VillageName here.
        case Role::Lines: return m == Kind || m == Township || m == Year || m == Status;
        case Role::Ponds: return m == Kind || m == Capacity || m == Township || m == Year || m == Status || m == Lon || m == Lat;
        case Role::Dem: return false;
        case Role::Unknown: return true;
    }
    return true;
}

Extent Layer::extent() const {
    Extent e;
    for (const Feature& f : features)
        for (const Vec2& p : f.geometry.coords) e.add(p);
    return e;
}

GeometryType Layer::dominant_geometry() const {
    std::array<std::size_t, 4> counts{};
    for (const Feature& f : features) ++counts[static_cast<std::size_t>(f.geometry.type)];
    std::size_t best = 0;
    for (std::size_t i = 1; i < counts.size(); ++i)
        if (counts[i] > counts[best] || (best == 0 && counts[i] > 0)) best = i;
    return static_cast<GeometryType>(best);
}

const Value& Layer::value(const Feature& f, Meaning m) const {
    static const Value kNull;
    const int index = mapping.index(m);
    if (index < 0 || static_cast<std::size_t>(index) >= f.values.size()) return kNull;
    return f.values[static_cast<std::size_t>(index)];
}

}  // namespace ca::model
