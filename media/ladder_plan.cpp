#include "media/ladder_plan.hpp"

#include <algorithm>
#include <cmath>

namespace veche::media {
namespace {

// The width that keeps the source's display shape at `height` lines of square pixels, rounded to an even
// number (4:2:0 chroma needs one).
int width_for(int height, const picture_size& source) {
    const double shape =
        static_cast<double>(source.width) * source.par_n / (static_cast<double>(source.height) * source.par_d);
    return std::max(2, static_cast<int>(std::lround(height * shape / 2.0)) * 2);
}

}  // namespace

std::string ladder_plan::top_name(const std::vector<core::rung_definition>& ladder) const {
    for (std::size_t i = 0; i < roles.size() && i < ladder.size(); ++i)
        if (roles[i] == rung_role::passthrough) return ladder[i].name;
    return {};
}

bool ladder_plan::encodes_any() const {
    return std::find(roles.begin(), roles.end(), rung_role::encoded) != roles.end();
}

ladder_plan plan_ladder(const std::vector<core::rung_definition>& ladder, const picture_size& source) {
    ladder_plan plan;
    plan.source = source;
    for (const auto& rung : ladder) {
        if (rung.height == source.height) {
            plan.roles.push_back(rung_role::passthrough);
            plan.widths.push_back(0);
        } else if (rung.height > source.height || source.width <= 0) {
            plan.roles.push_back(rung_role::skipped);
            plan.widths.push_back(0);
        } else {
            plan.roles.push_back(rung_role::encoded);
            plan.widths.push_back(width_for(rung.height, source));
        }
    }
    return plan;
}

ladder_plan assumed_plan(const std::vector<core::rung_definition>& ladder) {
    if (ladder.empty()) return {};
    const int height = ladder.front().height;
    return plan_ladder(ladder, picture_size{(height * 16 / 9 + 1) / 2 * 2, height, 1, 1});
}

}  // namespace veche::media
