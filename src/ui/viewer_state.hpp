// What the viewer shows, as plain data that panels read and the app changes.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/analysis/autocorrelation.hpp"
#include "core/analysis/site_edits.hpp"
#include "core/analysis/statistics.hpp"
#include "core/analysis/name_matching.hpp"
#include "core/analysis/relocation.hpp"
#include "core/analysis/village_candidates.hpp"
#include "core/analysis/village_index.hpp"
#include "core/loading/folder_listing.hpp"
#include "core/loading/load_project.hpp"
#include "core/model/edit_history.hpp"
#include "core/model/pinyin.hpp"
#include "core/model/problems.hpp"
#include "core/model/project.hpp"
#include "core/scene/map_style.hpp"
#include "core/scene/scene.hpp"
#include "core/scene/townships.hpp"
#include "core/workspace/import_rows.hpp"
#include "core/workspace/project_file.hpp"
#include "core/workspace/save_edits.hpp"
#include "ui/strings.hpp"

namespace ca::ui {

// The map canvas within the window, in window pixels from the top-left.
struct CanvasRect {
    int x = 0, y = 0, width = 1, height = 1;
};

// Villages as the map needs them for hit tests and highlights: projected shapes, in the order of
// Statistics::villages, with an index over them (working CRS). The lookup owns the shapes its
// index points at, so it stays valid after the layers it was made from are removed or replaced,
// until the next count brings a new one. Built once, never changed: shared as a whole.
struct VillageLookup {
    std::vector<model::Geometry> shapes_m;
    std::unique_ptr<analysis::VillageIndex> index;  // over shapes_m
};

// One version of the project's data: the layers, the numbers counted from them, the village lookup
// made from them, and what the map derived from them. Each part is immutable once shared, so a
// copy of this struct is a snapshot a worker may read while the UI moves on to a newer version
// (as MapLibre Native's Immutable<T>). Changes go through app::edit_project, which copies the
// layers when a worker holds them. The statistics and lookup may lag the layers by one refresh.
struct ProjectData {
    std::shared_ptr<const model::Project> project = std::make_shared<model::Project>();  // non-const: see app::edit_project
    std::shared_ptr<const analysis::Statistics> stats = std::make_shared<const analysis::Statistics>();
    std::shared_ptr<const VillageLookup> villages = std::make_shared<const VillageLookup>();
    std::shared_ptr<const std::vector<analysis::LisaClass>> lisa;  // the LISA choropleth's classes, once computed for these statistics
    std::shared_ptr<const std::vector<scene::TownshipOutline>> townships;  // dissolved from the villages, once per data version
    std::shared_ptr<const model::ElevationGrid> terrain;  // the whole DEM on the working CRS, for the hillshade; null without a DEM
};

// What the export dialog will write.
struct ExportSettings {
    bool open = false;
    std::string title = "扶贫项目分布图";
    std::string page = "A4-landscape";
    int dpi = 300;
    std::string path = "map.pdf";
    std::string review_number, compiled_by;  // printed under the map (审图号, 编制单位)
};

// The open dialog: which folder it shows, and the file picked there.
struct OpenDialog {
    bool open = false;
    std::string folder;
    std::string picked;  // a file name in `folder`
};
// The dialog's listing, read again only when the folder changes.
struct FolderListing {
    std::string folder;
    std::vector<loading::FolderEntry> entries;
};

// What panels list about the data, gathered once per data change rather than every frame.
struct DataSummary {
    int first_year = 0, last_year = 0;           // of the projects; first > last when none have a year
    std::vector<std::string> statuses, batches;  // distinct, sorted
    std::vector<std::size_t> poorest;            // villages by poverty rate, highest first
    std::optional<analysis::RelocationRanking> relocation;  // with a DEM: `rank --relocation`'s list, default weights
    std::vector<model::PinyinKey> village_pinyin, township_pinyin;  // by Statistics::villages / townships
    std::vector<std::string> numeric_village_fields;               // fields a choropleth can show
};

// A village or township found by name.
struct PlaceMatch {
    bool township = false;  // else a village
    std::size_t index = 0;  // into Statistics::villages or ::townships
};
// The search box's matches for a query, kept while query and statistics stay: matching pinyin
// over 130,000 villages is not a per-frame job.
struct SearchMatches {
    std::string query;
    std::vector<PlaceMatch> found;
};

// The attribute table's rows after filtering and sorting, kept until any of those inputs change:
// a million sites are not filtered and sorted again every frame.
struct TableRows {
    const model::Layer* layer = nullptr;
    std::size_t feature_count = 0;
    std::string filter;
    int sort_column = -1;
    bool ascending = true;
    std::vector<std::size_t> rows;
};

// A feature of a layer: the layer's index in Project::layers, the feature's in Layer::features.
struct FeatureRef {
    std::size_t layer = 0, feature = 0;
    bool operator==(const FeatureRef&) const = default;
};

// Which severities the Problems tab lists.
struct SeverityFilter {
    bool errors = true, warnings = true, notes = true;
    bool shows(model::Severity severity) const {
        return severity == model::Severity::Error ? errors : severity == model::Severity::Warning ? warnings : notes;
    }
    bool operator==(const SeverityFilter&) const = default;
};

// The candidate villages of the Problems tab, built for one version of the layers and statistics
// (the index points into that version's village polygons, which the cache keeps alive).
struct CandidateCache {
    std::shared_ptr<const model::Project> project;
    std::shared_ptr<const analysis::Statistics> stats;
    std::unique_ptr<analysis::VillageCandidateIndex> index;
    // Answers already given, by the row's township, village and point: panels ask every frame.
    std::map<std::string, std::vector<analysis::VillageCandidate>> answers;
};

// One line of the Problems tab: a kind's header, or one problem.
struct ProblemRow {
    bool header = false;
    std::size_t problem = 0;  // into loading's then counting's problems (see problem_at); a header: its kind's first
    std::size_t count = 0;    // a header: the problems of its kind listed
};
// The Problems tab's lines, kept until the problems or the filter change: a province has thousands.
struct ProblemRows {
    std::uint64_t version = ~std::uint64_t{0};
    SeverityFilter filter;
    std::vector<ProblemRow> rows;
    std::size_t errors = 0, warnings = 0, notes = 0;  // of all the problems, whatever the filter
    std::vector<std::size_t> layers_to_map;           // see ui::layers_to_map
};

// What the editing panels are typing: text not yet taken into an edit. Owned by the panels that
// show it (mutable in ViewerState, as the caches), so a half-typed number never reaches the data.
struct EditInputs {
    std::optional<model::Vec2> new_site_m;  // a click in a point layer's Edit mode: the new feature's form is open
    std::vector<std::string> form;          // the form: a typed value per field of the edited layer
    struct Cell {
        std::size_t feature = 0, field = 0;
        std::string text;
        bool focused = false;  // the keyboard went to it when it opened (once: the value list may take it then)
    };
    std::optional<Cell> cell;          // the attribute table cell being typed into
    std::set<std::size_t> rows;        // features picked in the edited layer's attribute table (ctrl-click)
    std::size_t bulk_field = 0;        // "set FIELD of N rows to VALUE"
    std::string bulk_text;
    std::string error;                 // why the typed value cannot be taken, shown where it was typed
    std::string save_as_path = "project.gpkg";  // "Save as GeoPackage…"
    // The values offered for a field (its layer's own, for type, status, batch...), gathered once
    // per layer version: a province's million sites are not read every frame.
    struct Choices {
        const model::Layer* layer = nullptr;
        std::size_t features = 0;
        std::map<std::size_t, std::vector<std::string>> by_field;
    };
    Choices choices;
};

// "Import a project sheet…": the sheet read, the user's column choices and fixes typed into its
// rows, and which rows are left out. The panel owns the inputs (mutable in ViewerState); the app
// reads the sheet (Actions::import_read). Appended as one edit of the sites layer, undone as one.
struct ImportInputs {
    bool open = false;
    std::string path;                              // typed in the dialog
    std::shared_ptr<const model::Layer> sheet;     // the sheet as read, when it could be
    std::string error;                             // why it could not be read, mapped or appended
    std::optional<std::size_t> target;             // the sites layer the rows go to
    std::vector<workspace::MapChoice> choices;     // the user's own field <- column choices
    std::map<std::size_t, std::pair<std::string, std::string>> fixes;  // sheet row (feature index) -> township, village typed in place
    std::set<std::size_t> left_out;                // rows unticked
    // The villages by name, for each row's match, built once per version of the statistics.
    std::shared_ptr<const analysis::Statistics> names_of;
    std::shared_ptr<const analysis::VillageNames> names;
    // The list's rows by name and place, for duplicates, built once per version of the list.
    const model::Layer* existing_of = nullptr;
    std::size_t existing_count = 0, existing_version = 0;
    std::shared_ptr<const workspace::ExistingRows> existing;
};

// Editing: which layer the Edit toggle turned on, the history of edits, what saving met.
struct Editing {
    std::optional<std::size_t> layer;  // the layer being edited (Project::layers index)
    model::EditHistory history;        // one per project: every edit of every layer
    // Sites changed since the statistics were last asked for: they are recounted from these alone
    // (Refresh::Sites) while no other layer changed.
    std::vector<analysis::SiteChange> site_changes;
    workspace::SessionBackups backups;  // files already kept as .bak this session
    std::vector<std::string> changed_on_disk;  // set: a save found these changed by another program; the viewer asks
    std::optional<FeatureRef> place_on_map;    // a Problems tab row waiting for the click that places it
    bool close_asked = false;          // the window is closing with unsaved edits; the viewer asks
    mutable EditInputs inputs;
    mutable ImportInputs importing;
};

struct ViewerState {
    ProjectData data;  // the current version; read through the accessors below
    const model::Project& project() const { return *data.project; }
    const analysis::Statistics& stats() const { return *data.stats; }
    const VillageLookup& villages() const { return *data.villages; }
    DataSummary summary;
    scene::MapStyle style;
    std::shared_ptr<const scene::Scene> scene = std::make_shared<scene::Scene>();  // shared with the renderer
    scene::Viewport viewport;  // the map canvas's view
    CanvasRect canvas;
    std::optional<model::Vec2> cursor_m;     // ground point under the mouse, when over the map
    std::optional<std::size_t> hovered;      // village under the mouse
    std::optional<std::size_t> selected;     // village clicked, or chosen in a table
    std::set<std::size_t> selection;         // villages box-selected or ctrl-clicked (with `selected`)
    bool selected_changed = false;           // this frame: the identify tab comes forward
    std::string open_tab;                    // "statistics", "poorest", "relocation" (the Poorest tab by relocation score), "identify", "attributes", "problems": bring forward once
    bool highlight_uncovered = false;        // poor villages without a project, outlined
    bool playing_years = false;              // the year filter steps a year a second (see advance_year_play)
    std::string search;
    std::size_t table_layer = 0;
    std::string table_filter;
    mutable TableRows table_rows;  // a cache the attribute table refreshes when its inputs change
    mutable std::optional<SearchMatches> search_matches;  // a cache the search box refreshes
    std::vector<std::string> messages;  // session messages (saves, exports, files that failed to open)
    // What counting met (sites placed nowhere, conflicts, web-map offsets...), computed on the
    // worker with the statistics; loading's own are in project.problems.
    model::ProblemLog counting_problems;
    std::uint64_t problems_version = 0;  // bumped whenever either list changes
    SeverityFilter problem_filter;
    mutable ProblemRows problem_rows;  // a cache the Problems tab refreshes
    mutable CandidateCache candidates;  // a cache the Problems tab builds when a site's problem is clicked
    std::optional<std::size_t> clicked_problem;  // highlighted in the Problems tab
    std::optional<FeatureRef> selected_feature;  // a problem's feature or table row, outlined on the map
    std::uint64_t table_scroll_request = 0;      // bumped: the attribute table scrolls to selected_feature
    mutable std::uint64_t table_scrolled = 0;    // the request the table last scrolled for
    std::optional<std::size_t> open_field_mapping;  // this frame: the layers panel opens this layer's fields
    Editing editing;
    loading::LoadOptions load_options;  // how the data was read, for saving the project
    workspace::FigureDefaults figure;   // the project file's figure block, saved back with the project
    std::string project_path = "project.cap.json";
    std::string statistics_path = "township_statistics.xlsx";
    bool refreshing = false;  // statistics or the map are being computed (on a worker, from a snapshot of `data`)
    bool glyphs_stale = false;  // new data may hold characters the font atlas lacks
    ExportSettings export_settings;
    OpenDialog open_dialog;
    // A database that refused for want of a password: the viewer asks for one (never kept).
    std::optional<std::string> database_asking_password;
    mutable std::array<char, 256> password_field{};  // what is typed there, wiped when the question closes
    mutable FolderListing folder_listing;  // a cache the open dialog refreshes
    unsigned preview_texture = 0;  // the export preview, drawn by the app (an OpenGL texture id)
    int preview_width = 0, preview_height = 0;
};

// Requests panels make during a frame; the app applies them after it.
struct Actions {
    bool fit_to_data = false;
    std::optional<Language> set_language;
    std::optional<std::string> search;
    std::optional<bool> labels;
    std::optional<scene::LabelScript> label_script;
    std::optional<std::pair<std::size_t, bool>> layer_visible;
    std::optional<std::pair<std::size_t, float>> layer_opacity;
    std::optional<std::pair<std::size_t, scene::LayerStyle>> layer_style;  // colours, widths, sizes
    std::optional<std::string> choropleth_metric;  // empty: township tints
    std::optional<analysis::ClassMethod> choropleth_method;
    std::optional<int> choropleth_classes;
    std::optional<bool> choropleth_by_township;
    std::optional<std::pair<std::string, bool>> site_type_shown;
    std::optional<int> up_to_year;  // 0: all years
    std::optional<bool> play_years;
    std::optional<scene::SiteColour> site_colour;
    std::optional<std::string> site_status;  // empty: all
    std::optional<std::string> site_batch;   // empty: all
    std::optional<bool> highlight_uncovered;
    std::optional<scene::TerrainStyle> terrain;  // the DEM's hillshade: shown, sun, tint (redrawn by the GPU, no rebuild)
    std::optional<std::size_t> table_layer;
    std::optional<std::string> table_filter;
    std::optional<std::string> project_path;
    std::optional<std::string> save_project;  // write the project file here
    std::optional<std::string> statistics_path;
    std::optional<std::string> save_statistics;  // write the township table (as shown) here
    std::optional<std::string> open_tab;
    std::optional<std::string> open_file;  // data or project file to add
    // The password typed for state.database_asking_password (empty: cancelled).
    std::optional<std::string> database_password;
    std::optional<OpenDialog> open_dialog;
    std::optional<ExportSettings> export_settings;  // the dialog changed: new preview
    bool export_now = false;
    std::optional<model::Extent> zoom_to_m;
    std::optional<std::size_t> select_village;
    std::optional<std::set<std::size_t>> select_set;  // replaces the selection (box select)
    std::optional<std::size_t> toggle_village;        // ctrl-click: in or out of the selection
    bool zoom_to_selection = false;
    std::optional<std::size_t> remove_layer;
    std::optional<std::pair<std::size_t, int>> move_layer;  // layer, -1 up / +1 down
    std::optional<std::pair<std::size_t, model::Role>> layer_role;
    struct LayerField {
        std::size_t layer;
        model::Meaning meaning;
        std::string field;  // empty: none
    };
    std::optional<LayerField> layer_field;
    std::optional<std::size_t> problem_click;  // a problem of the Problems tab (see problem_at): go to what it names
    std::optional<SeverityFilter> problem_filter;
    std::optional<std::size_t> open_field_mapping;  // a layer whose fields the layers panel shows
    std::optional<FeatureRef> select_feature;  // a row of a non-village attribute table
    // Editing (see app/editing.hpp).
    std::optional<model::Edit> edit;          // a feature edit from the map, a form or the attribute table
    bool undo = false, redo = false;          // Ctrl+Z, Ctrl+Y
    std::optional<bool> save_edits;           // Ctrl+S; true: overwrite files changed on disk since they were read
    bool reload_changed = false;              // the files changed on disk: read them again, edits of theirs dropped
    std::optional<std::optional<std::size_t>> edit_layer;  // the Edit toggle: this layer, or none
    struct AddFeature {
        model::Vec2 point_m;  // where the click fell (working CRS)
        std::vector<std::pair<std::size_t, model::Value>> values;  // typed into the form
    };
    std::optional<AddFeature> add_feature;    // the new feature form's OK: township and village filled in by the app
    struct Assign {
        FeatureRef site;
        std::size_t village = 0;  // into Statistics::villages
    };
    std::optional<Assign> assign;             // a Problems tab candidate clicked
    std::optional<FeatureRef> place_on_map;   // the Problems tab's "pick on the map": the next click on the map places this site
    std::optional<bool> close_answer;         // closing with unsaved edits: true closes (after the save asked with it), false stays
    bool cancel_save = false;                 // the question about files changed on disk answered "cancel"
    std::optional<std::string> save_as_geopackage;  // every layer, edits included, with the project, into this GeoPackage
    std::optional<std::string> import_read;   // "Import a project sheet…": read this sheet for its preview
};

}  // namespace ca::ui
