#pragma once

#include <cstddef>
#include <cstdint>

namespace veche::core {

// The per-session limits (docs/protocol.md, "Limits and close codes"; the config's "limits").
struct session_limits {
    std::size_t question_chars = 500;
    std::uint32_t asks_per_minute = 5;
    std::uint32_t votes_per_second = 10;
    std::uint32_t votes_burst = 50;
    std::size_t transcript_chars = 2000;
    std::uint32_t reactions_per_second = 5;
    std::uint32_t reactions_burst = 20;
    std::size_t reply_chars = 1000;
    std::uint32_t similar_per_second = 5;
    std::uint32_t similar_burst = 20;
};

}  // namespace veche::core
