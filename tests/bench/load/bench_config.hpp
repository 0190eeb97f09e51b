#pragma once
// The forum the benchmarks run against: one hall without video (the media
// side has its own benchmark) and one session per scenario. The per-
// connection limits that a benchmark would otherwise trip on purpose are
// raised (README's config table); the send queue bound (1 MiB) and
// everything else keep their defaults, so a client that cannot keep up is
// still closed with 4408, as in production.

#include <nlohmann/json.hpp>
#include <string>

namespace veche::bench {

inline constexpr const char* fanout_session = "fanout";    // pre-moderated: a moderator approves
inline constexpr const char* storm_session = "storm";      // post-moderated: questions are up at once
inline constexpr const char* durable_session = "durable";  // post-moderated
inline constexpr const char* idle_session = "idle";
inline constexpr const char* similar_session = "similar";  // post-moderated: 5,000 questions, `similar` requests

nlohmann::json bench_config(const std::string& data_dir);

}  // namespace veche::bench
