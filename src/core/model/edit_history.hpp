// Edits of a project's features and their undo / redo: one history per project. An edit is a
// list of feature changes (before and after), so undoing it puts back exactly what was there.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/model/project.hpp"

namespace ca::model {

// One feature replaced, added (no `before`) or removed (no `after`) at `position` of
// Project::layers[layer].features. Changes of one edit apply in order and undo in reverse, so a
// change's position is the one its layer has at that moment.
struct FeatureChange {
    std::size_t layer = 0;
    std::size_t position = 0;
    std::optional<Feature> before, after;
};

struct Edit {
    std::string description;  // what the user did, for the Undo menu and messages ("move site 12")
    std::vector<FeatureChange> changes;
};

// Applies one direction of `edit` to `project`, marking each feature touched in its layer's
// Layer::edited. Throws ca::Error when a change does not fit the layers (a stale edit).
void apply_edit(Project& project, const Edit& edit);
void revert_edit(Project& project, const Edit& edit);

class EditHistory {
public:
    // Applies `edit` and records it; what was undone can no longer be redone.
    void apply(Project& project, Edit edit);
    // False when there is nothing to undo (redo).
    bool undo(Project& project);
    bool redo(Project& project);
    bool can_undo() const { return !m_done.empty(); }
    bool can_redo() const { return !m_undone.empty(); }
    const std::string& next_undo() const;  // the description of what undo would undo ("" if none)
    const Edit* last_done() const { return m_done.empty() ? nullptr : &m_done.back(); }      // what apply or redo just did
    const Edit* last_undone() const { return m_undone.empty() ? nullptr : &m_undone.back(); }  // what undo just took back
    const std::string& next_redo() const;
    // After a save (the sources hold the edits now, under other row numbers and ids), or when the
    // layers the edits name were reordered or removed.
    void clear();
    std::size_t version() const { return m_version; }  // changes with every apply, undo and redo

private:
    std::vector<Edit> m_done, m_undone;
    std::size_t m_version = 0;
};

// The id a feature added to `layer` gets until it is saved: below every id the layer has and
// below zero, so the writer knows it is new.
std::int64_t new_feature_id(const Layer& layer);

}  // namespace ca::model
