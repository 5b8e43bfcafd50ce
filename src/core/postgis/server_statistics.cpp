// The server engine: SQL that places, cuts and measures on the server, sums per village back.
#include "core/postgis/server_statistics.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "core/analysis/site_counting.hpp"
#include "core/model/database_source.hpp"
#include "core/model/error.hpp"
#include "core/model/text.hpp"
#include "core/postgis/connection.hpp"
#include "core/postgis/server_tables.hpp"

namespace ca::postgis {
namespace {

using analysis::Precision;
using analysis::RegionStats;
using analysis::Statistics;
using model::Meaning;
using model::Role;
namespace detail = analysis::detail;

// The village holding a point by the embedded engine's rule (VillageIndex::locate): one it lies
// inside, else the first (lowest id) whose border it lies on. `point` is an SQL expression.
std::string village_holding(const ServerTable& villages, const std::string& point) {
    return "(SELECT w." + villages.fid + " FROM " + villages.name + " w WHERE w." + villages.geom + " && " + point + " AND ST_Intersects(w." +
           villages.geom + ", " + point + ") ORDER BY NOT ST_Contains(w." + villages.geom + ", " + point + "), w." + villages.fid + " LIMIT 1)";
}

// Villages' rows by their key on the server.
struct VillageRows {
    ServerTable table;
    std::unordered_map<std::int64_t, std::size_t> row_of_fid;
    std::size_t row(const Result& result, int r, int column) const {
        const auto it = row_of_fid.find(result.integer(r, column));
        if (it == row_of_fid.end()) throw Error("the server placed something in a village this program did not read").file(table.name);
        return it->second;
    }
};

// The columns a site group and a listed site are read with, named as the contract names them, so
// the embedded engine's helpers (text, number, include_site) read them as they read a file.
const std::vector<std::string> kSiteColumns = {"township", "village_name", "project_type", "status", "year", "project_name",
                                               "funds_yuan", "beneficiary_households", "beneficiary_people"};

model::Layer site_shape(const model::Layer& sites) {
    model::Layer shape;
    shape.source_path = sites.source_path;
    shape.name = sites.name;
    shape.role = Role::Sites;
    shape.field_names = kSiteColumns;
    shape.mapping = model::map_fields(shape.field_names);
    return shape;
}

// One site group or row from the result's columns 0..8 (kSiteColumns order), numbers in yuan.
model::Feature site_feature(const Result& r, int row, int first, std::int64_t fid, const model::Layer& sites) {
    model::Feature f;
    f.fid = fid;
    for (int c = 0; c < 6; ++c) f.values.push_back(r.is_null(row, first + c) ? model::Value{} : model::Value{std::string(r.text(row, first + c))});
    const Meaning sums[] = {Meaning::Funds, Meaning::BeneficiaryHouseholds, Meaning::BeneficiaryPeople};
    for (int c = 0; c < 3; ++c) {
        const auto& match = sites.mapping[sums[c]];
        f.values.push_back(r.number(row, first + 6 + c) * (match ? match->scale : 1.0));
    }
    return f;
}

struct SiteCounting {
    const model::Layer& sites;
    std::size_t layer_index;
    Connection& db;
    const VillageRows& villages;
    Statistics& stats;
    analysis::TownshipOnlyCounts& township_only;
    model::Layer shape = site_shape(sites);
    model::CanonicalSpellings type{model::canonical_project_type};
    model::CanonicalSpellings status{model::canonical_status};

    bool included(const model::Feature& f) const { return !stats.options.include_site || stats.options.include_site(shape, f); }

    void add(std::size_t village, const model::Feature& group, std::int64_t count, Precision precision) {
        RegionStats& village_row = stats.villages[village];
        RegionStats& row = precision == Precision::Township ? township_only[village_row.township] : village_row;
        const int n = static_cast<int>(count);
        row.sites += n;
        row.sites_by_type[type(model::to_text(shape.value(group, Meaning::ProjectType)))] += n;
        row.funds_yuan += detail::number(shape, group, Meaning::Funds);
        row.beneficiary_households += detail::number(shape, group, Meaning::BeneficiaryHouseholds);
        row.beneficiary_people += detail::number(shape, group, Meaning::BeneficiaryPeople);
        row.sites_exact += n * (precision == Precision::Exact);
        row.sites_by_name += n * (precision == Precision::Village);
        row.sites_township_only += n * (precision == Precision::Township);
        if (precision != Precision::Township && detail::status_covers(stats.options, status(model::to_text(shape.value(group, Meaning::Status)))))
            row.sites_covering += n;
    }

    // The rows of one group (same place, names, type, status and year), each with its id.
    std::vector<model::Feature> rows_of(const Result& groups, int g) {
        std::string sql = "SELECT fid, tw, vn, ty, st, yr, pn, 0, 0, 0 FROM pg_temp.ca_sites WHERE located = $1 AND village IS NOT DISTINCT FROM $2::bigint";
        Parameters p{std::string(groups.text(g, 0)), groups.is_null(g, 1) ? std::nullopt : std::optional<std::string>(groups.text(g, 1))};
        const char* keys[] = {"tw", "vn", "ty", "st", "yr"};
        for (int k = 0; k < 5; ++k) {
            p.push_back(groups.is_null(g, 2 + k) ? std::nullopt : std::optional<std::string>(groups.text(g, 2 + k)));
            sql += std::string(" AND ") + keys[k] + " IS NOT DISTINCT FROM $" + std::to_string(p.size());
        }
        const Result r = db.exec(sql + " ORDER BY fid", p);
        std::vector<model::Feature> rows;
        for (int i = 0; i < r.rows(); ++i) {
            model::Feature f = site_feature(r, i, 1, r.integer(i, 0), sites);
            if (included(f)) rows.push_back(std::move(f));
        }
        return rows;
    }

    void list(std::vector<analysis::UnmatchedSite>& into, const Result& groups, int g, const std::string& reason) {
        for (const auto& f : rows_of(groups, g)) into.push_back(detail::listed_site(shape, f, reason));
    }

    void located(const Result& groups, int g, const model::Feature& group, std::int64_t count) {
        if (groups.is_null(g, 1)) {
            list(stats.unmatched_sites, groups, g, "outside every village");
            return;
        }
        const std::size_t village = villages.row(groups, g, 1);
        add(village, group, count, Precision::Exact);
        const std::string name = detail::text(shape, group, Meaning::VillageName);
        if (name.empty() || !sites.mapping.has(Meaning::VillageName)) return;
        const auto named = names().find(detail::text(shape, group, Meaning::Township), name);
        if (named.outcome != analysis::VillageNames::Outcome::Found || named.index == village) return;
        for (const auto& f : rows_of(groups, g))  // its row names another village: counted where the point lies
            stats.conflicts.push_back({shape.file_name(), shape.name, f.fid, false, detail::text(shape, f, Meaning::ProjectName),
                                       detail::text(shape, f, Meaning::Township), name, named.index, village, layer_index, 0});
    }

    void by_name(const Result& groups, int g, const model::Feature& group, std::int64_t count) {
        const std::string township = detail::text(shape, group, Meaning::Township), name = detail::text(shape, group, Meaning::VillageName);
        const auto match = name.empty() ? analysis::VillageNames::Match{analysis::VillageNames::Outcome::NoSuchVillage} : names().find(township, name);
        if (match.outcome == analysis::VillageNames::Outcome::Found) {
            add(match.index, group, count, Precision::Village);
            return;
        }
        // The embedded engine's reason, from one row standing for the group.
        analysis::SitePlacement probe;
        probe.village_of_site.assign(1, std::vector<std::int64_t>(1, -1));
        probe.precision.assign(1, std::vector<Precision>(1, Precision::None));
        detail::place_by_name(shape, group, 0, 0, names(), probe);
        if (probe.precision[0][0] == Precision::Township) {
            add(static_cast<std::size_t>(probe.village_of_site[0][0]), group, count, Precision::Township);
            list(stats.township_only_sites, groups, g, probe.township_only.front().site.reason);
            return;
        }
        list(stats.unmatched_sites, groups, g, probe.unmatched.front().site.reason);
    }

    const analysis::VillageNames* village_names = nullptr;
    const analysis::VillageNames& names() const { return *village_names; }

    void count(const analysis::VillageNames& all_names) {
        village_names = &all_names;
        const ServerTable table = describe_table(db, sites);
        const std::string point = "s." + table.geom;
        db.exec("DROP TABLE IF EXISTS pg_temp.ca_sites");
        // Every (site, village) pair that touches, villages as the outer side so PostGIS keeps
        // each outline prepared across its sites; the owner by locate()'s rule, asked only of a
        // site on a border (several pairs).
        db.exec("CREATE TEMP TABLE ca_sites AS WITH hits AS (SELECT s." + table.fid + " AS site, v." + villages.table.fid +
                " AS village, count(*) OVER (PARTITION BY s." + table.fid + ") AS n, v." + villages.table.geom + " AS outline, " + point +
                " AS at FROM " + villages.table.name + " v JOIN " + table.name + " s ON v." + villages.table.geom + " && " + point +
                " AND ST_Intersects(v." + villages.table.geom + ", " + point + ")), owner AS (SELECT DISTINCT ON (site) site, village FROM hits "
                "ORDER BY site, CASE WHEN n > 1 THEN NOT ST_Contains(outline, at) ELSE false END, village) "
                "SELECT s." + table.fid + " AS fid, (" + point + " IS NOT NULL AND NOT ST_IsEmpty(" + point + ")) AS located, o.village, " +
                column_of(sites, Meaning::Township) + "::text AS tw, " + column_of(sites, Meaning::VillageName) + "::text AS vn, " +
                column_of(sites, Meaning::ProjectType) + "::text AS ty, " + column_of(sites, Meaning::Status) + "::text AS st, " +
                column_of(sites, Meaning::Year) + "::text AS yr, " + column_of(sites, Meaning::ProjectName) + "::text AS pn, " +
                column_of(sites, Meaning::Funds) + "::float8 AS funds, " + column_of(sites, Meaning::BeneficiaryHouseholds) + "::float8 AS bh, " +
                column_of(sites, Meaning::BeneficiaryPeople) + "::float8 AS bp FROM " + table.name + " s LEFT JOIN owner o ON o.site = s." +
                table.fid);
        const Result groups = db.exec(
            "SELECT located, village, tw, vn, ty, st, yr, count(*), tw, vn, ty, st, yr, NULL, sum(funds), sum(bh), sum(bp) "
            "FROM pg_temp.ca_sites GROUP BY 1, 2, 3, 4, 5, 6, 7");
        for (int g = 0; g < groups.rows(); ++g) {
            const model::Feature group = site_feature(groups, g, 8, -1, sites);
            if (!included(group)) continue;
            const std::int64_t n = groups.integer(g, 7);
            if (groups.text(g, 0) == "t") located(groups, g, group, n);
            else by_name(groups, g, group, n);
        }
    }
};

// Ponds into the village holding them (a polygon by GEOS's point on its surface, as the embedded
// engine does); the others counted apart.
void count_ponds(Connection& db, const model::Layer& ponds, const VillageRows& villages, Statistics& stats) {
    const ServerTable table = describe_table(db, ponds);
    const std::string g = "p." + table.geom;
    const auto& capacity = ponds.mapping[Meaning::Capacity];
    const Result r = db.exec("SELECT v.village, count(*), sum(" + column_of(ponds, Meaning::Capacity) + "::float8), array_agg(p." + table.fid +
                             " ORDER BY p." + table.fid + ")::text FROM " + table.name + " p CROSS JOIN LATERAL (SELECT CASE WHEN GeometryType(" + g +
                             ") IN ('POINT', 'MULTIPOINT') THEN ST_GeometryN(" + g + ", 1) ELSE ST_PointOnSurface(" + g +
                             ") END AS at) q CROSS JOIN LATERAL (SELECT " + village_holding(villages.table, "q.at") + " AS village) v WHERE " + g +
                             " IS NOT NULL AND NOT ST_IsEmpty(" + g + ") GROUP BY 1");
    for (int i = 0; i < r.rows(); ++i) {
        if (r.is_null(i, 0)) {
            stats.ponds_outside += static_cast<std::size_t>(r.integer(i, 1));
            std::string ids(r.text(i, 3).substr(1, r.text(i, 3).size() - 2));  // "{4,9}"
            for (std::size_t at = 0; at < ids.size();) {
                const std::size_t comma = std::min(ids.find(',', at), ids.size());
                stats.outside_ponds.push_back({ponds.file_name(), ponds.name, std::stoll(ids.substr(at, comma - at)), false});
                at = comma + 1;
            }
            continue;
        }
        RegionStats& row = stats.villages[villages.row(r, i, 0)];
        row.ponds += static_cast<int>(r.integer(i, 1));
        row.pond_capacity_m3 += r.number(i, 2) * (capacity ? capacity->scale : 1.0);
    }
}

// Lines cut at village borders: a piece the village holds properly (no contact with its border)
// is the village's whole; any other piece is split into its segments, each kept by the village
// holding its midpoint (the embedded engine's rule, so a stretch along a border counts once).
// ST_ContainsProperly, unlike ST_Relate, keeps the village's outline prepared across its pieces.
void cut_lines(Connection& db, const model::Layer& lines, const VillageRows& villages, Statistics& stats) {
    const ServerTable table = describe_table(db, lines);
    const ServerTable& v = villages.table;
    const std::string g = "l." + table.geom, is_line = "GeometryType(" + g + ") IN ('LINESTRING', 'MULTILINESTRING')";
    db.exec("DROP TABLE IF EXISTS pg_temp.ca_pieces");
    // A segment's midpoint strictly inside its own village is that village's (villages do not
    // overlap once repaired); only one on a border asks which village holds it.
    db.exec("CREATE TEMP TABLE ca_pieces AS WITH parts AS MATERIALIZED (SELECT line, village, kind, piece, outline, "
            "ST_ContainsProperly(outline, piece) AS whole FROM (SELECT l." + table.fid + " AS line, v." + v.fid + " AS village, " +
            column_of(lines, Meaning::Kind) + "::text AS kind, (ST_Dump(ST_CollectionExtract(ST_Intersection(" + g + ", v." + v.geom +
            "), 2))).geom AS piece, v." + v.geom + " AS outline FROM " + v.name + " v JOIN " + table.name + " l ON " + g + " && v." + v.geom +
            " AND ST_Intersects(" + g + ", v." + v.geom + ") WHERE " + is_line +
            ") cut) SELECT line, village, kind, ST_Length(piece::geography) AS m FROM parts WHERE whole "
            "UNION ALL SELECT p.line, p.village, p.kind, ST_Length(s.geom::geography) FROM parts p CROSS JOIN LATERAL ST_DumpSegments(p.piece) s "
            "CROSS JOIN LATERAL (SELECT ST_LineInterpolatePoint(s.geom, 0.5) AS mid) m WHERE NOT p.whole AND CASE WHEN ST_Contains(p.outline, m.mid) "
            "THEN true ELSE p.village = " + village_holding(v, "m.mid") + " END");
    model::CanonicalSpellings kind_of(model::canonical_kind);
    const Result pieces = db.exec("SELECT village, kind, sum(m) FROM pg_temp.ca_pieces GROUP BY 1, 2");
    for (int i = 0; i < pieces.rows(); ++i) {
        std::string kind = kind_of(model::normalize_text(pieces.text(i, 1)));
        if (kind.empty()) kind = "other";
        stats.villages[villages.row(pieces, i, 0)].line_km_by_kind[kind] += pieces.number(i, 2) / 1000;
    }
    const Result outside = db.exec("SELECT sum(greatest(0, ST_Length(" + g + "::geography) - coalesce(i.m, 0))) FROM " + table.name +
                                   " l LEFT JOIN (SELECT line, sum(m) AS m FROM pg_temp.ca_pieces GROUP BY line) i ON i.line = l." + table.fid +
                                   " WHERE " + is_line);
    stats.line_km_outside += outside.number(0, 0) / 1000;
}

// Every line kind the line tables hold, canonical, sorted ("other" for none).
std::vector<std::string> line_kinds(Connection& db, const model::Project& project) {
    std::set<std::string> kinds;
    for (const auto* lines : project.layers_with(Role::Lines)) {
        const Result r = db.exec("SELECT DISTINCT " + column_of(*lines, Meaning::Kind) + "::text FROM " + describe_table(db, *lines).name);
        for (int i = 0; i < r.rows(); ++i) {
            std::string kind = model::canonical_kind(model::normalize_text(r.text(i, 0)));
            kinds.insert(kind.empty() ? "other" : kind);
        }
    }
    return {kinds.begin(), kinds.end()};
}

}  // namespace

std::string server_refusal(const model::Project& project) {
    const auto villages = project.layers_with(Role::Villages);
    if (villages.size() != 1) return "the server counts with one villages table";
    const std::string& database = villages.front()->source_path;
    if (!model::is_database_source(database)) return "the villages are not a database table";
    for (const auto& layer : project.layers) {
        if (layer.role == Role::Unknown || layer.role == Role::Villages) continue;
        if (layer.source_path != database) return layer.file_name() + " is not in the villages' database";
        if (!layer.web_map_offsets.empty()) return layer.file_name() + " needs its web-map offsets converted";
    }
    return {};
}

analysis::Statistics count_on_server(const model::Project& project, const analysis::StatsOptions& options, const analysis::StageCallback& on_stage) {
    if (const std::string refusal = server_refusal(project); !refusal.empty()) throw Error("cannot count on the server: " + refusal);
    auto finished = [&on_stage](std::string_view stage) {
        if (on_stage) on_stage(stage);
    };
    const model::Layer& village_layer = *project.layers_with(Role::Villages).front();
    Connection db(village_layer.source_path);
    // These statements cost the planner millions of units, past JIT's threshold: compiling them
    // took longer than running them (1-2 s of a prefecture's count, measured).
    db.exec("SET jit = off");
    detail::VillageFrame frame = detail::village_frame(project, options, line_kinds(db, project));
    Statistics& stats = frame.stats;
    VillageRows villages{describe_table(db, village_layer), {}};
    for (std::size_t i = 0; i < village_layer.features.size(); ++i) villages.row_of_fid[village_layer.features[i].fid] = i;
    finished("index");
    if (!options.villages_only) {
        const auto site_layers = project.layers_with(Role::Sites);
        for (std::size_t l = 0; l < site_layers.size(); ++l) {
            for (const Meaning m : {Meaning::Funds, Meaning::BeneficiaryHouseholds, Meaning::BeneficiaryPeople})
                if (!is_number_column(db, describe_table(db, *site_layers[l]), *site_layers[l], m))
                    throw Error("cannot sum this column on the server: it holds text; count with --engine local").file(site_layers[l]->file_name());
            SiteCounting{*site_layers[l], l, db, villages, stats, stats.township_only_counts}.count(frame.names);
        }
        auto by_row = [](const analysis::UnmatchedSite& a, const analysis::UnmatchedSite& b) { return a.layer != b.layer ? a.layer < b.layer : a.row < b.row; };
        std::stable_sort(stats.unmatched_sites.begin(), stats.unmatched_sites.end(), by_row);
        std::stable_sort(stats.township_only_sites.begin(), stats.township_only_sites.end(), by_row);
        std::stable_sort(stats.conflicts.begin(), stats.conflicts.end(), [](const analysis::LocationConflict& a, const analysis::LocationConflict& b) {
            return a.layer_index != b.layer_index ? a.layer_index < b.layer_index : a.row < b.row;
        });
        finished("place sites");
        for (const auto* ponds : project.layers_with(Role::Ponds)) {
            if (!is_number_column(db, describe_table(db, *ponds), *ponds, Meaning::Capacity))
                throw Error("cannot sum this column on the server: it holds text; count with --engine local").file(ponds->file_name());
            count_ponds(db, *ponds, villages, stats);
        }
        finished("ponds");
        for (const auto* lines : project.layers_with(Role::Lines)) cut_lines(db, *lines, villages, stats);
        finished("cut lines");
    }
    detail::aggregate(stats, frame.blank, stats.township_only_counts);
    finished("aggregate");
    return std::move(stats);
}

}  // namespace ca::postgis
