#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace veche::media {

// Encodes a slate segment once, at start-up (see slate_pipeline(): `height` lines, 0 for the audio-only rung's
// silence). Blocks for as long as the encode takes (well under a second here), at most `timeout`, and gives up
// within 100 ms once `cancel` is set; returns null, logged, when it fails.
std::shared_ptr<const std::string> encode_slate(std::chrono::seconds duration, const std::atomic<bool>& cancel,
                                                int height = 360,
                                                std::chrono::seconds timeout = std::chrono::seconds(20));

}  // namespace veche::media
