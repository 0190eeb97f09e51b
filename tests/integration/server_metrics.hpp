#pragma once
// One sample of the server's /metrics, read as an operator's Prometheus would.

#include "support/http_client.hpp"

#include <optional>
#include <sstream>
#include <string>

namespace veche::test {

// The value of the sample named exactly `series` (with its labels, e.g.
// veche_ws_closed_total{code="4408"}), or nothing when it is not there.
inline std::optional<double> metric(std::uint16_t port, const std::string& series) {
    std::istringstream text(http_get(port, "/metrics").body);
    for (std::string line; std::getline(text, line);)
        if (line.size() > series.size() && line.compare(0, series.size(), series) == 0 && line[series.size()] == ' ')
            return std::stod(line.substr(series.size() + 1));
    return std::nullopt;
}

}  // namespace veche::test
