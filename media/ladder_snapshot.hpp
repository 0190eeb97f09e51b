#pragma once
// Every rung of one hall as HTTP serves it at one moment: the multivariant
// playlist and each rung's playlist and segments. Immutable once published.

#include "media/hls_snapshot.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace veche::media {

struct ladder_snapshot {
    std::shared_ptr<const std::string> master;  // null until the top has published
    // By rung name: the ladder's rungs that are published now (the top under its ladder name) and "audio".
    std::vector<std::pair<std::string, std::shared_ptr<const hls_snapshot>>> rungs;

    std::shared_ptr<const hls_snapshot> rung(std::string_view name) const {
        for (const auto& [n, snap] : rungs)
            if (n == name) return snap;
        return nullptr;
    }
};

}  // namespace veche::media
