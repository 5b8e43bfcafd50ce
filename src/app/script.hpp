// `countyatlas view --script FILE`: a short list of UI actions, one per line, so tests and batch
// jobs drive the real viewer. Lines:
//   choropleth METRIC|field:NAME [quantile|equal|jenks|stddev] [CLASSES]   (METRIC off: township tints)
//   choropleth-level villages|townships
//   zoom-to village NAME [TOWNSHIP] | zoom-to township NAME | zoom-to home
//   search TEXT   (as Enter in the search box: hanzi or pinyin; selects and zooms to the first match)
//   select village NAME [TOWNSHIP] | select-box LON LAT LON LAT (villages seen inside)
//   filter type TYPE on|off | filter year YEAR|all|play|step (play starts at the first year; step is a second of it) | filter status VALUE|all | filter batch VALUE|all
//   colour-sites type|year|status|batch
//   layer INDEX visible on|off | opacity 0..1 | fill R,G,B | stroke R,G,B | width PX | size PX | symbol circle|square|triangle | role ROLE
//                | field MEANING=FIELD|none   (e.g. field poor_population=贫困人口)
//   language zh|en    labels on|off|chinese|pinyin    uncovered on|off    open FILE[:LAYER]
//   terrain visible|tint on|off | terrain azimuth 0..360 | terrain altitude 0..90   (the DEM's hillshade, as the layer panel's DEM entry)
//   screenshot FILE.png    save-project FILE.cap.json    save-statistics FILE.xlsx|csv|gpkg    tab statistics|poorest|identify|attributes
//   export FILE [PAGE [DPI]]   (as the export dialog: the current view on a page; PNG, PDF or SVG)
//   export-dialog on|off    open-dialog FOLDER|off    tab problems
//   problem-click N   (the N-th problem the Problems tab lists, from 1: goes to its feature or row)
//   save-problems FILE   (the Problems tab as text: its label, "fields<tab>LAYER<tab>MEANINGS" for layers
//                         with fields to map, "# KIND (N)" headers, SEVERITY<tab>PLACE<tab>MESSAGE lines;
//                         or the tab's line saying there are none)
//   problems-filter errors|warnings|notes on|off   (the Problems tab's severity checkboxes)
//   map-fields LAYER   (as the Problems tab's "Map fields…": the layers panel opens the layer's field mapping)
//   layer INDEX remove|up|down   (as the layers panel's buttons)
//   background on|off   (on: the next steps do not wait for the counts and maps they start, as a person
//                        clicking on while the viewer counts; off, the default: each step's result first)
//   wait   (until every count and map asked for is done)
//   wait-for-file PATH   (until another program makes this file, at most 60 s: a batch job's hand-over)
//   save-status FILE   ("refreshing<tab>yes|no", "layer<tab>NAME<tab>ROLE<tab>FEATURES" per layer,
//                       "villages<tab>ROWS<tab>SHAPES": statistics rows and village shapes the map can pick,
//                       "hovered<tab>VILLAGE" when the mouse is over one)
//   hover LON LAT   (the mouse over this point: the village under it is found as the map finds it)
//   click LON LAT | drag LON LAT LON LAT   (the left mouse button at these map points, as a hand would: Edit mode's tools)
//   key delete|enter|escape|ctrl+z|ctrl+y|ctrl+shift+z|ctrl+s   (one key press)
//   form FIELD VALUE...   (types into the open new feature form's field, by name or meaning)
//   edit-layer, edit add-site|move|move-vertex|delete|set|assign, undo, redo, save, reload: see script_edits.hpp
// Blank lines and lines starting with # are skipped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/refresh_job.hpp"
#include "core/model/error.hpp"
#include "ui/viewer_state.hpp"

namespace ca::app {

struct ScriptLine {
    int number = 0;
    std::vector<std::string> words;
};

// Reads and checks the whole script first, so a typo fails before any window opens.
std::vector<ScriptLine> read_script(const std::string& path);

// What a line asks: state changes are applied here; a screenshot path is returned for the caller
// to save once the frame is drawn. Throws ca::Error naming file and line when it cannot be done.
// One frame of mouse and keys played into the viewer as a person's hand would give them (click,
// drag, key): the mouse in window pixels, the left button, a key held (a GLFW key code) with Ctrl
// and Shift.
struct InputFrame {
    float x = 0, y = 0;
    bool button = false;
    int key = -1;
    bool ctrl = false, shift = false;
};

struct ScriptEffect {
    Refresh refresh = Refresh::None;  // what the step changed (the caller recomputes it before the next)
    std::string screenshot_path;   // non-empty: save the next frame here
    bool export_now = false;       // write the export dialog's file for the current view
    std::string open_path;         // non-empty: add this file's layers, as a file dropped on the window
    std::optional<std::string> password;  // the answer to the database's question, as typed into it
    std::optional<bool> background;  // from now on, do (not) wait for each step's refresh
    bool wait = false;             // wait for every refresh asked for
    std::vector<InputFrame> input;  // frames of mouse and keys to play before the next step
};
ScriptEffect run_script_line(const std::string& script_path, const ScriptLine& line, ui::ViewerState& state);

// What a script line's failure says, as a compiler names a source line: one ca::Error
// "SCRIPT:LINE: message". Call it in a catch block: it words the exception being handled (a
// ca::Error keeps its kind; a word that should be a number and is not is bad input).
Error script_failure(const std::string& script_path, const ScriptLine& line);

}  // namespace ca::app
