// Saving the whole project into one GeoPackage (see save_as_geopackage.hpp).
#include "core/workspace/save_as_geopackage.hpp"

#include <filesystem>
#include <set>

#include "core/io/table_writer.hpp"

namespace ca::workspace {

void save_as_geopackage(const model::Project& project, ProjectFile description, const std::string& path) {
    const std::string absolute = std::filesystem::absolute(path).string();
    std::vector<io::NamedLayer> layers;
    std::set<std::string> taken{io::kEmbeddedProjectTable};
    for (std::size_t i = 0; i < project.layers.size(); ++i) {
        const model::Layer& layer = project.layers[i];
        std::string name = layer.name.empty() ? "layer" : layer.name;
        for (int n = 2; taken.count(name); ++n) name = layer.name + "_" + std::to_string(n);
        taken.insert(name);
        layers.push_back({name, &layer});
        if (i < description.sources.size()) description.sources[i].spec = absolute + ":" + name;
    }
    // In the GeoPackage everything is UTF-8 and CGCS2000 lon/lat: what was said of the old sources goes.
    description.options.read.encoding = {};
    description.options.read.assume_crs.clear();
    description.options.coords = {};
    io::write_geopackage(path, layers, project_file_text(absolute, description));
}

}  // namespace ca::workspace
