#include "core/attendance.hpp"

namespace veche::core {

bool attendance::note(std::string_view participant, std::string_view region) {
    const auto [it, fresh] = region_of_.try_emplace(std::string(participant), region);
    if (fresh) return true;
    if (it->second == region) return false;
    it->second = region;  // the latest token wins
    return true;
}

}  // namespace veche::core
