// Class breaks for choropleth maps, shared by the viewer, export and the command line.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace ca::analysis {

enum class ClassMethod { Quantile, EqualInterval, NaturalBreaks, StandardDeviation, Manual };

std::optional<ClassMethod> class_method_from_string(std::string_view name);  // "quantile", "jenks"...

// Class bounds: for k classes, k + 1 ascending numbers from the minimum to the maximum; class i
// holds values v with bounds[i] < v <= bounds[i + 1] (the first class also holds the minimum).
//  - Quantile: bounds at the i/k quantiles, linear interpolation between order statistics
//    (as numpy's percentile and PySAL's mapclassify).
//  - EqualInterval: k equal steps from minimum to maximum.
//  - NaturalBreaks: Jenks (1977) / Fisher (1958), minimising the within-class sum of squares:
//    exact by dynamic programming up to kExactJenksLimit values, above that exact on an evenly
//    spaced sample of the sorted values (the result then is approximate, ~1 % of the range).
//  - StandardDeviation: classes one standard deviation wide, centred on the mean.
//  - Manual: the given inner breaks, with the minimum and maximum added.
// NaN values are ignored. Fewer distinct values than classes give fewer classes.
std::vector<double> class_bounds(std::span<const double> values, ClassMethod method, int classes,
                                 std::span<const double> manual_breaks = {});

inline constexpr std::size_t kExactJenksLimit = 3000;

// The class of a value for bounds from class_bounds(); -1 when outside them or NaN.
int class_of(double value, const std::vector<double>& bounds);

}  // namespace ca::analysis
