#pragma once

#include "config/settings.hpp"

#include <nlohmann/json_fwd.hpp>

namespace veche::config {

// The "cluster" object (contract 7.7): the NATS servers, this node's id, the stream's replicas.
cluster_settings parse_cluster(const nlohmann::json& value);

}  // namespace veche::config
