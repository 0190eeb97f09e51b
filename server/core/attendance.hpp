#pragma once
// The people who took part in a session and the region each came from
// (contract 7.1): everyone with a participant token who subscribed to it.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace veche::core {

class attendance {
public:
    // A participant subscribed, from this region (empty: none given). True
    // when that is news (a new person, or a new region for them): worth storing.
    bool note(std::string_view participant, std::string_view region);

    std::size_t size() const { return region_of_.size(); }
    // Participant id → region (empty: none).
    const std::unordered_map<std::string, std::string>& regions() const { return region_of_; }

private:
    std::unordered_map<std::string, std::string> region_of_;
};

}  // namespace veche::core
