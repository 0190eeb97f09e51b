#pragma once

#include "config/settings.hpp"

#include <nlohmann/json_fwd.hpp>

namespace veche::config {

// The "media" object: segment timing, the slate's watchdog, retries, recording, the ladder's encoder.
media_settings parse_media(const nlohmann::json& value);

}  // namespace veche::config
