#pragma once

#include "core/event_definition.hpp"

#include <nlohmann/json_fwd.hpp>

namespace veche::config {

// The "event" object: halls and sessions, with every cross-reference checked.
core::event_definition parse_event(const nlohmann::json& value);

// Ids appear in URLs (/hls/{hall}/…, /api/v1/sessions/{id}): 1 to 64 of A-Z a-z 0-9 _ -.
bool is_valid_id(std::string_view id);

}  // namespace veche::config
