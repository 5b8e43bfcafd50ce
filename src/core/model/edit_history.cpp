// Applying, undoing and redoing feature edits (see edit_history.hpp).
#include "core/model/edit_history.hpp"

#include <algorithm>

#include "core/model/error.hpp"

namespace ca::model {
namespace {

// Which parts differ: all of an added or removed feature, else the fields and geometry that changed.
void mark_edited(Layer& layer, const std::optional<Feature>& from, const std::optional<Feature>& to) {
    const Feature& any = from ? *from : *to;
    EditedParts& parts = layer.edited[any.fid];
    if (from && !parts.as_read && from->fid >= 0) parts.as_read = *from;
    for (std::size_t i = 0; i < layer.field_names.size(); ++i) {
        const bool differs = !from || !to || i >= from->values.size() || i >= to->values.size() || from->values[i] != to->values[i];
        if (differs) parts.fields.insert(i);
    }
    if (!from || !to || from->geometry.type != to->geometry.type || from->geometry.coords != to->geometry.coords ||
        from->geometry.ring_ends != to->geometry.ring_ends || from->geometry.part_ends != to->geometry.part_ends)
        parts.geometry = true;
}

// One change in one direction: `from` is what must be at the position, `to` what goes there.
void swap_in(Project& project, std::size_t layer_index, std::size_t position, const std::optional<Feature>& from,
             const std::optional<Feature>& to) {
    if (layer_index >= project.layers.size()) throw Error("an edit names a layer the project no longer has");
    Layer& layer = project.layers[layer_index];
    auto& features = layer.features;
    const std::size_t limit = from ? features.size() : features.size() + 1;  // an insertion may go at the end
    if (position >= limit || (from && features[position].fid != from->fid))
        throw Error("an edit no longer fits the layer's features (were they changed elsewhere?)").file(layer.file_name()).layer(layer.name);
    mark_edited(layer, from, to);
    const auto at = features.begin() + static_cast<std::ptrdiff_t>(position);
    if (from && to) *at = *to;
    else if (from) features.erase(at);
    else if (to) features.insert(at, *to);
}

}  // namespace

void apply_edit(Project& project, const Edit& edit) {
    std::size_t done = 0;
    try {
        for (; done < edit.changes.size(); ++done) {
            const auto& c = edit.changes[done];
            swap_in(project, c.layer, c.position, c.before, c.after);
        }
    } catch (...) {  // all or nothing: the changes made so far are taken back
        while (done-- > 0) {
            const auto& c = edit.changes[done];
            swap_in(project, c.layer, c.position, c.after, c.before);
        }
        throw;
    }
}

void revert_edit(Project& project, const Edit& edit) {
    const Edit inverse = [&] {
        Edit e{edit.description, {}};
        for (auto c = edit.changes.rbegin(); c != edit.changes.rend(); ++c) e.changes.push_back({c->layer, c->position, c->after, c->before});
        return e;
    }();
    apply_edit(project, inverse);
}

void EditHistory::apply(Project& project, Edit edit) {
    apply_edit(project, edit);
    m_done.push_back(std::move(edit));
    m_undone.clear();
    ++m_version;
}

bool EditHistory::undo(Project& project) {
    if (m_done.empty()) return false;
    revert_edit(project, m_done.back());
    m_undone.push_back(std::move(m_done.back()));
    m_done.pop_back();
    ++m_version;
    return true;
}

bool EditHistory::redo(Project& project) {
    if (m_undone.empty()) return false;
    apply_edit(project, m_undone.back());
    m_done.push_back(std::move(m_undone.back()));
    m_undone.pop_back();
    ++m_version;
    return true;
}

const std::string& EditHistory::next_undo() const {
    static const std::string kNone;
    return m_done.empty() ? kNone : m_done.back().description;
}

const std::string& EditHistory::next_redo() const {
    static const std::string kNone;
    return m_undone.empty() ? kNone : m_undone.back().description;
}

void EditHistory::clear() {
    m_done.clear();
    m_undone.clear();
    ++m_version;
}

std::int64_t new_feature_id(const Layer& layer) {
    std::int64_t lowest = 0;
    for (const auto& f : layer.features) lowest = std::min(lowest, f.fid);
    for (const auto& [fid, parts] : layer.edited) lowest = std::min(lowest, fid);  // an added one undone keeps its id
    return lowest - 1;
}

}  // namespace ca::model
