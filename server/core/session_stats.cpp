#include "core/session_stats.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace veche::core {
namespace {

struct region_counts {
    std::size_t participants = 0;
    std::set<std::string> askers;
    std::size_t questions = 0;
};

}  // namespace

nlohmann::json stats_json(const attendance& people, const std::vector<question>& questions) {
    std::map<std::string, region_counts> by_region;  // "" stands for no region
    for (const auto& [id, region] : people.regions()) ++by_region[region].participants;
    std::set<std::string> askers;
    for (const auto& q : questions) {
        auto& counts = by_region[q.author_affiliation.region];
        counts.askers.insert(q.author_id);
        ++counts.questions;
        askers.insert(q.author_id);
    }
    std::vector<std::pair<std::string, region_counts>> sorted(std::make_move_iterator(by_region.begin()),
                                                               std::make_move_iterator(by_region.end()));
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        const auto rank = [](const auto& r) {
            return std::tuple(r.second.participants, r.second.questions, r.second.askers.size(), !r.first.empty());
        };
        return rank(a) > rank(b);  // by_region is in name order already: equals keep it
    });
    auto regions = nlohmann::json::array();
    for (const auto& [region, counts] : sorted)
        regions.push_back({{"region", region.empty() ? nlohmann::json(nullptr) : nlohmann::json(region)},
                           {"participants", counts.participants},
                           {"askers", counts.askers.size()},
                           {"questions", counts.questions}});
    return {{"participants", people.size()},
            {"askers", askers.size()},
            {"questions", questions.size()},
            {"regions", std::move(regions)}};
}

}  // namespace veche::core
